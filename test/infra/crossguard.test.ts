/**
 * The CrossGuard pack through a harness: stack-validation arguments built the way @pulumi/policy's analyzer builds
 * them (props behind its unknown-checking proxy, parent and dependency links as resource objects), from the real
 * registrations of the dev and broken stacks. The pack's entry (index.ts) is never imported: it starts a server.
 */
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createPolicies, plainProps, policies, recordsOf, type CrossGuardConfig } from "../../checks/crossguard/policy.js";
import { defineRule } from "../../src/engine/define-rule.js";
import { runProgram, type CollectedResource } from "../../src/adapters/pulumi-program.js";
import { repoRoot } from "../harness/shared.js";

// The analyzer's own proxy (an internal module of @pulumi/policy): reading an unknown through it throws.
const proxy = createRequire(__filename)("@pulumi/policy/proxy") as {
  unknownCheckingProxy: (o: unknown) => Record<string, unknown>;
  unknownNumberValue: string;
  UnknownValueError: new (...a: unknown[]) => Error;
};

const FACTS: CrossGuardConfig = {
  inventory: join(repoRoot, "examples", "dev-inventory.yaml"),
  arm: [join(repoRoot, "examples", "dev-estate.json")],
};

/** Stack-validation resources as the analyzer builds them: the stack resource, components and custom resources. */
function policyResources(registered: CollectedResource[], components: CollectedResource[]): PolicyResource[] {
  const noOpts = { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } };
  const all = [...components, ...registered];
  const byUrn = new Map<string, PolicyResource>();
  for (const r of all) {
    const resource = {
      type: r.type,
      name: r.name,
      urn: r.urn!,
      props: proxy.unknownCheckingProxy(structuredClone(r.outputs ?? r.inputs)),
      opts: noOpts,
      dependencies: [] as PolicyResource[],
      propertyDependencies: {} as Record<string, PolicyResource[]>,
      isType: () => false,
      asType: () => undefined,
    } as unknown as PolicyResource;
    byUrn.set(r.urn!, resource);
  }
  for (const r of all) {
    const resource = byUrn.get(r.urn!)! as { parent?: PolicyResource; dependencies: PolicyResource[]; propertyDependencies: Record<string, PolicyResource[]> };
    if (r.parent && byUrn.has(r.parent)) resource.parent = byUrn.get(r.parent)!;
    resource.dependencies = (r.dependencies ?? []).map((u) => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
    for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
      resource.propertyDependencies[k] = urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
    }
  }
  const stack = { type: "pulumi:pulumi:Stack", name: "backupguard-dev", urn: "urn:pulumi:dev::backupguard::pulumi:pulumi:Stack::backupguard-dev", props: proxy.unknownCheckingProxy({}), dependencies: [], propertyDependencies: {} };
  return [stack as unknown as PolicyResource, ...byUrn.values()];
}

interface Violation {
  policy: string;
  level: string | undefined;
  message: string;
  urn?: string;
}

async function validate(list: StackValidationPolicy[], resources: PolicyResource[], config: CrossGuardConfig = FACTS): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const p of list) {
    const args = {
      resources,
      stackTags: new Map<string, string>(),
      getConfig: <T extends object>() => config as T,
      notApplicable: (reason?: string): never => {
        throw new Error(`not applicable: ${reason}`);
      },
    };
    await p.validateStack!(args, (message, urn) => out.push({ policy: p.name, level: p.enforcementLevel, message, ...(urn ? { urn } : {}) }));
  }
  return out;
}

let dev: PolicyResource[];
let broken: PolicyResource[];
let brokenRun: { resources: CollectedResource[]; components: CollectedResource[] };
beforeAll(async () => {
  const d = await runProgram(undefined, "dev");
  dev = policyResources(d.resources, d.components);
  brokenRun = await runProgram(undefined, "broken");
  broken = policyResources(brokenRun.resources, brokenRun.components);
});

