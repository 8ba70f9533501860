/**
 * The JSON report against the contract's example (design/contract.md, "The JSON report"), field by field.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonReporter } from "../../src/reporters/json.js";
import { TOOL_VERSION } from "../../src/version.js";
import { sharedPath } from "../harness/shared.js";
import { sampleReport } from "./_report.js";

/** The example JSON block of the contract, with its `…` placeholders made parseable. */
function contractExample(): Record<string, unknown> {
  const contract = readFileSync(sharedPath("design", "contract.md"), "utf8");
  const section = contract.slice(contract.indexOf("## The JSON report"));
  const block = /```json\n([\s\S]*?)```/.exec(section)![1]!;
  return JSON.parse(block.replace(/…/g, "")) as Record<string, unknown>;
}

describe("JSON reporter", () => {
  const example = contractExample();
  const out = JSON.parse(jsonReporter(sampleReport(), { color: false })) as Record<string, unknown> & {
    findings: Record<string, unknown>[];
    summary: Record<string, unknown>;
    tool: Record<string, unknown>;
  };

  it("has the contract's top-level fields", () => {
    expect(Object.keys(out)).toEqual(Object.keys(example));
    expect(out.version).toBe(1);
    expect(out.tool).toEqual({ name: "backupguard", version: TOOL_VERSION });
  });

  it("gives every finding at least the contract's fields, with the contract's types", () => {
    const exampleFinding = (example.findings as Record<string, unknown>[])[0]!;
    for (const f of out.findings) {
      for (const [key, value] of Object.entries(exampleFinding)) {
        expect(f, `finding field ${key}`).toHaveProperty(key);
        expect(Array.isArray(f[key]), `${key} array-ness`).toBe(Array.isArray(value));
        expect(typeof f[key], `${key} type`).toBe(typeof value);
      }
      expect(["error", "warning", "note"]).toContain(f.severity);
      expect(["fail", "unknown", "suppressed"]).toContain(f.status);
      const resource = f.resource as Record<string, unknown>;
      expect(typeof resource.type).toBe("string");
      expect(typeof resource.name).toBe("string");
      for (const k of Object.keys(resource)) expect(["type", "name", "urn", "id"]).toContain(k);
    }
  });

  it("writes the example finding's values for a matching finding", () => {
    const master = out.findings.find((f) => f.ruleId === "SQL-901")!;
    expect(master).toMatchObject({
      ruleName: "fake-master-full-only",
      severity: "error",
      status: "fail",
      azureErrorCodes: ["UserErrorSQLPODoesNotSupportBackupType"],
      remediation: "Protect master with a policy that schedules only full backups.",
      docs: "checks/sql/fake-master-full-only.md",
      resource: {
        type: "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems",
        name: "sqlvm01-master",
        urn: "urn:pulumi:dev::bg::azure-native:recoveryservices:ProtectedItem::sqlvm01-master",
      },
    });
    expect((master.resource as { id: string }).id).toMatch(/^\/subscriptions\//);
    expect(out.findings.find((f) => f.ruleId === "VAULT-901")).toMatchObject({ status: "suppressed", suppression: { expires: "2027-03-31" } });
    expect(out.findings.find((f) => f.ruleId === "VM-901")).toMatchObject({ status: "unknown" });
  });

  it("has the contract's summary keys and counts", () => {
    expect(Object.keys(out.summary).sort()).toEqual(Object.keys(example.summary as object).sort());
    expect(out.summary).toEqual({ error: 1, warning: 0, note: 1, unknown: 1, suppressed: 1, resources: 7, rules: 5 });
  });
});
