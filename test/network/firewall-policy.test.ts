/**
 * Forced tunnelling to an Azure Firewall managed by a Firewall Policy: the policy's rule collection groups (and its
 * base policy's) decide, in Azure's processing order.
 */
import { describe, expect, it } from "vitest";
import { ModelIndex } from "../../src/model/lookups.js";
import type { FirewallApplicationRule, FirewallNetworkRule, FirewallRuleCollectionGroup, Model } from "../../src/model/types.js";
import { UNKNOWN } from "../../src/model/unknown.js";
import { destination, evaluateOutbound, type ServiceName } from "../../src/network/index.js";
import { build, ids } from "../harness/build.js";

const SERVICES: ServiceName[] = ["AzureBackup", "Storage", "AzureActiveDirectory"];
const tunnel = [
  build.subnet("snet-sql", { routeTableId: ids.routeTable("rt-sql") }),
  build.routeTable("rt-sql", { routes: [{ name: "default-via-hub", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.0.0.4" }] }),
];
const fwWithPolicy = (policy = "afwp-hub") => build.firewall("afw-hub", { applicationRules: [], networkRules: [], firewallPolicyId: ids.firewallPolicy(policy) });

function model(...entities: Parameters<typeof build.model>): Model {
  return build.model(build.vm(), build.nic(), build.nsg(), ...tunnel, ...entities);
}

function evaluate(m: Model, service: ServiceName = "AzureBackup") {
  return evaluateOutbound(m.vms[0]!, destination(service), new ModelIndex(m));
}

const appRule = (collection: string, priority: number, o: Partial<FirewallApplicationRule> = {}): FirewallApplicationRule => ({
  collection,
  priority,
  action: "Allow",
  name: `${collection}-rule`,
  fqdnTags: [],
  targetFqdns: [],
  protocols: [{ protocolType: "Https", port: 443 }],
  sourceAddresses: ["*"],
  ...o,
});
const netRule = (collection: string, priority: number, o: Partial<FirewallNetworkRule> = {}): FirewallNetworkRule => ({
  collection,
  priority,
  action: "Deny",
  name: `${collection}-rule`,
  protocols: ["TCP"],
  destinationAddresses: ["*"],
  destinationPorts: ["*"],
  destinationFqdns: [],
  sourceAddresses: ["*"],
  ...o,
});
const group = (name: string, priority: number, rules: { application?: FirewallApplicationRule[]; network?: FirewallNetworkRule[] }, policy = "afwp-hub"): FirewallRuleCollectionGroup =>
  build.ruleCollectionGroup(name, { policy, priority, applicationRules: rules.application ?? [], networkRules: rules.network ?? [] });

describe("Azure Firewall with a Firewall Policy", () => {
  it("the golden policy (FQDN tag AzureBackup, Storage and Entra ID FQDNs) allows all three, naming policy and group", () => {
    const m = model(fwWithPolicy(), build.firewallPolicy(), build.ruleCollectionGroup());
    for (const s of SERVICES) expect(evaluate(m, s), s).toMatchObject({ verdict: "allow", trace: expect.arrayContaining([expect.objectContaining({ step: "firewall", verdict: "allow" })]) });
    expect(evaluate(m, "AzureActiveDirectory").firewallRule).toMatchObject({ kind: "application", rule: "entra-id", collection: "allow-backup", ruleCollectionGroup: "rcg-backup", policy: "afwp-hub" });
  });

  it("a policy without the Entra ID FQDN: the default deny decides, and the fix names the collection to extend", () => {
    const golden = build.ruleCollectionGroup().applicationRules as FirewallApplicationRule[];
    const m = model(fwWithPolicy(), build.firewallPolicy(), build.ruleCollectionGroup("rcg-backup", { applicationRules: golden.filter((r) => r.name !== "entra-id") }));
    const r = evaluate(m, "AzureActiveDirectory");
    expect(r).toMatchObject({
      verdict: "deny",
      decidedBy: "firewall",
      firewallRule: { kind: "default", policy: "afwp-hub", fqdn: "login.microsoftonline.com", suggest: { collection: "allow-backup", ruleCollectionGroup: "rcg-backup", policy: "afwp-hub", priority: 300 } },
    });
    expect(evaluate(m, "Storage").verdict).toBe("allow");
  });

  it("the firewall's policy not in the inputs: unknown, asking for it by name", () => {
    const r = evaluate(model(fwWithPolicy("afwp-elsewhere")));
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/firewall policy afwp-elsewhere, which is not in the inputs.*rule-collection-group list/);
  });

  it("a policy whose Azure-listed rule collection group is missing: unknown, naming the group", () => {
    const m = model(fwWithPolicy(), build.firewallPolicy("afwp-hub", { ruleCollectionGroupIds: [ids.ruleCollectionGroup("rcg-backup"), ids.ruleCollectionGroup("rcg-platform")] }), build.ruleCollectionGroup());
    const r = evaluate(m);
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/rule collection group rcg-platform of firewall policy afwp-hub is not in the inputs/);
  });

  it("rule collection groups by priority first: a deny collection in group 100 beats an allow collection of lower number in group 200", () => {
    const m = model(
      fwWithPolicy(),
      build.firewallPolicy(),
      build.ruleCollectionGroup(),
      group("rcg-deny", 100, { application: [appRule("deny-login", 5000, { action: "Deny", targetFqdns: ["login.microsoftonline.com"] })] }),
    );
    expect(evaluate(m, "AzureActiveDirectory")).toMatchObject({ verdict: "deny", firewallRule: { kind: "application", collection: "deny-login", ruleCollectionGroup: "rcg-deny", groupPriority: 100 } });
    expect(evaluate(m, "AzureBackup").verdict).toBe("allow");
  });

  it("within a group, rule collections by priority", () => {
    const m = model(
      fwWithPolicy(),
      build.firewallPolicy(),
      group("rcg", 200, { application: [appRule("allow-tag", 400, { fqdnTags: ["AzureBackup"] }), appRule("deny-backup", 300, { action: "Deny", targetFqdns: ["*.backup.windowsazure.com"] })] }),
    );
    expect(evaluate(m)).toMatchObject({ verdict: "deny", firewallRule: { collection: "deny-backup", priority: 300 } });
  });

  it("network rules before application rules across groups: a network deny in group 60000 beats an application allow in group 100", () => {
    const m = model(fwWithPolicy(), build.firewallPolicy(), group("rcg-app", 100, { application: [appRule("allow-tag", 100, { fqdnTags: ["AzureBackup"] })] }), group("rcg-net", 60000, { network: [netRule("deny-all", 60000)] }));
    expect(evaluate(m)).toMatchObject({ verdict: "deny", firewallRule: { kind: "network", collection: "deny-all", ruleCollectionGroup: "rcg-net" } });
  });

  it("a network allow to the service tag decides before any application rule", () => {
    const m = model(fwWithPolicy(), build.firewallPolicy(), group("rcg-net", 500, { network: [netRule("allow-storage", 500, { action: "Allow", destinationAddresses: ["Storage"], destinationPorts: ["443"] })] }));
    expect(evaluate(m, "Storage")).toMatchObject({ verdict: "allow", firewallRule: { kind: "network", collection: "allow-storage" } });
  });

  it("the base policy's rules come first, whatever the priorities", () => {
    const base = build.firewallPolicy("afwp-base", { dnsProxyEnabled: undefined });
    const child = build.firewallPolicy("afwp-hub", { basePolicyId: ids.firewallPolicy("afwp-base") });
    const baseDeny = group("rcg-base", 65000, { application: [appRule("deny-login", 65000, { action: "Deny", targetFqdns: ["login.microsoftonline.com"] })] }, "afwp-base");
    const m = model(fwWithPolicy(), base, child, build.ruleCollectionGroup("rcg-backup", { priority: 100 }), baseDeny);
    expect(evaluate(m, "AzureActiveDirectory")).toMatchObject({ verdict: "deny", firewallRule: { collection: "deny-login", policy: "afwp-base", ruleCollectionGroup: "rcg-base" } });
    // The base policy's allow serves the child: a child with no rules of its own still passes.
    const baseAllow = build.ruleCollectionGroup("rcg-backup", { policy: "afwp-base" });
    expect(evaluate(model(fwWithPolicy(), base, child, baseAllow), "Storage")).toMatchObject({ verdict: "allow", firewallRule: { policy: "afwp-base" } });
  });

  it("a base policy not in the inputs: unknown, naming it", () => {
    const child = build.firewallPolicy("afwp-hub", { basePolicyId: ids.firewallPolicy("afwp-global") });
    const r = evaluate(model(fwWithPolicy(), child, build.ruleCollectionGroup()));
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/firewall policy afwp-hub inherits from base policy afwp-global, which is not in the inputs/);
  });

  it("FQDNs in a network rule decide only with the policy's DNS proxy on", () => {
    const rules = group("rcg-net", 200, { network: [netRule("allow-login", 200, { action: "Allow", destinationAddresses: [], destinationFqdns: ["login.microsoftonline.com"], destinationPorts: ["443"] })] });
    expect(evaluate(model(fwWithPolicy(), build.firewallPolicy(), rules), "AzureActiveDirectory").verdict).toBe("allow");
    const r = evaluate(model(fwWithPolicy(), build.firewallPolicy("afwp-hub", { dnsProxyEnabled: false }), rules), "AzureActiveDirectory");
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/allow-login.*DNS proxy/);
  });

  it("a source IP group is not read: unknown, naming the IP group", () => {
    const rules = group("rcg", 200, { application: [appRule("allow-tag", 200, { fqdnTags: ["AzureBackup"], sourceAddresses: [], sourceIpGroups: ["/subscriptions/x/resourceGroups/rg-net/providers/Microsoft.Network/ipGroups/ipg-spokes"] })] });
    const r = evaluate(model(fwWithPolicy(), build.firewallPolicy(), rules));
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/IP group ipg-spokes/);
  });

  it("a web-category deny before the allow: unknown, asking whether the category holds the FQDN", () => {
    const m = model(
      fwWithPolicy(),
      build.firewallPolicy(),
      build.ruleCollectionGroup(),
      group("rcg-web", 100, { application: [appRule("deny-categories", 100, { action: "Deny", webCategories: ["ComputersAndTechnology"] })] }),
    );
    const r = evaluate(m, "AzureActiveDirectory");
    expect(r.verdict).toBe("unknown");
    expect(r.question).toMatch(/web categories \(ComputersAndTechnology\).*login\.microsoftonline\.com/);
  });

  it("a target URL with a narrow path is unknown; a whole-host URL allows", () => {
    const narrow = group("rcg", 200, { application: [appRule("urls", 200, { targetUrls: ["login.microsoftonline.com/common/*"] })] });
    expect(evaluate(model(fwWithPolicy(), build.firewallPolicy(), narrow), "AzureActiveDirectory").verdict).toBe("unknown");
    const whole = group("rcg", 200, { application: [appRule("urls", 200, { targetUrls: ["login.microsoftonline.com/*"] })] });
    expect(evaluate(model(fwWithPolicy(), build.firewallPolicy(), whole), "AzureActiveDirectory").verdict).toBe("allow");
  });

  it("a group priority computed at deployment: a deny there may come first (unknown); an allow there still lets a certain allow decide", () => {
    const unknownDeny = build.ruleCollectionGroup("rcg-x", { priority: UNKNOWN, applicationRules: [appRule("deny-all", 100, { action: "Deny", targetFqdns: ["*"] })] });
    expect(evaluate(model(fwWithPolicy(), build.firewallPolicy(), build.ruleCollectionGroup(), unknownDeny)).verdict).toBe("unknown");
    const unknownAllow = build.ruleCollectionGroup("rcg-x", { priority: UNKNOWN });
    expect(evaluate(model(fwWithPolicy(), build.firewallPolicy(), build.ruleCollectionGroup(), unknownAllow)).verdict).toBe("allow");
  });

  it("joins by Pulumi URN when the ids are computed at preview", () => {
    const policy = build.firewallPolicy("afwp-hub", { id: "", urn: "urn:pulumi:dev::p::azure-native:network:FirewallPolicy::hub-policy" });
    delete policy.ref.id;
    const g = build.ruleCollectionGroup("rcg-backup", { policyId: undefined, policyName: UNKNOWN, policyUrn: policy.ref.urn });
    const fw = build.firewall("afw-hub", { firewallPolicyId: UNKNOWN, firewallPolicyUrn: policy.ref.urn });
    expect(evaluate(model(fw, policy, g), "Storage").verdict).toBe("allow");
    // Without the URN, the policy id computed at deployment is the question.
    expect(evaluate(model(build.firewall("afw-hub", { firewallPolicyId: UNKNOWN }), policy, g)).question).toMatch(/firewall policy of Azure Firewall afw-hub is computed at deployment/);
  });
});
