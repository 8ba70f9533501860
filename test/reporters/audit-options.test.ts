/**
 * What the reporters show for `audit`: finding kinds, `complete`, and the list of what could not be read.
 */
import Ajv from "ajv-draft-04";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import { runRules } from "../../src/engine/run.js";
import { emptyModel } from "../../src/model/types.js";
import { reporters } from "../../src/reporters/index.js";
import type { ReporterOptions } from "../../src/reporters/types.js";
import { repoRoot } from "../harness/shared.js";
import { sampleReport } from "./_report.js";

const unread = [{ what: "failed backup jobs of vault rsv-prod (resource group rg-backup, subscription s)", reason: "permission-denied", detail: "permission denied (HTTP 403 AuthorizationFailed): the identity needs Reader and Backup Reader on this scope" }];
const incomplete: ReporterOptions = { color: false, audit: { complete: false, unread } };
const complete: ReporterOptions = { color: false, audit: { complete: true, unread: [] } };

function auditReport() {
  const report = sampleReport();
  for (const f of report.findings) f.kind = "rule";
  report.findings[0]!.kind = "drift";
  return report;
}

describe("reporters with audit options", () => {
  it("JSON: kind per finding, summary.complete, unread[]", () => {
    const json = JSON.parse(reporters.json(auditReport(), incomplete));
    expect(json.summary.complete).toBe(false);
    expect(json.unread).toEqual(unread);
    expect(json.findings[0].kind).toBe("drift");
    expect(JSON.parse(reporters.json(auditReport(), complete))).toMatchObject({ summary: { complete: true }, unread: [] });
    // check's JSON is unchanged: no audit fields.
    const check = JSON.parse(reporters.json(sampleReport(), { color: false }));
    expect(check.unread).toBeUndefined();
    expect(check.summary.complete).toBeUndefined();
  });

  it("text and Markdown say the audit is incomplete and list what was not read", () => {
    const text = reporters.text(auditReport(), incomplete);
    expect(text).toContain("incomplete audit");
    expect(text).toContain("permission-denied");
    expect(text).toContain("failed backup jobs of vault rsv-prod");
    expect(text).toMatch(/audit INCOMPLETE\n$/);
    expect(reporters.text(auditReport(), complete)).toMatch(/audit complete\n$/);
    const md = reporters.markdown(auditReport(), incomplete);
    expect(md).toContain("> [!WARNING]");
    expect(md).toContain("> - **failed backup jobs of vault rsv-prod");
  });

  it("SARIF: an unsuccessful invocation with one notification per unread item, still schema-valid", () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, "test", "fixtures", "schemas", "sarif-2.1.0-rtm.5.json"), "utf8")) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    ajv.addFormat("uri", () => true);
    ajv.addFormat("uri-reference", () => true);
    ajv.addFormat("date-time", () => true);
    const validate = ajv.compile(schema);
    const log = JSON.parse(reporters.sarif(auditReport(), incomplete)) as Log;
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const invocation = log.runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([expect.objectContaining({ level: "error", descriptor: { id: "permission-denied" } })]);
    expect((log.runs[0]!.properties as { summary: { complete: boolean } }).summary.complete).toBe(false);
    expect(log.runs[0]!.results!.some((r) => (r.properties as { findingKind?: string } | undefined)?.findingKind === "drift")).toBe(true);
  });

  it("JUnit lists the drift and jobs areas as suites", () => {
    const report = auditReport();
    report.findings[0]!.area = "drift";
    report.rules.push({ ...report.rules[0]!, id: "DRIFT-999", area: "drift" });
    report.findings[0]!.ruleId = "DRIFT-999";
    expect(reporters.junit(report, complete)).toContain('name="drift"');
  });
});

describe("an incomplete audit with nothing found is never shown as clean", () => {
  it("text and markdown say so instead of a check mark", () => {
    const report = runRules(emptyModel(), []);
    const textReporter = reporters.text;
    const markdownReporter = reporters.markdown;
    const audit = { complete: false, unread: [] };
    const text = textReporter(report, { color: false, audit });
    expect(text).not.toContain("✓");
    expect(text).toContain("✖ no findings in what could be read");
    const md = markdownReporter(report, { color: false, audit });
    expect(md).not.toContain("✅");
    expect(md).toContain("Audit incomplete");
    expect(textReporter(report, { color: false, audit: { complete: true, unread: [] } })).toContain("✓ no findings");
  });
});
