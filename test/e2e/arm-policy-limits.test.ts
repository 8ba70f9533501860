/**
 * Issue 2's end-to-end promise: Azure's own SQL policy example passes, and the same policy with a log backup every
 * 10 minutes fails with exactly one error on that policy.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";
import { sharedPath } from "../harness/shared.js";

const example = JSON.parse(
  readFileSync(sharedPath("azure-rest-examples", "recoveryservicesbackup", "AzureWorkload", "ProtectionPolicies_CreateOrUpdate_Complex.json"), "utf8"),
) as { responses: { "200": { body: { properties: { subProtectionPolicy: { policyType: string; schedulePolicy: Record<string, unknown> }[] } } } } };
const dir = mkdtempSync(join(tmpdir(), "bg-e2e-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe("check --arm on Azure's SQL policy example", () => {
  const body = example.responses["200"].body;

  it("exits 0 on the policy as Azure documents it", async () => {
    const r = await runCli(["check", "--arm", write("complex.json", body), "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary.resources).toBe(1);
  });

  it("exits 1 with one error on that policy when the log runs every 10 minutes", async () => {
    const broken = structuredClone(body);
    const log = broken.properties.subProtectionPolicy.find((s) => s.policyType === "Log")!;
    expect(log.schedulePolicy.scheduleFrequencyInMins).toBe(60);
    log.schedulePolicy.scheduleFrequencyInMins = 10;
    const r = await runCli(["check", "--arm", write("complex-10.json", broken), "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      ruleId: "POLICY-004",
      severity: "error",
      status: "fail",
      resource: { name: "testPolicy1" },
      azureErrorCodes: ["BMSUserErrorInvalidPolicyInput"],
    });
    expect(report.summary.error).toBe(1);
  });
});
