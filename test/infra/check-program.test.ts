/**
 * `backupguard check --program [DIR] [--stack NAME]` end to end through main(): the dev stack passes every
 * error-level rule, the broken stack fails with the findings a user must see, a bad stack file exits 2.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { rules } from "../../checks/index.js";
import { loadProgram } from "../../src/adapters/program.js";
import { runRules } from "../../src/engine/run.js";
import type { Report } from "../../src/engine/types.js";
import type { Model } from "../../src/model/types.js";
import { runCli } from "../harness/cli.js";
import { repoRoot } from "../harness/shared.js";

interface JsonFinding {
  ruleId: string;
  azureErrorCodes: string[];
  severity: string;
  status: string;
  resource: { name: string; type: string; urn?: string; id?: string };
  data?: Record<string, unknown>;
  location?: { file?: string; pointer?: string };
}

// Relative paths in findings are relative to the working directory: run from the repository root, as npm does.
const cwd = process.cwd();
beforeAll(() => process.chdir(repoRoot));
afterAll(() => process.chdir(cwd));

describe("the dev stack", () => {
  let model: Model;
  let report: Report;
  beforeAll(async () => {
    model = await loadProgram(undefined, "dev");
    report = runRules(model, rules, { now: new Date("2026-11-22T00:00:00Z") });
  });

  it("combines the program with the inventory and the ARM estate the stack names", () => {
    expect(model.vaults.map((v) => v.ref.name)).toEqual(["rsv-backup-dev-weu"]);
    expect(model.vms.map((v) => v.ref.name).sort()).toEqual(["applnx01", "sqlvm01", "sqlvm02"]);
    expect(model.nics).toHaveLength(3);
    expect(model.subnets).toHaveLength(2);
    expect(model.sqlDatabases.filter((d) => d.vmName === "sqlvm01").map((d) => `${d.databaseName}:${d.recoveryModel}`)).toContain("reporting:SIMPLE");
    expect(model.availabilityGroups.map((g) => g.groupName)).toEqual(["ag-sales"]);
    // The subnets' NSG (from the ARM estate) is the NSG the program creates: joined by its Azure resource ID.
    const nsg = model.nsgs.find((n) => n.ref.source.adapter === "program");
    expect(nsg?.ref.id).toBeDefined();
    for (const s of model.subnets) expect(String(s.nsgId).toLowerCase()).toBe(nsg!.ref.id!.toLowerCase());
  });

  it("passes every error-level rule", () => {
    const errors = report.findings.filter((f) => f.severity === "error" && f.status === "fail");
    expect(errors.map((f) => `${f.ruleId} ${f.resource.name}: ${f.message}`)).toEqual([]);
  });

  it("is actually checked: every rule family present in the catalogue passes resources of the dev stack", () => {
    const checkedAreas = new Set(report.passes.map((p) => rules.find((r) => r.id === p.ruleId)!.area));
    // The families that judge a planned estate (config reads suppressions; drift and jobs need live Azure).
    const planned = new Set(["policy", "sql", "vm", "linux", "network", "tags", "vault"]);
    const expected = new Set(rules.map((r) => r.area).filter((a) => planned.has(a)));
    for (const area of expected) expect(checkedAreas, `no ${area} rule passed anything`).toContain(area);
    expect(report.passes.length).toBeGreaterThan(20);
  });

  it("points findings at the stack file key that produced the resource", () => {
    const policy = model.backupPolicies.find((p) => p.ref.name === "sql-weekly-full-diff-log")!;
    expect(policy.ref.source).toEqual({ adapter: "program", file: "Pulumi.dev.yaml", pointer: "config.backupguard:sqlPolicies[0]" });
    const item = model.protectedItems.find((p) => p.ref.name === "sqlvm01-mssqlserver-reporting")!;
    expect(item.ref.source.pointer).toBe("config.backupguard:vms[0]");
    expect(model.vaults[0]!.ref.source.pointer).toBe("config.backupguard:vault");
  });
});

describe("backupguard check --program", () => {
  it("with no source checks the embedded dev stack (what `npm start` runs) and exits 0", async () => {
    const r = await runCli(["check"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: 0 errors, /);
  });

  it("--stack broken exits 1 with the mistakes of the broken stack, each on the resource to fix", async () => {
    const r = await runCli(["check", "--program", "--stack", "broken", "--format", "json"]);
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.status === "fail");
    const has = (ruleId: string, resource: string) => findings.find((f) => f.ruleId === ruleId && f.resource.name === resource);
    // A 10-minute log backup: Azure offers 15 minutes and more.
    expect(has("POLICY-004", "sql-weekly-full-diff-log")).toMatchObject({ severity: "error", data: { value: 10 }, location: { file: "Pulumi.broken.yaml", pointer: "config.backupguard:sqlPolicies[0]" } });
    // A Standard policy keeps 1 to 5 days of instant-restore snapshots.
    expect(has("POLICY-010", "vm-standard-daily")).toMatchObject({ severity: "error", data: { value: 7 } });
    // Log backups of a SIMPLE-recovery database; differential and log backups of master.
    expect(has("SQL-001", "sqlvm01-mssqlserver-reporting")).toMatchObject({ severity: "error", location: { pointer: "config.backupguard:vms[0]" } });
    expect(has("SQL-002", "sqlvm01-mssqlserver-master")).toMatchObject({ severity: "error" });
    // A deny-all outbound rule before the Azure Backup rules: the SQL VMs cannot reach Storage or Entra ID.
    const blocked = findings.filter((f) => f.ruleId === "NET-001");
    expect(blocked.map((f) => `${f.resource.name} → ${String(f.data?.destination)}`).sort()).toEqual([
      "sqlvm01 → AzureActiveDirectory",
      "sqlvm01 → Storage",
      "sqlvm02 → AzureActiveDirectory",
      "sqlvm02 → Storage",
    ]);
    for (const f of blocked) expect(f.data).toMatchObject({ nsg: "nsg-backup-dev-weu", rule: "DenyAllOutbound", priority: 100, level: "subnet", verdict: "deny" });
    expect(has("NET-002", "applnx01")).toMatchObject({ severity: "warning", data: { rule: "DenyAllOutbound" } });
    // A Deny tag policy and no pre-created, tagged snapshot group: every VM snapshot would be refused.
    expect(has("TAG-001", "vm-standard-daily")).toMatchObject({ severity: "error", azureErrorCodes: ["UserErrorRequestDisallowedByPolicy"] });
    // The vault: soft delete off, cross-region restore without geo-redundancy, no way in for SQL backups.
    expect(has("VAULT-001", "rsv-backup-dev-weu")).toMatchObject({ location: { pointer: "config.backupguard:vault" } });
    expect(has("VAULT-005", "rsv-backup-dev-weu")).toBeDefined();
    expect(has("VAULT-010", "rsv-backup-dev-weu")).toBeDefined();
    // Trusted Launch VMs under a Standard policy.
    expect(has("VM-008", "sqlvm01-vm-backup")).toMatchObject({ severity: "warning" });
    expect(findings.filter((f) => f.severity === "error").length).toBeGreaterThanOrEqual(4);
  });

  it("exits 2 on a bad stack file, naming the file and the key path, without a stack trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bg-program-"));
    writeFileSync(join(dir, "Pulumi.yaml"), stringify({ name: "backupguard", runtime: "nodejs", main: join(repoRoot, "infra") }));
    writeFileSync(
      join(dir, "Pulumi.bad.yaml"),
      stringify({
        config: {
          "backupguard:location": "westeurope",
          "backupguard:resourceGroup": "rg",
          "backupguard:vault": { name: "rsv", softDeleteRetentionDays: "thirty" },
        },
      }),
    );
    const r = await runCli(["check", "--program", dir, "--stack", "bad"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "Pulumi.bad.yaml")} at config.backupguard:vault.softDeleteRetentionDays: expected number, found "thirty"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("exits 2 for a stack without a stack file, and for --stack without a program", async () => {
    const missing = await runCli(["check", "--program", repoRoot, "--stack", "nope"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Pulumi.nope.yaml");
    const noProgram = await runCli(["check", "--arm", join(repoRoot, "examples", "dev-estate.json"), "--stack", "dev"]);
    expect(noProgram.code).toBe(2);
  });
});
