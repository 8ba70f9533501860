import Ajv from "ajv-draft-04";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Log, Result } from "sarif";
import { describe, expect, it } from "vitest";
import { runRules } from "../../src/engine/run.js";
import { artifactUri, FINGERPRINT_KEY, sarifReporter } from "../../src/reporters/sarif.js";
import { TOOL_VERSION } from "../../src/version.js";
import { repoRoot } from "../harness/shared.js";
import { emptyReport, fakeRules, NOW, sampleModel, sampleReport } from "./_report.js";

const schema = JSON.parse(readFileSync(join(repoRoot, "test", "fixtures", "schemas", "sarif-2.1.0-rtm.5.json"), "utf8")) as object;

function validator() {
  // unicodeRegExp off: the schema's language-tag pattern is valid ECMAScript but not under the `u` flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  // The schema's three formats, checked for real rather than ignored.
  ajv.addFormat("uri", (s: string) => {
    try {
      return Boolean(new URL(s).protocol);
    } catch {
      return false;
    }
  });
  ajv.addFormat("uri-reference", (s: string) => {
    try {
      new URL(s, "http://base.invalid/");
      return !/\s/.test(s);
    } catch {
      return false;
    }
  });
  ajv.addFormat("date-time", (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

const render = (report = sampleReport()) => JSON.parse(sarifReporter(report, { color: false })) as Log;

function resultFor(log: Log, ruleId: string): Result {
  const r = log.runs[0]!.results!.find((x) => x.ruleId === ruleId);
  expect(r, `a result for ${ruleId}`).toBeDefined();
  return r!;
}

describe("SARIF reporter", () => {
  const validate = validator();

  it("validates against the official SARIF 2.1.0 schema", () => {
    const ok = validate(render());
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it("validates for an empty report too", () => {
    expect(validate(render(emptyReport())), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the schema validator rejects a broken log (it is not a no-op)", () => {
    const log = render() as unknown as { runs: { results: { level: string }[] }[] };
    log.runs[0]!.results[0]!.level = "fatal";
    expect(validate(log)).toBe(false);
  });

  it("has one run with the tool driver", () => {
    const log = render();
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe("backupguard");
    expect(driver.version).toBe(TOOL_VERSION);
    expect(driver.informationUri).toMatch(/^https:\/\//);
  });

  it("has one reportingDescriptor per enabled rule, with level, help URL, area and error codes", () => {
    const log = render();
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(fakeRules.map((r) => r.id));
    const sql = rules.find((r) => r.id === "SQL-901")!;
    expect(sql.name).toBe("fake-master-full-only");
    expect(sql.shortDescription?.text).toBe("Fake: master gets full backups only");
    expect(sql.fullDescription?.text).toContain("Protect master with a policy");
    expect(sql.help?.text).toContain("Protect master with a policy");
    expect(sql.helpUri).toBe("https://github.com/backupguard/backupguard/blob/main/checks/sql/fake-master-full-only.md");
    expect(sql.defaultConfiguration?.level).toBe("error");
    expect(sql.properties?.azureErrorCodes).toEqual(["UserErrorSQLPODoesNotSupportBackupType"]);
    expect(sql.properties?.area).toBe("sql");
    expect(sql.properties?.tags).toContain("sql");
    expect(rules.find((r) => r.id === "VM-901")!.defaultConfiguration?.level).toBe("warning");
    expect(rules.find((r) => r.id === "NET-901")!.defaultConfiguration?.level).toBe("note");
  });

  it("uses the re-graded severity of a rule from the config", () => {
    const report = runRules(sampleModel(), fakeRules, { now: NOW, config: { rules: { "SQL-901": "warning", "TAG-901": "off" }, suppressions: [] } });
    const log = render(report);
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.find((r) => r.id === "SQL-901")!.defaultConfiguration?.level).toBe("warning");
    expect(rules.map((r) => r.id)).not.toContain("TAG-901");
    expect(resultFor(log, "SQL-901").level).toBe("warning");
  });

  it("points every result at its descriptor by ruleIndex", () => {
    const log = render();
    const rules = log.runs[0]!.tool.driver.rules!;
    for (const r of log.runs[0]!.results!) expect(rules[r.ruleIndex!]!.id).toBe(r.ruleId);
    expect(log.runs[0]!.results).toHaveLength(sampleReport().findings.length);
  });

  it("writes a failure as kind fail with the rule's level, its error codes and data", () => {
    const r = resultFor(render(), "SQL-901");
    expect(r.kind).toBe("fail");
    expect(r.level).toBe("error");
    expect(r.message.text).toContain("Database master");
    expect(r.message.text).toContain("UserErrorSQLPODoesNotSupportBackupType");
    expect(r.properties?.azureErrorCodes).toEqual(["UserErrorSQLPODoesNotSupportBackupType"]);
    expect(r.properties?.data).toEqual({ database: "master", types: ["Differential", "Log"] });
    expect(r.properties?.path).toBe("policy.subPolicies[1]");
    expect(r.suppressions).toBeUndefined();
  });

  it("writes an unknown as kind open with level none", () => {
    const r = resultFor(render(), "VM-901");
    expect(r.kind).toBe("open");
    expect(r.level).toBe("none");
    expect(r.properties?.status).toBe("unknown");
  });

  it("keeps a suppressed finding with an accepted external suppression and its justification", () => {
    const r = resultFor(render(), "VAULT-901");
    expect(r.kind).toBe("fail");
    expect(r.suppressions).toEqual([
      { kind: "external", status: "accepted", justification: "Immutability is locked by the platform team | ticket <42>", properties: { expires: "2027-03-31", resource: "rsv-*" } },
    ]);
  });

  it("locates a resource from a file physically (relative URI) and every resource logically", () => {
    const log = render();
    const master = resultFor(log, "SQL-901").locations![0]!;
    expect(master.physicalLocation?.artifactLocation?.uri).toBe("infra/preview.json");
    expect(master.logicalLocations![0]).toMatchObject({
      name: "sqlvm01-master",
      fullyQualifiedName: "urn:pulumi:dev::bg::azure-native:recoveryservices:ProtectedItem::sqlvm01-master",
      kind: "resource",
    });
    expect(master.message?.text).toContain("steps[3].newState");
    const vault = resultFor(log, "VAULT-901").locations![0]!;
    expect(vault.physicalLocation).toBeUndefined();
    expect(vault.logicalLocations![0]!.fullyQualifiedName).toMatch(/^\/subscriptions\/.*\/vaults\/rsv-prod$/);
  });

  it("turns absolute paths into relative or file: URIs", () => {
    expect(artifactUri(join(process.cwd(), "infra", "my preview.json"))).toBe("infra/my%20preview.json");
    expect(artifactUri("/somewhere/else/state.json")).toMatch(/^file:\/\/\/somewhere\/else\/state\.json$/);
    expect(artifactUri("./a/b.json")).toBe("a/b.json");
  });

  it("fingerprints are stable per rule + resource + messageId, and differ between resources", () => {
    const a = render();
    const b = render();
    const fp = (log: Log) => log.runs[0]!.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
    expect(fp(a)).toEqual(fp(b));
    expect(new Set(fp(a)).size).toBe(fp(a).length);
    // A changed message (e.g. another value) keeps the fingerprint: the alert is the same.
    const report = sampleReport();
    const before = JSON.parse(sarifReporter(report, { color: false })) as Log;
    report.findings.find((f) => f.ruleId === "SQL-901")!.message = "reworded";
    const after = JSON.parse(sarifReporter(report, { color: false })) as Log;
    expect(resultFor(after, "SQL-901").partialFingerprints).toEqual(resultFor(before, "SQL-901").partialFingerprints);
  });

  it("adds a descriptor for a finding whose rule is not in the report's rules (audit drift/job findings)", () => {
    const report = sampleReport();
    report.findings.push({ ...report.findings[0]!, ruleId: "VAULT-999", ruleName: "drift", kind: "drift", status: "fail" });
    const log = render(report);
    const rules = log.runs[0]!.tool.driver.rules!;
    const r = resultFor(log, "VAULT-999");
    expect(rules[r.ruleIndex!]!.id).toBe("VAULT-999");
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });
});
