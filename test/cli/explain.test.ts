/**
 * `backupguard explain` and `backupguard rules --coverage`, driven through main() with captured io.
 */
import { describe, expect, it } from "vitest";
import { rules } from "../../checks/index.js";
import { main } from "../../src/cli/main.js";
import { explain } from "../../src/cli/commands/explain.js";
import { listRules } from "../../src/cli/commands/rules.js";
import { defineRule } from "../../src/engine/define-rule.js";
import { UsageError } from "../../src/errors.js";
import { loadKnowledgeBase } from "../../src/kb/index.js";

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false, env: {} });
  return { code, stdout, stderr };
}

const kb = loadKnowledgeBase();
const predictor = defineRule({
  id: "SQL-990",
  name: "fake-simple-log",
  title: "Fake: SIMPLE databases get no log backups",
  severity: "error",
  prevents: ["UserErrorSQLPODoesNotSupportBackupType"],
  remediation: "Remove the log schedule.",
  check() {},
});

describe("backupguard explain CODE", () => {
  it("explains a SQL code: cause, fix steps, retry, prediction and sources", async () => {
    const r = await run(["explain", "UserErrorSQLPODoesNotSupportBackupType"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^UserErrorSQLPODoesNotSupportBackupType\n/);
    expect(r.stdout).toContain('Azure\'s message: "This SQL database does not support the requested backup type."');
    expect(r.stdout).toMatch(/\nCauses\n {2}- .*SIMPLE recovery model/);
    expect(r.stdout).toMatch(/\nFix\n {2}1\. .*\n {2}2\. /);
    expect(r.stdout).toMatch(/\nRetry: does not help/);
    expect(r.stdout).toContain("https://learn.microsoft.com/en-us/azure/backup/backup-sql-server-azure-troubleshoot");
  });

  it("is case-insensitive", async () => {
    const lower = await run(["explain", "usererrorsqlpodoesnotsupportbackuptype"]);
    expect(lower.code).toBe(0);
    expect(lower.stdout).toBe((await run(["explain", "UserErrorSQLPODoesNotSupportBackupType"])).stdout);
  });

  it("explains a VM code from the Chinese page in English", async () => {
    const r = await run(["explain", "ExtensionSnapshotFailedNoSecureNetwork"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("The snapshot operation failed because of failure to create a secure network communication channel.");
    expect(r.stdout).toContain("SchUseStrongCrypto");
    expect(r.stdout).toMatch(/Not predictable before deployment: /);
    expect(r.stdout).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("finds a numeric code through its alias", async () => {
    const r = await run(["explain", "320001"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ResourceNotFound\n {2}also shown as: 320001/);
  });

  it("names the rules that predict the code", () => {
    const out = explain("UserErrorSQLPODoesNotSupportBackupType", { format: "text", rules: [predictor], kb }).output;
    expect(out).toMatch(/Predicted before deployment by\n {2}SQL-990 fake-simple-log \(error\) — backupguard explain SQL-990/);
    const json = JSON.parse(explain("usererrorsqlpodoesnotsupportbackuptype", { format: "json", rules: [predictor], kb }).output);
    expect(json.predictedBy).toEqual([{ id: "SQL-990", name: "fake-simple-log", severity: "error", docs: "checks/sql/fake-simple-log.md" }]);
  });

  it("--format json gives the whole entry", async () => {
    const r = await run(["explain", "UserErrorVMInternetConnectivityIssue", "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      version: 1,
      kind: "error-code",
      code: "UserErrorVMInternetConnectivityIssue",
      workload: "sql-in-vm",
      retry: "after-fix",
      predictable: true,
      message: "The VM is not able to contact Azure Backup service due to internet connectivity issues.",
    });
    expect(out.causes.length).toBeGreaterThan(0);
    expect(out.fix.length).toBeGreaterThan(1);
    expect(out.sources[0]).toMatch(/^https:\/\//);
    expect(Array.isArray(out.predictedBy)).toBe(true);
  });

  it("an unknown code exits 2 and suggests the nearest known codes", async () => {
    const r = await run(["explain", "UserErrorSQLPODoesNotSupportBackupTyp"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^backupguard: unknown error code UserErrorSQLPODoesNotSupportBackupTyp; did you mean: UserErrorSQLPODoesNotSupportBackupType[,?]/);
    const fragment = await run(["explain", "clouddos"]);
    expect(fragment.code).toBe(2);
    expect(fragment.stderr).toContain("did you mean: CloudDosAbsoluteLimitReached, CloudDosAbsoluteLimitReachedWithRetry?");
  });

  it("throws a UsageError (not an internal error) for an unknown code", () => {
    expect(() => explain("NoSuchCode", { format: "text", kb })).toThrow(UsageError);
  });

  it("needs an argument", async () => {
    const r = await run(["explain"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument");
  });
});

describe("backupguard explain RULE-ID", () => {
  const rule = rules[0]!;

  it("prints the rule's doc", async () => {
    const r = await run(["explain", rule.id.toLowerCase()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${rule.id} ${rule.name} \\(${rule.severity}, ${rule.area}\\)\\ndocs: ${rule.docs}`));
    expect(r.stdout).toContain("## Remediation");
    expect(r.stdout).not.toMatch(/^---$/m); // front matter stripped
  });

  it("--format json gives the metadata and the doc", async () => {
    const out = JSON.parse((await run(["explain", rule.id, "--format", "json"])).stdout);
    expect(out).toMatchObject({ version: 1, kind: "rule", rule: { id: rule.id, name: rule.name, docs: rule.docs } });
    expect(out.doc).toContain("## Why it fails");
  });

  it("an unknown rule id exits 2", async () => {
    const r = await run(["explain", "CONFIG-999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown rule id CONFIG-999");
  });
});

describe("backupguard rules --coverage", () => {
  it("lists every known code with its predicting rules or the reason", async () => {
    const r = await run(["rules", "--coverage"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^CODE\s+WORKLOAD\s+PREDICTED BY$/);
    for (const e of kb.entries) expect(r.stdout, e.code).toMatch(new RegExp(`^${e.code}\\s+${e.workload}\\s+\\S`, "m"));
    expect(r.stdout).toMatch(/^UserErrorBackupFailedAsTransactionLogIsFull\s+sql-in-vm\s+not predictable before deployment: /m);
    expect(r.stdout).toMatch(new RegExp(`^${kb.entries.length} codes: `, "m"));
  });

  it("shows the predicting rule ids, and warns about codes the knowledge base lacks", () => {
    const out = listRules({ format: "text", coverage: true, rules: [predictor, defineRule({ ...predictor, id: "SQL-991", name: "fake-other", prevents: ["UserErrorMadeUp"] })], kb }).output;
    expect(out).toMatch(/^UserErrorSQLPODoesNotSupportBackupType\s+sql-in-vm\s+SQL-990$/m);
    expect(out).toMatch(/^UserErrorRequestDisallowedByPolicy\s+azure-vm\s+no rule yet$/m);
    expect(out).toContain("warning: SQL-991 prevents UserErrorMadeUp, which the knowledge base does not know");
  });

  it("--format json", async () => {
    const r = await run(["rules", "--coverage", "--format", "json"]);
    const out = JSON.parse(r.stdout);
    expect(out.version).toBe(1);
    expect(out.codes).toHaveLength(kb.entries.length);
    expect(out.codes.find((c: { code: string }) => c.code === "VMRestorePointInternalError")).toMatchObject({ status: "unpredictable", predictedBy: [], reason: expect.any(String) });
    expect(out.summary.codes).toBe(kb.entries.length);
    expect(out.summary.predicted + out.summary.unpredictable + out.summary.noRule).toBe(kb.entries.length);
  });
});
