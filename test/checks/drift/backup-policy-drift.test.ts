import rule from "../../../checks/drift/backup-policy-drift.js";
import type { BackupPolicy, SubProtectionPolicy } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { asDesired } from "./_desired.js";

const desiredVm = { desired: build.model(asDesired(build.vmPolicy(), "vm-policy")) };
const desiredSql = { desired: build.model(asDesired(build.sqlPolicy(), "sql-policy")) };

function withRetentionDays(p: BackupPolicy, days: number): BackupPolicy {
  const copy = structuredClone(p);
  copy.retention!.daily!.duration.count = days;
  return copy;
}

function sqlWithLogMinutes(minutes: number): BackupPolicy {
  const p = build.sqlPolicy();
  const subs = structuredClone(p.subPolicies) as SubProtectionPolicy[];
  const log = subs.find((s) => s.policyType === "Log")!;
  log.schedule!.frequencyInMinutes = minutes;
  return { ...p, subPolicies: subs };
}

const reordered: BackupPolicy = { ...build.sqlPolicy(), subPolicies: [...(build.sqlPolicy().subPolicies as SubProtectionPolicy[])].reverse() };

ruleTester.run(rule, {
  valid: [
    { name: "VM policy as declared", model: build.model(build.vmPolicy()), extras: desiredVm },
    { name: "SQL policy as declared, sub-policies in another order", model: build.model(reordered), extras: desiredSql },
    { name: "same time of day on another date", model: build.model(build.vmPolicy({ schedule: { type: "SimpleSchedulePolicyV2", frequency: "Daily", runTimes: ["2017-01-26T02:00:00Z"], runDays: undefined } })), extras: desiredVm },
  ],
  invalid: [
    {
      name: "daily retention shortened in the portal",
      model: build.model(withRetentionDays(build.vmPolicy(), 7)),
      extras: desiredVm,
      errors: [{ messageId: "drifted", resource: "vm-policy", data: { changes: [{ path: "retention.daily.duration.count", desired: 30, live: 7 }] } }],
    },
    {
      name: "backup time moved",
      model: build.model(build.vmPolicy({ schedule: { type: "SimpleSchedulePolicyV2", frequency: "Daily", runTimes: ["2026-01-01T22:30:00Z"], runDays: undefined } })),
      extras: desiredVm,
      errors: [{ messageId: "drifted", data: { changes: [{ path: "schedule.runTimes", desired: ["02:00"], live: ["22:30"] }] } }],
    },
    {
      name: "SQL log backups every 2 hours instead of the declared frequency",
      model: build.model(sqlWithLogMinutes(120)),
      extras: desiredSql,
      errors: [{ messageId: "drifted", resource: "sql-policy" }],
    },
  ],
  unknown: [
    {
      name: "retention computed from a config value at preview",
      model: build.model(withRetentionDays(build.vmPolicy(), 7)),
      extras: { desired: build.model(asDesired({ ...build.vmPolicy(), retention: UNKNOWN as never }, "vm-policy")) },
      unknowns: [{ messageId: "notComparable", data: { paths: ["retention"] } }],
    },
  ],
});
