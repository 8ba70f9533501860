/**
 * The connectivity evaluator's semantics, one golden case per behaviour: "golden + one change".
 * Golden: sqlvm01 (eastus) → sqlvm01-nic (10.0.1.4) → snet-sql (10.0.1.0/24) with NSG nsg-sql, which allows
 * TCP 443 to AzureBackup / Storage / AzureActiveDirectory (100-120) and denies the Internet at 4000.
 */
import { describe, expect, it } from "vitest";
import { ModelIndex } from "../../src/model/lookups.js";
import type { Firewall, Model, NetworkSecurityGroup, SecurityRule } from "../../src/model/types.js";
import { UNKNOWN } from "../../src/model/unknown.js";
import { destination, evaluateOutbound, ServiceTagCatalogue, type ServiceName } from "../../src/network/index.js";
import { build, ids } from "../harness/build.js";

const rule = (o: Partial<SecurityRule>) => build.securityRule(o);
const denyInternet = rule({ name: "deny-internet", priority: 4000, access: "Deny", protocol: "*", destinationAddressPrefixes: ["Internet"], destinationPortRanges: ["*"] });

function model(...extra: { ref: { kind: string } }[]): Model {
  return build.model(build.vm(), build.nic(), build.subnet(), build.nsg(), ...(extra as Parameters<typeof build.model>));
}

/** Replaces entities of the golden model by kind+name. */
function withEntities(...replacements: Parameters<typeof build.model>): Model {
  const golden = [build.vm(), build.nic(), build.subnet(), build.nsg()];
  const kept = golden.filter((g) => !replacements.some((r) => r.ref.kind === g.ref.kind && r.ref.name === g.ref.name));
  return build.model(...kept, ...replacements);
}

function nsgWith(rules: SecurityRule[], name = "nsg-sql"): NetworkSecurityGroup {
  return build.nsg(name, { securityRules: rules });
}

function evaluate(m: Model, service: ServiceName = "AzureBackup", tags?: ServiceTagCatalogue, pe?: { name: string; subnetId?: string }) {
  const index = new ModelIndex(m);
  return evaluateOutbound(m.vms[0]!, destination(service, pe), index, tags);
}

const tags = new ServiceTagCatalogue({
  values: [
    { name: "AzureBackup", properties: { addressPrefixes: ["20.10.0.0/16", "20.20.0.0/16", "2603:1000::/40"] } },
    { name: "AzureBackup.EastUS", properties: { addressPrefixes: ["20.10.0.0/16"], region: "eastus" } },
    { name: "Storage", properties: { addressPrefixes: ["52.0.0.0/16", "52.1.0.0/16"] } },
    { name: "Storage.EastUS", properties: { addressPrefixes: ["52.0.0.0/16"], region: "eastus" } },
    { name: "AzureActiveDirectory", properties: { addressPrefixes: ["40.126.0.0/18"] } },
    { name: "AzureCloud", properties: { addressPrefixes: ["20.0.0.0/8", "52.0.0.0/8"] } },
  ],
});

describe("golden path", () => {
  it.each(["AzureBackup", "Storage", "AzureActiveDirectory"] as const)("allows TCP 443 to %s and names the allowing rule", (service) => {
    const r = evaluate(model(), service);
    expect(r.verdict).toBe("allow");
    expect(r.decidingRule).toMatchObject({ nsg: "nsg-sql", level: "subnet", isDefault: false, access: "Allow" });
    expect(r.nic).toBe("sqlvm01-nic");
    expect(r.subnet).toBe("snet-sql");
  });

  it("a subnet without NSG and route table imposes nothing", () => {
    const r = evaluate(withEntities(build.subnet("snet-sql", { nsgId: undefined })));
    expect(r.verdict).toBe("allow");
    expect(r.decidingRule).toBeUndefined();
  });
});

