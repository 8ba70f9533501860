import { defineRule } from "../../src/engine/define-rule.js";
import {
  checkDuration,
  checkLongTermRanges,
  eachPolicy,
  INVALID_POLICY_INPUT,
  BUCKET_UNIT,
  isLongTerm,
  knownOrUndefined,
  LIMITS,
  presentBuckets,
  readSubPolicies,
  sameText,
  UNREAD,
  type PolicyCheck,
  type IndexedSubPolicy,
} from "./_policy-helpers.js";

const SIMPLE_LIMITS = {
  Differential: { range: LIMITS.sqlDifferentialRetentionDays, label: "differential backup retention" },
  Log: { range: LIMITS.sqlLogRetentionDays, label: "log backup retention" },
} as const;

export default defineRule({
  id: "POLICY-005",
  name: "sql-policy-retention-range",
  title: "SQL Server backup retention stays within Azure's ranges for each backup type",
  severity: "error",
  prevents: [INVALID_POLICY_INPUT],
  remediation:
    "Keep log backups 7–35 days and differential backups 7–180 days and no longer than the full backups (SimpleRetentionPolicy, in Days); keep full backups with a LongTermRetentionPolicy of 7–9999 days, 1–5163 weeks, 1–1188 months or 1–99 years.",
  check(ctx) {
    eachPolicy(ctx, "sql", (p) => {
      const subs = readSubPolicies(p);
      if (subs === UNREAD) return;
      for (const s of subs) {
        if (s.sqlType === "Full") checkFull(p, s);
        else if (s.sqlType === "Differential" || s.sqlType === "Log") checkSimple(p, s, s.sqlType);
      }
      checkDifferentialWithinFull(p, subs);
    });
  },
});

function checkFull(p: PolicyCheck, full: IndexedSubPolicy): void {
  const retention = full.sub.retention;
  if (!retention) return; // which buckets a full backup needs depends on its schedule: POLICY-007
  const path = `${full.path}.retention`;
  const type = p.read(retention.type, `${path}.type`, "full backup retention type");
  if (type === UNREAD) return;
  if (!isLongTerm(type, retention)) {
    p.fail(
      "needsLongTerm",
      `Backup policy "${p.name}": the full backup retention is a ${type ?? "policy without daily, weekly, monthly or yearly buckets"}; full backups take a LongTermRetentionPolicy. Use retentionPolicyType "LongTermRetentionPolicy" with daily or weekly (and optional monthly/yearly) retention.`,
      `${path}.type`,
      { value: type ?? null, expected: "LongTermRetentionPolicy" },
    );
    return;
  }
  checkLongTermRanges(p, retention, path, "full backup");
}

/** Upper bound of a bucket's length in days (a month counted as 31 days, a year as 366), so a finding is never a rounding artefact. */
const DAYS_PER_UNIT: Record<string, number> = { days: 1, weeks: 7, months: 31, years: 366 };

/**
 * A differential backup is restored on top of its full backup, so Azure refuses a differential retention longer than the
 * longest retention of the full backups. Compared only when every count involved is known and in its own unit; the
 * range checks above report the rest.
 */
function checkDifferentialWithinFull(p: PolicyCheck, subs: IndexedSubPolicy[]): void {
  const full = subs.find((s) => s.sqlType === "Full");
  const diff = subs.find((s) => s.sqlType === "Differential");
  const fullRetention = full?.sub.retention;
  const diffDuration = diff?.sub.retention?.simple;
  if (!full || !diff || !fullRetention || !diffDuration) return;
  const diffDays = knownOrUndefined(diffDuration.count);
  if (typeof diffDays !== "number" || !sameText(knownOrUndefined(diffDuration.durationType) ?? "Days", "Days")) return;
  let fullDays = 0;
  let fullLongest = "";
  for (const bucket of presentBuckets(fullRetention)) {
    const duration = fullRetention[bucket]!.duration;
    const count = knownOrUndefined(duration.count);
    const unit = knownOrUndefined(duration.durationType) ?? BUCKET_UNIT[bucket];
    const perUnit = DAYS_PER_UNIT[unit.toLowerCase()];
    if (typeof count !== "number" || perUnit === undefined) return;
    if (count * perUnit > fullDays) {
      fullDays = count * perUnit;
      fullLongest = `${count} ${unit.toLowerCase()} (${bucket})`;
    }
  }
  if (fullDays === 0 || diffDays <= fullDays) return;
  p.fail(
    "differentialOutlivesFull",
    `Backup policy "${p.name}": differential backups are kept ${diffDays} days but full backups at most ${fullLongest}; a differential cannot be kept longer than the full backup it is restored on. Shorten the differential retention to ${fullDays} days or less, or keep full backups longer.`,
    `${diff.path}.retention.simple.count`,
    { value: diffDays, max: fullDays, unit: "Days" },
  );
}

function checkSimple(p: PolicyCheck, s: IndexedSubPolicy, kind: "Differential" | "Log"): void {
  const { range, label } = SIMPLE_LIMITS[kind];
  const path = `${s.path}.retention`;
  const retention = s.sub.retention;
  if (!retention) {
    p.fail("missingRetention", `Backup policy "${p.name}": the ${kind} sub-policy has no retention. Add a SimpleRetentionPolicy of ${range.min}–${range.max} days.`, path, {
      min: range.min,
      max: range.max,
      unit: "Days",
    });
    return;
  }
  const type = p.read(retention.type, `${path}.type`, `${label} type`);
  if (type === UNREAD) return;
  if ((type !== undefined && !sameText(type, "SimpleRetentionPolicy")) || (type === undefined && !retention.simple)) {
    p.fail(
      "needsSimple",
      `Backup policy "${p.name}": the ${label} is a ${type ?? "policy without a retention duration"}; ${kind.toLowerCase()} backups take a SimpleRetentionPolicy counted in days. Use retentionPolicyType "SimpleRetentionPolicy" with a retentionDuration of ${range.min}–${range.max} days.`,
      `${path}.type`,
      { value: type ?? null, expected: "SimpleRetentionPolicy" },
    );
    return;
  }
  if (!retention.simple) {
    p.fail("missingRetention", `Backup policy "${p.name}": the ${label} has no retentionDuration. Set ${range.min}–${range.max} days.`, `${path}.simple`, {
      min: range.min,
      max: range.max,
      unit: "Days",
    });
    return;
  }
  checkDuration(p, retention.simple, { path: `${path}.simple`, label, unit: "Days", range });
}
