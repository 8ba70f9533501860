/**
 * Contract scenarios for the reports: every `--format` with and without `--output`, the JSON report field by field,
 * SARIF 2.1.0 (suppressions keep their justification), JUnit (one testsuite per area), `rules --format json`, and
 * secrets that never reach any report.
 */
import { AREA_PREFIX, type Area } from "../../src/engine/types.js";
import Ajv from "ajv-draft-04";
import { XMLParser } from "fast-xml-parser";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import { TOOL_VERSION } from "../../src/version.js";
import { runCli } from "../harness/cli.js";
import { repoRoot } from "../harness/shared.js";
import { checkJson, estate, scratch, type JsonReport } from "./_estate.js";

const write = scratch("bg-e2e-reports-");
const FORMATS = ["text", "json", "sarif", "junit", "markdown"] as const;

// preview + ARM VM + inventory: errors, a warning, an unknown; the config suppresses VM-013 by id.
const SUPPRESS = write(
  "suppress.yaml",
  'suppressions:\n  - rule: VM-013\n    resource: "*/virtualMachines/sqlvm01"\n    justification: "Dev box, deallocated at night on purpose"\n    expires: 2099-06-30\n',
);
const ESTATE = ["--preview", estate("preview.json"), "--arm", estate("vm-show-d.json"), "--inventory", estate("inventory.yaml"), "--config", SUPPRESS];

async function rulesJson(): Promise<{ version: number; rules: { id: string; name: string; severity: string; area: string; azureErrorCodes: string[] }[] }> {
  const r = await runCli(["rules", "--format", "json"]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe("--format with --output", () => {
  it.each(FORMATS)("%s: the report goes to the file, nothing to stdout, and the exit code is unchanged", async (format) => {
    const toStdout = await runCli(["check", ...ESTATE, "--format", format]);
    const file = write(`report.${format}`, "stale content that must be replaced");
    const toFile = await runCli(["check", ...ESTATE, "--format", format, "--output", file]);
    expect(toStdout.code).toBe(1);
    expect(toFile.code).toBe(toStdout.code);
    expect(toFile.stdout).toBe("");
    expect(toFile.stderr).toBe("");
    expect(readFileSync(file, "utf8")).toBe(toStdout.stdout);
  });

  it("an --output that cannot be written is exit 2 naming it, and no report is lost to stdout", async () => {
    const dir = join(repoRoot, "test", "fixtures", "e2e");
    const r = await runCli(["check", ...ESTATE, "--output", dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(dir);
  });

  it("an --output in a directory that does not exist is exit 2", async () => {
    const file = join(write("x", ""), "..", "missing-dir", "report.json");
    const r = await runCli(["check", ...ESTATE, "--format", "json", "--output", file]);
    expect(r.code).toBe(2);
    expect(existsSync(file)).toBe(false);
  });

  it("text has no colour codes when not on a TTY", async () => {
    const r = await runCli(["check", ...ESTATE]);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });
});

describe("the JSON report, field by field", () => {
  it("has version, tool, findings and summary as the contract shows them", async () => {
    const { report, code } = await checkJson(ESTATE);
    expect(code).toBe(1);
    expect(Object.keys(report).sort()).toEqual(["findings", "summary", "tool", "version"]);
    expect(report.version).toBe(1);
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(report.tool).toEqual({ name: "backupguard", version: pkg.version });
    expect(TOOL_VERSION).toBe(pkg.version);

    for (const f of report.findings) {
      for (const key of ["ruleId", "ruleName", "severity", "status", "resource", "message", "azureErrorCodes", "remediation", "docs"]) expect(f, key).toHaveProperty(key);
      expect(f.ruleId).toMatch(/^[A-Z]+-\d{3}$/);
      expect(["error", "warning", "note"]).toContain(f.severity);
      expect(["fail", "unknown", "suppressed"]).toContain(f.status);
      expect(typeof f.resource.type).toBe("string");
      expect(f.resource.name).not.toBe("");
      expect(Object.keys(f.resource).every((k) => ["type", "name", "urn", "id"].includes(k))).toBe(true);
      expect(Array.isArray(f.azureErrorCodes)).toBe(true);
      expect(f.docs).toMatch(/^checks\/[a-z]+\/[a-z0-9-]+\.md$/);
      expect(existsSync(join(repoRoot, f.docs)), f.docs).toBe(true);
      expect(f.message.length).toBeGreaterThan(20);
    }

    const vm001 = report.findings.find((f) => f.ruleId === "VM-001")!;
    expect(vm001).toMatchObject({
      ruleName: "windows-agent-version",
      severity: "error",
      status: "fail",
      resource: { type: "Microsoft.Compute/virtualMachines", name: "sqlvm01" },
      azureErrorCodes: ["UserErrorGuestAgentStatusUnavailable"],
      docs: "checks/vm/windows-agent-version.md",
    });
    const pulumi = report.findings.find((f) => f.ruleId === "POLICY-004")!;
    expect(pulumi.resource).toEqual({
      type: "azure-native:recoveryservices:ProtectionPolicy",
      name: "legacy-sql-policy",
      urn: "urn:pulumi:prod::backup-estate::azure-native:recoveryservices:ProtectionPolicy::legacy-sql-policy",
    });
    expect(pulumi.azureErrorCodes).toEqual(["BMSUserErrorInvalidPolicyInput"]);
  });

  it("has a summary whose counts agree with the findings, the rules and the resources", async () => {
    const { report } = await checkJson(ESTATE);
    expect(Object.keys(report.summary).sort()).toEqual(["error", "note", "resources", "rules", "suppressed", "unknown", "warning"]);
    const count = (pred: (f: JsonReport["findings"][number]) => boolean) => report.findings.filter(pred).length;
    expect(report.summary.error).toBe(count((f) => f.status === "fail" && f.severity === "error"));
    expect(report.summary.warning).toBe(count((f) => f.status === "fail" && f.severity === "warning"));
    expect(report.summary.note).toBe(count((f) => f.status === "fail" && f.severity === "note"));
    expect(report.summary.unknown).toBe(count((f) => f.status === "unknown"));
    expect(report.summary.suppressed).toBe(count((f) => f.status === "suppressed"));
    // The VM's NICs are not among the inputs, so its connectivity (NET-002) is unknown too.
    expect(report.summary).toMatchObject({ error: 2, warning: 0, note: 0, unknown: 2, suppressed: 1 });
    expect(report.summary.rules).toBe((await rulesJson()).rules.length);
    // 6 Pulumi resources (the stack and provider are plumbing), the ARM VM, the inventory's VM, instance and database.
    expect(report.summary.resources).toBe(10);
  });

  it("keeps the suppression's justification and expiry on the finding", async () => {
    const { report } = await checkJson(ESTATE);
    const f = report.findings.find((x) => x.ruleId === "VM-013")!;
    expect(f.status).toBe("suppressed");
    expect(f.suppression).toMatchObject({ justification: "Dev box, deallocated at night on purpose", expires: "2099-06-30" });
  });
});

function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(repoRoot, "test", "fixtures", "schemas", "sarif-2.1.0-rtm.5.json"), "utf8")) as object;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "http://base.invalid/") && !/\s/.test(s));
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

