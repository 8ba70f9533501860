/**
 * Shared pieces of the contract scenarios: the fixture estate under test/fixtures/e2e/estate and a JSON-report run.
 *
 * The estate: vault rsv-prod (rg-backup, eastus; immutability locked and a resource guard mapped, so the vault rules
 * pass) with a VM policy and a SQL policy whose log backups run every 10 minutes (POLICY-004); VM sqlvm01 (rg-sql)
 * protected by a VM item; the workload inventory says its Windows agent is 2.6.1198.99 (VM-001). The same estate is given as Azure CLI / REST / Resource Graph output, as a Pulumi
 * preview (with unknowns and secrets) and as a stack export. Ids are spelled in different letter cases across files,
 * as Azure itself does.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { runCli, type CliRun } from "../harness/cli.js";
import { repoRoot } from "../harness/shared.js";

export const estate = (name: string) => join(repoRoot, "test", "fixtures", "e2e", "estate", name);

export const SUB = "00000000-0000-0000-0000-000000000001";
export const VM_ID = `/subscriptions/${SUB}/resourceGroups/rg-sql/providers/Microsoft.Compute/virtualMachines/sqlvm01`;

export interface JsonFinding {
  ruleId: string;
  ruleName: string;
  severity: string;
  status: string;
  resource: { type: string; name: string; urn?: string; id?: string };
  message: string;
  azureErrorCodes: string[];
  remediation: string;
  docs: string;
  data?: Record<string, unknown>;
  suppression?: { justification: string; expires: string };
}

export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  findings: JsonFinding[];
  summary: Record<"error" | "warning" | "note" | "unknown" | "suppressed" | "resources" | "rules", number>;
}

export interface JsonRun extends CliRun {
  report: JsonReport;
}

/** `backupguard check ... --format json`, parsed. */
export async function checkJson(args: string[], env: NodeJS.ProcessEnv = {}): Promise<JsonRun> {
  const run = await runCli(["check", ...args, "--format", "json"], env);
  if (run.stdout === "") throw new Error(`no report (exit ${run.code}): ${run.stderr}`);
  return { ...run, report: JSON.parse(run.stdout) as JsonReport };
}

/** "RULE status resource-name", sorted: what a reader of the report sees first. */
export function outline(report: JsonReport): string[] {
  return report.findings.map((f) => `${f.ruleId} ${f.status} ${f.resource.name}`).sort();
}

/** The outline without `unknown` findings: what makes the exit code (fail) or was accepted (suppressed). */
export function decided(report: JsonReport): string[] {
  return outline(report).filter((line) => !line.includes(" unknown "));
}

/** A scratch directory removed after the file's tests. */
export function scratch(prefix: string): (name: string, content: string | object) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
  };
}
