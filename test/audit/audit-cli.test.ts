/**
 * `backupguard audit` through main(): options reach the command, usage errors exit 2 before any call to Azure, and an
 * incomplete audit prints its report AND exits 4 (a result, not an exception).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/program.js";

const fake = vi.hoisted(() => ({ options: undefined as Record<string, unknown> | undefined, result: undefined as { output: string; exitCode: number } | undefined }));

vi.mock("../../src/cli/commands/audit.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/cli/commands/audit.js")>();
  return {
    ...actual,
    audit: async (options: Parameters<typeof actual.audit>[0]) => {
      fake.options = options as unknown as Record<string, unknown>;
      // Validation runs for real; only the read of Azure is replaced.
      if (fake.result) return fake.result;
      return actual.audit(options);
    },
  };
});

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false, env };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

beforeEach(() => {
  fake.options = undefined;
  fake.result = undefined;
});

describe("backupguard audit (CLI)", () => {
  it("documents its options in --help", async () => {
    const r = await run(["audit", "--help"]);
    expect(r.code).toBe(0);
    for (const o of ["--subscription", "--resource-group", "--vault", "--cloud", "--arm-endpoint", "--state", "--preview", "--program", "--inventory", "--since", "--fail-on", "--config"]) expect(r.stdout).toContain(o);
  });

  it("passes repeatable subscriptions and the options to the command", async () => {
    fake.result = { output: "report\n", exitCode: 0 };
    const r = await run(["audit", "--subscription", "a", "--subscription", "b", "--since", "24h", "--vault", "v1", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(fake.options).toMatchObject({ subscription: ["a", "b"], since: "24h", vault: "v1", format: "json", failOn: "error" });
  });

  it("prints the report of an incomplete audit and exits 4", async () => {
    fake.result = { output: "partial report\n", exitCode: 4 };
    const r = await run(["audit", "--subscription", "00000000-0000-0000-0000-000000000000"]);
    expect(r).toMatchObject({ code: 4, stdout: "partial report\n" });
  });

  it("exits 2 on usage errors without touching Azure", async () => {
    expect((await run(["audit"])).stderr).toMatch(/AZURE_SUBSCRIPTION_ID/);
    expect((await run(["audit"])).code).toBe(2);
    expect((await run(["audit", "--subscription", "not-a-guid"])).code).toBe(2);
    const http = await run(["audit", "--arm-endpoint", "http://127.0.0.1:9"], { AZURE_SUBSCRIPTION_ID: "00000000-0000-0000-0000-000000000000" });
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/https/);
    expect((await run(["audit", "--cloud", "Mars"])).code).toBe(2);
  });
});