describe("priority order: first match wins", () => {
  it("a deny before the allow decides, as IP flow verify reports it, with a fix that wins", () => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "allow-azurebackup-443", priority: 300 }), denyInternet, rule({ name: "deny-all-out", priority: 200, access: "Deny", protocol: "*", destinationAddressPrefixes: ["*"], destinationPortRanges: ["*"] })])));
    expect(r.verdict).toBe("deny");
    expect(r.decidedBy).toBe("nsg");
    expect(r.decidingRule).toEqual({ nsg: "nsg-sql", nsgId: ids.nsg("nsg-sql"), rule: "deny-all-out", priority: 200, level: "subnet", isDefault: false, access: "Deny" });
    expect(r.fix).toMatchObject({ nsg: "nsg-sql", priority: 190, below: 200, destinationAddressPrefix: "AzureBackup", protocol: "Tcp", destinationPortRange: "443" });
  });

  it("an allow before a deny decides", () => {
    expect(evaluate(model()).verdict).toBe("allow");
  });

  it("the fix takes a free priority below the deny", () => {
    const taken = [3990, 3980].map((p) => rule({ name: `r${p}`, priority: p, destinationAddressPrefixes: ["AzureMonitor"] }));
    const r = evaluate(withEntities(nsgWith([...taken, denyInternet])));
    expect(r.decidingRule).toMatchObject({ rule: "deny-internet", priority: 4000 });
    expect(r.fix?.priority).toBe(3970);
  });

  it("no free priority below the deny: the fix says to renumber", () => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "deny-first", priority: 100, access: "Deny", destinationAddressPrefixes: ["*"] })])));
    expect(r.verdict).toBe("deny");
    expect(r.fix?.priority).toBeUndefined();
  });
});

describe("priority ties are impossible in Azure", () => {
  it("two outbound rules with one priority and different access give unknown, naming the conflict", () => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "allow-ab", priority: 150 }), rule({ name: "deny-ab", priority: 150, access: "Deny" }), denyInternet])));
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/SecurityRuleConflict/);
  });

  it("an inbound rule may share an outbound rule's priority", () => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "allow-ab", priority: 150 }), rule({ name: "deny-in", priority: 150, access: "Deny", direction: "Inbound" }), denyInternet])));
    expect(r.verdict).toBe("allow");
  });
});

describe("both levels: NIC NSG first, then subnet NSG; both must allow", () => {
  const allowAll = nsgWith([rule({ name: "allow-all-out", priority: 100, protocol: "*", destinationAddressPrefixes: ["*"], destinationPortRanges: ["*"] })], "nsg-nic");
  const denyAll = nsgWith([rule({ name: "deny-all-out", priority: 100, access: "Deny", protocol: "*", destinationAddressPrefixes: ["*"], destinationPortRanges: ["*"] })], "nsg-nic");

  it("NIC allows, subnet denies: denied at the subnet", () => {
    const r = evaluate(withEntities(build.nic("sqlvm01-nic", { nsgId: ids.nsg("nsg-nic") }), allowAll, nsgWith([denyInternet])));
    expect(r.verdict).toBe("deny");
    expect(r.decidingRule).toMatchObject({ nsg: "nsg-sql", level: "subnet", rule: "deny-internet" });
  });

  it("NIC denies, subnet allows: denied at the NIC", () => {
    const r = evaluate(withEntities(build.nic("sqlvm01-nic", { nsgId: ids.nsg("nsg-nic") }), denyAll));
    expect(r.verdict).toBe("deny");
    expect(r.decidingRule).toMatchObject({ nsg: "nsg-nic", level: "nic", rule: "deny-all-out" });
  });

  it("both deny: denied at the NIC, and each NSG gets its fix", () => {
    const r = evaluate(withEntities(build.nic("sqlvm01-nic", { nsgId: ids.nsg("nsg-nic") }), denyAll, nsgWith([denyInternet])));
    expect(r.decidingRule).toMatchObject({ nsg: "nsg-nic", level: "nic" });
    expect(r.fixes?.map((f) => [f.nsg, f.level, f.priority])).toEqual([["nsg-nic", "nic", undefined], ["nsg-sql", "subnet", 3990]]);
    expect(r.trace.filter((t) => t.verdict === "deny").map((t) => t.name)).toEqual(["nsg-nic", "nsg-sql"]);
  });

  it("an NSG association declared on the NSG side counts", () => {
    const nsg = build.nsg("nsg-nic", { securityRules: denyAll.securityRules, nicIds: [ids.nic("sqlvm01-nic")] });
    const r = evaluate(withEntities(nsg));
    expect(r.decidingRule).toMatchObject({ nsg: "nsg-nic", level: "nic" });
  });
});

