import rule from "../../../checks/policy/vm-policy-instant-restore-days.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const at = (hhmm: string) => `2026-01-01T${hhmm}:00Z`;
const standardDaily = (days: unknown) =>
  build.model(
    build.vmPolicy({
      vmPolicyType: "V1",
      schedule: { type: "SimpleSchedulePolicy", frequency: "Daily", runTimes: [at("02:00")], runDays: undefined },
      instantRpRetentionDays: days as number,
    }),
  );
const enhancedWeekly = (days: number | undefined) =>
  build.model(
    build.vmPolicy({
      schedule: { type: "SimpleSchedulePolicyV2", frequency: "Weekly", runTimes: [at("02:00")], runDays: ["Sunday"] },
      retention: build.vmPolicyStandardWeekly().retention!,
      instantRpRetentionDays: days,
    }),
  );

ruleTester.run(rule, {
  valid: [
    { name: "golden: Enhanced, 7 days", model: build.model(build.vmPolicy()) },
    { name: "Enhanced at the 30-day maximum (Azure's IaaS_v2 examples)", model: build.model(build.vmPolicy({ instantRpRetentionDays: 30 })) },
    { name: "Enhanced hourly, 30 days", model: build.model(build.vmPolicyHourly({ instantRpRetentionDays: 30 })) },
    { name: "Standard, 1 day", model: standardDaily(1) },
    { name: "Standard, 5 days", model: standardDaily(5) },
    { name: "Standard weekly with 5 days", model: build.model(build.vmPolicyStandardWeekly()) },
    { name: "Standard weekly left to Azure's default (Azure's Complex example)", model: build.model(build.vmPolicyStandardWeekly({ instantRpRetentionDays: undefined })) },
    { name: "Enhanced weekly with 5 days", model: enhancedWeekly(5) },
    { name: "V1 on an hourly schedule is POLICY-008's to report", model: build.model(build.vmPolicyHourly({ vmPolicyType: "V1", instantRpRetentionDays: 7 })) },
    { name: "V1 with an Enhanced schedule type is POLICY-008's to report", model: build.model(build.vmPolicy({ vmPolicyType: "V1", instantRpRetentionDays: 7 })) },
    {
      name: "5 days suits any schedule, even one computed at preview",
      model: build.model(build.vmPolicy({ vmPolicyType: "V1", schedule: { type: "SimpleSchedulePolicy", frequency: UNKNOWN, runTimes: [at("02:00")], runDays: undefined }, instantRpRetentionDays: 5 })),
    },
  ],
  invalid: [
    { name: "Standard, 7 days", model: standardDaily(7), errors: [{ messageId: "outOfRange", data: { value: 7, min: 1, max: 5, policyType: "V1" } }] },
    { name: "Standard, 0 days", model: standardDaily(0), errors: [{ messageId: "outOfRange", data: { value: 0, min: 1 } }] },
    { name: "Enhanced, 31 days", model: build.model(build.vmPolicy({ instantRpRetentionDays: 31 })), errors: [{ messageId: "outOfRange", data: { value: 31, min: 1, max: 30, policyType: "V2" } }] },
    {
      name: "Standard weekly with 2 days",
      model: build.model(build.vmPolicyStandardWeekly({ instantRpRetentionDays: 2 })),
      errors: [{ messageId: "weeklyNeedsFive", resource: "vm-standard-weekly", data: { value: 2, required: 5 } }],
    },
    { name: "Enhanced weekly with 7 days", model: enhancedWeekly(7), errors: [{ messageId: "weeklyNeedsFive", data: { value: 7, required: 5 } }] },
    {
      name: "policyType left out means Standard",
      model: build.model(build.vmPolicy({ vmPolicyType: undefined, schedule: { type: "SimpleSchedulePolicy", frequency: "Daily", runTimes: [at("02:00")], runDays: undefined }, instantRpRetentionDays: 7 })),
      errors: [{ messageId: "outOfRange", data: { value: 7, max: 5, policyType: "V1" } }],
    },
  ],
  unknown: [
    { name: "days computed at preview", model: standardDaily(UNKNOWN), unknowns: [{ messageId: "unknownValue", data: { path: "instantRpRetentionDays" } }] },
    { name: "policy type computed at preview", model: build.model(build.vmPolicy({ vmPolicyType: UNKNOWN })), unknowns: [{ messageId: "unknownValue", data: { path: "policyType" } }] },
    {
      name: "frequency computed at preview with 7 days",
      model: build.model(build.vmPolicy({ schedule: { type: "SimpleSchedulePolicyV2", frequency: UNKNOWN, runTimes: [at("02:00")], runDays: undefined } })),
      unknowns: [{ messageId: "unknownValue", data: { path: "schedule.frequency" } }],
    },
  ],
});
