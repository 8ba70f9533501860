import { defineRule } from "../../src/engine/define-rule.js";
import { eachPolicy, INVALID_POLICY_INPUT, LIMITS, readSubPolicies, sameText, subsOfType, UNREAD } from "./_policy-helpers.js";

const ALLOWED: readonly number[] = LIMITS.sqlLogFrequencyMinutes;

export default defineRule({
  id: "POLICY-004",
  name: "sql-policy-log-frequency",
  title: "A SQL Server log backup runs on a LogSchedulePolicy every 15, 30, 60, 120, 240, 480, 720 or 1440 minutes",
  severity: "error",
  prevents: [INVALID_POLICY_INPUT],
  remediation: `Give the Log sub-policy a LogSchedulePolicy whose scheduleFrequencyInMins is one of ${ALLOWED.join(", ")}.`,
  check(ctx) {
    eachPolicy(ctx, "sql", (p) => {
      const subs = readSubPolicies(p);
      if (subs === UNREAD) return;
      for (const log of subsOfType(subs, "Log")) {
        const path = `${log.path}.schedule`;
        const schedule = log.sub.schedule;
        if (!schedule) {
          p.fail("missingSchedule", `Backup policy "${p.name}": the Log sub-policy has no schedule. Add a LogSchedulePolicy with scheduleFrequencyInMins, e.g. 60.`, path, {});
          continue;
        }
        const type = p.read(schedule.type, `${path}.type`, "log backup schedule type");
        if (type === UNREAD) continue;
        if (type !== undefined && !sameText(type, "LogSchedulePolicy")) {
          p.fail(
            "wrongScheduleType",
            `Backup policy "${p.name}": the Log sub-policy uses a ${type}; log backups take a LogSchedulePolicy with scheduleFrequencyInMins. Change schedulePolicyType to "LogSchedulePolicy".`,
            `${path}.type`,
            { value: type, expected: "LogSchedulePolicy" },
          );
          continue;
        }
        const minutes = p.read(schedule.frequencyInMinutes, `${path}.frequencyInMinutes`, "log backup frequency");
        if (minutes === UNREAD) continue;
        if (minutes === undefined) {
          p.fail("missingFrequency", `Backup policy "${p.name}": the Log sub-policy does not say how often to back up the log. Set scheduleFrequencyInMins to one of ${ALLOWED.join(", ")}.`, `${path}.frequencyInMinutes`, {
            allowed: ALLOWED,
          });
          continue;
        }
        if (!ALLOWED.includes(minutes)) {
          p.fail(
            "notAllowed",
            `Backup policy "${p.name}": log backups every ${minutes} minutes are not offered; Azure takes ${ALLOWED.join(", ")} minutes. Set scheduleFrequencyInMins to one of those (the nearest is ${nearest(minutes)}).`,
            `${path}.frequencyInMinutes`,
            { value: minutes, allowed: ALLOWED },
          );
        }
      }
    });
  },
});

function nearest(minutes: number): number {
  return ALLOWED.reduce((best, m) => (Math.abs(m - minutes) < Math.abs(best - minutes) ? m : best));
}