describe("default rules", () => {
  it("AllowInternetOutBound (65001) allows a public service when no custom rule matches", () => {
    const r = evaluate(withEntities(nsgWith([])));
    expect(r.verdict).toBe("allow");
    expect(r.decidingRule).toMatchObject({ rule: "AllowInternetOutBound", priority: 65001, isDefault: true });
  });

  it("AllowVnetOutBound (65000) allows a private endpoint", () => {
    const r = evaluate(withEntities(nsgWith([denyInternet])), "AzureBackup", undefined, { name: "pe-rsv-prod", subnetId: ids.subnet("snet-pe") });
    expect(r.verdict).toBe("allow");
    expect(r.decidingRule).toMatchObject({ rule: "AllowVnetOutBound", priority: 65000, isDefault: true });
  });

  it("DenyAllOutBound (65500) denies what neither VirtualNetwork nor Internet contains", () => {
    const denyVnet = rule({ name: "deny-vnet", priority: 4000, access: "Deny", protocol: "*", destinationAddressPrefixes: ["VirtualNetwork"], destinationPortRanges: ["*"] });
    const r = evaluate(withEntities(nsgWith([denyVnet])), "AzureBackup", undefined, { name: "pe-rsv-prod" });
    expect(r.verdict).toBe("deny");
    expect(r.decidingRule).toMatchObject({ rule: "deny-vnet" });
  });
});

describe("protocols, ports, prefix lists", () => {
  it.each([
    ["Udp", "443", "deny"],
    ["*", "443", "allow"],
    ["Tcp", "400-500", "allow"],
    ["Tcp", "8443", "deny"],
  ] as const)("protocol %s, port %s → %s", (protocol, port, verdict) => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "allow-ab", priority: 100, protocol, destinationPortRanges: [port] }), denyInternet])));
    expect(r.verdict).toBe(verdict);
  });

  it("a port list and a prefix list match when one entry does", () => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "allow-list", priority: 100, destinationPortRanges: ["80", "443"], destinationAddressPrefixes: ["Sql", "AzureBackup"] }), denyInternet])));
    expect(r).toMatchObject({ verdict: "allow", decidingRule: { rule: "allow-list" } });
  });

  it("a rule limited to non-ephemeral source ports does not match the VM's client connections", () => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "allow-ab", priority: 100, sourcePortRanges: ["443"] }), denyInternet])));
    expect(r.verdict).toBe("deny");
  });
});

describe("application security groups", () => {
  const asg = `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/asg-sql`;
  const asgRule = rule({ name: "allow-asg", priority: 100, sourceAddressPrefixes: [], sourceApplicationSecurityGroupIds: [asg] });

  it("a source ASG the NIC belongs to matches", () => {
    const nic = build.nic("sqlvm01-nic", { ipConfigurations: [{ name: "ipconfig1", subnetId: ids.subnet("snet-sql"), privateIpAddress: "10.0.1.4", applicationSecurityGroupIds: [asg.toUpperCase()] }] });
    expect(evaluate(withEntities(nic, nsgWith([asgRule, denyInternet]))).verdict).toBe("allow");
  });

  it("a source ASG the NIC is not in does not match", () => {
    expect(evaluate(withEntities(nsgWith([asgRule, denyInternet]))).verdict).toBe("deny");
  });

  it("a destination ASG never contains a public service", () => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "deny-asg", priority: 100, access: "Deny", destinationAddressPrefixes: [], destinationApplicationSecurityGroupIds: [asg] })])));
    expect(r.verdict).toBe("allow");
  });
});

