import rule from "../../../checks/policy/vm-policy-schedule.js";
import type { SchedulePolicy } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const at = (hhmm: string) => `2026-01-01T${hhmm}:00Z`;
const standardDaily: SchedulePolicy = { type: "SimpleSchedulePolicy", frequency: "Daily", runTimes: [at("02:00")], runDays: undefined };

ruleTester.run(rule, {
  valid: [
    { name: "golden: Enhanced daily", model: build.model(build.vmPolicy()) },
    { name: "Enhanced hourly", model: build.model(build.vmPolicyHourly()) },
    { name: "Standard weekly", model: build.model(build.vmPolicyStandardWeekly()) },
    { name: "policyType left out with a Standard schedule (Azure's Simple example)", model: build.model(build.vmPolicy({ vmPolicyType: undefined, schedule: standardDaily, instantRpRetentionDays: undefined })) },
    {
      name: "policyType left out with an Enhanced schedule (Azure's v2-List-Policies example)",
      model: build.model(build.vmPolicy({ vmPolicyType: undefined })),
    },
    {
      name: "Enhanced weekly on three days",
      model: build.model(build.vmPolicy({ schedule: { type: "SimpleSchedulePolicyV2", frequency: "Weekly", runTimes: [at("02:00")], runDays: ["Monday", "Wednesday", "Thursday"] } })),
    },
  ],
  invalid: [
    {
      name: "Standard policy running hourly",
      model: build.model(build.vmPolicyHourly({ vmPolicyType: "V1" })),
      errors: [{ messageId: "hourlyNeedsEnhanced", resource: "vm-enhanced-hourly", data: { value: "V1", frequency: "Hourly", required: "V2" } }],
    },
    {
      name: "policyType left out on a simple hourly schedule",
      model: build.model(build.vmPolicyHourly({ vmPolicyType: undefined, schedule: { ...build.vmPolicyHourly().schedule!, type: "SimpleSchedulePolicy" } })),
      errors: [{ messageId: "hourlyNeedsEnhanced", data: { value: "V1" } }],
    },
    {
      name: "Enhanced policy with a Standard schedule type",
      model: build.model(build.vmPolicy({ schedule: standardDaily })),
      errors: [{ messageId: "scheduleTypeMismatch", data: { value: "SimpleSchedulePolicy", expected: "SimpleSchedulePolicyV2", policyType: "V2" } }],
    },
    {
      name: "Standard policy with an Enhanced schedule type",
      model: build.model(build.vmPolicy({ vmPolicyType: "V1", instantRpRetentionDays: 2 })),
      errors: [{ messageId: "scheduleTypeMismatch", data: { value: "SimpleSchedulePolicyV2", expected: "SimpleSchedulePolicy" } }],
    },
    { name: "policyType V3", model: build.model(build.vmPolicy({ vmPolicyType: "V3" })), errors: [{ messageId: "invalidPolicyType", data: { value: "V3" } }] },
    { name: "monthly schedule", model: build.model(build.vmPolicy({ schedule: { ...build.vmPolicy().schedule!, frequency: "Monthly" } })), errors: [{ messageId: "frequency", data: { value: "Monthly" } }] },
    { name: "no schedule", model: build.model(build.vmPolicy({ schedule: undefined })), errors: [{ messageId: "missingSchedule" }] },
    {
      name: "weekly without days",
      model: build.model(build.vmPolicyStandardWeekly({ schedule: { type: "SimpleSchedulePolicy", frequency: "Weekly", runTimes: [at("02:00")], runDays: [] } })),
      errors: [{ messageId: "noRunDays" }],
    },
    {
      name: "weekly with a day twice",
      model: build.model(build.vmPolicyStandardWeekly({ schedule: { type: "SimpleSchedulePolicy", frequency: "Weekly", runTimes: [at("02:00")], runDays: ["Sunday", "sunday"] } })),
      errors: [{ messageId: "duplicateDay", data: { value: ["Sunday"] } }],
    },
  ],
  unknown: [
    { name: "policy type computed at preview", model: build.model(build.vmPolicy({ vmPolicyType: UNKNOWN })), unknowns: [{ messageId: "unknownValue", data: { path: "policyType" } }] },
    {
      name: "frequency computed at preview",
      model: build.model(build.vmPolicy({ schedule: { ...build.vmPolicy().schedule!, frequency: UNKNOWN } })),
      unknowns: [{ messageId: "unknownValue", data: { path: "schedule.frequency" } }],
    },
  ],
});