describe("SARIF", () => {
  it("is valid SARIF 2.1.0 with one descriptor per enabled rule and suppressed results kept with their justification", async () => {
    const r = await runCli(["check", ...ESTATE, "--format", "sarif"]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as Log;
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0]!;
    const rules = (await rulesJson()).rules;
    expect(run.tool.driver.rules!.map((d) => d.id)).toEqual(rules.map((x) => x.id));
    for (const d of run.tool.driver.rules!) {
      expect(d.helpUri).toMatch(/^https:\/\/.+\.md$/);
      expect(["error", "warning", "note"]).toContain(d.defaultConfiguration!.level);
      expect(Array.isArray(d.properties!.azureErrorCodes)).toBe(true);
    }
    const suppressed = run.results!.find((x) => x.ruleId === "VM-013")!;
    expect(suppressed.suppressions).toEqual([expect.objectContaining({ kind: "external", status: "accepted", justification: "Dev box, deallocated at night on purpose" })]);
    const unknown = run.results!.find((x) => x.ruleId === "POLICY-011")!;
    expect(unknown).toMatchObject({ kind: "open", level: "none" });
    const failing = run.results!.find((x) => x.ruleId === "VM-001")!;
    expect(failing).toMatchObject({ kind: "fail", level: "error" });
    expect(failing.locations![0]!.logicalLocations![0]!.fullyQualifiedName!.toLowerCase()).toContain("/virtualmachines/sqlvm01");
  });
});

