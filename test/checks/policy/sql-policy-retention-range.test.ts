import rule from "../../../checks/policy/sql-policy-retention-range.js";
import type { RetentionPolicy } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const at = (hhmm: string) => `2026-01-01T${hhmm}:00Z`;
const { full, differential, log } = build.sub;
const simple = (count: unknown, durationType: unknown = "Days"): RetentionPolicy =>
  ({ type: "SimpleRetentionPolicy", simple: { count, durationType } }) as RetentionPolicy;
const policy = (o: { full?: RetentionPolicy; diff?: RetentionPolicy; log?: RetentionPolicy } = {}) =>
  build.model(
    build.sqlPolicy({
      subPolicies: [
        "full" in o ? full({ retention: o.full }) : full(),
        "diff" in o ? differential({ retention: o.diff }) : differential(),
        "log" in o ? log({ retention: o.log }) : log(),
      ],
    }),
  );
const fullLtr = (weekly: unknown, extra: Partial<RetentionPolicy> = {}): RetentionPolicy =>
  ({ type: "LongTermRetentionPolicy", weekly: { daysOfTheWeek: ["Sunday"], retentionTimes: [at("02:00")], duration: { count: weekly, durationType: "Weeks" } }, ...extra }) as RetentionPolicy;

ruleTester.run(rule, {
  valid: [
    { name: "golden", model: policy() },
    { name: "Azure's Complex example: diff 8 days, log 7 days, full 2 weeks / 1 month / 1 year", model: policy({ diff: simple(8), log: simple(7), full: fullLtr(2) }) },
    { name: "log at the 35-day maximum", model: policy({ log: simple(35) }) },
    { name: "differential at the 180-day maximum (docs; Terraform stops at 35)", model: policy({ diff: simple(180) }) },
    { name: "full weekly at the 5163-week maximum", model: policy({ full: fullLtr(5163) }) },
    {
      name: "full yearly at 99 years, monthly at 1188 months",
      model: policy({
        full: fullLtr(104, {
          monthly: { format: "Weekly", retentionTimes: [at("02:00")], duration: { count: 1188, durationType: "Months" } },
          yearly: { format: "Weekly", monthsOfYear: ["January"], retentionTimes: [at("02:00")], duration: { count: 99, durationType: "Years" } },
        }),
      }),
    },
    {
      name: "daily full kept 7 days",
      model: build.model(
        build.sqlPolicy({
          subPolicies: [full({ retention: { type: "LongTermRetentionPolicy", daily: { retentionTimes: [at("02:00")], duration: { count: 7, durationType: "Days" } } } }), log()],
        }),
      ),
    },
    { name: "missing full retention is POLICY-007's to report", model: policy({ full: undefined }) },
    { name: "differential kept as long as the weekly full (4 weeks = 28 days)", model: policy({ diff: simple(28), full: fullLtr(4) }) },
    { name: "differential 60 days, full 4 weeks but kept 3 months monthly", model: policy({ diff: simple(60), full: fullLtr(4, { monthly: { format: "Weekly", retentionTimes: [at("02:00")], duration: { count: 3, durationType: "Months" } } }) }) },
  ],
  invalid: [
    {
      name: "differential kept longer than the full backups (30 days against 4 weeks)",
      model: policy({ diff: simple(30), full: fullLtr(4) }),
      errors: [{ messageId: "differentialOutlivesFull", data: { value: 30, max: 28, unit: "Days" } }],
    },
    { name: "log kept 40 days", model: policy({ log: simple(40) }), errors: [{ messageId: "outOfRange", data: { value: 40, min: 7, max: 35, unit: "Days" } }] },
    { name: "log kept 3 days", model: policy({ log: simple(3) }), errors: [{ messageId: "outOfRange", data: { value: 3, min: 7 } }] },
    { name: "differential kept 200 days", model: policy({ diff: simple(200) }), errors: [{ messageId: "outOfRange", data: { value: 200, min: 7, max: 180 } }] },
    { name: "differential kept 6 days", model: policy({ diff: simple(6) }), errors: [{ messageId: "outOfRange", data: { value: 6, min: 7, max: 180 } }] },
    { name: "log counted in weeks", model: policy({ log: simple(2, "Weeks") }), errors: [{ messageId: "wrongUnit", data: { value: "Weeks", expected: "Days" } }] },
    { name: "log count left out", model: policy({ log: simple(undefined) }), errors: [{ messageId: "missingCount" }] },
    { name: "log without retention", model: policy({ log: undefined }), errors: [{ messageId: "missingRetention", data: { min: 7, max: 35 } }] },
    {
      name: "log with a long-term retention policy",
      model: policy({ log: { type: "LongTermRetentionPolicy", daily: { retentionTimes: [at("02:00")], duration: { count: 15, durationType: "Days" } } } }),
      errors: [{ messageId: "needsSimple", data: { value: "LongTermRetentionPolicy" } }],
    },
    { name: "full with a simple retention policy", model: policy({ full: simple(30) }), errors: [{ messageId: "needsLongTerm", data: { value: "SimpleRetentionPolicy" } }] },
    { name: "full weekly kept 6000 weeks", model: policy({ full: fullLtr(6000) }), errors: [{ messageId: "outOfRange", data: { value: 6000, max: 5163, unit: "Weeks" } }] },
    { name: "full weekly kept 0 weeks", model: policy({ full: fullLtr(0) }), errors: [{ messageId: "outOfRange", data: { value: 0, min: 1 } }] },
    {
      name: "full yearly kept 100 years",
      model: policy({ full: fullLtr(104, { yearly: { format: "Weekly", monthsOfYear: ["January"], retentionTimes: [at("02:00")], duration: { count: 100, durationType: "Years" } } }) }),
      errors: [{ messageId: "outOfRange", data: { value: 100, max: 99, unit: "Years" } }],
    },
    {
      name: "full monthly counted in weeks",
      model: policy({ full: fullLtr(104, { monthly: { format: "Weekly", retentionTimes: [at("02:00")], duration: { count: 12, durationType: "Weeks" } } }) }),
      errors: [{ messageId: "wrongUnit", data: { value: "Weeks", expected: "Months" } }],
    },
    {
      name: "daily full kept 1 day (no legacy exception for SQL)",
      model: build.model(
        build.sqlPolicy({ subPolicies: [full({ retention: { type: "LongTermRetentionPolicy", daily: { retentionTimes: [at("02:00")], duration: { count: 1, durationType: "Days" } } } }), log()] }),
      ),
      errors: [{ messageId: "outOfRange", data: { value: 1, min: 7, max: 9999 } }],
    },
  ],
  unknown: [
    { name: "log count computed at preview", model: policy({ log: simple(UNKNOWN) }), unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[2].retention.simple.count" } }] },
    { name: "full weekly count computed at preview", model: policy({ full: fullLtr(UNKNOWN) }), unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[0].retention.weekly.duration.count" } }] },
    {
      name: "full count computed at preview: a 30-day differential may or may not outlive it",
      model: policy({ diff: simple(30), full: fullLtr(UNKNOWN) }),
      unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[0].retention.weekly.duration.count" } }],
    },
    { name: "retention type computed at preview", model: policy({ diff: { type: UNKNOWN, simple: { count: 30, durationType: "Days" } } }), unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[1].retention.type" } }] },
  ],
});
