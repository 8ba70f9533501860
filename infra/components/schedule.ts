/**
 * Schedule and retention shapes of Recovery Services backup policies, built from the stack configuration.
 * Azure takes times of day as ISO date-times and ignores the date part: we pin it to one fixed date so that
 * a policy's inputs never change between runs.
 */
import type * as types from "@pulumi/azure-native/types/input";
import type { LongTermRetentionConfig } from "../config";

type Weekday = "Sunday" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday";

const DATE = "2024-01-01";

/** "22:30" → "2024-01-01T22:30:00Z" */
export function isoTime(timeOfDay: string): string {
  return `${DATE}T${timeOfDay}:00Z`;
}

/** The long-term retention of a VM policy or of a SQL policy's full backups, with every point taken at `time`. */
export function longTermRetention(retention: LongTermRetentionConfig, time: string): types.recoveryservices.LongTermRetentionPolicyArgs {
  const at = [isoTime(time)];
  const policy: types.recoveryservices.LongTermRetentionPolicyArgs = { retentionPolicyType: "LongTermRetentionPolicy" };
  if (retention.daily !== undefined) {
    policy.dailySchedule = { retentionTimes: at, retentionDuration: { count: retention.daily, durationType: "Days" } };
  }
  if (retention.weekly) {
    policy.weeklySchedule = {
      daysOfTheWeek: retention.weekly.days as Weekday[],
      retentionTimes: at,
      retentionDuration: { count: retention.weekly.weeks, durationType: "Weeks" },
    };
  }
  if (retention.monthly) {
    policy.monthlySchedule = {
      retentionScheduleFormatType: "Weekly",
      retentionScheduleWeekly: { daysOfTheWeek: retention.monthly.days as Weekday[], weeksOfTheMonth: retention.monthly.weeks },
      retentionTimes: at,
      retentionDuration: { count: retention.monthly.months, durationType: "Months" },
    };
  }
  if (retention.yearly) {
    policy.yearlySchedule = {
      retentionScheduleFormatType: "Weekly",
      monthsOfYear: retention.yearly.months,
      retentionScheduleWeekly: { daysOfTheWeek: retention.yearly.days as Weekday[], weeksOfTheMonth: retention.yearly.weeks },
      retentionTimes: at,
      retentionDuration: { count: retention.yearly.years, durationType: "Years" },
    };
  }
  return policy;
}

export function simpleRetentionDays(days: number): types.recoveryservices.SimpleRetentionPolicyArgs {
  return { retentionPolicyType: "SimpleRetentionPolicy", retentionDuration: { count: days, durationType: "Days" } };
}
