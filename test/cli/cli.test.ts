/**
 * The CLI driven in-process through main() with captured io: exit codes, help, version, formats, config errors,
 * internal errors, --fail-on, --output and colour. The source adapters are replaced by a fake that returns a model
 * built here (or throws), so these tests exercise the command layer rather than the adapters.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { rules } from "../../checks/index.js";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/program.js";
import type { Model } from "../../src/model/types.js";
import { TOOL_VERSION } from "../../src/version.js";
import { build } from "../harness/build.js";

const fake = vi.hoisted(() => ({ model: undefined as Model | undefined, error: undefined as Error | undefined, calls: 0 }));

vi.mock("../../src/adapters/sources.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/adapters/sources.js")>();
  return {
    ...actual,
    loadSources: async () => {
      fake.calls++;
      if (fake.error) throw fake.error;
      return fake.model ?? build.model();
    },
  };
});


interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], io: Partial<Pick<Io, "isTTY" | "env">> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    isTTY: io.isTTY ?? false,
    env: io.env ?? {},
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), "bg-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A config whose only effect is an expired suppression: CONFIG-001 then reports one warning. */
const expiredConfig = () =>
  file("expired.yaml", "suppressions:\n  - rule: CONFIG-001\n    resource: \"*\"\n    justification: old exception\n    expires: 2020-01-31\n");

beforeEach(() => {
  fake.model = undefined;
  fake.error = undefined;
  fake.calls = 0;
});

