/**
 * The rule catalogue as Pulumi CrossGuard stack policies, so that `pulumi preview --policy-pack ./checks` enforces
 * exactly what `backupguard check` reports: the engine runs over `args.resources` (mapped to the model by the same
 * adapter as every other Pulumi source); error findings are violations of the mandatory policy
 * `backupguard-errors`, warnings and notes of the advisory policy `backupguard-warnings` (a CrossGuard violation
 * carries no level of its own, the policy does).
 *
 * Policy config (`--policy-pack-config`, the same keys under both policy names):
 *   inventory  the workload inventory (YAML/JSON)
 *   arm        ARM JSON files describing what already exists (VMs, NICs, subnets, NSGs)
 *   config     the rule configuration (re-grades, suppressions); default backupguard.config.yaml when present
 * Relative paths are resolved against the directory the analyzer runs in: the policy pack's directory.
 *
 * This module is pure: index.ts constructs the PolicyPack (which starts a gRPC server) and is never imported here.
 */
import type { PolicyConfigSchema, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { resolve } from "node:path";
import { loadArmFile } from "../../src/adapters/arm.js";
import { loadInventoryFile } from "../../src/adapters/inventory.js";
import { fromPulumiResources, UNKNOWN_SENTINEL, type PulumiResourceRecord } from "../../src/adapters/pulumi-resources.js";
import { loadRuleConfig } from "../../src/engine/load-config.js";
import { runRules } from "../../src/engine/run.js";
import type { Finding, Report, Rule, Severity } from "../../src/engine/types.js";
import { mergeModels, type Model } from "../../src/model/types.js";
import { rules as catalogue } from "../index.js";

export interface CrossGuardConfig {
  inventory?: string;
  arm?: string[];
  config?: string;
}

export const configSchema: PolicyConfigSchema = {
  properties: {
    inventory: { type: "string", description: "Workload inventory (YAML or JSON) of the protected VMs" },
    arm: { type: "array", items: { type: "string" }, description: "ARM JSON files describing existing VMs, NICs, subnets and NSGs" },
    config: { type: "string", description: "backupguard rule configuration (re-grades, suppressions)" },
  },
};

/**
 * The placeholders CrossGuard puts where a value is unknown during preview, one per type (from @pulumi/policy's
 * proxy module). The model knows one unknown; the adapter recognises the string one.
 */
const UNKNOWN_PLACEHOLDERS = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  UNKNOWN_SENTINEL, // string
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** CrossGuard's "get me the object behind the proxy" key: reading through the proxy would throw on unknowns. */
const PROXY_TARGET = "__getSpecialProxyTarget";

/** A plain copy of a resource's properties: no throwing proxy, every unknown spelled as the string sentinel. */
export function plainProps(value: unknown, depth = 0): unknown {
  if (depth > 200) return undefined;
  if (typeof value === "string") return UNKNOWN_PLACEHOLDERS.has(value) ? UNKNOWN_SENTINEL : value;
  if (value === null || typeof value !== "object") return value;
  const target = ((value as Record<string, unknown>)[PROXY_TARGET] as object | undefined) ?? value;
  if (Array.isArray(target)) return target.map((v) => plainProps(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(target)) out[key] = plainProps((target as Record<string, unknown>)[key], depth + 1);
  return out;
}

const SKIPPED_TYPES = /^pulumi:(pulumi:Stack|providers:)/;

/** CrossGuard's resources → the records every Pulumi source hands to the model. */
export function recordsOf(resources: readonly PolicyResource[]): PulumiResourceRecord[] {
  return resources
    .filter((r) => !SKIPPED_TYPES.test(r.type))
    .map((r) => {
      const props = (plainProps(r.props) ?? {}) as Record<string, unknown>;
      const record: PulumiResourceRecord = { type: r.type, name: r.name, urn: r.urn, inputs: props, outputs: props };
      if (typeof props.id === "string" && props.id.startsWith("/") ) record.id = props.id;
      if (r.parent) record.parent = r.parent.urn;
      if (r.dependencies.length > 0) record.dependencies = r.dependencies.map((d) => d.urn);
      const propertyDependencies: Record<string, string[]> = {};
      for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) if (deps.length > 0) propertyDependencies[key] = deps.map((d) => d.urn);
      if (Object.keys(propertyDependencies).length > 0) record.propertyDependencies = propertyDependencies;
      return record;
    });
}

export interface EvaluateOptions {
  rules?: readonly Rule[];
  now?: Date;
  /** Where relative paths in the policy config are resolved (default: the working directory). */
  baseDir?: string;
}

/** Runs the engine over a stack's resources with the facts the policy config names. */
export function evaluateStack(resources: readonly PolicyResource[], config: CrossGuardConfig, options: EvaluateOptions = {}): Report {
  const rules = options.rules ?? catalogue;
  const at = (p: string) => resolve(options.baseDir ?? process.cwd(), p);
  const models: Model[] = [fromPulumiResources(recordsOf(resources), { adapter: "preview" })];
  if (config.inventory) models.push(loadInventoryFile(at(config.inventory)));
  for (const file of config.arm ?? []) models.push(loadArmFile(at(file)));
  const ruleConfig = loadRuleConfig(config.config ? at(config.config) : undefined, rules.map((r) => r.id));
  return runRules(mergeModels(...models), rules, { config: ruleConfig, ...(options.now ? { now: options.now } : {}) });
}

/** One violation line: the rule, what is wrong, the Azure error it prevents, and the fix. */
export function violationMessage(f: Finding): string {
  const codes = f.azureErrorCodes.length > 0 ? ` Prevents ${f.azureErrorCodes.join(", ")}.` : "";
  return `[${f.ruleId} ${f.ruleName}] ${f.message}${codes} Fix: ${f.remediation} (${f.docs})`;
}

function validator(severities: readonly Severity[], options: EvaluateOptions) {
  return (args: StackValidationArgs, reportViolation: ReportViolation): void => {
    const report = evaluateStack(args.resources, args.getConfig<CrossGuardConfig>(), options);
    const urns = new Set(args.resources.map((r) => r.urn));
    for (const f of report.findings) {
      if (f.status !== "fail" || !severities.includes(f.severity)) continue;
      // Findings on resources outside the stack (ARM or inventory facts) are reported against the stack.
      const urn = f.resource.urn && urns.has(f.resource.urn) ? f.resource.urn : undefined;
      reportViolation(violationMessage(f), urn);
    }
  };
}

/** The two stack policies; `rules` and `now` are for tests. */
export function createPolicies(options: EvaluateOptions = {}): StackValidationPolicy[] {
  return [
    {
      name: "backupguard-errors",
      description: "Azure Backup will reject this or the backup will fail (backupguard error-level rules).",
      enforcementLevel: "mandatory",
      configSchema,
      validateStack: validator(["error"], options),
    },
    {
      name: "backupguard-warnings",
      description: "Azure Backup will degrade: skipped backup types, throttling, cost, hardening (backupguard warning and note rules).",
      enforcementLevel: "advisory",
      configSchema,
      validateStack: validator(["warning", "note"], options),
    },
  ];
}

export const policies: StackValidationPolicy[] = createPolicies();
