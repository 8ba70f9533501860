import { describe, expect, it } from "vitest";
import { cell, markdownReporter } from "../../src/reporters/markdown.js";
import { emptyReport, sampleReport } from "./_report.js";

const render = (report = sampleReport()) => markdownReporter(report, { color: false });

/** The rows of the first table after a heading (or summary line) that starts with `title`. */
function tableAfter(md: string, title: string): string[] {
  const lines = md.split("\n");
  const start = lines.findIndex((l) => l.startsWith(title));
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const rows: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.startsWith("|")) rows.push(l);
    else if (rows.length) break;
  }
  return rows.slice(2); // header and separator
}

/** Splits a table row on unescaped pipes. */
function cells(row: string): string[] {
  return row.replace(/^\|\s?|\s?\|$/g, "").split(/(?<!\\)\|/).map((c) => c.trim());
}

describe("Markdown reporter", () => {
  it("starts with a verdict and the summary counts", () => {
    const md = render();
    expect(md).toMatch(/^## backupguard report\n\n❌ \*\*Azure Backup would fail\*\*: 1 error, 0 warnings, 1 note\n/);
    const summary = md.split("\n").find((l) => /^\| \d/.test(l))!;
    expect(cells(summary)).toEqual(["1", "0", "1", "1", "1", "7", "5"]);
  });

  it("says so when nothing is found", () => {
    expect(render(emptyReport())).toContain("✅ **No findings**");
  });

  it("groups failures by severity with rule link, resource, message and prevented codes", () => {
    const md = render();
    const errors = tableAfter(md, "### 🔴 Errors (1)");
    expect(errors).toHaveLength(1);
    const [rule, resource, message, prevents] = cells(errors[0]!);
    expect(rule).toBe('[SQL-901](https://github.com/backupguard/backupguard/blob/main/checks/sql/fake-master-full-only.md "fake-master-full-only")');
    expect(resource).toContain("sqlvm01-master");
    expect(message).toContain("Database master on VMAppContainer;Compute;rg-sql;sqlvm01");
    expect(message).toContain("**Fix:** Protect master");
    expect(prevents).toBe("`UserErrorSQLPODoesNotSupportBackupType`");
    expect(tableAfter(md, "### 🔵 Notes (1)")).toHaveLength(1);
    expect(md).not.toContain("### 🟠 Warnings");
    expect(md).toContain("`backupguard explain UserErrorSQLPODoesNotSupportBackupType`");
  });

  it("escapes pipes, newlines and markup inside cells", () => {
    const note = tableAfter(render(), "### 🔵 Notes")[0]!;
    const parts = cells(note);
    expect(parts).toHaveLength(4);
    expect(parts[2]).toContain('Rule "a\\|b" in nsg-sql &lt;allows&gt; &amp; denies<br>second line');
    expect(cell("a|b\nc")).toBe("a\\|b<br>c");
  });

  it("folds unknowns into a details block", () => {
    const md = render();
    const details = md.slice(md.indexOf("<details>"), md.indexOf("</details>"));
    expect(details).toContain("<summary>Unknown before deployment (1)</summary>");
    expect(details).toContain("The location of appvm02 is not known before deployment.");
  });

  it("lists suppressed findings with justification and expiry", () => {
    const rows = tableAfter(render(), "### Suppressed (1)");
    expect(rows).toHaveLength(1);
    const parts = cells(rows[0]!);
    expect(parts[3]).toBe("Immutability is locked by the platform team \\| ticket &lt;42&gt;");
    expect(parts[4]).toBe("2027-03-31");
  });
});
