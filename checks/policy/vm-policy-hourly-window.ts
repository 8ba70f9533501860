import { defineRule } from "../../src/engine/define-rule.js";
import { eachPolicy, frequencyName, INVALID_POLICY_INPUT, LIMITS, onHalfHour, timeOfDay, UNREAD } from "./_policy-helpers.js";

const INTERVALS: readonly number[] = LIMITS.vmHourlyIntervalHours;
const WINDOW = LIMITS.vmHourlyWindowHours;

export default defineRule({
  id: "POLICY-009",
  name: "vm-policy-hourly-window",
  title: "An hourly VM backup runs every 4, 6, 8, 12 or 24 hours in a 4–24 hour window no shorter than the interval, starting on the hour or half hour",
  severity: "error",
  prevents: [INVALID_POLICY_INPUT],
  remediation:
    "Set hourlySchedule.interval to 4, 6, 8, 12 or 24, scheduleWindowDuration to 4–24 hours and at least the interval (a multiple of it keeps the backups evenly spaced), and scheduleWindowStartTime to an ISO date-time on :00 or :30.",
  check(ctx) {
    eachPolicy(ctx, "vm", (p) => {
      const schedule = p.policy.schedule;
      if (!schedule) return p.skip(); // POLICY-008
      const frequency = p.read(schedule.frequency, "schedule.frequency", "backup frequency");
      if (frequency === UNREAD || frequencyName(frequency) !== "Hourly") return;
      const hourly = schedule.hourly;
      if (!hourly) {
        p.fail(
          "missingHourlySchedule",
          `Backup policy "${p.name}" runs Hourly but has no hourlySchedule. Set interval, scheduleWindowStartTime and scheduleWindowDuration.`,
          "schedule.hourly",
          {},
        );
        return;
      }
      const interval = p.read(hourly.intervalHours, "schedule.hourly.intervalHours", "hourly backup interval");
      const window = p.read(hourly.windowDurationHours, "schedule.hourly.windowDurationHours", "hourly backup window length");
      const start = p.read(hourly.windowStartTime, "schedule.hourly.windowStartTime", "hourly backup window start");

      let intervalOk = false;
      if (interval === undefined) {
        p.fail("missingInterval", `Backup policy "${p.name}": the hourly schedule has no interval. Set it to one of ${INTERVALS.join(", ")} hours.`, "schedule.hourly.intervalHours", { allowed: INTERVALS });
      } else if (interval !== UNREAD) {
        if (INTERVALS.includes(interval)) intervalOk = true;
        else
          p.fail(
            "interval",
            `Backup policy "${p.name}": an hourly backup every ${interval} hours is not offered; the Enhanced policy runs every ${INTERVALS.join(", ")} hours. Pick one of those.`,
            "schedule.hourly.intervalHours",
            { value: interval, allowed: INTERVALS },
          );
      }

      if (window === undefined) {
        p.fail("missingWindow", `Backup policy "${p.name}": the hourly schedule has no window length. Set scheduleWindowDuration to ${WINDOW.min}–${WINDOW.max} hours.`, "schedule.hourly.windowDurationHours", {
          min: WINDOW.min,
          max: WINDOW.max,
        });
      } else if (window !== UNREAD) {
        if (!Number.isInteger(window) || window < WINDOW.min || window > WINDOW.max) {
          p.fail(
            "windowOutOfRange",
            `Backup policy "${p.name}": the hourly backup window is ${window} hours; Azure takes ${WINDOW.min} to ${WINDOW.max}. Set scheduleWindowDuration in that range.`,
            "schedule.hourly.windowDurationHours",
            { value: window, min: WINDOW.min, max: WINDOW.max },
          );
        } else if (intervalOk && window < (interval as number)) {
          // Azure PowerShell refuses a window shorter than one interval (WindowDurationLessThanInterval). A window the
          // interval does not divide is only refused by Terraform; Microsoft's own PowerShell sample uses 23 h every 4 h.
          const i = interval as number;
          p.fail(
            "windowShorterThanInterval",
            `Backup policy "${p.name}": the hourly backup window of ${window} hours is shorter than the ${i}-hour interval, so not even one interval fits in it. Set scheduleWindowDuration to at least ${i} hours, or use a shorter interval.`,
            "schedule.hourly.windowDurationHours",
            { value: window, interval: i, min: i },
          );
        }
      }

      if (start === undefined) {
        p.fail("missingWindowStart", `Backup policy "${p.name}": the hourly schedule has no window start. Set scheduleWindowStartTime to an ISO date-time on :00 or :30.`, "schedule.hourly.windowStartTime", {});
      } else if (start !== UNREAD) {
        const t = timeOfDay(start);
        if (!t) {
          p.fail(
            "windowStartNotDateTime",
            `Backup policy "${p.name}": the hourly window start "${start}" is not an ISO 8601 date-time, e.g. "2026-01-01T08:00:00Z".`,
            "schedule.hourly.windowStartTime",
            { value: start },
          );
        } else if (!onHalfHour(t)) {
          p.fail(
            "windowStartNotHalfHour",
            `Backup policy "${p.name}": the hourly window starts at ${t.text}; Azure starts it only on the hour or half hour. Move it to :00 or :30.`,
            "schedule.hourly.windowStartTime",
            { value: start, time: t.text },
          );
        }
      }
    });
  },
});
