/**
 * Azure's own REST examples (../shared/azure-rest-examples/network) load through the ARM adapter and evaluate.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../checks/index.js";
import { fromArm } from "../../src/adapters/arm.js";
import { runRules } from "../../src/engine/run.js";
import { ModelIndex } from "../../src/model/lookups.js";
import { mergeModels, type Model, type SecurityRule, type VirtualMachine } from "../../src/model/types.js";
import { DEFAULT_OUTBOUND_RULES, destination, evaluateOutbound, type ServiceName } from "../../src/network/index.js";
import { build } from "../harness/build.js";
import { sharedPath } from "../harness/shared.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function example(file: string): Json {
  return JSON.parse(readFileSync(sharedPath("azure-rest-examples", "network", file), "utf8"));
}

const nsgBody = example("NetworkSecurityGroupGet.json").responses["200"].body;
const nicBody = example("NetworkInterfaceGet.json").responses["200"].body;
const subnetBody = example("SubnetGet.json").responses["200"].body;
const routeTableBody = example("RouteTableGet.json").responses["200"].body;
const createWithRule = example("NetworkSecurityGroupCreateWithRule.json");

const nic = fromArm(nicBody, "NetworkInterfaceGet.json").nics[0]!;
const vm1: VirtualMachine = build.vm("vm1", { id: nicBody.properties.virtualMachine.id, resourceGroup: "rg1", location: "eastus", nicIds: [nicBody.id] });

describe("Azure REST examples: NSG, NIC, subnet, route table", () => {
  it("the NSG example's default rules are exactly the outbound defaults the evaluator appends", () => {
    const defaults = (nsgBody.properties.defaultSecurityRules as Json[]).filter((r) => r.properties.direction === "Outbound");
    const fromExample = defaults.map((r) => [r.name, r.properties.priority, r.properties.access, r.properties.protocol, [r.properties.sourceAddressPrefix], [r.properties.destinationAddressPrefix], [r.properties.destinationPortRange]]);
    const ours = DEFAULT_OUTBOUND_RULES.map((r: SecurityRule) => [r.name, r.priority, r.access, r.protocol, r.sourceAddressPrefixes, r.destinationAddressPrefixes, r.destinationPortRanges]);
    expect(fromExample).toEqual(ours);
  });

  it("the NIC example alone: the NIC's NSG and subnet are not in the model, so the verdict is unknown with the question", () => {
    const r = evaluateOutbound(vm1, destination("AzureBackup"), new ModelIndex(build.model(vm1, nic)));
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/NSG nsg \(on NIC test-nic\) is not in the model|subnet default is not in the model/);
  });

  // The examples come from different resource groups; the NSG and subnet examples are given the ids the NIC example
  // points at (one change each) so that the four resources form one path.
  const nsg = fromArm({ ...nsgBody, name: "nsg", id: nicBody.properties.networkSecurityGroup.id }, "NetworkSecurityGroupGet.json").nsgs[0]!;
  const subnetId = nicBody.properties.ipConfigurations[0].properties.subnet.id;
  const subnet = fromArm({ ...subnetBody, name: "default", id: subnetId, properties: { ...subnetBody.properties, addressPrefix: "172.20.2.0/24", routeTable: { id: routeTableBody.id } } }, "SubnetGet.json").subnets[0]!;
  const routeTable = fromArm(routeTableBody, "RouteTableGet.json").routeTables[0]!;
  const model = build.model(vm1, nic, nsg, subnet, routeTable);

  it.each(["AzureBackup", "Storage", "AzureActiveDirectory"] as ServiceName[])("assembled into one path, %s is allowed by the default AllowInternetOutBound of the NIC's NSG", (service) => {
    const r = evaluateOutbound(vm1, destination(service), new ModelIndex(model));
    expect(r).toMatchObject({ verdict: "allow", nic: "test-nic", subnet: "default", decidingRule: { nsg: "nsg", rule: "AllowInternetOutBound", priority: 65001, level: "nic", isDefault: true } });
    // The example route (10.0.3.0/24 → gateway) does not cover a public service: the system route carries it.
    expect(r.trace.at(-1)).toMatchObject({ step: "route", verdict: "allow" });
  });

  it("the NSG create request's rule (inbound 80) does not touch outbound backup traffic", () => {
    const request = createWithRule.parameters.parameters;
    const created = fromArm({ name: "nsg", id: nsg.ref.id, type: "Microsoft.Network/networkSecurityGroups", location: request.location, properties: request.properties }, "NetworkSecurityGroupCreateWithRule.json").nsgs[0]!;
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

describe("every Azure REST example in ../shared", () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith(".json") ? [join(dir, f)] : []));
  }
  const root = sharedPath("azure-rest-examples");
  const models: Model[] = [];
  for (const file of files(root)) {
    const ex = JSON.parse(readFileSync(file, "utf8")) as Json;
    const body = ex.responses?.["200"]?.body ?? ex.responses?.["201"]?.body;
    if (body === undefined) continue;
    try {
      models.push(fromArm(body, relative(root, file)));
    } catch {
      // Not an ARM resource document (the adapter's own tests cover which ones it refuses).
    }
  }

  it("load together, and the network rules give them no failure", () => {
    const estate = mergeModels(...models);
    expect(estate.nsgs.length + estate.nics.length + estate.subnets.length + estate.routeTables.length).toBeGreaterThanOrEqual(5);
    const report = runRules(estate, rules.filter((r) => r.area === "network"), { now: new Date("2026-11-21T00:00:00Z") });
    expect(report.findings.filter((f) => f.status === "fail").map((f) => f.message)).toEqual([]);
  });
});
