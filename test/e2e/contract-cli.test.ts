/**
 * Contract scenarios for the command line itself: --help on every command, --version, and exit code 2 for every
 * usage or input error — with one line naming the file, the path inside it, what was expected and what was found,
 * and no stack trace. Also the encodings Windows tools write (BOM, CRLF) and YAML anchors.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, type CliRun } from "../harness/cli.js";
import { repoRoot } from "../harness/shared.js";
import { checkJson, estate, outline, scratch, VM_ID } from "./_estate.js";

const write = scratch("bg-e2e-cli-");
const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };

/** Exit 2, nothing on stdout, one line on stderr that starts like every backupguard error, no stack. */
function expectInputError(r: CliRun, ...parts: (string | RegExp)[]): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^backupguard: /);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const p of parts) expect(r.stderr).toMatch(p);
}

describe("help and version", () => {
  it.each([["check"], ["rules"], ["explain"]])("%s --help prints its usage and exits 0", async (command) => {
    const r = await runCli([command, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: backupguard ${command} `));
    expect(r.stderr).toBe("");
  });

  it("check --help names every option of the contract", async () => {
    const r = await runCli(["check", "--help"]);
    for (const option of ["--program", "--preview", "--state", "--arm", "--inventory", "--format", "--output", "--fail-on", "--config"]) expect(r.stdout).toContain(option);
  });

  it("--help and help <command> exit 0", async () => {
    expect((await runCli(["--help"])).code).toBe(0);
    const r = await runCli(["help", "check"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: backupguard check/);
  });

  it("--version prints the package version and exits 0", async () => {
    const r = await runCli(["--version"]);
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });
});

describe("usage errors exit 2", () => {
  it.each([
    [["check", "--bogus"], /unknown option '--bogus'/],
    [["check", "--format", "xml", "--arm", estate("vault.json")], /'xml' is invalid/],
    [["check", "--arm"], /argument missing/],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["rules", "--format", "yaml"], /'yaml' is invalid/],
    [["explain"], /missing required argument/],
  ])("%j", async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });

  it("a mistyped option gets one error line, a suggestion and a pointer to --help, not the whole usage", async () => {
    const r = await runCli(["check", "--fail-onn", "warning", "--arm", estate("vault.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("backupguard: error: unknown option '--fail-onn'\n(Did you mean --fail-on?)\n(add --help for usage)\n");
  });

  it("explain of an unknown code exits 2 and suggests the closest codes", async () => {
    const r = await runCli(["explain", "UserErrorGuestAgentStatusUnavailabl"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("UserErrorGuestAgentStatusUnavailable");
  });
});

describe("input errors exit 2 and name the file", () => {
  it.each([["--preview"], ["--state"], ["--arm"], ["--inventory"], ["--config"]])("%s with a missing file", async (option) => {
    const missing = join(repoRoot, "no-such-dir", "estate.json");
    const args = option === "--inventory" || option === "--config" ? ["--arm", estate("vault.json"), option, missing] : [option, missing];
    expectInputError(await runCli(["check", ...args]), `${missing}: file not found`);
  });

  it.each([["--preview"], ["--state"], ["--arm"]])("%s with a directory", async (option) => {
    const dir = join(repoRoot, "test", "fixtures", "e2e", "estate");
    expectInputError(await runCli(["check", option, dir]), `${dir}: is a directory`);
  });

  it("an empty file", async () => {
    expectInputError(await runCli(["check", "--arm", write("empty.json", "")]), /empty\.json: is empty/);
  });

  it("a preview input of the wrong shape names the step and the property path", async () => {
    const digest = JSON.parse(readFileSync(estate("preview.json"), "utf8")) as { steps: { newState: { inputs: Record<string, unknown> } }[] };
    digest.steps[3]!.newState.inputs.properties = "Disabled";
    const file = write("preview-shape.json", digest);
    expectInputError(await runCli(["check", "--preview", file]), `${file} at steps[3].newState.inputs.properties: expected an object, found "Disabled"`);
  });

  it("a deeply nested wrong type names the whole path", async () => {
    const digest = JSON.parse(readFileSync(estate("preview.json"), "utf8")) as { steps: { newState: { urn: string; inputs: { properties: { subProtectionPolicy: { schedulePolicy: Record<string, unknown> }[] } } } }[] };
    const sql = digest.steps.findIndex((s) => s.newState.urn.endsWith("::legacy-sql-policy"));
    digest.steps[sql]!.newState.inputs.properties.subProtectionPolicy[1]!.schedulePolicy.scheduleFrequencyInMins = "every ten";
    const file = write("preview-deep.json", digest);
    expectInputError(
      await runCli(["check", "--preview", file]),
      `at steps[${sql}].newState.inputs.properties.subProtectionPolicy[1].schedulePolicy.scheduleFrequencyInMins: expected a number, found "every ten"`,
    );
  });

  it("a Resource Graph row of the wrong shape names data[i]", async () => {
    const graph = JSON.parse(readFileSync(estate("items-graph.json"), "utf8")) as { data: Record<string, unknown>[] };
    graph.data[0]!.properties = "Protected";
    expectInputError(await runCli(["check", "--arm", write("graph-shape.json", graph)]), /at data\[0\]\.properties: expected an object, found "Protected"/);
  });

  it("invalid JSON names the line and column", async () => {
    const file = write("broken.json", '{\n  "id": "/subscriptions/x",\n  "type": "Microsoft.Compute/virtualMachines",,\n}\n');
    expectInputError(await runCli(["check", "--arm", file]), /broken\.json at line 3, column \d+: invalid JSON/);
  });

  it("invalid YAML in the inventory names the line", async () => {
    const file = write("broken.yaml", "version: 1\nvms:\n  - name: sqlvm01\n   os: windows\n");
    expectInputError(await runCli(["check", "--arm", estate("vault.json"), "--inventory", file]), /broken\.yaml at line \d+, column \d+: invalid YAML/);
  });

  it.each([
    ["a stack export given to --preview", "--preview", "stack-export.json", /pass it with --state/],
    ["ARM JSON given to --preview", "--preview", "vault.json", /pass it with --arm/],
    ["a preview given to --state", "--state", "preview.json", /pass it with --preview/],
    ["a preview given to --arm", "--arm", "preview.json", /expected an Azure resource with an "id" or a "type"/],
  ])("%s is refused, never read as an empty, clean estate", async (_name, option, fixture, hint) => {
    expectInputError(await runCli(["check", option, estate(fixture)]), estate(fixture), hint);
  });

  it("an inventory with an unknown key names it", async () => {
    const file = write("typo.yaml", "version: 1\nvms:\n  - name: sqlvm01\n    os: windows\n    agentVerison: 2.7.41491.1102\n");
    expectInputError(await runCli(["check", "--arm", estate("vault.json"), "--inventory", file]), /typo\.yaml at vms\[0\]\.agentVerison: unknown key "agentVerison"/);
  });

  it("reads a whole secret object as unknown, not as a value of the wrong shape", async () => {
    const digest = JSON.parse(readFileSync(estate("preview.json"), "utf8")) as { steps: { newState: { inputs: Record<string, unknown> } }[] };
    digest.steps[3]!.newState.inputs.properties = "[secret]";
    const r = await runCli(["check", "--preview", write("preview-secret-object.json", digest), "--format", "json"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).not.toContain("[secret]");
  });
});

describe("encodings and YAML features real files have", () => {
  const crlf = (text: string) => `\uFEFF${text.replace(/\r?\n/g, "\r\n")}`;

  it("reads a preview, ARM JSON and an inventory saved with a BOM and Windows line endings", async () => {
    const preview = write("preview-crlf.json", crlf(readFileSync(estate("preview.json"), "utf8")));
    const vm = write("vm-crlf.json", crlf(readFileSync(estate("vm-show-d.json"), "utf8")));
    const inventory = write("inventory-crlf.yaml", crlf(readFileSync(estate("inventory.yaml"), "utf8")));
    const plain = await checkJson(["--preview", estate("preview.json"), "--arm", estate("vm-show-d.json"), "--inventory", estate("inventory.yaml")]);
    const windows = await checkJson(["--preview", preview, "--arm", vm, "--inventory", inventory]);
    expect(windows.stderr).toBe("");
    expect(outline(windows.report)).toEqual(outline(plain.report));
    expect(outline(windows.report)).toContain("VM-001 fail sqlvm01");
  });

  it("reads an inventory that shares settings through anchors, aliases and merge keys", async () => {
    const inventory = write(
      "inventory-anchors.yaml",
      [
        "version: 1",
        "vms:",
        "  - name: sqlvm01",
        `    id: ${VM_ID}`,
        "    <<: &windows { os: windows, agentVersion: 2.6.1198.99 }",
        "    sqlInstances:",
        "      - name: MSSQLSERVER",
        "        databases:",
        "          - &db { name: sales, recoveryModel: FULL, readOnly: false, mirroring: false, logShipping: false }",
        "          - { <<: *db, name: hr }",
        "  - name: sqlvm02",
        "    <<: *windows",
        "",
      ].join("\n"),
    );
    const r = await checkJson(["--arm", estate("items-graph.json"), "--arm", estate("vm-show-d.json"), "--inventory", inventory]);
    expect(r.stderr).toBe("");
    expect(r.report.findings.find((f) => f.ruleId === "VM-001")?.data).toMatchObject({ value: "2.6.1198.99", source: "inventory" });
  });
});

describe("the text report's last line", () => {
  it("says 1 resource, not 1 resources", async () => {
    const r = await runCli(["check", "--arm", estate("vault.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n").pop()).toMatch(/— 1 resource, \d+ rules$/);
  });
});

describe("no input is an internal error", () => {
  // Exit 3 is for bugs only. Damage the estate's files the way hand edits and truncated exports do — a value replaced
  // by null, a number, a string, an empty array or object, the unknown sentinel or a secret — and every run must end
  // in a report (0/1) or an input error (2).
  const REPLACEMENTS: unknown[] = [null, 0, -1, 1e12, "", "x", [], {}, [null], true, "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "[secret]", 3.5, "2026-13-45T99:99:99Z", [{}]];
  const FILES = ["preview.json", "stack-export.json", "vault.json", "policies.json", "items-graph.json", "vm-show-d.json", "graph-vms.json", "nsg-show.json"];
  let seed = 20260301;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  function paths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (path.length) out.push(path);
    if (value && typeof value === "object") for (const key of Object.keys(value)) paths((value as Record<string, unknown>)[key], [...path, Array.isArray(value) ? Number(key) : key], out);
    return out;
  }

  it("200 damaged inputs end in exit 0, 1 or 2, never 3", async () => {
    const seen: string[] = [];
    for (let i = 0; i < 200; i++) {
      const name = pick(FILES);
      const doc = JSON.parse(readFileSync(estate(name), "utf8")) as unknown;
      const all = paths(doc);
      for (let n = 0; n < 1 + Math.floor(random() * 3); n++) {
        const path = pick(all);
        let parent = doc as Record<string | number, unknown> | undefined;
        for (const key of path.slice(0, -1)) parent = parent?.[key] as Record<string | number, unknown> | undefined;
        if (parent && typeof parent === "object") parent[path.at(-1)!] = structuredClone(pick(REPLACEMENTS));
      }
      const option = name === "preview.json" ? "--preview" : name === "stack-export.json" ? "--state" : "--arm";
      const file = write(`damaged-${i}.json`, doc as object);
      const r = await runCli(["check", option, file, "--arm", estate("items-graph.json"), "--inventory", estate("inventory.yaml"), "--format", pick(["json", "sarif", "junit", "markdown", "text"] as const)]);
      if (r.code === 3) seen.push(`${name}: ${r.stderr.split("\n")[0]}`);
      else expect([0, 1, 2]).toContain(r.code);
    }
    expect(seen).toEqual([]);
  });
});
