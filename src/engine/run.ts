import picomatch from "picomatch";
import { ModelIndex } from "../model/lookups.js";
import { allRefs, type Model, type ResourceRef } from "../model/types.js";
import type { RuleConfig } from "./config.js";
import { ResourceIdentities } from "./identity.js";
import {
  SEVERITY_RANK,
  type Finding,
  type FindingResource,
  type Pass,
  type Report,
  type ReportInput,
  type Rule,
  type RuleMeta,
  type Severity,
  type Status,
  type SuppressionConfig,
} from "./types.js";

export interface RunOptions {
  config?: RuleConfig;
  now?: Date;
  extras?: Record<string, unknown>;
}

function toFindingResource(ref: ResourceRef): FindingResource {
  const out: FindingResource = { type: ref.type, name: ref.name };
  if (ref.urn) out.urn = ref.urn;
  if (ref.id) out.id = ref.id;
  return out;
}

/** End of the expiry day, UTC: a suppression that expires 2027-03-31 still applies on that day. */
export function suppressionExpired(s: SuppressionConfig, now: Date): boolean {
  const end = Date.parse(`${s.expires}T23:59:59.999Z`);
  return Number.isNaN(end) || now.getTime() > end;
}

function matchesResource(glob: string, resource: FindingResource): boolean {
  // `bash: true` lets `*` cross the slashes of resource IDs, as users expect of a glob on an id.
  const isMatch = picomatch(glob, { nocase: true, dot: true, bash: true });
  return [resource.name, resource.id, resource.urn].some((v) => v !== undefined && isMatch(v));
}

/**
 * The Azure error codes a finding predicts: the ones the rule names for it (each must be in the rule's `prevents`),
 * else all of the rule's `prevents`. A rule with an empty `prevents` in area `jobs` reports the codes Azure returned
 * for a failed job, which are facts rather than predictions, so any code goes there.
 */
function findingCodes(rule: Rule, input: ReportInput): string[] {
  if (input.azureErrorCodes === undefined) return [...rule.prevents];
  const reportsAzureCodes = rule.area === "jobs" && rule.prevents.length === 0;
  if (!reportsAzureCodes) {
    const stray = input.azureErrorCodes.filter((c) => !rule.prevents.includes(c));
    if (stray.length) throw new Error(`rule ${rule.id}: finding "${input.messageId}" names ${stray.join(", ")}, which the rule's prevents (${rule.prevents.join(", ") || "empty"}) does not list`);
  }
  return [...new Set(input.azureErrorCodes)];
}

/** Runs the enabled rules over the model. Pure: no I/O, no globals. */
export function runRules(model: Model, rules: readonly Rule[], options: RunOptions = {}): Report {
  const config = options.config ?? { rules: {}, suppressions: [] };
  const now = options.now ?? new Date();
  const index = new ModelIndex(model);
  const refs = allRefs(model);
  // Sources that describe one resource (same Azure id or URN) are joined: one resource, each finding once.
  const identities = new ResourceIdentities(refs);
  const findings: Finding[] = [];
  const passes: Pass[] = [];
  const enabled: RuleMeta[] = [];

  for (const rule of rules) {
    const setting = config.rules[rule.id];
    if (setting === "off") continue;
    const severity: Severity = setting ?? rule.severity;
    const meta: RuleMeta = { id: rule.id, name: rule.name, title: rule.title, area: rule.area, severity, prevents: rule.prevents, remediation: rule.remediation, docs: rule.docs };
    enabled.push(meta);
    const seen = new Set<string>();
    const sameFacts = new Map<string, ResourceRef>();
    const passed = new Set<string>();
    const emit = (status: Status, input: ReportInput): void => {
      const resource = identities.complete(toFindingResource(input.resource));
      // One finding per rule, resource, message and path: adapters may show the same resource twice.
      const key = `${status}|${resource.urn ?? resource.id ?? resource.name}|${input.messageId}|${input.path ?? ""}|${input.message}`;
      if (seen.has(key)) return;
      // The same resource from another source with the same facts (messages may name it by its Pulumi or its Azure
      // name, so they are compared by their data) is the same finding.
      const identity = identities.keyOf(resource);
      if (identity !== undefined) {
        const factsKey = `${status}|${identity}|${input.messageId}|${input.path ?? ""}|${input.data ? JSON.stringify(input.data) : input.message}`;
        const first = sameFacts.get(factsKey);
        if (first !== undefined && first !== input.resource) return;
        sameFacts.set(factsKey, input.resource);
      }
      seen.add(key);
      const finding: Finding = {
        ruleId: rule.id,
        ruleName: rule.name,
        area: rule.area,
        severity,
        status,
        resource,
        message: input.message,
        messageId: input.messageId,
        azureErrorCodes: findingCodes(rule, input),
        remediation: rule.remediation,
        docs: rule.docs,
      };
      if (input.path) finding.path = input.path;
      if (input.data) finding.data = input.data;
      const src = input.resource.source;
      if (src.file || src.pointer) finding.location = { adapter: src.adapter, ...(src.file ? { file: src.file } : {}), ...(src.pointer ? { pointer: src.pointer } : {}) };
      findings.push(finding);
    };
    rule.check({
      model,
      index,
      now,
      suppressions: config.suppressions,
      extras: options.extras ?? {},
      report: (input) => emit("fail", input),
      unknown: (input) => emit("unknown", input),
      pass: (ref) => {
        const resource = identities.complete(toFindingResource(ref));
        const identity = identities.keyOf(resource);
        if (identity !== undefined) {
          if (passed.has(identity)) return;
          passed.add(identity);
        }
        passes.push({ ruleId: rule.id, resource });
      },
    });
  }

  for (const finding of findings) {
    if (finding.ruleId.startsWith("CONFIG-")) continue; // the config rules report on suppressions themselves
    const match = config.suppressions.find(
      (s) => s.rule.toUpperCase() === finding.ruleId && !suppressionExpired(s, now) && matchesResource(s.resource, finding.resource),
    );
    if (match) {
      finding.status = "suppressed";
      finding.suppression = { justification: match.justification, expires: match.expires, resource: match.resource };
    }
  }

  findings.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resource.name.localeCompare(b.resource.name) ||
      a.message.localeCompare(b.message),
  );

  const count = (sev: Severity) => findings.filter((f) => f.status === "fail" && f.severity === sev).length;
  return {
    findings,
    passes,
    rules: enabled,
    summary: {
      error: count("error"),
      warning: count("warning"),
      note: count("note"),
      unknown: findings.filter((f) => f.status === "unknown").length,
      suppressed: findings.filter((f) => f.status === "suppressed").length,
      resources: identities.count(refs),
      rules: enabled.length,
    },
  };
}

export type FailOn = Severity | "never";

/** True when the report holds a failing finding at or above `failOn`. */
export function failsAt(report: Report, failOn: FailOn): boolean {
  if (failOn === "never") return false;
  return report.findings.some((f) => f.status === "fail" && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}
