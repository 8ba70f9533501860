/**
 * Azure's own REST examples (../shared/azure-rest-examples/network) load into the model and evaluate.
 * The ARM adapter is another helper's work; until it is in main, the bodies are mapped here, field by field,
 * the way the model documents them (prefix and prefixes merged, default rules flagged).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rules } from "../../checks/index.js";
import { runRules } from "../../src/engine/run.js";
import { ModelIndex } from "../../src/model/lookups.js";
import type { NetworkInterface, NetworkSecurityGroup, RouteTable, SecurityRule, Subnet, VirtualMachine } from "../../src/model/types.js";
import { DEFAULT_OUTBOUND_RULES, destination, evaluateOutbound, type ServiceName } from "../../src/network/index.js";
import { build, ref } from "../harness/build.js";
import { sharedPath } from "../harness/shared.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function example(file: string): Json {
  return JSON.parse(readFileSync(sharedPath("azure-rest-examples", "network", file), "utf8"));
}

const merged = (p: Json, one: string, many: string): string[] => [...(p[one] !== undefined ? [p[one]] : []), ...(p[many] ?? [])];
const armSource = (file: string) => ({ adapter: "arm" as const, file });

function ruleFromArm(r: Json, isDefault = false): SecurityRule {
  const p = r.properties;
  const rule: SecurityRule = {
    name: r.name,
    priority: p.priority,
    direction: p.direction,
    access: p.access,
    protocol: p.protocol,
    sourceAddressPrefixes: merged(p, "sourceAddressPrefix", "sourceAddressPrefixes"),
    destinationAddressPrefixes: merged(p, "destinationAddressPrefix", "destinationAddressPrefixes"),
    sourcePortRanges: merged(p, "sourcePortRange", "sourcePortRanges"),
    destinationPortRanges: merged(p, "destinationPortRange", "destinationPortRanges"),
    sourceApplicationSecurityGroupIds: (p.sourceApplicationSecurityGroups ?? []).map((a: Json) => a.id),
    destinationApplicationSecurityGroupIds: (p.destinationApplicationSecurityGroups ?? []).map((a: Json) => a.id),
  };
  if (isDefault) rule.isDefault = true;
  return rule;
}

function nsgFromArm(body: Json, file: string): NetworkSecurityGroup {
  const p = body.properties;
  return {
    ref: { ...ref("nsg", body.name, body.type, body.id), source: armSource(file) },
    nsgName: body.name,
    resourceGroup: body.id.split("/")[4],
    location: body.location,
    securityRules: [...(p.securityRules ?? []).map((r: Json) => ruleFromArm(r)), ...(p.defaultSecurityRules ?? []).map((r: Json) => ruleFromArm(r, true))],
    subnetIds: (p.subnets ?? []).map((s: Json) => s.id),
    nicIds: (p.networkInterfaces ?? []).map((n: Json) => n.id),
  };
}

function nicFromArm(body: Json, file: string): NetworkInterface {
  const p = body.properties;
  return {
    ref: { ...ref("nic", body.name, body.type, body.id), source: armSource(file) },
    nicName: body.name,
    location: body.location,
    nsgId: p.networkSecurityGroup?.id,
    ipConfigurations: p.ipConfigurations.map((c: Json) => ({
      name: c.name,
      subnetId: c.properties.subnet?.id,
      privateIpAddress: c.properties.privateIPAddress,
      applicationSecurityGroupIds: (c.properties.applicationSecurityGroups ?? []).map((a: Json) => a.id),
    })),
    vmId: p.virtualMachine?.id,
    primary: p.primary,
  };
}

function subnetFromArm(body: Json, file: string): Subnet {
  const p = body.properties;
  const id: string = body.id;
  return {
    ref: { ...ref("subnet", body.name, "Microsoft.Network/virtualNetworks/subnets", id), source: armSource(file) },
    subnetName: body.name,
    vnetName: id.split("/")[8],
    resourceGroup: id.split("/")[4],
    addressPrefixes: merged(p, "addressPrefix", "addressPrefixes"),
    nsgId: p.networkSecurityGroup?.id,
    routeTableId: p.routeTable?.id,
    serviceEndpoints: (p.serviceEndpoints ?? []).map((s: Json) => s.service),
  };
}

function routeTableFromArm(body: Json, file: string): RouteTable {
  return {
    ref: { ...ref("routeTable", body.name, body.type, body.id), source: armSource(file) },
    routeTableName: body.name,
    routes: body.properties.routes.map((r: Json) => ({ name: r.name, addressPrefix: r.properties.addressPrefix, nextHopType: r.properties.nextHopType, nextHopIpAddress: r.properties.nextHopIpAddress })),
    subnetIds: (body.properties.subnets ?? []).map((s: Json) => s.id),
  };
}

const nsgBody = example("NetworkSecurityGroupGet.json").responses["200"].body;
const nicBody = example("NetworkInterfaceGet.json").responses["200"].body;
const subnetBody = example("SubnetGet.json").responses["200"].body;
const routeTableBody = example("RouteTableGet.json").responses["200"].body;
const createWithRule = example("NetworkSecurityGroupCreateWithRule.json");

const nic = nicFromArm(nicBody, "NetworkInterfaceGet.json");
const vm1: VirtualMachine = build.vm("vm1", { id: nicBody.properties.virtualMachine.id, resourceGroup: "rg1", location: "eastus", nicIds: [nicBody.id] });

describe("Azure REST examples: NSG, NIC, subnet, route table", () => {
  it("the NSG example's default rules are exactly the outbound defaults the evaluator appends", () => {
    const nsg = nsgFromArm(nsgBody, "NetworkSecurityGroupGet.json");
    const defaults = (nsg.securityRules as SecurityRule[]).filter((r) => r.isDefault && r.direction === "Outbound");
    const shape = (r: SecurityRule) => [r.name, r.priority, r.access, r.protocol, r.sourceAddressPrefixes, r.destinationAddressPrefixes, r.destinationPortRanges];
    expect(defaults.map(shape)).toEqual(DEFAULT_OUTBOUND_RULES.map(shape));
  });

  it("the NIC example alone: the NIC's NSG and subnet are not in the model, so the verdict is unknown with the question", () => {
    const r = evaluateOutbound(vm1, destination("AzureBackup"), new ModelIndex(build.model(vm1, nic)));
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/NSG nsg \(on NIC test-nic\) is not in the model|subnet default is not in the model/);
  });

  // The examples come from different resource groups; the NSG and subnet examples are given the ids the NIC example
  // points at (one change each) so that the four resources form one path.
  const nsg = nsgFromArm({ ...nsgBody, name: "nsg", id: nicBody.properties.networkSecurityGroup.id }, "NetworkSecurityGroupGet.json");
  const subnet = subnetFromArm({ ...subnetBody, name: "default", id: nicBody.properties.ipConfigurations[0].properties.subnet.id, properties: { ...subnetBody.properties, addressPrefix: "172.20.2.0/24", routeTable: { id: routeTableBody.id } } }, "SubnetGet.json");
  const routeTable = routeTableFromArm(routeTableBody, "RouteTableGet.json");
  const model = build.model(vm1, nic, nsg, subnet, routeTable);

  it.each(["AzureBackup", "Storage", "AzureActiveDirectory"] as ServiceName[])("assembled into one path, %s is allowed by the default AllowInternetOutBound of the NIC's NSG", (service) => {
    const r = evaluateOutbound(vm1, destination(service), new ModelIndex(model));
    expect(r).toMatchObject({ verdict: "allow", nic: "test-nic", subnet: "default", decidingRule: { nsg: "nsg", rule: "AllowInternetOutBound", priority: 65001, level: "nic", isDefault: true } });
    // The example route (10.0.3.0/24 → gateway) does not cover a public service: the system route carries it.
    expect(r.trace.at(-1)).toMatchObject({ step: "route", verdict: "allow" });
  });

  it("the NSG create request's rule (inbound 80) does not touch outbound backup traffic", () => {
    const request = createWithRule.parameters.parameters;
    const created = nsgFromArm({ name: "nsg", id: nsg.ref.id, type: "Microsoft.Network/networkSecurityGroups", location: request.location, properties: request.properties }, "NetworkSecurityGroupCreateWithRule.json");
    expect(created.securityRules).toHaveLength(1);
    const m = build.model(vm1, nic, created, subnet, routeTable);
    expect(evaluateOutbound(vm1, destination("AzureBackup"), new ModelIndex(m)).verdict).toBe("allow");
  });

  it("every network rule runs on the assembled examples with a SQL database protected on vm1, without a false finding", () => {
    const item = build.sqlItem("vm1", "sales", { sourceResourceId: vm1.ref.id, containerName: "VMAppContainer;Compute;rg1;vm1" });
    const vault = build.vault({ publicNetworkAccess: "Enabled", privateEndpointConnections: [] });
    const report = runRules(build.model(vault, item, vm1, nic, nsg, subnet, routeTable), rules.filter((r) => r.area === "network"), { now: new Date("2026-11-21T00:00:00Z") });
    expect(report.findings.filter((f) => f.status !== "suppressed")).toEqual([]);
    expect(report.passes.map((p) => `${p.ruleId} ${p.resource.name}`).sort()).toEqual(["NET-001 vm1", "NET-003 nsg"]);
  });
});
