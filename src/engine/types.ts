import type { Model, ResourceRef } from "../model/types.js";
import type { ModelIndex } from "../model/lookups.js";

export type Severity = "error" | "warning" | "note";
export type Status = "fail" | "unknown" | "suppressed";

/** Rule areas: the folder under checks/ and, upper-cased, the rule ID prefix (NET for network). */
export const AREAS = ["policy", "sql", "vm", "linux", "network", "tags", "vault", "config", "drift", "jobs"] as const;
export type Area = (typeof AREAS)[number];

export const AREA_PREFIX: Record<Area, string> = {
  policy: "POLICY",
  sql: "SQL",
  vm: "VM",
  linux: "LINUX",
  network: "NET",
  tags: "TAG",
  vault: "VAULT",
  config: "CONFIG",
  drift: "DRIFT",
  jobs: "JOB",
};

export const SEVERITY_RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

export interface RuleMeta {
  /** AREA-NNN, never reused. */
  id: string;
  /** kebab-case, equal to the file basename. */
  name: string;
  /** One line: what must hold. */
  title: string;
  area: Area;
  severity: Severity;
  /** Azure error codes this rule predicts, exactly as Azure spells them; [] for advice. */
  prevents: string[];
  /** What to change, in one or two sentences. */
  remediation: string;
  /** Repository-relative path of the rule's doc: checks/<area>/<name>.md */
  docs: string;
}

export interface ReportInput {
  resource: ResourceRef;
  /** Stable key of the message, for tests and baselines (camelCase). */
  messageId: string;
  message: string;
  /** Property path inside the resource, e.g. `subPolicies[1].retention`. */
  path?: string;
  /** Facts behind the message (asserted by tests, shown in JSON). */
  data?: Record<string, unknown>;
  /**
   * The Azure error codes this finding predicts, when it predicts fewer than the rule's `prevents` (a rule that
   * prevents two codes, one per kind of finding). Narrows, never widens: every code must be in the rule's `prevents`,
   * or the run throws. Omitted: the finding carries the whole of `prevents`. Only JOB- rules (empty `prevents`) may
   * name any code: the ones Azure returned for a failed job.
   */
  azureErrorCodes?: string[];
}

export interface SuppressionConfig {
  rule: string;
  resource: string;
  justification: string;
  /** YYYY-MM-DD; the suppression applies through the end of that day (UTC). */
  expires: string;
}

export interface RuleContext {
  readonly model: Model;
  readonly index: ModelIndex;
  /** The evaluation time (suppression expiry, exemption expiry). */
  readonly now: Date;
  /** The suppressions from --config (read by the config rules only). */
  readonly suppressions: readonly SuppressionConfig[];
  /** Optional extra inputs adapters or commands attach (e.g. service tags for connectivity). */
  readonly extras: Readonly<Record<string, unknown>>;
  /** The rule would fail here. */
  report(input: ReportInput): void;
  /** The rule cannot decide: a value it needs is unknown before deployment. Never a failure. */
  unknown(input: ReportInput): void;
  /** The rule checked this resource and it is fine (for JUnit passing test cases). */
  pass(resource: ResourceRef): void;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export interface FindingResource {
  type: string;
  name: string;
  urn?: string;
  id?: string;
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  area: Area;
  severity: Severity;
  status: Status;
  resource: FindingResource;
  message: string;
  messageId: string;
  path?: string;
  data?: Record<string, unknown>;
  azureErrorCodes: string[];
  remediation: string;
  docs: string;
  /** Where the resource came from (file and pointer) when known. */
  location?: { file?: string; pointer?: string; adapter: string };
  suppression?: { justification: string; expires: string; resource: string };
  /** `audit` only: what kind of finding this is. */
  kind?: "rule" | "drift" | "job";
}

export interface Pass {
  ruleId: string;
  resource: FindingResource;
}

export interface Summary {
  error: number;
  warning: number;
  note: number;
  unknown: number;
  suppressed: number;
  resources: number;
  rules: number;
}

export interface Report {
  findings: Finding[];
  passes: Pass[];
  /** The enabled rules, with their effective severity. */
  rules: RuleMeta[];
  summary: Summary;
}
