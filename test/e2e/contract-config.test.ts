/**
 * Contract scenarios for `--fail-on` and `--config`: rules re-graded and off, suppressions by glob on name and on id,
 * expired suppressions reported and no longer applied, and `backupguard.config.yaml` picked up from the working
 * directory.
 */
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";
import { checkJson, decided, estate, outline, scratch } from "./_estate.js";

const write = scratch("bg-e2e-config-");

const LIVE = [
  "--arm", estate("vault.json"),
  "--arm", estate("policies.json"),
  "--arm", estate("items-graph.json"),
  "--arm", estate("vm-show-d.json"),
  "--inventory", estate("inventory.yaml"),
];
const PREVIEW = ["--preview", estate("preview.json")];

describe("--fail-on", () => {
  // Only VM-013's warning is left once the two errors are turned off.
  const warningOnly = () => write("warning-only.yaml", "rules:\n  POLICY-004: off\n  VM-001: off\n");

  it.each([
    ["error", 0],
    ["warning", 1],
    ["note", 1],
    ["never", 0],
  ])("--fail-on %s with one warning exits %i", async (failOn, code) => {
    const r = await checkJson([...LIVE, "--config", warningOnly(), "--fail-on", failOn]);
    expect(decided(r.report)).toEqual(["VM-013 fail sqlvm01"]);
    expect(r.code).toBe(code);
  });

  it("--fail-on never exits 0 even with errors, and still prints them", async () => {
    const r = await checkJson([...LIVE, "--fail-on", "never"]);
    expect(r.code).toBe(0);
    expect(r.report.summary.error).toBe(2);
  });

  it("refuses an unknown severity with exit 2", async () => {
    const r = await runCli(["check", ...LIVE, "--fail-on", "critical"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("critical");
  });
});

describe("--config", () => {
  it("re-grades and turns rules off; the report shows the new severity and counts the enabled rules", async () => {
    const plain = await checkJson(LIVE);
    const config = write("regrade.yaml", "rules:\n  VM-001: warning\n  POLICY-004: off\n");
    const r = await checkJson([...LIVE, "--config", config]);
    expect(r.code).toBe(0);
    expect(decided(r.report)).toEqual(["VM-001 fail sqlvm01", "VM-013 fail sqlvm01"]);
    expect(r.report.findings.find((f) => f.ruleId === "VM-001")!.severity).toBe("warning");
    expect(r.report.summary).toMatchObject({ error: 0, warning: 2, rules: plain.report.summary.rules - 1 });
  });

  it("a suppression globbing the Pulumi resource name suppresses, keeps the justification, and does not fail", async () => {
    const config = write("by-name.yaml", 'suppressions:\n  - rule: POLICY-004\n    resource: "legacy-*"\n    justification: "The DBA team moves it to 15 minutes in Q3"\n    expires: 2099-12-31\n');
    const r = await checkJson([...PREVIEW, "--config", config]);
    expect(r.code).toBe(0);
    const f = r.report.findings.find((x) => x.ruleId === "POLICY-004")!;
    expect(f.status).toBe("suppressed");
    expect(f.suppression).toMatchObject({ justification: "The DBA team moves it to 15 minutes in Q3", expires: "2099-12-31" });
    expect(r.report.summary).toMatchObject({ error: 0, suppressed: 1, unknown: 1 });
  });

  it("a suppression globbing the Azure id matches whatever letter case either side uses; rule ids in any case", async () => {
    const config = write(
      "by-id.yaml",
      'suppressions:\n  - rule: vm-001\n    resource: "/subscriptions/*/resourcegroups/rg-sql/providers/microsoft.compute/virtualmachines/*"\n    justification: "Agent update is scheduled"\n    expires: "2099-01-01"\n',
    );
    const r = await checkJson([...LIVE, "--config", config]);
    expect(r.report.findings.find((f) => f.ruleId === "VM-001")!.status).toBe("suppressed");
    expect(r.report.summary).toMatchObject({ error: 1, suppressed: 1 });
  });

  it("a suppression for a Pulumi resource also matches by the Azure id another source gave it", async () => {
    const config = write("state-by-id.yaml", 'suppressions:\n  - rule: POLICY-004\n    resource: "*/backupPolicies/legacy-sql-policy"\n    justification: "Tracked in CHG-1234"\n    expires: 2099-12-31\n');
    const r = await checkJson(["--preview", estate("preview.json"), "--state", estate("stack-export.json"), "--config", config]);
    const policy = r.report.findings.filter((f) => f.ruleId === "POLICY-004");
    expect(policy.map((f) => f.status)).toEqual(["suppressed"]);
  });

  it("an expired suppression no longer applies and is reported by CONFIG-001", async () => {
    const config = write("expired.yaml", 'suppressions:\n  - rule: VM-001\n    resource: "sqlvm01"\n    justification: "Agent update was scheduled"\n    expires: 2020-01-31\n');
    const r = await checkJson([...LIVE, "--config", config]);
    expect(r.code).toBe(1);
    expect(r.report.findings.find((f) => f.ruleId === "VM-001")!.status).toBe("fail");
    const expired = r.report.findings.find((f) => f.ruleId === "CONFIG-001")!;
    expect(expired.status).toBe("fail");
    expect(expired.message).toContain("2020-01-31");
    expect(expired.message).toContain("VM-001");
    expect(r.report.summary.suppressed).toBe(0);
  });

  it("a suppression still applies on its expiry day", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const config = write("today.yaml", `suppressions:\n  - rule: VM-001\n    resource: sqlvm01\n    justification: last day\n    expires: "${today}"\n`);
    const r = await checkJson([...LIVE, "--config", config]);
    expect(r.report.findings.find((f) => f.ruleId === "VM-001")!.status).toBe("suppressed");
  });

  it.each([
    ["an unknown rule id", "rules:\n  VM-999: off\n", /at rules\["VM-999"\]: unknown rule id "VM-999"/],
    ["a malformed rule id", "rules:\n  VM-1: off\n", /at rules\["VM-1"\]: expected a rule id like SQL-001, found "VM-1"/],
    ["a bad setting", "rules:\n  VM-001: critical\n", /at rules\["VM-001"\]: expected one of "off", "error", "warning", "note", found "critical"/],
    ["a missing justification", "suppressions:\n  - rule: VM-001\n    resource: x\n    expires: 2099-01-01\n", /at suppressions\[0\]\.justification: is required/],
    ["a date that is no day", "suppressions:\n  - rule: VM-001\n    resource: x\n    justification: y\n    expires: 2099-02-30\n", /at suppressions\[0\]\.expires: expected a calendar date YYYY-MM-DD, found "2099-02-30"/],
    ["a date in another format", "suppressions:\n  - rule: VM-001\n    resource: x\n    justification: y\n    expires: 31/12/2099\n", /at suppressions\[0\]\.expires: expected a date YYYY-MM-DD, found "31\/12\/2099"/],
    ["an unknown top-level key", "rule:\n  VM-001: off\n", /at rule: unknown key "rule"/],
  ])("%s is an input error (exit 2) naming the file and path", async (_name, content, message) => {
    const config = write("bad.yaml", content);
    const r = await runCli(["check", ...LIVE, "--config", config]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(config);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("reads a JSON config too, with rule ids in any letter case", async () => {
    const config = write("config.json", JSON.stringify({ rules: { "policy-004": "off" }, suppressions: [{ rule: "vm-013", resource: "SQLVM01", justification: "Dev box", expires: "2099-01-01" }] }));
    const r = await checkJson([...LIVE, "--config", config]);
    expect(decided(r.report)).toEqual(["VM-001 fail sqlvm01", "VM-013 suppressed sqlvm01"]);
  });

  it("a missing --config file is exit 2 naming it", async () => {
    const r = await runCli(["check", ...LIVE, "--config", "no-such-config.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("backupguard: no-such-config.yaml: file not found\n");
  });

  it("reads a config with a BOM and Windows line endings", async () => {
    const config = write("crlf.yaml", "\uFEFFrules:\r\n  POLICY-004: off\r\n  VM-001: off\r\n");
    const r = await checkJson([...LIVE, "--config", config]);
    expect(decided(r.report)).toEqual(["VM-013 fail sqlvm01"]);
  });
});

describe("backupguard.config.yaml in the working directory", () => {
  const start = process.cwd();
  afterEach(() => process.chdir(start));

  it("is used when --config is not given, and --config wins over it", async () => {
    const dir = write("cwd-marker", "").replace(/cwd-marker$/, "");
    write("backupguard.config.yaml", "rules:\n  POLICY-004: off\n");
    process.chdir(dir);
    const picked = await checkJson(LIVE);
    expect(outline(picked.report)).not.toContain("POLICY-004 fail sql-hourly-log");
    expect(picked.report.summary.rules).toBe((await checkJson([...LIVE, "--config", write("empty.yaml", "{}\n")])).report.summary.rules - 1);

    const explicit = await checkJson([...LIVE, "--config", write("other.yaml", "rules:\n  VM-013: off\n")]);
    expect(outline(explicit.report)).toContain("POLICY-004 fail sql-hourly-log");
    expect(outline(explicit.report)).not.toContain("VM-013 fail sqlvm01");
  });
});
