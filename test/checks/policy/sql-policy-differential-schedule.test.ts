import rule from "../../../checks/policy/sql-policy-differential-schedule.js";
import type { SchedulePolicy } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const at = (hhmm: string) => `2026-01-01T${hhmm}:00Z`;
const simple = (o: Partial<SchedulePolicy> = {}): SchedulePolicy => ({ type: "SimpleSchedulePolicy", frequency: "Weekly", runDays: ["Wednesday"], runTimes: [at("02:00")], ...o });
const policy = (diff: SchedulePolicy | undefined, fullSchedule: SchedulePolicy = simple({ runDays: ["Sunday"] })) =>
  build.model(build.sqlPolicy({ subPolicies: [build.sub.full({ schedule: fullSchedule }), build.sub.differential({ schedule: diff }), build.sub.log()] }));

ruleTester.run(rule, {
  valid: [
    { name: "golden: full Sunday, differential Wednesday", model: build.model(build.sqlPolicy()) },
    { name: "Azure's Complex example: full Sunday + Tuesday, differential Friday", model: policy(simple({ runDays: ["Friday"] }), simple({ runDays: ["Sunday", "Tuesday"] })) },
    { name: "differential on the six other days", model: policy(simple({ runDays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] })) },
    { name: "no differential with a daily full", model: build.model(build.sqlPolicy({ subPolicies: [build.sub.full({ schedule: simple({ frequency: "Daily", runDays: undefined }) }), build.sub.log()] })) },
    { name: "broken full schedule is POLICY-002's to report", model: policy(simple(), simple({ frequency: "Monthly" })) },
    { name: "full run days with a typo are POLICY-002's to report", model: policy(simple({ runDays: ["Sunday"] }), simple({ runDays: ["Sundy"] })) },
  ],
  invalid: [
    {
      name: "differential with a daily full backup",
      model: policy(simple(), simple({ frequency: "Daily", runDays: undefined })),
      errors: [{ messageId: "needsWeeklyFull", data: { fullFrequency: "Daily", required: "Weekly" } }],
    },
    { name: "differential on the full backup's day", model: policy(simple({ runDays: ["Sunday", "Wednesday"] })), errors: [{ messageId: "sameDayAsFull", data: { value: ["Sunday"], fullDays: ["Sunday"] } }] },
    { name: "daily differential", model: policy(simple({ frequency: "Daily", runDays: undefined })), errors: [{ messageId: "frequency", data: { value: "Daily", expected: "Weekly" } }] },
    { name: "differential without a schedule", model: policy(undefined), errors: [{ messageId: "missingSchedule" }] },
    { name: "differential on a log schedule", model: policy(simple({ type: "LogSchedulePolicy" })), errors: [{ messageId: "wrongScheduleType" }] },
    { name: "differential with no day", model: policy(simple({ runDays: [] })), errors: [{ messageId: "noRunDays" }] },
    { name: "differential twice on a day", model: policy(simple({ runDays: ["Friday", "Friday"] })), errors: [{ messageId: "duplicateDay", data: { value: ["Friday"] } }] },
  ],
  unknown: [
    { name: "differential days computed at preview", model: policy(simple({ runDays: UNKNOWN })), unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[1].schedule.runDays" } }] },
    { name: "full frequency computed at preview", model: policy(simple(), simple({ frequency: UNKNOWN })), unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[0].schedule.frequency" } }] },
    { name: "full days computed at preview", model: policy(simple(), simple({ runDays: UNKNOWN })), unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[0].schedule.runDays" } }] },
  ],
});
