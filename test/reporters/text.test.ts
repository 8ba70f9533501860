import { describe, expect, it } from "vitest";
import { textReporter } from "../../src/reporters/text.js";
import { sampleReport } from "./_report.js";

describe("text reporter", () => {
  const out = textReporter(sampleReport(), { color: false });

  it("names the Azure error codes a finding prevents and how to read about them", () => {
    expect(out).toContain("prevents: UserErrorSQLPODoesNotSupportBackupType (cause and fix: backupguard explain UserErrorSQLPODoesNotSupportBackupType)");
  });

  it("has no colour unless asked, and colour when asked", () => {
    expect(out).not.toContain("\u001b[");
    expect(textReporter(sampleReport(), { color: true })).toContain("\u001b[31m");
  });

  it("ends with the summary line", () => {
    expect(out.trimEnd().split("\n").pop()).toBe("✖ 2 findings (1 error, 0 warning, 1 note), 1 unknown, 1 suppressed — 7 resources, 5 rules");
  });
});
