/**
 * Rule configuration (`--config`, default `backupguard.config.yaml`): rules off or re-graded, suppressions with a
 * required justification and expiry.
 */
import { z } from "zod";
import type { Severity, SuppressionConfig } from "./types.js";

export interface RuleConfig {
  rules: Record<string, Severity | "off">;
  suppressions: SuppressionConfig[];
}

/** Rule ids are matched case-insensitively (`sql-001` is SQL-001), as `backupguard explain` does. */
const RULE_ID = /^[A-Za-z]+-\d{3}$/;

export const ruleConfigSchema = z.strictObject({
  rules: z
    .record(z.string().regex(RULE_ID, "expected a rule id like SQL-001"), z.enum(["off", "error", "warning", "note"]))
    .optional(),
  suppressions: z
    .array(
      z.strictObject({
        rule: z.string().regex(RULE_ID, "expected a rule id like SQL-001"),
        resource: z.string().min(1, "expected a glob on the resource name or id"),
        justification: z.string().trim().min(1, "expected a justification (why this is accepted)"),
        // YAML turns an unquoted 2027-03-31 into a Date: accept both, keep the ISO day.
        expires: z.union([
          z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
            // 2027-02-30 has the right shape but is no day: refuse it rather than let Date roll it into March.
            .refine((d) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().slice(0, 10) === d, "expected a calendar date YYYY-MM-DD"),
          z.date().transform((d) => d.toISOString().slice(0, 10)),
        ]),
      }),
    )
    .optional(),
});

export function normalizeRuleConfig(raw: z.infer<typeof ruleConfigSchema>): RuleConfig {
  const rules: Record<string, Severity | "off"> = {};
  for (const [id, setting] of Object.entries(raw.rules ?? {})) rules[id.toUpperCase()] = setting;
  return { rules, suppressions: (raw.suppressions ?? []).map((s) => ({ ...s, rule: s.rule.toUpperCase(), expires: String(s.expires) })) };
}
