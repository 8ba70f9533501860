import { defineRule } from "../../src/engine/define-rule.js";
import type { BackupPolicy, RetentionDuration, RetentionPolicy, SchedulePolicy, SubProtectionPolicy } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { checkDrift, times, timeOfDay, type Entity } from "./_drift.js";

// Values the stack does not know at preview pass through as unknown: the comparison reports them, never as drift.
function duration(d: RetentionDuration | undefined) {
  if (isUnknown(d)) return d;
  return d && { count: d.count, durationType: d.durationType };
}

function schedule(s: SchedulePolicy | undefined) {
  if (isUnknown(s)) return s;
  return (
    s && {
      frequency: s.frequency,
      runTimes: times(s.runTimes),
      runDays: s.runDays,
      hourly: s.hourly && { intervalHours: s.hourly.intervalHours, windowStartTime: timeOfDay(s.hourly.windowStartTime), windowDurationHours: s.hourly.windowDurationHours },
      frequencyInMinutes: s.frequencyInMinutes,
    }
  );
}

function retention(r: RetentionPolicy | undefined) {
  if (isUnknown(r)) return r;
  return (
    r && {
      simple: duration(r.simple),
      daily: r.daily && { duration: duration(r.daily.duration) },
      weekly: r.weekly && { daysOfTheWeek: r.weekly.daysOfTheWeek, duration: duration(r.weekly.duration) },
      monthly: r.monthly && { format: r.monthly.format, duration: duration(r.monthly.duration), weeksOfTheMonth: r.monthly.weeksOfTheMonth, daysOfTheWeek: r.monthly.daysOfTheWeek },
      yearly: r.yearly && { format: r.yearly.format, monthsOfYear: r.yearly.monthsOfYear, duration: duration(r.yearly.duration), weeksOfTheMonth: r.yearly.weeksOfTheMonth, daysOfTheWeek: r.yearly.daysOfTheWeek },
    }
  );
}

/** Sub-policies keyed by type (Full, Differential, Log): their order in the array carries no meaning. */
function subPolicies(list: BackupPolicy["subPolicies"]) {
  if (list === undefined || isUnknown(list)) return list;
  const out: Record<string, unknown> = {};
  for (const sp of list as SubProtectionPolicy[]) {
    if (typeof sp.policyType !== "string") continue;
    out[sp.policyType] = { schedule: schedule(sp.schedule), retention: retention(sp.retention) };
  }
  return out;
}

export default defineRule({
  id: "DRIFT-003",
  name: "backup-policy-drift",
  title: "A backup policy's schedule, retention and sub-policies match the stack",
  severity: "warning",
  prevents: [],
  remediation: "Re-apply the stack (`pulumi up`) to restore the policy, or update the stack if the schedule or retention was changed on purpose.",
  check(ctx) {
    checkDrift<BackupPolicy & Entity>(ctx, "backupPolicies", "Backup policy", (p) => ({
      schedule: schedule(p.schedule),
      retention: retention(p.retention),
      instantRpRetentionDays: p.instantRpRetentionDays,
      timeZone: p.timeZone,
      subPolicies: subPolicies(p.subPolicies),
    }));
  },
});