describe("service tag containment", () => {
  it.each([
    ["AzureBackup.EastUS", "AzureBackup", "allow"],
    ["AzureBackup.WestUS", "AzureBackup", "deny"],
    ["AzureCloud", "AzureBackup", "allow"],
    ["AzureCloud.eastus", "Storage", "allow"],
    ["AzureCloud.westeurope", "Storage", "deny"],
    ["Storage.EastUS", "Storage", "allow"],
    ["Internet", "AzureActiveDirectory", "allow"],
    ["*", "AzureActiveDirectory", "allow"],
    ["AzureMonitor", "AzureBackup", "deny"],
    ["10.0.0.0/8", "AzureBackup", "deny"],
  ] as const)("an allow for %s, then deny-internet: %s is %s", (prefix, service, verdict) => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "allow-x", priority: 100, destinationAddressPrefixes: [prefix] }), denyInternet])), service);
    expect(r.verdict).toBe(verdict);
  });

  it("AzureCloud and Entra ID: undecided without the Service Tags file", () => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "allow-cloud", priority: 100, destinationAddressPrefixes: ["AzureCloud"] }), denyInternet])), "AzureActiveDirectory");
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/allow-cloud.*AzureCloud/);
  });

  it("a regional tag needs the VM's region", () => {
    const vm = build.vm("sqlvm01", { location: UNKNOWN });
    const r = evaluate(withEntities(vm, nsgWith([rule({ name: "allow-ab-eus", priority: 100, destinationAddressPrefixes: ["AzureBackup.EastUS"] }), denyInternet])));
    expect(r.verdict).toBe("unknown");
  });
});

describe("explicit CIDRs and the Service Tags file", () => {
  const cidrRule = (cidr: string, access: "Allow" | "Deny" = "Allow") => rule({ name: `r-${cidr}`, priority: 100, access, destinationAddressPrefixes: [cidr] });

  it("without the file an explicit public CIDR is unknown, and the question says how to decide", () => {
    const r = evaluate(withEntities(nsgWith([cidrRule("20.10.0.0/16"), denyInternet])));
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/20\.10\.0\.0\/16.*--service-tags/);
  });

  it("with the file, a CIDR covering the region's AzureBackup addresses allows", () => {
    expect(evaluate(withEntities(nsgWith([cidrRule("20.10.0.0/15"), denyInternet])), "AzureBackup", tags).verdict).toBe("allow");
  });

  it("with the file, a CIDR covering part of them leaves the rest to deny-internet: denied", () => {
    const r = evaluate(withEntities(nsgWith([cidrRule("20.10.0.0/17"), denyInternet])), "AzureBackup", tags);
    expect(r).toMatchObject({ verdict: "deny", decidingRule: { rule: "deny-internet" } });
  });

  it("with the file, a deny of part of the addresses denies", () => {
    const r = evaluate(withEntities(nsgWith([cidrRule("20.10.128.0/17", "Deny")])), "AzureBackup", tags);
    expect(r).toMatchObject({ verdict: "deny", decidingRule: { rule: "r-20.10.128.0/17" } });
  });

  it("with the file, another region's addresses do not matter", () => {
    expect(evaluate(withEntities(nsgWith([cidrRule("20.20.0.0/16", "Deny")])), "AzureBackup", tags).verdict).toBe("allow");
  });

  it("with the file, AzureCloud is decided for Entra ID by its prefixes", () => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "allow-cloud", priority: 100, destinationAddressPrefixes: ["AzureCloud"] }), denyInternet])), "AzureActiveDirectory", tags);
    expect(r).toMatchObject({ verdict: "deny", decidingRule: { rule: "deny-internet" } });
  });

  it("an unknown-but-matching deny before a certain deny keeps the verdict certain", () => {
    const r = evaluate(withEntities(nsgWith([cidrRule("52.0.0.0/8", "Deny"), denyInternet])));
    expect(r).toMatchObject({ verdict: "deny", decidingRule: { rule: "deny-internet" } });
    expect(r.fix?.below).toBe(100);
  });
});

