import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { rules } from "../../checks/index.js";
import { defineRule } from "../../src/engine/define-rule.js";
import { coverage, loadKnowledgeBase, unknownPreventedCodes } from "../../src/kb/index.js";
import { repoRoot } from "../harness/shared.js";

const kb = loadKnowledgeBase();
const dir = mkdtempSync(join(tmpdir(), "bg-kb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fakeRule = (id: string, prevents: string[]) =>
  defineRule({ id, name: `fake-${id.toLowerCase()}`, title: "A fake rule for the knowledge-base tests", severity: "error", prevents, remediation: "Do the right thing.", check() {} });

function kbFile(yaml: string): string {
  const file = join(dir, `kb-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

const ENTRY = `  - code: UserErrorExample
    workload: azure-vm
    operations: [backup]
    causes: [Something broke.]
    fix: [Repair it.]
    retry: after-fix
    predictable: true
    sources: [https://learn.microsoft.com/en-us/azure/backup/]
`;

describe("knowledge base file", () => {
  it("loads and validates kb/error-codes.yaml", () => {
    expect(kb.entries.length).toBeGreaterThanOrEqual(60);
    for (const e of kb.entries) expect(e.fix.length, `${e.code} has fix steps`).toBeGreaterThan(0);
  });

  it("is shipped in the npm package", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("kb");
  });

  it("accepts a minimal valid entry", () => {
    expect(loadKnowledgeBase(kbFile(`version: 1\ncodes:\n${ENTRY}`)).find("usererrorexample")?.code).toBe("UserErrorExample");
  });

  it.each([
    ["an unknown key", ENTRY.replace("retry: after-fix", "retry: after-fix\n    rules: [VM-001]"), /at codes\[0\]\.rules: unknown key "rules"/],
    ["a bad workload", ENTRY.replace("azure-vm", "aks"), /at codes\[0\]\.workload/],
    ["a non-https source", ENTRY.replace("https://learn", "http://learn"), /at codes\[0\]\.sources\[0\]/],
    ["predictable: false without a reason", ENTRY.replace("predictable: true", "predictable: false"), /at codes\[0\]\.unpredictableReason: required/],
    ["an empty fix", ENTRY.replace("fix: [Repair it.]", "fix: []"), /at codes\[0\]\.fix/],
  ])("rejects %s, naming the file and path", (_label, entry, message) => {
    const file = kbFile(`version: 1\ncodes:\n${entry}`);
    expect(() => loadKnowledgeBase(file)).toThrow(message);
    expect(() => loadKnowledgeBase(file)).toThrow(file);
  });

  it("rejects a code listed twice, even in another case or as an alias", () => {
    const twice = `version: 1\ncodes:\n${ENTRY}${ENTRY.replace("code: UserErrorExample", "code: Other\n    aliases: [usererrorexample]")}`;
    expect(() => loadKnowledgeBase(kbFile(twice))).toThrow(/"usererrorexample" is listed twice/);
  });
});

describe("knowledge base and rules", () => {
  it("knows every Azure error code any rule prevents, spelled as the rule spells it", () => {
    const missing = unknownPreventedCodes(kb, rules).map((m) => `${m.ruleId} prevents ${m.code}`);
    expect(missing, "add these codes to kb/error-codes.yaml (or fix the rule's spelling)").toEqual([]);
  });

  it("reports a rule's unknown code by rule and code", () => {
    expect(unknownPreventedCodes(kb, [fakeRule("VM-990", ["UserErrorNoSuchThing", "UserErrorFsFreezeFailed"])])).toEqual([{ ruleId: "VM-990", code: "UserErrorNoSuchThing" }]);
  });

  it("never claims a code is unpredictable when a rule predicts it", () => {
    const contradictions = coverage(kb, rules)
      .filter((row) => row.predictedBy.length > 0 && !kb.find(row.code)!.predictable)
      .map((row) => `${row.code} (predicted by ${row.predictedBy.join(", ")})`);
    expect(contradictions, "set predictable: true for these codes").toEqual([]);
  });

  it("computes the predicting rules from `prevents`, aliases and case included", () => {
    const a = fakeRule("NET-990", ["UserErrorVMInternetConnectivityIssue"]);
    const b = fakeRule("VM-991", ["320001"]);
    const rows = coverage(kb, [a, b]);
    expect(rows.find((r) => r.code === "UserErrorVMInternetConnectivityIssue")).toEqual({ code: "UserErrorVMInternetConnectivityIssue", workload: "sql-in-vm", status: "predicted", predictedBy: ["NET-990"] });
    expect(rows.find((r) => r.code === "ResourceNotFound")!.predictedBy).toEqual(["VM-991"]);
    expect(rows.find((r) => r.code === "UserErrorBackupFailedAsTransactionLogIsFull")).toMatchObject({ status: "unpredictable", reason: expect.stringContaining("run time") });
    expect(rows.find((r) => r.code === "UserErrorRequestDisallowedByPolicy")).toMatchObject({ status: "no-rule", predictedBy: [] });
  });

  it("says why the full transaction log and the antivirus lock cannot be predicted", () => {
    expect(kb.find("UserErrorBackupFailedAsTransactionLogIsFull")).toMatchObject({ predictable: false });
    expect(kb.find("VMRestorePointInternalError")).toMatchObject({ predictable: false, unpredictableReason: expect.stringMatching(/antivirus/i) });
  });
});

describe("lookup and suggestions", () => {
  it("finds codes and aliases case-insensitively", () => {
    expect(kb.find("usererrorsqlpodoesnotsupportbackuptype")?.code).toBe("UserErrorSQLPODoesNotSupportBackupType");
    expect(kb.find("400094")?.code).toBe("BCMV2VMNotFound");
    expect(kb.find("backupoperationfailedv2")?.code).toBe("BackUpOperationFailed");
    expect(kb.hasExact("usererrorfsfreezefailed")).toBe(false);
    expect(kb.hasExact("UserErrorFsFreezeFailed")).toBe(true);
  });

  it("suggests the nearest codes for a typo, a prefix or a fragment", () => {
    expect(kb.suggest("UserErrorSQLPODoesNotSupportBackupTyp")[0]).toBe("UserErrorSQLPODoesNotSupportBackupType");
    expect(kb.suggest("UserErrorVMInternetConectivityIssue")[0]).toBe("UserErrorVMInternetConnectivityIssue");
    expect(kb.suggest("clouddos")).toEqual(["CloudDosAbsoluteLimitReached", "CloudDosAbsoluteLimitReachedWithRetry"]);
    expect(kb.suggest("VssWriter")).toContain("ExtensionFailedVssWriterInBadState");
    expect(kb.suggest("zzzz")).toHaveLength(3);
  });
});
