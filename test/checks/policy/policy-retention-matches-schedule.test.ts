import rule from "../../../checks/policy/policy-retention-matches-schedule.js";
import type { RetentionPolicy, SchedulePolicy } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const at = (hhmm: string) => `2026-01-01T${hhmm}:00Z`;
const T = [at("02:00")];
const days = (count: number) => ({ count, durationType: "Days" });
const weeks = (count: number) => ({ count, durationType: "Weeks" });
const months = (count: number) => ({ count, durationType: "Months" });
const years = (count: number) => ({ count, durationType: "Years" });

const weeklyVm = (retention: RetentionPolicy | undefined, runDays: unknown = ["Monday", "Wednesday", "Thursday"]) =>
  build.model(
    build.vmPolicyStandardWeekly({ schedule: { type: "SimpleSchedulePolicy", frequency: "Weekly", runTimes: T, runDays } as SchedulePolicy, retention }),
  );
// Azure's AzureIaasVm Complex example: weekly on Mon/Wed/Thu, monthly Wed/Thu, yearly Mon/Thu.
const complexRetention = (o: Partial<RetentionPolicy> = {}): RetentionPolicy => ({
  type: "LongTermRetentionPolicy",
  weekly: { daysOfTheWeek: ["Monday", "Wednesday", "Thursday"], retentionTimes: T, duration: weeks(1) },
  monthly: { format: "Weekly", daysOfTheWeek: ["Wednesday", "Thursday"], weeksOfTheMonth: ["First", "Third"], retentionTimes: T, duration: months(2) },
  yearly: { format: "Weekly", monthsOfYear: ["February", "November"], daysOfTheWeek: ["Monday", "Thursday"], weeksOfTheMonth: ["Fourth"], retentionTimes: T, duration: years(4) },
  ...o,
});
const sqlFull = (schedule: Partial<SchedulePolicy>, retention: RetentionPolicy | undefined) =>
  build.model(
    build.sqlPolicy({
      subPolicies: [build.sub.full({ schedule: { ...build.sub.full().schedule!, ...schedule }, retention }), build.sub.log()],
    }),
  );

