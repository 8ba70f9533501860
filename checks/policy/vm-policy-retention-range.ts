import { defineRule } from "../../src/engine/define-rule.js";
import { checkLongTermRanges, eachPolicy, INVALID_POLICY_INPUT, isLongTerm, UNREAD } from "./_policy-helpers.js";

/** Azure's own API examples (2025-08-01) still create VM policies with 1 daily recovery point; see the doc. */
const LEGACY_DAILY_COUNT = 1;

export default defineRule({
  id: "POLICY-011",
  name: "vm-policy-retention-range",
  title: "VM backup retention is a LongTermRetentionPolicy within Azure's ranges: 7–9999 days, ≤ 5163 weeks, ≤ 1188 months, ≤ 99 years",
  severity: "error",
  prevents: [INVALID_POLICY_INPUT],
  remediation:
    "Use a LongTermRetentionPolicy and keep daily points 7–9999 days, weekly 1–5163 weeks, monthly 1–1188 months and yearly 1–99 years, each counted in its own unit.",
  check(ctx) {
    eachPolicy(ctx, "vm", (p) => {
      const retention = p.policy.retention;
      if (!retention) return p.skip(); // which buckets are needed depends on the schedule: POLICY-007
      const type = p.read(retention.type, "retention.type", "retention type");
      if (type === UNREAD) return;
      if (!isLongTerm(type, retention)) {
        p.fail(
          "needsLongTerm",
          `Backup policy "${p.name}": the retention is a ${type ?? "policy without daily, weekly, monthly or yearly buckets"}; VM policies take a LongTermRetentionPolicy. Use retentionPolicyType "LongTermRetentionPolicy" with daily or weekly (and optional monthly/yearly) retention.`,
          "retention.type",
          { value: type ?? null, expected: "LongTermRetentionPolicy" },
        );
        return;
      }
      checkLongTermRanges(p, retention, "retention", "VM backup", { toleratedDailyCount: LEGACY_DAILY_COUNT });
    });
  },
});
