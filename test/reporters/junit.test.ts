import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { runRules } from "../../src/engine/run.js";
import { junitReporter } from "../../src/reporters/junit.js";
import { build } from "../harness/build.js";
import { emptyReport, fakeRules, NOW, sampleReport } from "./_report.js";

interface XmlCase {
  "@_classname": string;
  "@_name": string;
  failure?: { "@_type": string; "@_message": string; "#text": string };
  skipped?: { "@_message": string };
}
interface XmlSuite {
  "@_name": string;
  "@_tests": string;
  "@_failures": string;
  "@_skipped": string;
  "@_errors": string;
  testcase: XmlCase[];
}

function parse(xml: string): { testsuites: { "@_tests": string; "@_failures": string; "@_skipped": string; testsuite: XmlSuite[] } } {
  expect(XMLValidator.validate(xml)).toBe(true);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseAttributeValue: false,
    isArray: (name) => name === "testsuite" || name === "testcase",
  }).parse(xml);
}

const render = (report = sampleReport()) => junitReporter(report, { color: false });
const suite = (doc: ReturnType<typeof parse>, name: string) => doc.testsuites.testsuite.find((s) => s["@_name"] === name)!;

describe("JUnit reporter", () => {
  it("writes well-formed XML with a declaration", () => {
    const xml = render();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it("has one testsuite per area, in area order, with counts", () => {
    const doc = parse(render());
    expect(doc.testsuites.testsuite.map((s) => s["@_name"])).toEqual(["sql", "vm", "network", "tags", "vault"]);
    // sql: master fails, sales passes.
    expect(suite(doc, "sql")).toMatchObject({ "@_tests": "2", "@_failures": "1", "@_skipped": "0", "@_errors": "0" });
    // vm: appvm02 unknown (skipped), sqlvm01 passes.
    expect(suite(doc, "vm")).toMatchObject({ "@_tests": "2", "@_failures": "0", "@_skipped": "1" });
    expect(suite(doc, "network")).toMatchObject({ "@_tests": "1", "@_failures": "1", "@_skipped": "0" });
    expect(suite(doc, "tags")).toMatchObject({ "@_tests": "1", "@_failures": "0", "@_skipped": "0" });
    expect(suite(doc, "vault")).toMatchObject({ "@_tests": "1", "@_failures": "0", "@_skipped": "1" });
    expect(doc.testsuites).toMatchObject({ "@_tests": "7", "@_failures": "2", "@_skipped": "2" });
  });

  it("names test cases <area>.<ruleId> / <ruleId> <ruleName> — <resource>", () => {
    const doc = parse(render());
    const sql = suite(doc, "sql").testcase;
    expect(sql.map((t) => [t["@_classname"], t["@_name"]])).toEqual([
      ["sql.SQL-901", "SQL-901 fake-master-full-only — sqlvm01-master"],
      ["sql.SQL-901", "SQL-901 fake-master-full-only — sqlvm01-sales"],
    ]);
  });

  it("writes a failure with the rule id as type, the message, remediation, docs and codes", () => {
    const master = suite(parse(render()), "sql").testcase[0]!;
    expect(master.failure!["@_type"]).toBe("SQL-901");
    expect(master.failure!["@_message"]).toContain("Database master");
    const body = master.failure!["#text"];
    expect(body).toContain("Protect master with a policy that schedules only full backups.");
    expect(body).toContain("checks/sql/fake-master-full-only.md");
    expect(body).toContain("UserErrorSQLPODoesNotSupportBackupType");
    expect(body).toContain("backupguard explain UserErrorSQLPODoesNotSupportBackupType");
    expect(suite(parse(render()), "sql").testcase[1]!.failure).toBeUndefined();
  });

  it("skips unknowns and suppressed findings with a reason", () => {
    const doc = parse(render());
    const vm = suite(doc, "vm").testcase.find((t) => t["@_name"].endsWith("appvm02"))!;
    expect(vm.skipped!["@_message"]).toMatch(/^value unknown before deployment: The location of appvm02/);
    const vault = suite(doc, "vault").testcase[0]!;
    expect(vault.skipped!["@_message"]).toBe("suppressed until 2027-03-31: Immutability is locked by the platform team | ticket <42>");
    expect(vault.failure).toBeUndefined();
  });

  it("gives a rule that evaluated nothing one passing 'no applicable resources' case", () => {
    const tags = suite(parse(render()), "tags").testcase;
    expect(tags).toHaveLength(1);
    expect(tags[0]!["@_name"]).toBe("TAG-901 fake-idle — no applicable resources");
    expect(tags[0]!.failure).toBeUndefined();
    expect(tags[0]!.skipped).toBeUndefined();
  });

  it("escapes markup and folds newlines in attributes, keeping the text intact when parsed back", () => {
    const xml = render();
    expect(xml).not.toContain("<allows>");
    const nsg = suite(parse(xml), "network").testcase[0]!;
    expect(nsg.failure!["@_message"]).toBe('Rule "a|b" in nsg-sql <allows> & denies second line');
    expect(nsg.failure!["#text"]).toContain('Describe each rule <why> & "who" | owner.');
  });

  it("drops characters XML cannot carry", () => {
    const report = sampleReport();
    report.findings[0]!.message = "bell\u0007 and nul\u0000 gone";
    const xml = render(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(suite(parse(xml), "sql").testcase[0]!.failure!["@_message"]).toBe("bell and nul gone");
  });

  it("groups several failures of one rule on one resource into one test case", () => {
    const report = runRules(build.model(build.nsg("nsg-a")), fakeRules, { now: NOW });
    report.findings.push({ ...report.findings.find((f) => f.ruleId === "NET-901")!, message: "another problem", messageId: "other" });
    const network = suite(parse(render(report)), "network");
    expect(network.testcase).toHaveLength(1);
    expect(network.testcase[0]!.failure!["@_message"]).toMatch(/\(and 1 more\)$/);
    expect(network.testcase[0]!.failure!["#text"]).toContain("another problem");
  });

  it("lists every enabled rule even for an empty model", () => {
    const doc = parse(render(emptyReport()));
    const names = doc.testsuites.testsuite.flatMap((s) => s.testcase.map((t) => t["@_name"]));
    expect(names.sort()).toEqual(fakeRules.map((r) => `${r.id} ${r.name} — no applicable resources`).sort());
    expect(doc.testsuites["@_failures"]).toBe("0");
  });
});
