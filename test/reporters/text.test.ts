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
    expect(out.trimEnd().split("\n").pop()).toBe("✖ 2 findings: 1 error, 0 warnings, 1 note; 1 unknown, 1 suppressed — 7 resources, 5 rules");
  });

  it("heads each resource with its name and type, then its id and the file it came from", () => {
    const lines = out.split("\n");
    const header = lines.indexOf("sqlvm01-master  Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems");
    expect(header).toBeGreaterThanOrEqual(0);
    expect(lines[header + 1]).toMatch(/^ {2}id {4}\/subscriptions\/.*\/protectedItems\/SQLDataBase;MSSQLSERVER;master$/);
    expect(lines[header + 2]).toBe("  from  infra/preview.json at steps[3].newState");
  });

  it("puts each finding's status, rule id and name on one line and the message, fix and docs below it, aligned", () => {
    const block = out.slice(out.indexOf("  error      SQL-901"));
    expect(block.split("\n").slice(0, 5)).toEqual([
      "  error      SQL-901 fake-master-full-only",
      "             Database master on VMAppContainer;Compute;rg-sql;sqlvm01 is scheduled for Differential and Log backups.",
      "             prevents: UserErrorSQLPODoesNotSupportBackupType (cause and fix: backupguard explain UserErrorSQLPODoesNotSupportBackupType)",
      "             fix:      Protect master with a policy that schedules only full backups.",
      "             docs:     checks/sql/fake-master-full-only.md",
    ]);
  });

  it("indents every line of a multi-line message under the finding", () => {
    expect(out).toContain('             Rule "a|b" in nsg-sql <allows> & denies\n             second line\n');
  });

  it("shows a suppression's expiry and justification, and no fix for what is not a failure", () => {
    const vault = out.slice(out.indexOf("  suppressed VAULT-901"));
    expect(vault).toContain("             accepted: until 2027-03-31: Immutability is locked by the platform team | ticket <42>");
    expect(vault.split("\n\n")[0]).not.toMatch(/^ +fix: /m);
  });

  it("lists resources worst first: errors, then warnings and notes, then unknowns, then suppressed findings", () => {
    const order = ["  error      SQL-901", "  note       NET-901", "  unknown    VM-901", "  suppressed VAULT-901"].map((s) => out.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("keeps two resources of the same name and type apart when their Azure ids differ", () => {
    const report = sampleReport();
    const [first] = report.findings.filter((f) => f.ruleId === "SQL-901");
    const twin = { ...first!, resource: { ...first!.resource, id: first!.resource.id!.replace("rg-sql", "rg-other") } };
    const text = textReporter({ ...report, findings: [first!, twin] }, { color: false });
    expect(text.split("\n").filter((l) => l.startsWith("sqlvm01-master  "))).toHaveLength(2);
    expect(text).toContain("rg-other");
  });
});
