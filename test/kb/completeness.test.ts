/**
 * The knowledge base is complete against the seed documents: every error code a seed names (see _seed-codes.ts for
 * exactly what counts as a code) has an entry, spelled exactly as the seed spells it (as the code or an alias).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/kb/index.js";
import { sharedPath } from "../harness/shared.js";
import { extractErrorCodes } from "./_seed-codes.js";

const seedsDir = sharedPath("seeds");
const seeds = readdirSync(seedsDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => ({ file: f, text: readFileSync(join(seedsDir, f), "utf8") }));
const kb = loadKnowledgeBase();

describe("error-code extraction from the seeds", () => {
  it("finds code-shaped identifiers", () => {
    const codes = extractErrorCodes(
      "If you get **UserErrorSQLNoSysadminMembership**, or WlExtGenericIOFaultUserError, CloudDosAbsoluteLimitReached, ExtensionSnapshotFailedCOM, WorkloadExtensionNotPresent or VSS_E_WRITERERROR_NONRETRYABLE (0x800423f4).",
    );
    expect([...codes].sort()).toEqual(
      ["0x800423f4", "CloudDosAbsoluteLimitReached", "ExtensionSnapshotFailedCOM", "UserErrorSQLNoSysadminMembership", "VSS_E_WRITERERROR_NONRETRYABLE", "WlExtGenericIOFaultUserError", "WorkloadExtensionNotPresent"].sort(),
    );
  });

  it("reads headings and error-code labels, numeric codes included", () => {
    const text = [
      "### AutoProtectionCancelledOrNotValid",
      "### Backup type unsupported",
      "错误代码：320001，ResourceNotFound <br/> 错误消息：无法执行该操作",
      "错误代码：UserErrorSkuNotAvailable 错误消息：VM 创建失败",
      "**Error code**: GuestAgentSnapshotTaskStatusError<br>",
      "Error code: BackUpOperationFailed / BackUpOperationFailedV2 <br>",
    ].join("\n");
    expect([...extractErrorCodes(text)].sort()).toEqual(
      ["320001", "AutoProtectionCancelledOrNotValid", "BackUpOperationFailed", "BackUpOperationFailedV2", "GuestAgentSnapshotTaskStatusError", "ResourceNotFound", "UserErrorSkuNotAvailable"].sort(),
    );
  });

  it("ignores file names, product names, prose headings and numbers outside a code label", () => {
    const text = [
      "Create a JSON file named `ExtensionSettingsOverrides.json` in C:\\Program Files.",
      "install the **AzureBackupWindowsWorkload** extension; see [Extension overview](x.md)",
      "## Next steps",
      "### Step 1: Discovery DBs in VMs",
      "The MS-SQL agent is version 4.9.4-110537 or later.",
      "<a name=\"usererrorvmnotindesirablestate---vm\"></a>",
    ].join("\n");
    expect([...extractErrorCodes(text)]).toEqual([]);
  });

  it("finds a substantial number of codes in the seeds (the test is not vacuous)", () => {
    const all = new Set(seeds.flatMap((s) => [...extractErrorCodes(s.text)]));
    expect(all.size).toBeGreaterThanOrEqual(50);
  });
});

describe("knowledge base completeness against ../shared/seeds", () => {
  for (const seed of seeds) {
    it(`has an entry for every error code in ${seed.file}`, () => {
      const missing = [...extractErrorCodes(seed.text)].filter((code) => !kb.hasExact(code)).sort();
      expect(missing, `codes named in ${seed.file} but missing from kb/error-codes.yaml (add an entry, or an alias spelled exactly so)`).toEqual([]);
    });
  }

  it("gives every code the Chinese VM page shows with an error message its English Microsoft message", () => {
    const chinese = seeds.find((s) => s.text.includes("zh-CN"));
    expect(chinese, "the Chinese Azure VM troubleshooting seed").toBeDefined();
    const withMessage = new Set<string>();
    for (const m of chinese!.text.matchAll(/错误代码：([^\n]*?)错误消息/g)) {
      for (const code of extractErrorCodes(`错误代码：${m[1]}`)) withMessage.add(code);
    }
    for (const m of chinese!.text.matchAll(/错误代码：([^\n]*)\n(?:[^\n]*<br\/>\s*\n)?错误消息/g)) {
      for (const code of extractErrorCodes(`错误代码：${m[1]}`)) withMessage.add(code);
    }
    expect(withMessage.size).toBeGreaterThanOrEqual(20);
    const lacking = [...withMessage].filter((code) => !kb.find(code)?.message).sort();
    expect(lacking, "codes with a message on the Chinese page but no English message in the knowledge base").toEqual([]);
    // English, not Chinese.
    for (const code of withMessage) expect(kb.find(code)!.message!, code).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
