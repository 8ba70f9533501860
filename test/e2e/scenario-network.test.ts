/**
 * Connectivity (NET-*) from the Azure CLI dumps a user has: `az vm show`, `az network nic show`, `az network vnet
 * subnet show`, `az network nsg show` (a NIC-level and a subnet-level NSG), `az network route-table show` forcing
 * 0.0.0.0/0 to an Azure Firewall given as ARM JSON, `az backup item list`, `az backup vault show`, Resource Graph rows,
 * and rules written with explicit CIDRs decided by Microsoft's weekly Service Tags file.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";
import { e2eFixtures } from "../harness/fixtures.js";

const { fx, read, write } = e2eFixtures("network");

interface Finding {
  ruleId: string;
  status: string;
  message: string;
  data: Record<string, unknown> & { destination: string };
}
const arms = (files: string[]) => files.flatMap((f) => ["--arm", f]);
const base = {
  vm: fx("vm-show.json"),
  nic: fx("nic-show.json"),
  subnet: fx("subnet-show.json"),
  nicNsg: fx("nsg-nic-show.json"),
  subnetNsg: fx("nsg-subnet-show.json"),
  routes: fx("route-table-show.json"),
  firewall: fx("firewall.json"),
  items: fx("backup-items.json"),
  vault: fx("vault-show.json"),
};
async function check(files: Partial<typeof base>, extra: string[] = []) {
  const r = await runCli(["check", ...arms(Object.values({ ...base, ...files }).filter((f): f is string => !!f)), ...extra, "--format", "json"]);
  expect(r.stderr).toBe("");
  const report = JSON.parse(r.stdout) as { findings: Finding[] };
  return { code: r.code, net: report.findings.filter((f) => f.ruleId.startsWith("NET-")) };
}

describe("a SQL VM behind NIC and subnet NSGs, forced-tunnelled to an Azure Firewall", () => {
  it("passes when the firewall allows the AzureBackup FQDN tag, the Storage FQDNs and Entra ID", async () => {
    const r = await check({});
    expect(r.net).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("fails when the firewall allows blobs but not queues (the classic half-done Storage rule)", async () => {
    const fw = read("firewall.json");
    fw.properties.applicationRuleCollections[0].properties.rules[1].targetFqdns = ["*.blob.core.windows.net"];
    const r = await check({ firewall: write("fw-blob-only.json", fw) });
    expect(r.code).toBe(1);
    expect(r.net).toHaveLength(1);
    expect(r.net[0]).toMatchObject({ ruleId: "NET-001", status: "fail", data: { destination: "Storage", decidedBy: "firewall", firewall: { firewall: "afw-hub", fqdn: "*.queue.core.windows.net" } } });
    expect(r.net[0]!.message).toContain("*.queue.core.windows.net");
  });

  it("a NIC-level NSG that denies the Internet blocks every destination, and the finding says it is the NIC's", async () => {
    const nsg = read("nsg-nic-show.json");
    nsg.securityRules = [
      { id: `${nsg.id}/securityRules/deny-internet-out`, name: "deny-internet-out", priority: 100, direction: "Outbound", access: "Deny", protocol: "*", sourceAddressPrefix: "*", sourcePortRange: "*", destinationAddressPrefix: "Internet", destinationPortRange: "*" },
    ];
    const r = await check({ nicNsg: write("nic-deny.json", nsg) });
    expect(r.code).toBe(1);
    expect(r.net.map((f) => [f.status, f.data.destination, f.data.level, f.data.nsg, f.data.rule]).sort()).toEqual([
      ["fail", "AzureActiveDirectory", "nic", "sqlvm01-nsg", "deny-internet-out"],
      ["fail", "AzureBackup", "nic", "sqlvm01-nsg", "deny-internet-out"],
      ["fail", "Storage", "nic", "sqlvm01-nsg", "deny-internet-out"],
    ]);
  });

  it("a next hop that is not among the inputs is unknown, asking for the firewall", async () => {
    const r = await check({ firewall: undefined });
    expect(r.code).toBe(0);
    expect(r.net.map((f) => f.status)).toEqual(["unknown", "unknown", "unknown"]);
    expect(r.net[0]!.message).toContain("virtual appliance 10.20.0.4, which is not an Azure Firewall in the model");
    expect(r.net[0]!.message).not.toContain("before deployment");
  });

  it("a firewall whose rules live in a Firewall Policy is unknown, not a default deny", async () => {
    const fw = read("firewall.json");
    fw.properties.applicationRuleCollections = [];
    fw.properties.networkRuleCollections = [];
    fw.properties.firewallPolicy = { id: "/subscriptions/5b8e2f1a-0c3d-4e5f-8a9b-1c2d3e4f5a6b/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/afwp-hub" };
    const r = await check({ firewall: write("fw-policy.json", fw) });
    expect(r.code).toBe(0);
    expect(r.net.map((f) => f.status)).toEqual(["unknown", "unknown", "unknown"]);
    expect(r.net[0]!.message).toContain("firewall policy");
  });

  describe("a firewall managed by a Firewall Policy (az network firewall policy show + rule-collection-group list)", () => {
    const policyFirewall = () => {
      const fw = read("firewall.json");
      delete fw.properties.applicationRuleCollections;
      delete fw.properties.networkRuleCollections;
      fw.properties.firewallPolicy = { id: "/subscriptions/5b8e2f1a-0c3d-4e5f-8a9b-1c2d3e4f5a6b/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/afwp-hub" };
      return write("fw-with-policy.json", fw);
    };
    const policy = fx("firewall-policy-show.json");

    it("passes when the policy allows the AzureBackup FQDN tag, the Storage FQDNs and Entra ID", async () => {
      const r = await check({ firewall: policyFirewall() }, arms([policy, fx("firewall-policy-rcg-list.json")]));
      expect(r.net).toEqual([]);
      expect(r.code).toBe(0);
    });

    it("fails when the policy misses Entra ID, naming the policy, the collection to extend and the destination", async () => {
      const groups = read("firewall-policy-rcg-list.json");
      const app = groups[1].ruleCollections[0];
      app.rules = app.rules.filter((x: { name: string }) => x.name !== "entra-id");
      const r = await check({ firewall: policyFirewall() }, arms([policy, write("rcg-no-entra.json", groups)]));
      expect(r.code).toBe(1);
      expect(r.net).toHaveLength(1);
      expect(r.net[0]).toMatchObject({
        ruleId: "NET-001",
        status: "fail",
        data: { destination: "AzureActiveDirectory", decidedBy: "firewall", firewall: { firewall: "afw-hub", kind: "default", policy: "afwp-hub", fqdn: "login.microsoftonline.com", suggest: { collection: "allow-azure-backup", ruleCollectionGroup: "DefaultApplicationRuleCollectionGroup", policy: "afwp-hub", priority: 200 } } },
      });
      expect(r.net[0]!.message).toContain("no rule of firewall policy afwp-hub allows login.microsoftonline.com");
      expect(r.net[0]!.message).toContain("application rule collection allow-azure-backup (priority 200) of rule collection group DefaultApplicationRuleCollectionGroup in firewall policy afwp-hub");
    });

    it("is unknown, naming the group, when the policy's rule collection groups are not among the inputs", async () => {
      const r = await check({ firewall: policyFirewall() }, arms([policy]));
      expect(r.code).toBe(0);
      expect(r.net.map((f) => f.status)).toEqual(["unknown", "unknown", "unknown"]);
      expect(r.net[0]!.message).toContain("rule collection group DefaultNetworkRuleCollectionGroup of firewall policy afwp-hub is not in the inputs");
    });
  });

  it("a subnet missing from the inputs says so (not 'computed at deployment')", async () => {
    const r = await check({ subnet: undefined });
    expect(r.net.map((f) => [f.status, f.data.destination])).toEqual([["unknown", "Storage"]]);
    expect(r.net[0]!.message).toContain("subnet snet-sql is not in the model");
    expect(r.net[0]!.message).not.toContain("computed at deployment");
  });

  it("reads the NSGs, NIC and route table as Resource Graph rows (lower-case types, snake_case paging)", async () => {
    const row = (file: string) => {
      const o = read(file);
      const { id, name, type, location, resourceGroup, tags, ...properties } = o;
      return { id, name, type: String(type).toLowerCase(), location, resourceGroup, tags, subscriptionId: "5b8e2f1a-0c3d-4e5f-8a9b-1c2d3e4f5a6b", properties };
    };
    const rows = ["nsg-subnet-show.json", "nsg-nic-show.json", "nic-show.json", "route-table-show.json"].map(row);
    const graph = write("graph.json", { count: rows.length, data: rows, skip_token: null, total_records: rows.length });
    const r = await check({ nic: graph, nicNsg: undefined, subnetNsg: undefined, routes: undefined });
    expect(r.net).toEqual([]);
    // and the same rows with the NIC NSG denying: the Graph shape is really read, not ignored
    rows[1]!.properties.securityRules = [{ name: "deny-all-out", properties: { priority: 100, direction: "Outbound", access: "Deny", protocol: "*", sourceAddressPrefix: "*", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "*" } }];
    const denied = await check({ nic: write("graph-deny.json", { count: rows.length, data: rows, skip_token: null }), nicNsg: undefined, subnetNsg: undefined, routes: undefined });
    expect(denied.net.map((f) => [f.status, f.data.rule])).toEqual([["fail", "deny-all-out"], ["fail", "deny-all-out"], ["fail", "deny-all-out"]]);
  });
});

describe("explicit CIDRs in the subnet NSG, decided with Microsoft's weekly Service Tags file", () => {
  const noRoutes = () => {
    const subnet = read("subnet-show.json");
    delete subnet.routeTable;
    return write("subnet-no-routes.json", subnet);
  };
  const tags = ["--service-tags", fx("ServiceTags_Public_20250609.json")];

  it("is unknown without the file and passes with it when the CIDRs cover the regional tags", async () => {
    const files = { subnetNsg: fx("nsg-subnet-cidrs.json"), subnet: noRoutes(), routes: undefined, firewall: undefined };
    const without = await check(files);
    expect(without.net.map((f) => f.status)).toEqual(["unknown", "unknown", "unknown"]);
    expect(without.net[0]!.message).toContain("Pass --service-tags");
    const withTags = await check(files, tags);
    expect(withTags.net).toEqual([]);
    expect(withTags.code).toBe(0);
  });

  it("fails when the CIDR list misses part of AzureBackup.WestEurope", async () => {
    const nsg = read("nsg-subnet-cidrs.json");
    nsg.securityRules[0].destinationAddressPrefixes = ["20.38.147.128/26"];
    const r = await check({ subnetNsg: write("nsg-partial.json", nsg), subnet: noRoutes(), routes: undefined, firewall: undefined }, tags);
    expect(r.code).toBe(1);
    expect(r.net.map((f) => [f.status, f.data.destination, f.data.rule])).toEqual([["fail", "AzureBackup", "deny-internet"]]);
  });
});