describe("JUnit", () => {
  it("has one testsuite per area of the enabled rules and one testcase per rule and resource", async () => {
    const r = await runCli(["check", ...ESTATE, "--format", "junit"]);
    expect(r.code).toBe(1);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testsuite" || name === "testcase" }).parse(r.stdout) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; tests: string; failures: string; testcase: { classname: string; name: string; failure?: unknown; skipped?: unknown }[] }[] };
    };
    const suites = xml.testsuites.testsuite;
    const areas = [...new Set((await rulesJson()).rules.map((x) => x.area))];
    expect(suites.map((s) => s.name).sort()).toEqual(areas.sort());
    for (const s of suites) {
      expect(Number(s.tests)).toBe(s.testcase.length);
      for (const c of s.testcase) expect(c.classname.startsWith(`${s.name}.`)).toBe(true);
      const names = s.testcase.map((c) => c.name);
      expect(new Set(names).size, `duplicate test cases in ${s.name}`).toBe(names.length);
    }
    const vm = suites.find((s) => s.name === "vm")!;
    expect(vm.testcase.find((c) => c.name.startsWith("VM-001 ") && c.name.endsWith("sqlvm01"))!.failure).toBeDefined();
    expect(vm.testcase.find((c) => c.name.startsWith("VM-013 ") && c.name.endsWith("sqlvm01"))!.skipped).toBeDefined();
    const failures = suites.reduce((n, s) => n + Number(s.failures), 0);
    expect(Number(xml.testsuites.failures)).toBe(failures);
    expect(failures).toBe(2);
  });
});

describe("markdown", () => {
  it("is a job summary with the verdict, the counts and the suppression's justification", async () => {
    const r = await runCli(["check", ...ESTATE, "--format", "markdown"]);
    expect(r.stdout).toMatch(/^## backupguard report/);
    expect(r.stdout).toContain("Azure Backup would fail");
    expect(r.stdout).toContain("| 2 | 0 | 0 | 2 | 1 | 10 |");
    expect(r.stdout).toContain("Dev box, deallocated at night on purpose");
    expect(r.stdout).toContain("UserErrorGuestAgentStatusUnavailable");
  });
});

describe("secrets", () => {
  it("never prints [secret] or a secret's value in any format", async () => {
    const digest = JSON.parse(readFileSync(estate("preview.json"), "utf8")) as { steps: { newState: { urn: string; inputs: Record<string, unknown> } }[] };
    for (const step of digest.steps) {
      const inputs = step.newState.inputs;
      // Names, tags and nested settings from secret config: the report must fall back to what it may show.
      if (step.newState.urn.endsWith("::legacy-sql-policy")) {
        inputs.policyName = "[secret]";
        (inputs.properties as { settings: Record<string, unknown> }).settings.timeZone = "[secret]";
      }
      if (step.newState.urn.endsWith("::rsv-prod")) inputs.tags = { owner: "[secret]" };
      if (step.newState.urn.endsWith("::vm-policy")) inputs.policyName = "[secret]";
    }
    const preview = write("preview-secrets.json", digest);
    for (const format of FORMATS) {
      const r = await runCli(["check", "--preview", preview, "--state", estate("stack-export.json"), "--format", format]);
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).not.toContain("[secret]");
      expect(r.stdout, format).not.toContain("Hunter2");
      expect(r.stdout, format).toContain("legacy-sql-policy");
    }
  });
});

describe("rules --format json", () => {
  it("lists every rule with id, name, severity, area and the error codes it prevents", async () => {
    const { version, rules } = await rulesJson();
    expect(version).toBe(1);
    expect(rules.length).toBeGreaterThan(10);
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Each area has one id prefix (tags → TAG-, network → NET-, jobs → JOB-).
    const prefixes = new Map<string, Set<string>>();
    for (const rule of rules) prefixes.set(rule.area, (prefixes.get(rule.area) ?? new Set()).add(rule.id.replace(/-\d+$/, "")));
    for (const [area, set] of prefixes) expect([...set], area).toHaveLength(1);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[A-Z]+-\d{3}$/);
      expect(rule.name).toMatch(/^[a-z0-9-]+$/);
      expect(["error", "warning", "note"]).toContain(rule.severity);
      const prefix = rule.id.replace(/-\d+$/, "");
      expect(AREA_PREFIX[rule.area as Area], `${rule.id} in area ${rule.area}`).toBe(prefix);
      expect(Array.isArray(rule.azureErrorCodes)).toBe(true);
      // A failed job (JOB-) reports what already happened: its codes come with each finding, not with the rule.
      if (rule.severity === "error" && rule.area !== "jobs") expect(rule.azureErrorCodes.length, rule.id).toBeGreaterThan(0);
    }
    expect(rules.find((r) => r.id === "POLICY-004")).toMatchObject({ name: "sql-policy-log-frequency", azureErrorCodes: ["BMSUserErrorInvalidPolicyInput"] });
  });
});
