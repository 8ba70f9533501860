import rule from "../../../checks/policy/vm-policy-hourly-window.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const at = (hhmm: string) => `2026-01-01T${hhmm}:00Z`;
const hourly = (intervalHours: unknown, windowDurationHours: unknown, windowStartTime: unknown = at("08:00")) =>
  build.model(
    build.vmPolicyHourly({
      schedule: { type: "SimpleSchedulePolicyV2", frequency: "Hourly", runTimes: undefined, runDays: undefined, hourly: { intervalHours, windowDurationHours, windowStartTime } as never },
    }),
  );

ruleTester.run(rule, {
  valid: [
    { name: "golden hourly: every 4 h for 16 h from 08:00 (Azure's IaaS_v2_hourly example)", model: build.model(build.vmPolicyHourly()) },
    { name: "every 4 h for 24 h (portal default)", model: hourly(4, 24) },
    { name: "every 6 h for 12 h", model: hourly(6, 12) },
    { name: "every 8 h for 24 h", model: hourly(8, 24) },
    { name: "every 12 h for 12 h from 19:30", model: hourly(12, 12, at("19:30")) },
    { name: "every 24 h for 24 h (listed by the support matrix)", model: hourly(24, 24) },
    { name: "every 4 h for 23 h (Microsoft's Enhanced-policy PowerShell sample; only Terraform wants a multiple)", model: hourly(4, 23) },
    { name: "every 4 h for 10 h", model: hourly(4, 10) },
    { name: "a daily policy is not hourly", model: build.model(build.vmPolicy()) },
  ],
  invalid: [
    { name: "every 5 hours", model: hourly(5, 20), errors: [{ messageId: "interval", resource: "vm-enhanced-hourly", data: { value: 5, allowed: [4, 6, 8, 12, 24] } }] },
    { name: "every hour", model: hourly(1, 24), errors: [{ messageId: "interval", data: { value: 1 } }] },
    { name: "window of 2 hours", model: hourly(4, 2), errors: [{ messageId: "windowOutOfRange", data: { value: 2, min: 4, max: 24 } }] },
    { name: "window of 30 hours", model: hourly(6, 30), errors: [{ messageId: "windowOutOfRange", data: { value: 30 } }] },
    { name: "window shorter than the interval", model: hourly(12, 8), errors: [{ messageId: "windowShorterThanInterval", data: { value: 8, interval: 12, min: 12 } }] },
    { name: "every 24 h in a 20 h window", model: hourly(24, 20), errors: [{ messageId: "windowShorterThanInterval", data: { value: 20, interval: 24 } }] },
    { name: "window starting at 08:15", model: hourly(4, 16, at("08:15")), errors: [{ messageId: "windowStartNotHalfHour", data: { time: "08:15" } }] },
    { name: "window start as a bare time", model: hourly(4, 16, "08:00"), errors: [{ messageId: "windowStartNotDateTime", data: { value: "08:00" } }] },
    { name: "interval left out", model: hourly(undefined, 16), errors: [{ messageId: "missingInterval" }] },
    {
      name: "no hourly block",
      model: build.model(build.vmPolicyHourly({ schedule: { type: "SimpleSchedulePolicyV2", frequency: "Hourly", runTimes: undefined, runDays: undefined } })),
      errors: [{ messageId: "missingHourlySchedule" }],
    },
    {
      name: "bad interval and bad start: two findings",
      model: hourly(5, 20, at("08:10")),
      errors: [{ messageId: "interval" }, { messageId: "windowStartNotHalfHour" }],
    },
  ],
  unknown: [
    { name: "interval computed at preview", model: hourly(UNKNOWN, 16), unknowns: [{ messageId: "unknownValue", data: { path: "schedule.hourly.intervalHours" } }] },
    { name: "window start computed at preview", model: hourly(4, 16, UNKNOWN), unknowns: [{ messageId: "unknownValue", data: { path: "schedule.hourly.windowStartTime" } }] },
  ],
});
