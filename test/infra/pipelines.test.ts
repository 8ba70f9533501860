/**
 * The pipeline recipes in examples/pipelines stay runnable: each file parses, every `backupguard check` step runs
 * as written (with the pipeline's variables filled in) and passes on the dev stack, the audit steps use only
 * options `audit` has, and the policy-pack config names only keys the pack's schema declares.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configSchema } from "../../checks/crossguard/policy.js";
import { runCli } from "../harness/cli.js";
import { repoRoot } from "../harness/shared.js";

const dir = join(repoRoot, "examples", "pipelines");
const files = ["github", "azure-pipelines"].flatMap((ci) => readdirSync(join(dir, ci)).map((f) => join(ci, f)));

/** Every shell line of a workflow that calls backupguard, from `run:`, `script:` and `inlineScript:` values. */
function backupguardCommands(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      for (const line of v.split("\n")) for (const part of line.split("&&")) if (/npx backupguard /.test(part)) out.push(part.trim());
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(doc);
  return out;
}

/** The argv of a recipe line, with the pipeline's variables filled in and outputs sent to a scratch directory. */
function argvOf(command: string, scratch: string): string[] {
  const words = command
    .replace(/>>.*$/, "")
    .replace(/"\$STACK"|\$\(STACK\)/g, "dev")
    .replace(/\$\(Build\.ArtifactStagingDirectory\)/g, scratch)
    .replace(/^.*npx backupguard /, "")
    .trim()
    .split(/\s+/);
  return words.map((w) => (/\.(sarif|xml)$/.test(w) && !w.startsWith(scratch) ? join(scratch, w) : w));
}

const cwd = process.cwd();
beforeAll(() => process.chdir(repoRoot));
afterAll(() => process.chdir(cwd));

describe("pipeline recipes", () => {
  it("cover pull request, main and nightly for both CI systems", () => {
    expect(files.sort()).toEqual([
      "azure-pipelines/main.yml",
      "azure-pipelines/nightly-audit.yml",
      "azure-pipelines/pull-request.yml",
      "github/main.yml",
      "github/nightly-audit.yml",
      "github/pull-request.yml",
    ]);
  });

  for (const file of files) {
    describe(file, () => {
      const text = readFileSync(join(dir, file), "utf8");
      const doc = parse(text) as unknown;
      const commands = backupguardCommands(doc);

      it("calls backupguard and signs in to Azure without a client secret", () => {
        expect(commands.length).toBeGreaterThan(0);
        expect(text).not.toMatch(/client[-_]?secret|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET/i);
      });

      for (const command of commands.filter((c) => / check\b/.test(c))) {
        it(`runs: ${command}`, async () => {
          const scratch = mkdtempSync(join(tmpdir(), "bg-recipe-"));
          const r = await runCli(argvOf(command, scratch));
          expect(r.stderr).toBe("");
          expect(r.code).toBe(0);
        });
      }

      for (const command of commands.filter((c) => / audit\b/.test(c))) {
        it(`uses options audit has: ${command}`, async () => {
          const help = await runCli(["audit", "--help"]);
          for (const option of command.match(/--[a-z-]+/g) ?? []) expect(help.stdout, option).toContain(option);
        });
      }
    });
  }

  it("give the policy pack a config with the keys it declares, for both policies", () => {
    const config = JSON.parse(readFileSync(join(repoRoot, "examples", "policy-config.json"), "utf8")) as Record<string, Record<string, unknown>>;
    expect(Object.keys(config).sort()).toEqual(["backupguard-errors", "backupguard-warnings"]);
    for (const policyConfig of Object.values(config)) {
      for (const key of Object.keys(policyConfig)) expect(Object.keys(configSchema.properties)).toContain(key);
    }
  });
});
