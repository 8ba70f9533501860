import rule from "../../../checks/policy/sql-policy-full-schedule.js";
import type { SchedulePolicy } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const at = (hhmm: string) => `2026-01-01T${hhmm}:00Z`;
const weekly = (o: Partial<SchedulePolicy> = {}): SchedulePolicy => ({ type: "SimpleSchedulePolicy", frequency: "Weekly", runDays: ["Sunday"], runTimes: [at("02:00")], ...o });
const withFull = (schedule: SchedulePolicy | undefined) => build.model(build.sqlPolicy({ subPolicies: [build.sub.full({ schedule }), build.sub.log()] }));

ruleTester.run(rule, {
  valid: [
    { name: "golden: weekly full on Sunday", model: build.model(build.sqlPolicy()) },
    {
      name: "daily full (Azure's BackupPolicies_List example)",
      model: build.model(
        build.sqlPolicy({
          subPolicies: [
            build.sub.full({
              schedule: { type: "SimpleSchedulePolicy", frequency: "Daily", runTimes: ["2017-12-05T19:00:00Z"], runDays: undefined },
              retention: { type: "LongTermRetentionPolicy", daily: { retentionTimes: ["2017-12-05T19:00:00Z"], duration: { count: 30, durationType: "Days" } } },
            }),
            build.sub.log(),
          ],
        }),
      ),
    },
    { name: "weekly full on Sunday and Tuesday (Azure's Complex example)", model: withFull(weekly({ runDays: ["Sunday", "Tuesday"], runTimes: ["2018-01-24T10:00:00Z"] })) },
    { name: "schedule type left out", model: withFull(weekly({ type: undefined })) },
    { name: "day names in lower case", model: withFull(weekly({ runDays: ["sunday"] })) },
  ],
  invalid: [
    { name: "no schedule", model: withFull(undefined), errors: [{ messageId: "missingSchedule" }] },
    {
      name: "monthly full backup",
      model: withFull(weekly({ frequency: "Monthly" })),
      errors: [{ messageId: "frequency", data: { value: "Monthly", allowed: ["Daily", "Weekly"] } }],
    },
    { name: "hourly full backup", model: withFull(weekly({ frequency: "Hourly" })), errors: [{ messageId: "frequency", data: { value: "Hourly" } }] },
    { name: "frequency left out", model: withFull(weekly({ frequency: undefined })), errors: [{ messageId: "frequency", data: { value: null } }] },
    {
      name: "log schedule type on the full backup",
      model: withFull(weekly({ type: "LogSchedulePolicy" })),
      errors: [{ messageId: "wrongScheduleType", data: { value: "LogSchedulePolicy", expected: "SimpleSchedulePolicy" } }],
    },
    { name: "weekly with no days", model: withFull(weekly({ runDays: [] })), errors: [{ messageId: "noRunDays" }] },
    { name: "weekly with days left out", model: withFull(weekly({ runDays: undefined })), errors: [{ messageId: "noRunDays" }] },
    { name: "weekly with a day twice", model: withFull(weekly({ runDays: ["Sunday", "Sunday"] })), errors: [{ messageId: "duplicateDay", data: { value: ["Sunday"] } }] },
    { name: "weekly with an abbreviation", model: withFull(weekly({ runDays: ["Sun"] })), errors: [{ messageId: "invalidDay", data: { value: ["Sun"] } }] },
  ],
  unknown: [
    { name: "frequency computed at preview", model: withFull(weekly({ frequency: UNKNOWN })), unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[0].schedule.frequency" } }] },
    { name: "run days computed at preview", model: withFull(weekly({ runDays: UNKNOWN })), unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[0].schedule.runDays" } }] },
    { name: "one run day computed at preview", model: withFull(weekly({ runDays: ["Sunday", UNKNOWN] })), unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[0].schedule.runDays[1]" } }] },
  ],
});