describe("CrossGuard policies", () => {
  it("are two stack policies: errors mandatory, warnings advisory, both configurable", () => {
    expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual([
      ["backupguard-errors", "mandatory"],
      ["backupguard-warnings", "advisory"],
    ]);
    for (const p of policies) expect(Object.keys(p.configSchema!.properties)).toEqual(["inventory", "arm", "config"]);
  });

  it("find no mandatory violation in the dev stack", async () => {
    const violations = await validate(policies, dev);
    expect(violations.filter((v) => v.level === "mandatory")).toEqual([]);
  });

  it("report the broken stack's mistakes as mandatory violations on the offending resources", async () => {
    const violations = await validate(policies, broken);
    const urnOf = (name: string) => brokenRun.resources.find((r) => r.name === name)!.urn;
    const mandatory = violations.filter((v) => v.policy === "backupguard-errors");
    expect(mandatory.find((v) => v.message.startsWith("[POLICY-004 sql-policy-log-frequency]"))).toMatchObject({
      level: "mandatory",
      urn: urnOf("sql-weekly-full-diff-log"),
    });
    expect(mandatory.find((v) => v.message.startsWith("[POLICY-010 "))).toMatchObject({ urn: urnOf("vm-standard-daily") });
    // The SQL mistakes need the workload inventory, which the policy config names.
    expect(mandatory.find((v) => v.message.startsWith("[SQL-001 "))).toMatchObject({ urn: urnOf("sqlvm01-mssqlserver-reporting") });
    expect(mandatory.find((v) => v.message.startsWith("[SQL-002 "))).toMatchObject({ urn: urnOf("sqlvm01-mssqlserver-master") });
    for (const v of mandatory) expect(v.message).toMatch(/Prevents [A-Za-z0-9_-]+.* Fix: .*\(checks\/[a-z]+\/[a-z0-9-]+\.md\)$/);
    expect(mandatory.find((v) => v.message.startsWith("[TAG-001 "))).toMatchObject({ urn: urnOf("vm-standard-daily") });
    // Connectivity is proven on VMs described by the ARM facts: outside the stack, so reported against the stack.
    expect(mandatory.filter((v) => v.message.startsWith("[NET-001 ")).map((v) => v.urn)).toEqual([undefined, undefined, undefined, undefined]);
    // Warnings never block: they are advisory.
    const advisory = violations.filter((v) => v.policy === "backupguard-warnings");
    expect(advisory.some((v) => v.message.startsWith("[VM-008 "))).toBe(true);
    expect(advisory.every((v) => v.level === "advisory")).toBe(true);
  });

  it("follow the rule configuration: a re-graded rule moves between the mandatory and advisory policies", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bg-cg-"));
    writeFileSync(join(dir, "backupguard.config.yaml"), "rules:\n  POLICY-004: warning\n  POLICY-010: off\n");
    const violations = await validate(policies, broken, { ...FACTS, config: "backupguard.config.yaml" }).catch(() => undefined);
    // Relative paths resolve against the analyzer's working directory (the pack's directory); here: dir.
    expect(violations).toBeUndefined();
    const regraded = await validate(createPolicies({ baseDir: dir }), broken, { ...FACTS, config: "backupguard.config.yaml" });
    expect(regraded.find((v) => v.message.startsWith("[POLICY-004 "))?.policy).toBe("backupguard-warnings");
    expect(regraded.some((v) => v.message.startsWith("[POLICY-010 "))).toBe(false);
  });

  it("route error findings to the mandatory policy and everything else to the advisory one", async () => {
    const vaultRule = (severity: "error" | "warning" | "note", id: string) =>
      defineRule({
        id,
        name: `test-vault-${severity}`,
        title: "A test rule that fails every vault it sees",
        severity,
        prevents: severity === "error" ? ["UserErrorTest"] : [],
        remediation: "Nothing to do: this rule exists for the test.",
        check(ctx) {
          for (const v of ctx.model.vaults) ctx.report({ resource: v.ref, messageId: "always", message: `vault ${String(v.vaultName)}` });
        },
      });
    const list = createPolicies({ rules: [vaultRule("error", "VAULT-901"), vaultRule("warning", "VAULT-902"), vaultRule("note", "VAULT-903")] });
    const violations = await validate(list, dev);
    const vaultUrn = dev.find((r) => r.type === "azure-native:recoveryservices:Vault")!.urn;
    expect(violations.map((v) => [v.policy, v.message.slice(0, 10), v.urn])).toEqual([
      ["backupguard-errors", "[VAULT-901", vaultUrn],
      ["backupguard-warnings", "[VAULT-902", vaultUrn],
      ["backupguard-warnings", "[VAULT-903", vaultUrn],
    ]);
  });

  it("read values unknown during preview as unknown, without tripping the analyzer's proxy", async () => {
    // The log frequency is computed at preview: the analyzer hands a number placeholder behind its proxy.
    const logPolicy = brokenRun.resources.find((r) => r.name === "sql-weekly-full-diff-log")!;
    const changed = structuredClone(logPolicy);
    const subs = (changed.inputs.properties as { subProtectionPolicy: { policyType: string; schedulePolicy: Record<string, unknown> }[] }).subProtectionPolicy;
    subs.find((s) => s.policyType === "Log")!.schedulePolicy.scheduleFrequencyInMins = proxy.unknownNumberValue;
    changed.outputs = changed.inputs;
    const resources = policyResources(
      brokenRun.resources.map((r) => (r === logPolicy ? changed : r)),
      brokenRun.components,
    );
    const through = resources.find((r) => r.name === "sql-weekly-full-diff-log")!;
    expect(() => JSON.stringify(through.props)).toThrow(proxy.UnknownValueError);
    const violations = await validate(policies, resources);
    expect(violations.some((v) => v.message.startsWith("[POLICY-004 "))).toBe(false);
    expect(violations.some((v) => v.message.startsWith("[POLICY-010 "))).toBe(true);
  });
});

