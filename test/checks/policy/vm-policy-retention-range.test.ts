import { expect, it } from "vitest";
import rule from "../../../checks/policy/vm-policy-retention-range.js";
import { runRules } from "../../../src/engine/run.js";
import type { RetentionPolicy } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const T = ["2026-01-01T02:00:00Z"];
const golden = build.vmPolicy().retention!;
const withRetention = (retention: RetentionPolicy) => build.model(build.vmPolicy({ retention }));
const daily = (count: unknown, durationType: unknown = "Days"): RetentionPolicy =>
  ({ ...golden, daily: { retentionTimes: T, duration: { count, durationType } } }) as RetentionPolicy;

ruleTester.run(rule, {
  valid: [
    { name: "golden: 30 days / 12 weeks / 12 months / 5 years", model: build.model(build.vmPolicy()) },
    { name: "Azure's IaaS_v2 examples: 180 days / 12 weeks / 60 months / 10 years", model: withRetention({ ...daily(180), weekly: { ...golden.weekly!, duration: { count: 12, durationType: "Weeks" } } }) },
    { name: "7 days, the minimum", model: withRetention(daily(7)) },
    { name: "9999 days, the maximum", model: withRetention(daily(9999)) },
    { name: "1 day, the legacy value Azure's own examples still use", model: withRetention(daily(1)) },
    {
      name: "caps: 5163 weeks, 1188 months, 99 years",
      model: withRetention({
        ...golden,
        weekly: { ...golden.weekly!, duration: { count: 5163, durationType: "Weeks" } },
        monthly: { ...golden.monthly!, duration: { count: 1188, durationType: "Months" } },
        yearly: { ...golden.yearly!, duration: { count: 99, durationType: "Years" } },
      }),
    },
    { name: "Standard weekly policy", model: build.model(build.vmPolicyStandardWeekly()) },
    { name: "no retention is POLICY-007's to report", model: build.model(build.vmPolicy({ retention: undefined })) },
  ],
  invalid: [
    { name: "3 days", model: withRetention(daily(3)), errors: [{ messageId: "outOfRange", resource: "vm-enhanced-daily", data: { value: 3, min: 7, max: 9999, unit: "Days" } }] },
    { name: "6 days", model: withRetention(daily(6)), errors: [{ messageId: "outOfRange", data: { value: 6, min: 7 } }] },
    { name: "10000 days", model: withRetention(daily(10000)), errors: [{ messageId: "outOfRange", data: { value: 10000, max: 9999 } }] },
    { name: "daily counted in weeks", model: withRetention(daily(4, "Weeks")), errors: [{ messageId: "wrongUnit", data: { value: "Weeks", expected: "Days" } }] },
    { name: "yearly 120 years", model: withRetention({ ...golden, yearly: { ...golden.yearly!, duration: { count: 120, durationType: "Years" } } }), errors: [{ messageId: "outOfRange", data: { value: 120, max: 99, unit: "Years" } }] },
    { name: "monthly 1200 months", model: withRetention({ ...golden, monthly: { ...golden.monthly!, duration: { count: 1200, durationType: "Months" } } }), errors: [{ messageId: "outOfRange", data: { value: 1200, max: 1188 } }] },
    { name: "weekly 9999 weeks (Terraform's documented cap)", model: withRetention({ ...golden, weekly: { ...golden.weekly!, duration: { count: 9999, durationType: "Weeks" } } }), errors: [{ messageId: "outOfRange", data: { value: 9999, max: 5163 } }] },
    { name: "fractional count", model: withRetention(daily(7.5)), errors: [{ messageId: "outOfRange", data: { value: 7.5 } }] },
    { name: "simple retention on a VM policy", model: withRetention({ type: "SimpleRetentionPolicy", simple: { count: 30, durationType: "Days" } }), errors: [{ messageId: "needsLongTerm" }] },
  ],
  unknown: [
    { name: "daily count computed at preview", model: withRetention(daily(UNKNOWN)), unknowns: [{ messageId: "unknownValue", data: { path: "retention.daily.duration.count" } }] },
    { name: "retention type computed at preview", model: withRetention({ ...golden, type: UNKNOWN }), unknowns: [{ messageId: "unknownValue", data: { path: "retention.type" } }] },
  ],
});

it("names what is unknown in plain words: the length and the unit of a retention", () => {
  const messages = (retention: RetentionPolicy) => runRules(withRetention(retention), [rule]).findings.map((f) => f.message);
  expect(messages(daily(UNKNOWN))).toEqual([
    'Backup policy "vm-enhanced-daily": the length of the daily retention of the VM backup (retention.daily.duration.count) is not known before deployment; it is checked once it is.',
  ]);
  expect(messages(daily(30, UNKNOWN))).toEqual([
    'Backup policy "vm-enhanced-daily": the unit of the daily retention of the VM backup (retention.daily.duration.durationType) is not known before deployment; it is checked once it is.',
  ]);
});
