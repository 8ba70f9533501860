import { defineRule } from "../../src/engine/define-rule.js";
import type { SchedulePolicy } from "../../src/model/types.js";
import { eachPolicy, frequencyName, INVALID_POLICY_INPUT, onHalfHour, readSubPolicies, sameText, timeOfDay, UNREAD, type PolicyCheck } from "./_policy-helpers.js";

export default defineRule({
  id: "POLICY-006",
  name: "policy-run-time",
  title: "A daily or weekly backup schedule has exactly one run time, an ISO date-time on the hour or half hour",
  severity: "error",
  prevents: [INVALID_POLICY_INPUT],
  remediation:
    'Give the schedule exactly one scheduleRunTimes entry, written as an ISO 8601 date-time whose time is on :00 or :30, e.g. "2026-01-01T02:00:00Z".',
  check(ctx) {
    eachPolicy(ctx, ["sql", "vm"], (p) => {
      if (p.policy.workload === "sql") {
        const subs = readSubPolicies(p);
        if (subs === UNREAD) return;
        for (const s of subs) {
          if (s.sqlType !== "Full" && s.sqlType !== "Differential") continue;
          const schedule = s.sub.schedule;
          if (!schedule) continue; // POLICY-002 / POLICY-003
          const type = p.read(schedule.type, `${s.path}.schedule.type`, `${s.sqlType.toLowerCase()} backup schedule type`);
          if (type === UNREAD || (type !== undefined && !sameText(type, "SimpleSchedulePolicy"))) continue;
          checkRunTimes(p, schedule, `${s.path}.schedule`, `${s.sqlType.toLowerCase()} backup`);
        }
        return;
      }
      const schedule = p.policy.schedule;
      if (!schedule) return p.skip(); // POLICY-008
      const frequency = p.read(schedule.frequency, "schedule.frequency", "backup frequency");
      if (frequency === UNREAD) return;
      const name = frequencyName(frequency);
      if (name === "Hourly") return; // an hourly schedule has a window instead: POLICY-009
      if (name !== "Daily" && name !== "Weekly") return p.skip(); // POLICY-008
      checkRunTimes(p, schedule, "schedule", `${name.toLowerCase()} VM backup`);
    });
  },
});

function checkRunTimes(p: PolicyCheck, schedule: SchedulePolicy, path: string, label: string): void {
  const times = p.readList(schedule.runTimes, `${path}.runTimes`, `${label} run time`);
  if (times === UNREAD) return;
  if (times === undefined || times.length === 0) {
    p.fail("missingRunTime", `Backup policy "${p.name}": the ${label} schedule has no run time. Set one scheduleRunTimes entry on the hour or half hour.`, `${path}.runTimes`, {
      count: 0,
      expected: 1,
    });
    return;
  }
  if (times.length > 1) {
    p.fail(
      "severalRunTimes",
      `Backup policy "${p.name}": the ${label} schedule lists ${times.length} run times (${times.join(", ")}); Azure runs a daily or weekly backup once a day and takes exactly one. Keep one.`,
      `${path}.runTimes`,
      { count: times.length, expected: 1, value: times },
    );
    return;
  }
  const value = times[0]!;
  const t = timeOfDay(value);
  if (!t) {
    p.fail(
      "notDateTime",
      `Backup policy "${p.name}": the ${label} run time "${value}" is not an ISO 8601 date-time; the API takes a date-time (only its time of day counts), e.g. "2026-01-01T02:00:00Z".`,
      `${path}.runTimes[0]`,
      { value },
    );
    return;
  }
  if (!onHalfHour(t)) {
    p.fail(
      "notHalfHour",
      `Backup policy "${p.name}": the ${label} runs at ${t.text}${t.second || t.millisecond ? ` and ${t.second}s` : ""}; Azure schedules backups only on the hour or half hour. Move it to :00 or :30.`,
      `${path}.runTimes[0]`,
      { value, time: t.text },
    );
  }
}
