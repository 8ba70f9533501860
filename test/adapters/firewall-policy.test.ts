/**
 * Firewall Policies and their rule collection groups from ARM (REST bodies, `az network firewall policy
 * rule-collection-group list`) and from Pulumi (azure-native FirewallPolicy / FirewallPolicyRuleCollectionGroup),
 * joined to the Azure Firewall that names the policy.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromArm } from "../../src/adapters/arm.js";
import { fromPulumiResources, type PulumiResourceRecord } from "../../src/adapters/pulumi-resources.js";
import { mergeModels } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { FirewallPolicyIndex } from "../../src/network/firewall-policy.js";
import { repoRoot } from "../harness/shared.js";

const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SUB = "11111111-2222-3333-4444-555555555555";
const POLICY_ID = `/subscriptions/${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/afwp-hub`;

const restGroup = {
  id: `${POLICY_ID}/ruleCollectionGroups/rcg-platform`,
  name: "rcg-platform",
  type: "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
  properties: {
    priority: 150,
    ruleCollections: [
      {
        ruleCollectionType: "FirewallPolicyNatRuleCollection",
        name: "dnat-rdp",
        priority: 100,
        action: { type: "DNAT" },
        rules: [{ ruleType: "NatRule", name: "rdp", ipProtocols: ["TCP"], destinationAddresses: ["20.1.2.3"], destinationPorts: ["3389"], translatedAddress: "10.0.0.5", translatedPort: "3389", sourceAddresses: ["*"] }],
      },
      {
        ruleCollectionType: "FirewallPolicyFilterRuleCollection",
        name: "net-allow",
        priority: 300,
        action: { type: "Allow" },
        rules: [{ ruleType: "NetworkRule", name: "storage-tag", ipProtocols: ["TCP"], sourceAddresses: [], sourceIpGroups: ["/x/ipGroups/ipg"], destinationAddresses: ["Storage"], destinationPorts: ["443"], destinationFqdns: [] }],
      },
      {
        ruleCollectionType: "FirewallPolicyFilterRuleCollection",
        name: "app-allow",
        priority: 400,
        action: { type: "Allow" },
        rules: [{ ruleType: "ApplicationRule", name: "backup", protocols: [{ protocolType: "Https", port: 443 }], fqdnTags: ["AzureBackup"], webCategories: ["Business"], sourceAddresses: ["10.0.0.0/8"] }],
      },
    ],
  },
};

describe("ARM", () => {
  it("maps a policy (REST body) and a rule collection group: filter collections flattened, DNAT left out", () => {
    const policy = { id: POLICY_ID, name: "afwp-hub", type: "Microsoft.Network/firewallPolicies", properties: { basePolicy: { id: `${POLICY_ID}-base` }, dnsSettings: { enableProxy: true }, ruleCollectionGroups: [{ id: restGroup.id }] } };
    const m = fromArm([policy, restGroup], "rest.json");
    expect(m.firewallPolicies[0]).toMatchObject({ policyName: "afwp-hub", resourceGroup: "rg-hub", basePolicyId: `${POLICY_ID}-base`, dnsProxyEnabled: true, ruleCollectionGroupIds: [restGroup.id] });
    const g = m.firewallRuleCollectionGroups[0]!;
    expect(g).toMatchObject({ groupName: "rcg-platform", policyId: POLICY_ID, policyName: "afwp-hub", priority: 150 });
    expect(g.networkRules).toEqual([
      expect.objectContaining({ collection: "net-allow", priority: 300, action: "Allow", name: "storage-tag", protocols: ["TCP"], destinationAddresses: ["Storage"], destinationPorts: ["443"], sourceIpGroups: ["/x/ipGroups/ipg"] }),
    ]);
    expect(g.applicationRules).toEqual([expect.objectContaining({ collection: "app-allow", priority: 400, name: "backup", fqdnTags: ["AzureBackup"], webCategories: ["Business"] })]);
    expect(m.firewallRuleCollectionGroups[0]!.ref.type).toBe("Microsoft.Network/firewallPolicies/ruleCollectionGroups");
  });

  it("reads `az network firewall policy rule-collection-group list` (flattened, no policy field) and joins by the group ids", () => {
    const dir = join(repoRoot, "test", "fixtures", "e2e", "network");
    const read = (f: string) => JSON.parse(readFileSync(join(dir, f), "utf8"));
    const m = mergeModels(fromArm(read("firewall-policy-show.json"), "policy.json"), fromArm(read("firewall-policy-rcg-list.json"), "rcgs.json"));
    const policy = m.firewallPolicies[0]!;
    expect(policy.basePolicyId).toBeUndefined();
    const { groups, missing } = new FirewallPolicyIndex(m).groupsOf(policy);
    expect(missing).toEqual([]);
    expect(groups.map((g) => [g.groupName, g.priority])).toEqual([
      ["DefaultNetworkRuleCollectionGroup", 200],
      ["DefaultApplicationRuleCollectionGroup", 300],
    ]);
    // the Deny collection is kept with its action; HTTP + HTTPS protocols both read
    const deny = (groups[1]!.applicationRules as { collection: string; action: unknown; protocols: unknown }[]).find((r) => r.collection === "deny-social")!;
    expect(deny).toMatchObject({ action: "Deny", protocols: [{ protocolType: "Https", port: 443 }, { protocolType: "Http", port: 80 }] });
  });
});

describe("Pulumi", () => {
  const urn = (type: string, name: string) => `urn:pulumi:dev::hub::azure-native:network:${type}::${name}`;
  const rec = (type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PulumiResourceRecord> = {}): PulumiResourceRecord => ({
    type: `azure-native:network:${type}`,
    name,
    urn: urn(type, name),
    inputs,
    ...extra,
  });
  const policy = rec("FirewallPolicy", "hub-policy", { resourceGroupName: "rg-hub", firewallPolicyName: "afwp-hub", dnsSettings: { enableProxy: true } });
  const groupInputs = (policyName: unknown) => ({
    resourceGroupName: "rg-hub",
    firewallPolicyName: policyName,
    ruleCollectionGroupName: "rcg-backup",
    priority: 200,
    ruleCollections: [
      {
        ruleCollectionType: "FirewallPolicyFilterRuleCollection",
        name: "allow-backup",
        priority: 300,
        action: { type: "Allow" },
        rules: [{ ruleType: "ApplicationRule", name: "backup", protocols: [{ protocolType: "Https", port: 443 }], fqdnTags: ["AzureBackup"], sourceAddresses: ["*"] }],
      },
    ],
  });
  const firewall = (policyId: unknown, deps?: Record<string, string[]>) =>
    rec("AzureFirewall", "hub-fw", { resourceGroupName: "rg-hub", azureFirewallName: "afw-hub", firewallPolicy: { id: policyId }, ipConfigurations: [] }, deps ? { propertyDependencies: deps } : {});

  it("joins group → policy and firewall → policy through propertyDependencies when names and ids are computed", () => {
    const group = rec("FirewallPolicyRuleCollectionGroup", "rcg", groupInputs(U), { propertyDependencies: { firewallPolicyName: [policy.urn!] } });
    const m = fromPulumiResources([policy, group, firewall(U, { firewallPolicy: [policy.urn!] })], { adapter: "program" });
    expect(m.firewallRuleCollectionGroups[0]).toMatchObject({ groupName: "rcg-backup", policyName: "afwp-hub", policyUrn: policy.urn, priority: 200 });
    expect(m.firewalls[0]!.firewallPolicyUrn).toBe(policy.urn);
    const set = new FirewallPolicyIndex(m).ruleSetOf(m.firewalls[0]!);
    expect(set).toMatchObject({ kind: "rules", set: { policy: "afwp-hub", dnsProxy: true, application: [{ policy: "afwp-hub", group: "rcg-backup", groupPriority: 200, position: 0, rule: { name: "backup" } }] } });
  });

  it("joins by firewallPolicyName + resource group, and a firewall naming the policy by id finds it before deployment", () => {
    const group = rec("FirewallPolicyRuleCollectionGroup", "rcg", groupInputs("afwp-hub"));
    const m = fromPulumiResources([policy, group, firewall(POLICY_ID)], { adapter: "program" });
    const set = new FirewallPolicyIndex(m).ruleSetOf(m.firewalls[0]!);
    expect(set.kind).toBe("rules");
  });

  it("rule collections computed at preview make the rules unknown, not empty", () => {
    const group = rec("FirewallPolicyRuleCollectionGroup", "rcg", { ...groupInputs("afwp-hub"), ruleCollections: U });
    const m = fromPulumiResources([policy, group], { adapter: "program" });
    expect(isUnknown(m.firewallRuleCollectionGroups[0]!.applicationRules)).toBe(true);
  });
});
