/**
 * The bad-input corpus: every malformed input exits 2 through the real CLI entry point, with a message that
 * names the file and (where the problem is inside it) the path, without a stack trace, in bounded time and memory.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync, ftruncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { repoRoot } from "../harness/shared.js";

const corpus = join(repoRoot, "test", "fixtures", "bad-input");

type Kind = "--preview" | "--state" | "--arm" | "--inventory";

async function run(kind: Kind, file: string): Promise<{ code: number; stderr: string; stdout: string; ms: number; heapGrowth: number }> {
  let stderr = "";
  let stdout = "";
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  // --inventory needs a resource source beside it; an empty ARM list is the smallest.
  const args = kind === "--inventory" ? ["check", "--arm", join(repoRoot, "test", "fixtures", "arm", "empty-list.json"), kind, file] : ["check", kind, file];
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, env: {} });
  return { code, stderr, stdout, ms: performance.now() - started, heapGrowth: process.memoryUsage().heapUsed - heapBefore };
}

/** [corpus file, option, the path the message must name ("" for a whole-file problem), what it must say]. */
const CASES: [string, Kind, string | RegExp, RegExp][] = [
  ["preview-truncated.json", "--preview", /^line \d+, column \d+$/, /invalid JSON/],
  ["preview-steps-not-array.json", "--preview", "steps", /expected an array, found an object/],
  ["preview-duplicate-urn.json", "--preview", "steps[1].newState", /already created by steps\[0\]\.newState/],
  ["preview-inputs-string.json", "--preview", "steps[0].newState.inputs", /expected an object, found "vaultName=rsv"/],
  ["preview-proto-key.json", "--preview", "steps[0].newState.inputs.__proto__", /"__proto__" is not allowed/],
  ["preview-subpolicy-object.json", "--preview", "steps[0].newState.inputs.properties.subProtectionPolicy", /expected an array, found an object/],
  ["state-empty.json", "--state", "", /is empty/],
  ["state-non-utf8.json", "--state", "byte 71", /not valid UTF-8/],
  ["state-resources-object.json", "--state", "deployment.resources", /expected an array, found an object/],
  ["state-top-level-array.json", "--state", "", /expected the output of `pulumi stack export`/],
  ["state-resource-without-type.json", "--state", "deployment.resources[0].type", /is required \(a string\)/],
  ["arm-value-not-array.json", "--arm", "value", /expected an array of resources, found an object/],
  ["arm-priority-not-number.json", "--arm", "value[0].properties.securityRules[0].properties.priority", /expected a number, found "high"/],
  ["arm-no-id-or-type.json", "--arm", "[0]", /expected an Azure resource with an "id" or a "type"/],
  ["arm-yaml-not-json.json", "--arm", "line 1, column 2", /invalid JSON: Unexpected token .a.$/],
  ["arm-graph-data-string.json", "--arm", "data", /expected an array of rows, found "id,name"/],
  ["inventory-unknown-key.yaml", "--inventory", "vms[0].sqlInstance", /unknown key "sqlInstance"/],
  ["inventory-bad-enum.yaml", "--inventory", "vms[0].sqlInstances[0].databases[2].recoveryModel", /expected one of "FULL", "BULK_LOGGED", "SIMPLE", found "Full"/],
  ["inventory-wrong-type.yaml", "--inventory", "vms[0].sqlInstances[0].databases[0].readOnly", /expected a boolean, found "no"/],
  ["inventory-alias-bomb.yaml", "--inventory", "", /invalid YAML: .*alias/i],
  ["inventory-duplicate-key.yaml", "--inventory", /^line 3, column 1$/, /invalid YAML: .*unique/i],
  ["inventory-undeclared-group.yaml", "--inventory", "vms[0].sqlInstances[0].databases[0].availabilityGroup", /"ag-sales", which availabilityGroups does not declare/],
  ["inventory-proto-key.json", "--inventory", "vms[0].__proto__", /"__proto__" is not allowed/],
  ["inventory-not-a-mapping.yaml", "--inventory", "", /expected an object, found an array of 2/],
  ["inventory-bad-yaml.yaml", "--inventory", /^line \d+, column \d+$/, /invalid YAML/],
];

function expectInputError(result: Awaited<ReturnType<typeof run>>, file: string, pointer: string | RegExp, message: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe("");
  const line = result.stderr.trim();
  expect(line.split("\n")).toHaveLength(1);
  expect(line).not.toMatch(/^\s+at /m);
  expect(line).not.toMatch(/internal error/);
  const prefix = `backupguard: ${file}`;
  expect(line.startsWith(prefix), line).toBe(true);
  const rest = line.slice(prefix.length);
  const at = /^ at (.*?): /.exec(rest);
  const foundPointer = at ? at[1]! : "";
  if (typeof pointer === "string") expect(foundPointer).toBe(pointer);
  else expect(foundPointer).toMatch(pointer);
  expect(line).toMatch(message);
  expect(result.ms).toBeLessThan(5_000);
}

describe("bad-input corpus", () => {
  it("covers at least 15 files across the four input kinds", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
    for (const kind of ["--preview", "--state", "--arm", "--inventory"]) expect(CASES.filter((c) => c[1] === kind).length).toBeGreaterThanOrEqual(4);
  });

  it.each(CASES)("%s (%s) exits 2 naming the file and the path", async (name, kind, pointer, message) => {
    const file = join(corpus, name);
    expectInputError(await run(kind, file), file, pointer, message);
  });
});

describe("generated bad inputs", () => {
  const dir = mkdtempSync(join(tmpdir(), "bg-bad-input-"));

  it("a 50 MB file is refused before it is read", async () => {
    const file = join(dir, "huge-preview.json");
    // Sparse: the size is what matters, and the adapter must refuse it without reading it.
    const fd = openSync(file, "w");
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const result = await run("--preview", file);
    expectInputError(result, file, "", /is 50\.0 MiB; inputs larger than 32 MiB are refused/);
    expect(result.heapGrowth).toBeLessThan(16 * 1024 * 1024);
  });

  it("a directory is refused", async () => {
    const sub = join(dir, "state-dir.json");
    mkdirSync(sub);
    expectInputError(await run("--state", sub), sub, "", /is a directory/);
  });

  it("a missing file is refused", async () => {
    const file = join(dir, "missing.json");
    expectInputError(await run("--arm", file), file, "", /file not found/);
  });

  it("JSON nested 100,000 levels deep is refused at the nesting limit", async () => {
    const file = join(dir, "deep.json");
    writeFileSync(file, `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    const result = await run("--arm", file);
    expectInputError(result, file, /^(\[0\]){256}$/, /nested more than 256 levels deep/);
  });

  it("YAML nested 20,000 levels deep is refused without overflowing the stack", async () => {
    const file = join(dir, "deep.yaml");
    writeFileSync(file, `version: 1\nvms: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`);
    expectInputError(await run("--inventory", file), file, /.*/, /invalid YAML|nested/);
  });

  it("the alias bomb does not expand: memory stays bounded", async () => {
    const file = join(corpus, "inventory-alias-bomb.yaml");
    const result = await run("--inventory", file);
    expect(result.code).toBe(2);
    expect(result.heapGrowth).toBeLessThan(64 * 1024 * 1024);
  });
});
