import { defineRule } from "../../src/engine/define-rule.js";
import {
  analyseDays,
  checkWeeklyRunDays,
  eachPolicy,
  frequencyName,
  INVALID_POLICY_INPUT,
  readSubPolicies,
  sameText,
  subsOfType,
  UNREAD,
  type IndexedSubPolicy,
  type PolicyCheck,
  type Unread,
} from "./_policy-helpers.js";

type FullSchedule = { kind: "daily" } | { kind: "weekly"; days: string[] | undefined } | { kind: "unusable" };

/** The first Full sub-policy's schedule, as far as it matters to a differential; problems in it are POLICY-002's. */
function readFull(p: PolicyCheck, full: IndexedSubPolicy): FullSchedule | Unread {
  const schedule = full.sub.schedule;
  if (!schedule) return { kind: "unusable" };
  const path = `${full.path}.schedule`;
  const type = p.read(schedule.type, `${path}.type`, "full backup schedule type");
  const frequency = p.read(schedule.frequency, `${path}.frequency`, "full backup frequency");
  if (type === UNREAD || frequency === UNREAD) return UNREAD;
  if (type !== undefined && !sameText(type, "SimpleSchedulePolicy")) return { kind: "unusable" };
  const name = frequencyName(frequency);
  if (name === "Daily") return { kind: "daily" };
  if (name !== "Weekly") return { kind: "unusable" };
  const raw = p.readList(schedule.runDays, `${path}.runDays`, "full backup run days");
  if (raw === UNREAD) return UNREAD;
  const list = analyseDays(raw ?? []);
  const usable = list.invalid.length === 0 && list.duplicates.length === 0 && list.days.length > 0;
  return { kind: "weekly", days: usable ? list.days : undefined };
}

export default defineRule({
  id: "POLICY-003",
  name: "sql-policy-differential-schedule",
  title: "A SQL Server differential backup runs weekly, only with a weekly full backup, and never on a full backup's day",
  severity: "error",
  prevents: [INVALID_POLICY_INPUT],
  remediation:
    "Keep a Differential sub-policy only when the Full sub-policy is Weekly; schedule the differential Weekly (SimpleSchedulePolicy) on days that have no full backup, each day once.",
  check(ctx) {
    eachPolicy(ctx, "sql", (p) => {
      const subs = readSubPolicies(p);
      if (subs === UNREAD) return;
      const diffs = subsOfType(subs, "Differential");
      if (diffs.length === 0) return;
      const full = subsOfType(subs, "Full")[0];
      if (!full) return p.skip(); // POLICY-001 reports the missing full backup
      const fullSchedule = readFull(p, full);
      if (fullSchedule === UNREAD) return;
      if (fullSchedule.kind === "unusable") return p.skip(); // POLICY-002 reports the full schedule

      for (const diff of diffs) {
        const path = `${diff.path}.schedule`;
        if (fullSchedule.kind === "daily") {
          p.fail(
            "needsWeeklyFull",
            `Backup policy "${p.name}" has a Differential sub-policy but its full backup runs Daily; Azure allows differential backups only with a Weekly full backup. Make the full backup Weekly, or remove the differential.`,
            diff.path,
            { fullFrequency: "Daily", required: "Weekly" },
          );
          continue;
        }
        const schedule = diff.sub.schedule;
        if (!schedule) {
          p.fail("missingSchedule", `Backup policy "${p.name}": the Differential sub-policy has no schedule. Add a Weekly SimpleSchedulePolicy on days without a full backup.`, path, {});
          continue;
        }
        const type = p.read(schedule.type, `${path}.type`, "differential backup schedule type");
        const written = p.read(schedule.frequency, `${path}.frequency`, "differential backup frequency");
        if (type === UNREAD || written === UNREAD) continue;
        if (type !== undefined && !sameText(type, "SimpleSchedulePolicy")) {
          p.fail(
            "wrongScheduleType",
            `Backup policy "${p.name}": the Differential sub-policy uses a ${type}; differential backups take a SimpleSchedulePolicy. Change schedulePolicyType to "SimpleSchedulePolicy".`,
            `${path}.type`,
            { value: type, expected: "SimpleSchedulePolicy" },
          );
          continue;
        }
        if (frequencyName(written) !== "Weekly") {
          p.fail(
            "frequency",
            `Backup policy "${p.name}": the differential backup frequency is ${written === undefined ? "not set" : `"${written}"`}; a differential runs Weekly, on the days the full backup does not (at most one a day). Set scheduleRunFrequency to "Weekly" and pick its days.`,
            `${path}.frequency`,
            { value: written ?? null, expected: "Weekly" },
          );
          continue;
        }
        const days = checkWeeklyRunDays(p, schedule, path, "differential backup");
        if (days === UNREAD || days === undefined || fullSchedule.days === undefined) continue;
        const fullDays = fullSchedule.days;
        const clash = days.filter((d) => fullDays.includes(d));
        if (clash.length > 0) {
          p.fail(
            "sameDayAsFull",
            `Backup policy "${p.name}": the differential backup runs on ${clash.join(", ")}, the same day as the full backup; Azure does not allow a full and a differential backup on one day. Move the differential to other days.`,
            `${path}.runDays`,
            { value: clash, fullDays },
          );
        }
      }
    });
  },
});
