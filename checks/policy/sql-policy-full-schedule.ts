import { defineRule } from "../../src/engine/define-rule.js";
import {
  checkWeeklyRunDays,
  eachPolicy,
  frequencyName,
  INVALID_POLICY_INPUT,
  readSubPolicies,
  sameText,
  subsOfType,
  UNREAD,
} from "./_policy-helpers.js";

export default defineRule({
  id: "POLICY-002",
  name: "sql-policy-full-schedule",
  title: "A SQL Server full backup runs on a SimpleSchedulePolicy, Daily or Weekly, and a Weekly one names its days",
  severity: "error",
  prevents: [INVALID_POLICY_INPUT],
  remediation:
    'Give the Full sub-policy a schedulePolicy of type SimpleSchedulePolicy with scheduleRunFrequency "Daily" or "Weekly"; for Weekly, list each run day once in scheduleRunDays.',
  check(ctx) {
    eachPolicy(ctx, "sql", (p) => {
      const subs = readSubPolicies(p);
      if (subs === UNREAD) return;
      for (const full of subsOfType(subs, "Full")) {
        const path = `${full.path}.schedule`;
        const schedule = full.sub.schedule;
        if (!schedule) {
          p.fail("missingSchedule", `Backup policy "${p.name}": the Full sub-policy has no schedule. Add a SimpleSchedulePolicy that runs Daily or Weekly.`, path, {});
          continue;
        }
        const type = p.read(schedule.type, `${path}.type`, "full backup schedule type");
        const written = p.read(schedule.frequency, `${path}.frequency`, "full backup frequency");
        if (type === UNREAD || written === UNREAD) continue;
        if (type !== undefined && !sameText(type, "SimpleSchedulePolicy")) {
          p.fail(
            "wrongScheduleType",
            `Backup policy "${p.name}": the Full sub-policy uses a ${type}; SQL Server full backups take a SimpleSchedulePolicy. Change schedulePolicyType to "SimpleSchedulePolicy".`,
            `${path}.type`,
            { value: type, expected: "SimpleSchedulePolicy" },
          );
          continue;
        }
        const frequency = frequencyName(written);
        if (frequency !== "Daily" && frequency !== "Weekly") {
          p.fail(
            "frequency",
            `Backup policy "${p.name}": the full backup frequency is ${written === undefined ? "not set" : `"${written}"`}; SQL Server full backups run Daily or Weekly. Set scheduleRunFrequency to one of them.`,
            `${path}.frequency`,
            { value: written ?? null, allowed: ["Daily", "Weekly"] },
          );
          continue;
        }
        if (frequency === "Weekly") checkWeeklyRunDays(p, schedule, path, "weekly full backup");
      }
    });
  },
});
