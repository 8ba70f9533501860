/**
 * `check --program` on a user's own Pulumi program (not this project's infra/): TypeScript with nested components and
 * config read through `pulumi.Config`, plain JavaScript with `main:` in Pulumi.yaml, and the ways such a program fails
 * under mocks (bad or missing config, a throw at the top level or inside an `apply`, a missing stack file).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";
import { repoRoot } from "../harness/shared.js";

const programs = join(repoRoot, "test", "fixtures", "e2e", "programs");
const ts = join(programs, "acme-ts");
const js = join(programs, "acme-js");

interface Finding {
  ruleId: string;
  status: string;
  resource: { name: string; urn?: string; id?: string };
}

async function check(args: string[]) {
  const r = await runCli(["check", ...args, "--format", "json"]);
  return { ...r, report: r.stdout ? (JSON.parse(r.stdout) as { findings: Finding[]; summary: Record<string, number> }) : undefined };
}

describe("check --program on a TypeScript program with nested components", () => {
  it("finds the SQL mistakes of resources two components deep, joined with the inventory", async () => {
    const r = await check(["--program", ts, "--stack", "prod", "--inventory", join(ts, "inventory.yaml")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const failures = r.report!.findings.filter((f) => f.status === "fail" && f.ruleId.startsWith("SQL-"));
    expect(failures.map((f) => [f.ruleId, f.resource.name]).sort()).toEqual([
      ["SQL-001", "sales-sales"],
      ["SQL-002", "sales-master"],
    ]);
    // The URN carries the component chain, as `pulumi preview` would print it.
    expect(failures.find((f) => f.ruleId === "SQL-001")!.resource.urn).toBe(
      "urn:pulumi:prod::acme-backup::acme:backup:SqlEstate$azure-native:recoveryservices:ProtectedItem::sales-sales",
    );
    expect(r.report!.summary.resources).toBe(9);
  });

  it("a config value the program refuses is exit 2 naming the stack file and the key", async () => {
    const r = await runCli(["check", "--program", ts, "--stack", "bad"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Pulumi\.bad\.yaml at config\.acme-backup:logFrequencyMinutes: the program refuses the value "often": it is not a valid number/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a config key the program requires and the stack lacks is exit 2 naming the key", async () => {
    const r = await runCli(["check", "--program", ts, "--stack", "missing"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Pulumi\.missing\.yaml at config\.acme-backup:logFrequencyMinutes: the program requires this key/);
  });

  it("a stack without Pulumi.<stack>.yaml is exit 2 listing the stacks there are", async () => {
    const r = await runCli(["check", "--program", ts, "--stack", "staging"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Pulumi.staging.yaml");
    expect(r.stderr).toContain("the stacks configured there: bad, missing, prod");
  });

  it("a directory below the project without a program entry is exit 2", async () => {
    const r = await runCli(["check", "--program", join(ts, "components"), "--stack", "prod"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no program entry in .*components/);
  });
});

describe("check --program on a JavaScript program (main: src/)", () => {
  it("runs it with the default stack dev", async () => {
    const r = await check(["--program", js]);
    expect(r.code).toBe(1);
    expect(r.report!.findings.map((f) => f.ruleId)).toContain("POLICY-010");
    const policy = r.report!.findings.find((f) => f.ruleId === "POLICY-010")!;
    expect(policy.resource.id).toBe("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-acme/providers/Microsoft.RecoveryServices/vaults/rsv-acme-js/backupPolicies/vm-daily");
  });

  it("a program that throws at the top level is exit 2 with its message, no stack trace", async () => {
    const r = await runCli(["check", "--program", js, "--stack", "topfail"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the Pulumi program failed under mocks (stack topfail): the program refuses to run");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a program that throws inside an apply is exit 2 too, not a report followed by a crash", async () => {
    const r = await runCli(["check", "--program", js, "--stack", "applyfail"]);
    expect(r.stdout).toBe("");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot derive names from rsv-acme-js");
  });
});