ruleTester.run(rule, {
  valid: [
    { name: "golden SQL policy", model: build.model(build.sqlPolicy()) },
    { name: "golden VM policy", model: build.model(build.vmPolicy()) },
    { name: "hourly VM policy with daily retention", model: build.model(build.vmPolicyHourly()) },
    { name: "Standard weekly VM policy", model: build.model(build.vmPolicyStandardWeekly()) },
    { name: "Azure's AzureIaasVm Complex example", model: weeklyVm(complexRetention()) },
    {
      name: "Azure's SQL Complex example: full Sunday + Tuesday, monthly and yearly on Sunday",
      model: sqlFull(
        { runDays: ["Sunday", "Tuesday"] },
        {
          type: "LongTermRetentionPolicy",
          weekly: { daysOfTheWeek: ["Sunday", "Tuesday"], retentionTimes: T, duration: weeks(2) },
          monthly: { format: "Weekly", daysOfTheWeek: ["Sunday"], weeksOfTheMonth: ["Second"], retentionTimes: T, duration: months(1) },
          yearly: { format: "Weekly", monthsOfYear: ["January", "June", "December"], daysOfTheWeek: ["Sunday"], weeksOfTheMonth: ["Last"], retentionTimes: T, duration: years(1) },
        },
      ),
    },
    {
      name: "daily SQL full with weekly retention on any day and monthly by date",
      model: sqlFull(
        { frequency: "Daily", runDays: undefined },
        {
          type: "LongTermRetentionPolicy",
          daily: { retentionTimes: T, duration: days(30) },
          weekly: { daysOfTheWeek: ["Saturday"], retentionTimes: T, duration: weeks(12) },
          monthly: { format: "Daily", daysOfTheMonth: [{ date: 1, isLast: false }], retentionTimes: T, duration: months(12) },
        },
      ),
    },
    {
      name: "weekly retention keeping only some scheduled days",
      model: weeklyVm(complexRetention({ weekly: { daysOfTheWeek: ["Monday"], retentionTimes: T, duration: weeks(4) } })),
    },
    {
      name: "retention time differs from the run time (as in Azure's v2-Get-Policy example)",
      model: build.model(build.vmPolicy({ retention: { type: "LongTermRetentionPolicy", daily: { retentionTimes: [at("10:00")], duration: days(30) } } })),
    },
    { name: "a broken schedule frequency is the schedule rules' to report", model: sqlFull({ frequency: "Monthly" }, undefined) },
    { name: "a simple retention type is the range rules' to report", model: sqlFull({}, { type: "SimpleRetentionPolicy", simple: days(30) }) },
  ],
  invalid: [
    {
      name: "daily VM policy without daily retention",
      model: build.model(build.vmPolicy({ retention: { type: "LongTermRetentionPolicy", weekly: { daysOfTheWeek: ["Sunday"], retentionTimes: T, duration: weeks(12) } } })),
      errors: [{ messageId: "needsDailyRetention", data: { frequency: "Daily" } }],
    },
    {
      name: "hourly VM policy without daily retention",
      model: build.model(build.vmPolicyHourly({ retention: { type: "LongTermRetentionPolicy", weekly: { daysOfTheWeek: ["Sunday"], retentionTimes: T, duration: weeks(12) } } })),
      errors: [{ messageId: "needsDailyRetention", data: { frequency: "Hourly" } }],
    },
    { name: "weekly SQL full with no retention at all", model: sqlFull({}, undefined), errors: [{ messageId: "needsWeeklyRetention" }] },
    {
      name: "weekly VM policy with daily retention",
      model: weeklyVm(complexRetention({ daily: { retentionTimes: T, duration: days(30) } })),
      errors: [{ messageId: "dailyRetentionOnWeekly" }],
    },
    {
      name: "weekly SQL full with only daily retention: two problems",
      model: sqlFull({}, { type: "LongTermRetentionPolicy", daily: { retentionTimes: T, duration: days(30) } }),
      errors: [{ messageId: "dailyRetentionOnWeekly" }, { messageId: "needsWeeklyRetention" }],
    },
    {
      name: "weekly retention keeps an unscheduled day",
      model: weeklyVm(complexRetention({ weekly: { daysOfTheWeek: ["Monday", "Friday"], retentionTimes: T, duration: weeks(4) } })),
      errors: [{ messageId: "dayNotScheduled", data: { bucket: "weekly", value: ["Friday"], scheduled: ["Monday", "Wednesday", "Thursday"] } }],
    },
    {
      name: "yearly retention keeps an unscheduled day",
      model: weeklyVm(
        complexRetention({ yearly: { format: "Weekly", monthsOfYear: ["January"], daysOfTheWeek: ["Sunday"], weeksOfTheMonth: ["First"], retentionTimes: T, duration: years(1) } }),
      ),
      errors: [{ messageId: "dayNotScheduled", data: { bucket: "yearly", value: ["Sunday"] } }],
    },
    {
      name: "monthly retention by date on a weekly schedule",
      model: weeklyVm(complexRetention({ monthly: { format: "Daily", daysOfTheMonth: [{ date: 1, isLast: false }], retentionTimes: T, duration: months(12) } })),
      errors: [{ messageId: "dailyFormatOnWeekly", data: { bucket: "monthly", value: "Daily" } }],
    },
    {
      name: "weekly retention without days",
      model: build.model(build.vmPolicy({ retention: { type: "LongTermRetentionPolicy", daily: { retentionTimes: T, duration: days(30) }, weekly: { daysOfTheWeek: [], retentionTimes: T, duration: weeks(12) } } })),
      errors: [{ messageId: "retentionWithoutDays", data: { bucket: "weekly" } }],
    },
    {
      name: "weekly retention on a misspelt day",
      model: build.model(build.vmPolicy({ retention: { type: "LongTermRetentionPolicy", daily: { retentionTimes: T, duration: days(30) }, weekly: { daysOfTheWeek: ["Sonday"], retentionTimes: T, duration: weeks(12) } } })),
      errors: [{ messageId: "invalidRetentionDay", data: { value: ["Sonday"] } }],
    },
  ],
  unknown: [
    {
      name: "weekly retention days computed at preview",
      model: weeklyVm(complexRetention({ weekly: { daysOfTheWeek: UNKNOWN, retentionTimes: T, duration: weeks(4) } })),
      unknowns: [{ messageId: "unknownValue", data: { path: "retention.weekly.daysOfTheWeek" } }],
    },
    {
      name: "schedule run days computed at preview",
      model: weeklyVm(complexRetention(), UNKNOWN),
      unknowns: [{ messageId: "unknownValue", data: { path: "schedule.runDays" } }],
    },
    {
      name: "SQL full frequency computed at preview",
      model: sqlFull({ frequency: UNKNOWN }, undefined),
      unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[0].schedule.frequency" } }],
    },
  ],
});