describe("records handed to the model", () => {
  it("skip the stack, keep links by URN and spell every unknown the same way", () => {
    const records = recordsOf(dev);
    expect(records.some((r) => r.type === "pulumi:pulumi:Stack")).toBe(false);
    const item = records.find((r) => r.name === "ag-sales-sales")!;
    expect(item.parent).toMatch(/AvailabilityGroupProtection::ag-ag-sales$/);
    expect(item.propertyDependencies?.properties?.[0]).toMatch(/ProtectionPolicy::sql-weekly-full-diff-log$/);
    expect(item.id).toMatch(/\/protectedItems\/SQLDataBase;ag-sales;sales$/);
    expect(plainProps(proxy.unknownCheckingProxy({ a: [proxy.unknownNumberValue], b: { c: "x" } }))).toEqual({
      a: ["04da6b54-80e4-46f7-96ec-b56ff0331ba9"],
      b: { c: "x" },
    });
  });
});

describe("the pack's layout", () => {
  it("points PulumiPolicy.yaml and the pack's package.json at the compiled entry of checks/crossguard/index.ts", () => {
    const checks = join(repoRoot, "checks");
    const project = parse(readFileSync(join(checks, "PulumiPolicy.yaml"), "utf8")) as { runtime: string; main: string; version: string };
    const pkg = JSON.parse(readFileSync(join(checks, "package.json"), "utf8")) as { version: string; main: string };
    const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(project.runtime).toBe("nodejs");
    // tsc compiles checks/crossguard/index.ts to dist/checks/crossguard/index.js.
    const compiled = join(repoRoot, "dist", "checks", "crossguard", "index.js");
    expect(resolve(checks, project.main, "index.js")).toBe(compiled);
    expect(resolve(checks, pkg.main)).toBe(compiled);
    expect(existsSync(join(repoRoot, relative(join(repoRoot, "dist"), compiled).replace(/\.js$/, ".ts")))).toBe(true);
    // PolicyPack reads its version from the package.json in the analyzer's working directory (the pack's).
    expect(pkg.version).toBe(root.version);
    expect(project.version).toBe(root.version);
  });
});
