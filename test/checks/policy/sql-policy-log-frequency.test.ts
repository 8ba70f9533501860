import rule from "../../../checks/policy/sql-policy-log-frequency.js";
import type { SchedulePolicy } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const logSchedule = (o: Partial<SchedulePolicy> = {}): SchedulePolicy => ({ type: "LogSchedulePolicy", frequency: undefined, runTimes: undefined, runDays: undefined, frequencyInMinutes: 60, ...o });
const withLog = (schedule: SchedulePolicy | undefined) => build.model(build.sqlPolicy({ subPolicies: [build.sub.full(), build.sub.log({ schedule })] }));

ruleTester.run(rule, {
  valid: [
    { name: "golden: every 60 minutes", model: build.model(build.sqlPolicy()) },
    ...[15, 30, 120, 240, 480, 720, 1440].map((m) => ({ name: `every ${m} minutes`, model: withLog(logSchedule({ frequencyInMinutes: m })) })),
    { name: "no log backup", model: build.model(build.sqlPolicy({ subPolicies: [build.sub.full()] })) },
  ],
  invalid: [
    {
      name: "every 10 minutes",
      model: withLog(logSchedule({ frequencyInMinutes: 10 })),
      errors: [{ messageId: "notAllowed", resource: "sql-full-diff-log", data: { value: 10, allowed: [15, 30, 60, 120, 240, 480, 720, 1440] } }],
    },
    { name: "every 45 minutes", model: withLog(logSchedule({ frequencyInMinutes: 45 })), errors: [{ messageId: "notAllowed", data: { value: 45 } }] },
    { name: "every 5 minutes", model: withLog(logSchedule({ frequencyInMinutes: 5 })), errors: [{ messageId: "notAllowed", data: { value: 5 } }] },
    { name: "frequency left out", model: withLog(logSchedule({ frequencyInMinutes: undefined })), errors: [{ messageId: "missingFrequency" }] },
    { name: "log on a simple schedule: one finding", model: withLog(logSchedule({ type: "SimpleSchedulePolicy", frequencyInMinutes: undefined })), errors: [{ messageId: "wrongScheduleType" }] },
    { name: "log without a schedule", model: withLog(undefined), errors: [{ messageId: "missingSchedule" }] },
  ],
  unknown: [
    {
      name: "frequency computed at preview",
      model: withLog(logSchedule({ frequencyInMinutes: UNKNOWN })),
      unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[1].schedule.frequencyInMinutes" } }],
    },
  ],
});