describe("backupguard CLI", () => {
  describe("help and version", () => {
    it("--help prints usage with every command and exits 0", async () => {
      const r = await run(["--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: backupguard/);
      for (const command of ["check", "rules"]) expect(r.stdout).toContain(command);
      expect(r.stderr).toBe("");
    });

    it("every command has --help", async () => {
      const top = await run(["--help"]);
      const commands = [...top.stdout.matchAll(/^ {2}([a-z][a-z-]+)(?= |\n)/gm)].map((m) => m[1]!).filter((c) => c !== "help");
      expect(commands).toEqual(expect.arrayContaining(["check", "rules"]));
      for (const command of commands) {
        const r = await run([command, "--help"]);
        expect(r.code, `${command} --help`).toBe(0);
        expect(r.stdout, `${command} --help`).toMatch(new RegExp(`^Usage: backupguard ${command}`));
      }
    });

    it("--version prints the package version", async () => {
      const r = await run(["--version"]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(TOOL_VERSION);
      expect(TOOL_VERSION).toBe(JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")).version);
    });
  });

  describe("rules", () => {
    it("lists every rule as a table", async () => {
      const r = await run(["rules"]);
      expect(r.code).toBe(0);
      expect(r.stdout.split("\n")[0]).toMatch(/^ID\s+SEVERITY\s+AREA\s+NAME\s+PREVENTS$/);
      for (const rule of rules) expect(r.stdout).toMatch(new RegExp(`^${rule.id}\\s+${rule.severity}\\s+${rule.area}\\s+${rule.name}`, "m"));
      expect(r.stdout).toContain(`${rules.length} rules`);
    });

    it("--format json gives every rule's metadata", async () => {
      const r = await run(["rules", "--format", "json"]);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { version: number; rules: Record<string, unknown>[] };
      expect(out.version).toBe(1);
      expect(out.rules.map((x) => x.id)).toEqual(rules.map((x) => x.id));
      for (const x of out.rules) expect(Object.keys(x)).toEqual(expect.arrayContaining(["id", "name", "severity", "area", "azureErrorCodes", "docs"]));
    });
  });

  describe("usage errors exit 2", () => {
    it("an unknown option", async () => {
      const r = await run(["check", "--no-such-option"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("unknown option '--no-such-option'");
      expect(fake.calls).toBe(0);
    });

    it("an unknown command", async () => {
      const r = await run(["frobnicate"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("unknown command 'frobnicate'");
    });

    it("a bad --format", async () => {
      const r = await run(["check", "--format", "xml"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/argument 'xml' is invalid.*Allowed choices are text, json, sarif, junit, markdown/s);
    });

    it("a bad --fail-on", async () => {
      const r = await run(["check", "--fail-on", "critical"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("Allowed choices are error, warning, note, never");
    });
  });

  describe("--config errors exit 2 naming the file and the path", () => {
    it("an unknown key", async () => {
      const path = file("unknown-key.yaml", "rules:\n  CONFIG-001: warning\nsupressions: []\n");
      const r = await run(["check", "--config", path]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`backupguard: ${path} at supressions: unknown key "supressions"\n`);
    });

    it("a suppression without a justification", async () => {
      const path = file("no-justification.yaml", "suppressions:\n  - rule: CONFIG-001\n    resource: \"legacy-*\"\n    expires: 2027-03-31\n");
      const r = await run(["check", "--config", path]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${path} at suppressions[0].justification:`);
    });

    it("an unknown rule id", async () => {
      const path = file("unknown-rule.yaml", "rules:\n  NOPE-999: off\n");
      const r = await run(["check", "--config", path]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`backupguard: ${path} at rules["NOPE-999"]: unknown rule id "NOPE-999" (see \`backupguard rules\`)\n`);
    });

    it("an unknown rule id in a suppression", async () => {
      const path = file("unknown-suppressed-rule.yaml", "suppressions:\n  - rule: SQL-998\n    resource: x\n    justification: j\n    expires: 2027-03-31\n");
      const r = await run(["check", "--config", path]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${path} at suppressions[0].rule: unknown rule id "SQL-998"`);
    });

    it("a missing config file", async () => {
      const r = await run(["check", "--config", join(dir, "absent.yaml")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("absent.yaml: file not found");
    });
  });

  describe("internal errors exit 3", () => {
    it("prints a one-line message and where to report it, without the stack", async () => {
      fake.error = new Error("adapter exploded\nsecond line of detail");
      const r = await run(["check", "--arm", "x.json"]);
      expect(r.code).toBe(3);
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines[0]).toBe("backupguard: internal error: adapter exploded");
      expect(r.stderr).not.toContain("second line of detail");
      expect(r.stderr).toMatch(/report it at https:\/\//);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stdout).toBe("");
    });

    it("adds the stack trace with --debug", async () => {
      fake.error = new Error("adapter exploded");
      const r = await run(["--debug", "check", "--arm", "x.json"]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^\s+at /m);
    });
  });

  describe("--fail-on", () => {
    // One warning (CONFIG-001 on the expired suppression), nothing else.
    it.each([
      ["error", 0],
      ["warning", 1],
      ["note", 1],
      ["never", 0],
    ] as const)("a warning with --fail-on %s exits %i", async (failOn, expected) => {
      const r = await run(["check", "--arm", "x.json", "--config", expiredConfig(), "--fail-on", failOn, "--format", "json"]);
      expect(r.stderr).toBe("");
      const report = JSON.parse(r.stdout) as { summary: { warning: number; error: number } };
      expect(report.summary).toMatchObject({ warning: 1, error: 0 });
      expect(r.code).toBe(expected);
    });

    it("defaults to error, so a finding re-graded to error exits 1", async () => {
      const path = file("regrade.yaml", "rules:\n  CONFIG-001: error\nsuppressions:\n  - rule: CONFIG-001\n    resource: \"*\"\n    justification: old\n    expires: 2020-01-31\n");
      const r = await run(["check", "--arm", "x.json", "--config", path]);
      expect(r.code).toBe(1);
      expect((await run(["check", "--arm", "x.json", "--config", path, "--fail-on", "never"])).code).toBe(0);
    });

    it("a clean model exits 0", async () => {
      const r = await run(["check", "--arm", "x.json", "--fail-on", "note"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("no findings");
    });
  });

  describe("--output and formats", () => {
    it("writes the report to the file and nothing to stdout", async () => {
      const out = join(dir, "report.json");
      const r = await run(["check", "--arm", "x.json", "--config", expiredConfig(), "--format", "json", "--output", out]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe("");
      const report = JSON.parse(readFileSync(out, "utf8")) as { findings: { ruleId: string }[] };
      expect(report.findings.map((f) => f.ruleId)).toEqual(["CONFIG-001"]);
    });

    it("an unwritable --output is a usage error", async () => {
      const r = await run(["check", "--arm", "x.json", "--output", join(dir, "no", "such", "dir", "r.json")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("cannot write --output");
    });

    it.each([
      ["sarif", (s: string) => expect(JSON.parse(s).version).toBe("2.1.0")],
      ["junit", (s: string) => expect(s).toMatch(/^<\?xml[\s\S]*<testsuites/)],
      ["markdown", (s: string) => expect(s).toMatch(/^## backupguard report/)],
    ] as const)("--format %s renders that format", async (format, check) => {
      const r = await run(["check", "--arm", "x.json", "--config", expiredConfig(), "--format", format]);
      expect(r.code).toBe(0);
      check(r.stdout);
    });
  });

  describe("colour in text output", () => {
    const ESC = "\u001b[";
    const args = () => ["check", "--arm", "x.json", "--config", expiredConfig()];

    it("is on for a TTY without NO_COLOR", async () => {
      expect((await run(args(), { isTTY: true, env: {} })).stdout).toContain(ESC);
    });

    it("is off when NO_COLOR is set, even empty", async () => {
      expect((await run(args(), { isTTY: true, env: { NO_COLOR: "" } })).stdout).not.toContain(ESC);
      expect((await run(args(), { isTTY: true, env: { NO_COLOR: "1" } })).stdout).not.toContain(ESC);
    });

    it("is off when stdout is not a TTY", async () => {
      expect((await run(args(), { isTTY: false, env: {} })).stdout).not.toContain(ESC);
    });

    it("is off in a file written with --output", async () => {
      const out = join(dir, "report.txt");
      await run([...args(), "--output", out], { isTTY: true, env: {} });
      const text = readFileSync(out, "utf8");
      expect(text).toContain("CONFIG-001");
      expect(text).not.toContain(ESC);
    });
  });
});
