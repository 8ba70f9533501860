/**
 * `audit` with an intended state (a `pulumi stack export`) and failed jobs, end to end over the real SDK.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { audit, type AuditOptions } from "../../src/cli/commands/audit.js";
import { example, failedJob, healthyEstate, RG, SUB, VAULT, VAULT_ID } from "./estate.js";
import { FakeArm, fakeAuditOptions } from "./fake-arm.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const fake = new FakeArm(healthyEstate());
const dir = mkdtempSync(join(tmpdir(), "bg-audit-"));

/** A stack export declaring the vault (soft delete on) and the SQL example policy, as Pulumi writes them. */
function stackExport(policyChange: (p: Json) => void = () => {}): string {
  const policy = example("recoveryservicesbackup/AzureWorkload/BackupPolicies_List.json").value[0] as Json;
  policyChange(policy.properties);
  const urn = (type: string, name: string) => `urn:pulumi:prod::backup::${type}::${name}`;
  const resource = (type: string, name: string, id: string, inputs: Json) => ({ urn: urn(type, name), custom: true, type, id, inputs, outputs: { id } });
  const doc = {
    version: 3,
    deployment: {
      manifest: { time: "2026-11-01T00:00:00Z", magic: "x", version: "v3.270.0" },
      resources: [
        { urn: urn("pulumi:pulumi:Stack", "backup-prod"), custom: false, type: "pulumi:pulumi:Stack" },
        resource("azure-native:recoveryservices:Vault", "vault", VAULT_ID, {
          resourceGroupName: RG,
          vaultName: VAULT,
          location: "westus",
          sku: { name: "Standard" },
          properties: {
            publicNetworkAccess: "Enabled",
            redundancySettings: { standardTierStorageRedundancy: "GeoRedundant" },
            securitySettings: { softDeleteSettings: { softDeleteState: "Enabled", softDeleteRetentionPeriodInDays: 14 } },
          },
        }),
        resource("azure-native:recoveryservices:ProtectionPolicy", "sql-policy", policy.id, { resourceGroupName: RG, vaultName: VAULT, policyName: policy.name, properties: policy.properties }),
      ],
    },
  };
  const file = join(dir, `stack-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.estate = healthyEstate();
  fake.clearFaults();
});

function run(over: Partial<AuditOptions> = {}) {
  return audit(fakeAuditOptions(fake, SUB, { retry: { maxRetries: 1, retryDelayInMs: 5, maxRetryDelayInMs: 20 }, requestTimeoutMs: undefined, ...over }));
}

const vaultContent = () => fake.estate.vaults[VAULT_ID.toLowerCase()]!;

describe("audit drift", () => {
  it("no drift when Azure is as the stack declares: exit 0", async () => {
    const result = await run({ state: stackExport() });
    const json = JSON.parse(result.output);
    // Azure's example vault is valid but not hardened: the vault posture notes (VAULT-002/004/009/011) may fire; nothing above a note.
    expect(json.findings.filter((f: Json) => f.status === "fail" && f.severity !== "note")).toEqual([]);
    expect(result.report.passes.filter((p) => p.ruleId.startsWith("DRIFT-")).length).toBeGreaterThanOrEqual(3);
    expect(result.exitCode).toBe(0);
  });

  it("soft delete turned off live and a policy retention changed: exit 1 with kind drift", async () => {
    const row = fake.estate.graph.Resources[0] as Json;
    row.properties.securitySettings.softDeleteSettings.softDeleteState = "Disabled";
    (vaultContent().vaultConfig as Json).properties.softDeleteFeatureState = "Disabled";
    const file = stackExport((p) => (p.subProtectionPolicy[0].retentionPolicy.dailySchedule.retentionDuration.count = 60));
    const result = await run({ state: file });
    const json = JSON.parse(result.output);
    const drift = json.findings.filter((f: Json) => f.kind === "drift");
    expect(drift.map((f: Json) => [f.ruleId, f.resource.name, f.data.changes])).toEqual([
      ["DRIFT-002", "vault", [{ path: "softDeleteState", desired: "Enabled", live: "Disabled" }]],
      ["DRIFT-003", "sql-policy", [{ path: "subPolicies.Full.retention.daily.duration.count", desired: 60, live: 30 }]],
    ]);
    expect(drift.every((f: Json) => f.severity === "warning" && f.resource.urn)).toBe(true);
    // Drift fails the audit even though its severity is below --fail-on error.
    expect(result.exitCode).toBe(1);
    expect(json.summary.complete).toBe(true);
    expect(json.findings.filter((f: Json) => f.kind !== "drift").every((f: Json) => f.kind === "rule" || f.kind === "job")).toBe(true);
  });

  it("a desired policy deleted in Azure is missing; with the policies unreadable it is only unknown (exit 4)", async () => {
    vaultContent().policies = vaultContent().policies.filter((p) => (p as Json).name !== "HourlyLogBackup");
    const missing = await run({ state: stackExport() });
    expect(missing.report.findings.filter((f) => f.status === "fail" && f.severity !== "note").map((f) => [f.ruleId, f.messageId])).toEqual([["DRIFT-001", "missing"]]);
    expect(missing.exitCode).toBe(1);

    fake.fault({ match: (r) => /backupPolicies$/i.test(r.path), reply: { status: 403, body: { error: { code: "AuthorizationFailed", message: "no" } } } });
    const unread = await run({ state: stackExport() });
    expect(unread.report.findings.filter((f) => f.ruleId === "DRIFT-001").map((f) => [f.status, f.messageId])).toEqual([["unknown", "notRead"]]);
    expect(unread.exitCode).toBe(4);
  });

  it("--fail-on never turns drift into exit 0", async () => {
    (vaultContent().vaultConfig as Json).properties.softDeleteFeatureState = "Disabled";
    const result = await run({ state: stackExport(), failOn: "never" });
    expect(result.report.findings.some((f) => f.kind === "drift" && f.status === "fail")).toBe(true);
    expect(result.exitCode).toBe(0);
  });
});

describe("audit failed jobs", () => {
  it("explains each failed job since --since from the knowledge base: exit 1, kind job", async () => {
    vaultContent().jobs.push(
      failedJob("sql-1", "2026-11-20T22:00:00Z", [{ errorCode: "UserErrorSQLPODoesNotSupportBackupType", errorString: "This SQL database does not support the requested backup type." }], {
        jobType: "AzureWorkloadJob",
        entityFriendlyName: "sales [sqlvm01]",
        backupManagementType: "AzureWorkload",
      }),
      failedJob("vm-1", "2026-11-19T02:00:00Z", [{ errorCode: 400094 }]),
      failedJob("vm-old", "2026-11-01T02:00:00Z", [{ errorCode: 400094 }]),
    );
    const result = await run({ since: "7d" });
    const json = JSON.parse(result.output);
    const jobs = json.findings.filter((f: Json) => f.kind === "job");
    expect(jobs.map((f: Json) => [f.ruleId, f.resource.name, f.severity, f.azureErrorCodes])).toEqual([
      ["JOB-001", "sql-1", "error", ["UserErrorSQLPODoesNotSupportBackupType"]],
      ["JOB-001", "vm-1", "error", ["400094", "BCMV2VMNotFound"]],
    ]);
    expect(jobs[0].message).toMatch(/sales \[sqlvm01\].*Cause: .*recovery model.*backupguard explain UserErrorSQLPODoesNotSupportBackupType/);
    expect(result.exitCode).toBe(1);
  });

  it("reads a failed job's details when the list has no error details", async () => {
    const detailed = failedJob("vm-2", "2026-11-20T02:00:00Z", [{ errorCode: "UserErrorGuestAgentStatusUnavailable" }]);
    vaultContent().jobs.push(detailed);
    const listed = structuredClone(detailed);
    delete listed.properties.errorDetails;
    // The list (status filter) returns the job without details; GET backupJobs/vm-2 returns it with them.
    fake.fault({ match: (r) => /\/backupJobs$/i.test(r.path), reply: { status: 200, body: { value: [listed] } } });
    const result = await run();
    expect(fake.requests.some((r) => /\/backupJobs\/vm-2$/i.test(r.path))).toBe(true);
    expect(result.report.findings.find((f) => f.kind === "job")).toMatchObject({ messageId: "failedExplained", data: { explainedCode: "UserErrorGuestAgentStatusUnavailable" } });
  });
});
