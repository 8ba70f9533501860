/**
 * The README's SQL example, end to end: a `pulumi preview --json` with a vault, a Full+Diff+Log SQL policy (created in
 * the same update, so the items' policyId is unknown and joined through propertyDependencies) and three protected
 * items on sqlvm01 — master, a SIMPLE database and a FULL database — plus the inventory of that instance.
 *
 * Azure's troubleshooting page predicts: master gets no differential or log backups, the SIMPLE database gets no log
 * backups (UserErrorSQLPODoesNotSupportBackupType), and the FULL database is fine.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { repoRoot } from "../harness/shared.js";

const example = (file: string) => join(repoRoot, "examples", "sql-troubleshooting", file);

interface JsonFinding {
  ruleId: string;
  ruleName: string;
  severity: string;
  status: string;
  resource: { name: string; type: string };
  azureErrorCodes: string[];
  data?: Record<string, unknown>;
}

async function check(): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (s: string) => void (stdout += s), stderr: (s: string) => void (stderr += s), isTTY: false, env: {} };
  const code = await main(["check", "--preview", example("preview.json"), "--inventory", example("inventory.yaml"), "--format", "json"], io);
  return { code, findings: stdout ? (JSON.parse(stdout).findings as JsonFinding[]) : [], stderr };
}

describe("README example: SQL troubleshooting", () => {
  it("finds exactly what Azure's troubleshooting page predicts, and nothing on the FULL database", async () => {
    const { code, findings, stderr } = await check();
    expect(stderr).toBe("");
    expect(code, "errors make the exit code 1").toBe(1);
    const sql = findings.filter((f) => f.ruleId.startsWith("SQL-"));
    expect(sql.filter((f) => f.status !== "fail"), "the policy is joined through propertyDependencies: nothing unknown").toEqual([]);
    expect(
      sql.map((f) => ({ rule: f.ruleId, name: f.ruleName, resource: f.resource.name, codes: f.azureErrorCodes, types: f.data?.backupTypes })).sort((a, b) => a.rule.localeCompare(b.rule)),
    ).toEqual([
      { rule: "SQL-001", name: "log-backup-needs-full-recovery", resource: "sqlvm01-staging", codes: ["UserErrorSQLPODoesNotSupportBackupType"], types: ["Log"] },
      { rule: "SQL-002", name: "master-full-backup-only", resource: "sqlvm01-master", codes: ["UserErrorSQLPODoesNotSupportBackupType"], types: ["Differential", "Log"] },
    ]);
    expect(findings.filter((f) => f.resource.name === "sqlvm01-sales" && f.ruleId.startsWith("SQL-"))).toEqual([]);
  });
});