describe("forced tunnelling", () => {
  const rt = (nextHopType: string, nextHopIpAddress?: string) =>
    build.routeTable("rt-sql", { routes: [{ name: "default-via-hub", addressPrefix: "0.0.0.0/0", nextHopType, nextHopIpAddress }] });
  const subnet = build.subnet("snet-sql", { routeTableId: ids.routeTable("rt-sql") });
  const fw = (o: Partial<Firewall>) => build.firewall("afw-hub", o);
  const appRule = (name: string, o: { fqdnTags?: string[]; targetFqdns?: string[]; action?: string; priority?: number }) => ({
    collection: `col-${name}`,
    priority: o.priority ?? 200,
    action: o.action ?? "Allow",
    name,
    fqdnTags: o.fqdnTags ?? [],
    targetFqdns: o.targetFqdns ?? [],
    protocols: [{ protocolType: "Https", port: 443 }],
    sourceAddresses: ["10.0.0.0/16"],
  });

  it("to an appliance that is not in the model: unknown, with the exact question", () => {
    const r = evaluate(withEntities(subnet, rt("VirtualAppliance", "10.0.0.4")));
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/default-via-hub.*0\.0\.0\.0\/0.*virtual appliance 10\.0\.0\.4.*\*\.backup\.windowsazure\.com/);
    expect(r.route).toMatchObject({ routeTable: "rt-sql", route: "default-via-hub", nextHopType: "VirtualAppliance" });
  });

  it("to a gateway: unknown, asking about the on-premises egress", () => {
    expect(evaluate(withEntities(subnet, rt("VirtualNetworkGateway"))).question).toMatch(/on-premises/);
  });

  it("to next hop None: denied by the route", () => {
    const r = evaluate(withEntities(subnet, rt("None")));
    expect(r).toMatchObject({ verdict: "deny", decidedBy: "route", route: { route: "default-via-hub" } });
  });

  it("an Azure Firewall with the AzureBackup FQDN tag allows Azure Backup", () => {
    const r = evaluate(withEntities(subnet, rt("VirtualAppliance", "10.0.0.4"), fw({ applicationRules: [appRule("backup", { fqdnTags: ["AzureBackup"] })] })));
    expect(r).toMatchObject({ verdict: "allow", firewallRule: { firewall: "afw-hub", rule: "backup", kind: "application" } });
  });

  it("the AzureBackup FQDN tag does not cover Storage: the firewall's default deny decides", () => {
    const r = evaluate(withEntities(subnet, rt("VirtualAppliance", "10.0.0.4"), fw({ applicationRules: [appRule("backup", { fqdnTags: ["AzureBackup"] })] })), "Storage");
    expect(r).toMatchObject({ verdict: "deny", decidedBy: "firewall", firewallRule: { kind: "default", fqdn: "*.blob.core.windows.net" } });
  });

  it("Storage FQDNs (wildcards) allow Storage; a missing queue FQDN denies", () => {
    const both = fw({ applicationRules: [appRule("storage", { targetFqdns: ["*.blob.core.windows.net", "*.queue.core.windows.net"] })] });
    expect(evaluate(withEntities(subnet, rt("VirtualAppliance", "10.0.0.4"), both), "Storage").verdict).toBe("allow");
    const blobOnly = fw({ applicationRules: [appRule("storage", { targetFqdns: ["*.blob.core.windows.net"] })] });
    expect(evaluate(withEntities(subnet, rt("VirtualAppliance", "10.0.0.4"), blobOnly), "Storage")).toMatchObject({ verdict: "deny", firewallRule: { fqdn: "*.queue.core.windows.net" } });
  });

  it("network rules come before application rules whatever their priorities", () => {
    const f = fw({
      applicationRules: [appRule("backup", { fqdnTags: ["AzureBackup"], priority: 100 })],
      networkRules: [{ collection: "net-deny", priority: 4000, action: "Deny", name: "deny-internet", protocols: ["Any"], destinationAddresses: ["*"], destinationPorts: ["*"], destinationFqdns: [], sourceAddresses: ["*"] }],
    });
    const r = evaluate(withEntities(subnet, rt("VirtualAppliance", "10.0.0.4"), f));
    expect(r).toMatchObject({ verdict: "deny", firewallRule: { kind: "network", rule: "deny-internet", collection: "net-deny" } });
  });

  it("a network rule with a service tag allows", () => {
    const f = fw({ networkRules: [{ collection: "net", priority: 100, action: "Allow", name: "entra", protocols: ["TCP"], destinationAddresses: ["AzureActiveDirectory"], destinationPorts: ["443"], destinationFqdns: [], sourceAddresses: ["*"] }] });
    expect(evaluate(withEntities(subnet, rt("VirtualAppliance", "10.0.0.4"), f), "AzureActiveDirectory").verdict).toBe("allow");
  });

  it("a firewall whose rules live in a firewall policy outside the model: unknown", () => {
    const f = fw({ firewallPolicyId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/firewallPolicies/fwp" });
    expect(evaluate(withEntities(subnet, rt("VirtualAppliance", "10.0.0.4"), f)).question).toMatch(/firewall policy/);
  });

  it("an allowing NSG is not enough: the NSG allows, the firewall denies", () => {
    const r = evaluate(withEntities(subnet, rt("VirtualAppliance", "10.0.0.4"), fw({})));
    expect(r.trace.map((t) => t.verdict)).toEqual(["none", "allow", "deny"]);
    expect(r.verdict).toBe("deny");
  });

  it("a Microsoft.Storage service endpoint takes Storage around the tunnel", () => {
    const s = build.subnet("snet-sql", { routeTableId: ids.routeTable("rt-sql"), serviceEndpoints: ["Microsoft.Storage"] });
    expect(evaluate(withEntities(s, rt("None")), "Storage").verdict).toBe("allow");
  });

  it("a 0.0.0.0/0 route puts every address in the VirtualNetwork tag: a deny on VirtualNetwork then blocks Azure Backup", () => {
    const denyVnet = rule({ name: "deny-vnet-out", priority: 3000, access: "Deny", protocol: "*", destinationAddressPrefixes: ["VirtualNetwork"], destinationPortRanges: ["*"] });
    const r = evaluate(withEntities(subnet, rt("VirtualAppliance", "10.0.0.4"), nsgWith([denyVnet])));
    expect(r).toMatchObject({ verdict: "deny", decidingRule: { rule: "deny-vnet-out" } });
  });
});

describe("values unknown before deployment and missing pieces", () => {
  it("an NSG id computed at preview gives unknown, never a verdict", () => {
    const r = evaluate(withEntities(build.subnet("snet-sql", { nsgId: UNKNOWN })));
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/computed at deployment/);
  });

  it("an allow whose priority is unknown may come before the deny: unknown", () => {
    expect(evaluate(withEntities(nsgWith([rule({ name: "allow-ab", priority: UNKNOWN }), denyInternet]))).verdict).toBe("unknown");
  });

  it("a deny whose destination is unknown, before the allow: unknown", () => {
    const r = evaluate(withEntities(nsgWith([rule({ name: "deny-x", priority: 50, access: "Deny", destinationAddressPrefixes: UNKNOWN }), ...(build.nsg().securityRules as SecurityRule[])])));
    expect(r.verdict).toBe("unknown");
  });

  it("a NIC that is not in the model: unknown with the question", () => {
    const m = build.model(build.vm(), build.subnet(), build.nsg());
    expect(evaluate(m).question).toMatch(/NIC sqlvm01-nic of VM sqlvm01 is not in the model/);
  });

  it("a subnet that is not in the model: unknown", () => {
    const m = build.model(build.vm(), build.nic(), build.nsg());
    expect(evaluate(m).question).toMatch(/subnet snet-sql is not in the model/);
  });

  it("several NICs with different verdicts and no primary: unknown; the primary one decides", () => {
    const vm = build.vm("sqlvm01", { nicIds: [ids.nic("sqlvm01-nic"), ids.nic("sqlvm01-nic2")] });
    const nic2 = build.nic("sqlvm01-nic2", { nsgId: ids.nsg("nsg-deny") });
    const deny = nsgWith([rule({ name: "deny-all", priority: 100, access: "Deny", destinationAddressPrefixes: ["*"] })], "nsg-deny");
    expect(evaluate(withEntities(vm, nic2, deny)).verdict).toBe("unknown");
    expect(evaluate(withEntities(vm, nic2, deny, build.nic("sqlvm01-nic", { primary: true }))).verdict).toBe("allow");
  });
});

describe("memoisation", () => {
  it("one NSG shared by VMs whose addresses differ gives each its own answer", () => {
    const onlyVm1 = rule({ name: "allow-vm1", priority: 100, sourceAddressPrefixes: ["10.0.1.4/32"] });
    const nsg = nsgWith([onlyVm1, denyInternet]);
    const vm2 = build.vm("sqlvm02");
    const nic2 = build.nic("sqlvm02-nic", { ipConfigurations: [{ name: "ipconfig1", subnetId: ids.subnet("snet-sql"), privateIpAddress: "10.0.1.5", applicationSecurityGroupIds: [] }] });
    const m = build.model(build.vm(), build.nic(), vm2, nic2, build.subnet(), nsg);
    const index = new ModelIndex(m);
    expect(evaluateOutbound(m.vms[0]!, destination("AzureBackup"), index).verdict).toBe("allow");
    expect(evaluateOutbound(m.vms[1]!, destination("AzureBackup"), index).verdict).toBe("deny");
  });
});
