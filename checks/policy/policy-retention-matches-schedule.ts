import { defineRule } from "../../src/engine/define-rule.js";
import type { RetentionPolicy, SchedulePolicy } from "../../src/model/types.js";
import {
  analyseDays,
  bucketField,
  eachPolicy,
  frequencyName,
  INVALID_POLICY_INPUT,
  isLongTerm,
  readSubPolicies,
  sameText,
  subsOfType,
  UNREAD,
  type PolicyCheck,
  type Unread,
} from "./_policy-helpers.js";

export default defineRule({
  id: "POLICY-007",
  name: "policy-retention-matches-schedule",
  title: "Long-term retention keeps only backups the schedule takes: daily retention for daily and hourly schedules, weekly retention on scheduled days for weekly ones",
  severity: "error",
  prevents: [INVALID_POLICY_INPUT],
  remediation:
    "For a Daily or Hourly schedule, set dailySchedule retention. For a Weekly schedule, drop dailySchedule retention, set weeklySchedule retention, use the Weekly format for monthly and yearly retention, and name only days the schedule runs on.",
  check(ctx) {
    eachPolicy(ctx, ["sql", "vm"], (p) => {
      if (p.policy.workload === "vm") {
        if (!p.policy.schedule) return p.skip(); // POLICY-008
        checkRetentionAgainstSchedule(p, p.policy.schedule, p.policy.retention, "schedule", "retention", "VM backup");
        return;
      }
      const subs = readSubPolicies(p);
      if (subs === UNREAD) return;
      for (const full of subsOfType(subs, "Full")) {
        if (!full.sub.schedule) continue; // POLICY-002
        checkRetentionAgainstSchedule(p, full.sub.schedule, full.sub.retention, `${full.path}.schedule`, `${full.path}.retention`, "full backup");
      }
    });
  },
});

function checkRetentionAgainstSchedule(
  p: PolicyCheck,
  schedule: SchedulePolicy,
  retention: RetentionPolicy | undefined,
  schedulePath: string,
  path: string,
  who: string,
): void {
  const written = p.read(schedule.frequency, `${schedulePath}.frequency`, `${who} frequency`);
  if (written === UNREAD) return;
  const frequency = frequencyName(written);
  const allowed = p.policy.workload === "vm" ? ["Daily", "Weekly", "Hourly"] : ["Daily", "Weekly"];
  if (frequency === undefined || !allowed.includes(frequency)) return p.skip(); // the schedule rules report it
  const weekly = frequency === "Weekly";

  if (!retention) {
    p.fail(
      weekly ? "needsWeeklyRetention" : "needsDailyRetention",
      `Backup policy "${p.name}": the ${who} runs ${frequency} but the policy keeps nothing (no retention). Add ${weekly ? "weeklySchedule" : "dailySchedule"} retention to a LongTermRetentionPolicy.`,
      path,
      { frequency },
    );
    return;
  }
  const type = p.read(retention.type, `${path}.type`, `${who} retention type`);
  if (type === UNREAD) return;
  if (!isLongTerm(type, retention)) return p.skip(); // the retention-range rules report the type

  if (!weekly && !retention.daily) {
    p.fail(
      "needsDailyRetention",
      `Backup policy "${p.name}": the ${who} runs ${frequency} but the retention has no dailySchedule, so daily recovery points would have no lifetime. Add dailySchedule retention.`,
      `${path}.daily`,
      { frequency },
    );
  }
  if (weekly && retention.daily) {
    p.fail(
      "dailyRetentionOnWeekly",
      `Backup policy "${p.name}": the ${who} runs Weekly but the retention sets a dailySchedule; a weekly schedule keeps its points with weeklySchedule retention. Remove the daily retention.`,
      `${path}.daily`,
      { frequency },
    );
  }
  if (weekly && !retention.weekly) {
    p.fail(
      "needsWeeklyRetention",
      `Backup policy "${p.name}": the ${who} runs Weekly but the retention has no weeklySchedule. Add weeklySchedule retention on the days the backup runs.`,
      `${path}.weekly`,
      { frequency },
    );
  }

  // Retention can only keep backups taken on days the schedule runs.
  let runDays: string[] | undefined | Unread;
  let runDaysRead = false;
  const scheduledDays = (): string[] | undefined | Unread => {
    if (!weekly) return undefined; // daily and hourly schedules run every day
    if (!runDaysRead) {
      runDaysRead = true;
      const raw = p.readList(schedule.runDays, `${schedulePath}.runDays`, `${who} run days`);
      if (raw === UNREAD) return (runDays = UNREAD);
      const list = analyseDays(raw ?? []);
      // Broken run days are the schedule rules' to report; without them there is nothing to compare.
      runDays = list.invalid.length || list.duplicates.length || !list.days.length ? undefined : list.days;
    }
    return runDays;
  };
  const checkDays = (values: string[], at: string, bucket: "weekly" | "monthly" | "yearly"): void => {
    const list = analyseDays(values);
    if (list.invalid.length > 0) {
      p.fail(
        "invalidRetentionDay",
        `Backup policy "${p.name}": the ${bucket} retention of the ${who} names ${list.invalid.map((d) => `"${d}"`).join(", ")}, which is not a day of the week. Use Sunday … Saturday.`,
        at,
        { bucket, value: list.invalid },
      );
      return;
    }
    if (list.days.length === 0) {
      p.fail("retentionWithoutDays", `Backup policy "${p.name}": the ${bucket} retention of the ${who} names no day of the week to keep. List the days whose backups it keeps.`, at, { bucket });
      return;
    }
    const scheduled = scheduledDays();
    if (scheduled === UNREAD || scheduled === undefined) return;
    const missing = list.days.filter((d) => !scheduled.includes(d));
    if (missing.length > 0) {
      p.fail(
        "dayNotScheduled",
        `Backup policy "${p.name}": the ${bucket} retention of the ${who} keeps ${missing.join(", ")} backups, but the schedule runs only on ${scheduled.join(", ")}. Keep days the backup runs on, or add them to scheduleRunDays.`,
        at,
        { bucket, value: missing, scheduled },
      );
    }
  };

  if (retention.weekly) {
    const days = p.readList(retention.weekly.daysOfTheWeek, `${path}.weekly.daysOfTheWeek`, `weekly retention days of the ${who}`);
    if (days !== UNREAD) checkDays(days ?? [], `${path}.weekly.daysOfTheWeek`, "weekly");
  }
  for (const bucket of ["monthly", "yearly"] as const) {
    const b = retention[bucket];
    if (!b) continue;
    const format = p.read(b.format, `${path}.${bucket}.format`, `${bucket} retention format of the ${who}`);
    if (format === UNREAD) continue;
    if (weekly && sameText(format, "Daily")) {
      p.fail(
        "dailyFormatOnWeekly",
        `Backup policy "${p.name}": the ${who} runs Weekly but its ${bucketField(bucket)} picks days of the month (Daily format), which a weekly backup does not hit. Use retentionScheduleFormatType "Weekly" with days of the week and weeks of the month.`,
        `${path}.${bucket}.format`,
        { bucket, value: format, expected: "Weekly" },
      );
      continue;
    }
    if (!sameText(format, "Weekly") || b.daysOfTheWeek === undefined) continue;
    const days = p.readList(b.daysOfTheWeek, `${path}.${bucket}.daysOfTheWeek`, `${bucket} retention days of the ${who}`);
    if (days !== UNREAD) checkDays(days ?? [], `${path}.${bucket}.daysOfTheWeek`, bucket);
  }
}
