import rule from "../../../checks/policy/policy-run-time.js";
import type { SchedulePolicy } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const at = (hhmm: string) => `2026-01-01T${hhmm}:00Z`;
const sqlFullAt = (runTimes: unknown) =>
  build.model(build.sqlPolicy({ subPolicies: [build.sub.full({ schedule: { type: "SimpleSchedulePolicy", frequency: "Weekly", runDays: ["Sunday"], runTimes } as SchedulePolicy }), build.sub.log()] }));
const sqlDiffAt = (runTimes: unknown) =>
  build.model(
    build.sqlPolicy({
      subPolicies: [build.sub.full(), build.sub.differential({ schedule: { type: "SimpleSchedulePolicy", frequency: "Weekly", runDays: ["Wednesday"], runTimes } as SchedulePolicy }), build.sub.log()],
    }),
  );
const vmDailyAt = (runTimes: unknown) => build.model(build.vmPolicy({ schedule: { type: "SimpleSchedulePolicyV2", frequency: "Daily", runTimes, runDays: undefined } as SchedulePolicy }));

ruleTester.run(rule, {
  valid: [
    { name: "golden SQL policy (02:00)", model: build.model(build.sqlPolicy()) },
    { name: "golden VM policy (02:00)", model: build.model(build.vmPolicy()) },
    { name: "SQL full on the half hour", model: sqlFullAt([at("22:30")]) },
    { name: "Azure's example time with milliseconds and offset", model: vmDailyAt(["2021-12-17T08:00:00.000+00:00"]) },
    { name: "Standard weekly VM policy", model: build.model(build.vmPolicyStandardWeekly()) },
    { name: "hourly VM policy has a window, not run times", model: build.model(build.vmPolicyHourly()) },
    { name: "log backups have no run time", model: build.model(build.sqlPolicy({ subPolicies: [build.sub.full(), build.sub.log()] })) },
  ],
  invalid: [
    { name: "SQL full at 10:15", model: sqlFullAt([at("10:15")]), errors: [{ messageId: "notHalfHour", data: { value: at("10:15"), time: "10:15" } }] },
    { name: "SQL differential at 02:45", model: sqlDiffAt([at("02:45")]), errors: [{ messageId: "notHalfHour", data: { time: "02:45" } }] },
    { name: "seconds set", model: sqlFullAt(["2026-01-01T02:00:30Z"]), errors: [{ messageId: "notHalfHour", data: { time: "02:00" } }] },
    { name: "two run times", model: sqlFullAt([at("02:00"), at("14:00")]), errors: [{ messageId: "severalRunTimes", data: { count: 2, expected: 1 } }] },
    { name: "no run time", model: sqlFullAt([]), errors: [{ messageId: "missingRunTime" }] },
    { name: "run times left out", model: vmDailyAt(undefined), errors: [{ messageId: "missingRunTime" }] },
    { name: "a bare time of day", model: vmDailyAt(["02:00"]), errors: [{ messageId: "notDateTime", data: { value: "02:00" } }] },
    { name: "VM daily at 23:10", model: vmDailyAt([at("23:10")]), errors: [{ messageId: "notHalfHour", data: { time: "23:10" } }] },
    {
      name: "Standard weekly VM at 01:20",
      model: build.model(build.vmPolicyStandardWeekly({ schedule: { type: "SimpleSchedulePolicy", frequency: "Weekly", runDays: ["Sunday"], runTimes: [at("01:20")] } })),
      errors: [{ messageId: "notHalfHour" }],
    },
  ],
  unknown: [
    { name: "SQL run time computed at preview", model: sqlFullAt(UNKNOWN), unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[0].schedule.runTimes" } }] },
    { name: "VM run time computed at preview", model: vmDailyAt([UNKNOWN]), unknowns: [{ messageId: "unknownValue", data: { path: "schedule.runTimes[0]" } }] },
    { name: "VM frequency computed at preview", model: build.model(build.vmPolicy({ schedule: { type: "SimpleSchedulePolicyV2", frequency: UNKNOWN, runTimes: [at("02:10")], runDays: undefined } })) },
  ],
});
