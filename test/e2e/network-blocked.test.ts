/**
 * Issue 5 end to end, through the CLI on examples/network-blocked (the README's blocked VM): the deciding rule and the
 * fix come out as IP flow verify would name them, the fix makes the check pass, and --service-tags is validated.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";
import { repoRoot } from "../harness/shared.js";

const example = (f: string) => join(repoRoot, "examples", "network-blocked", f);
const dir = mkdtempSync(join(tmpdir(), "bg-net-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, value: unknown) => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(value));
  return f;
};

describe("check on a SQL VM whose subnet NSG blocks Azure Backup", () => {
  it("exits 1 with NET-001 naming the deciding rule and the fix", async () => {
    const r = await runCli(["check", "--arm", example("network.json"), "--arm", example("backup.json"), "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      ruleId: "NET-001",
      status: "fail",
      resource: { name: "sqlvm01" },
      azureErrorCodes: ["UserErrorVMInternetConnectivityIssue", "WorkloadExtensionNotReachable"],
      data: { vm: "sqlvm01", destination: "AzureBackup", verdict: "deny", nsg: "nsg-sql", rule: "deny-internet", priority: 4000, level: "subnet", fix: { name: "allow-azurebackup-443-outbound", priority: 3990 } },
    });
    expect(report.findings[0].message).toContain("Access denied by security rule deny-internet (priority 4000) of NSG nsg-sql on the subnet");
  });

  it("passes once the suggested rule is added", async () => {
    const network = JSON.parse(readFileSync(example("network.json"), "utf8"));
    const nsg = network[0];
    nsg.properties.securityRules.push({
      name: "allow-azurebackup-443-outbound",
      properties: { priority: 3990, direction: "Outbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "VirtualNetwork", sourcePortRange: "*", destinationAddressPrefix: "AzureBackup", destinationPortRange: "443" },
    });
    const r = await runCli(["check", "--arm", write("fixed.json", network), "--arm", example("backup.json"), "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });

  it("decides an explicit-CIDR rule with --service-tags, and leaves it unknown without", async () => {
    const network = JSON.parse(readFileSync(example("network.json"), "utf8"));
    network[0].properties.securityRules.push({
      name: "allow-backup-cidr",
      properties: { priority: 3000, direction: "Outbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "*", sourcePortRange: "*", destinationAddressPrefix: "20.42.0.0/16", destinationPortRange: "443" },
    });
    const file = write("cidr.json", network);
    const tags = write("tags.json", { cloud: "Public", values: [{ name: "AzureBackup.EastUS", id: "AzureBackup.EastUS", properties: { region: "eastus", addressPrefixes: ["20.42.0.0/16"] } }] });
    const without = JSON.parse((await runCli(["check", "--arm", file, "--arm", example("backup.json"), "--format", "json"])).stdout);
    expect(without.findings.map((f: { status: string; data: { destination: string } }) => [f.status, f.data.destination])).toEqual([["unknown", "AzureBackup"]]);
    const r = await runCli(["check", "--arm", file, "--arm", example("backup.json"), "--service-tags", tags, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });

  it("a malformed Service Tags file exits 2 naming the file and the path", async () => {
    const bad = write("bad-tags.json", { values: [{ name: "AzureBackup", properties: { addressPrefixes: ["not-a-prefix"] } }] });
    const r = await runCli(["check", "--arm", example("network.json"), "--service-tags", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-tags\.json at values\[0\]\.properties\.addressPrefixes\[0\]/);
  });
});
