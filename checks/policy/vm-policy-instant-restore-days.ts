import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { eachPolicy, frequencyName, INVALID_POLICY_INPUT, LIMITS, UNREAD, vmTier } from "./_policy-helpers.js";

const DAYS = LIMITS.instantRestoreDays;

export default defineRule({
  id: "POLICY-010",
  name: "vm-policy-instant-restore-days",
  title: "Instant-restore snapshots are kept 1–5 days (Standard) or 1–30 days (Enhanced), and exactly 5 days with a weekly schedule",
  severity: "error",
  prevents: [INVALID_POLICY_INPUT],
  remediation:
    "Set instantRpRetentionRangeInDays to 1–5 for a Standard (V1) policy or 1–30 for an Enhanced (V2) policy; with a Weekly schedule set it to 5, or leave it out.",
  check(ctx) {
    eachPolicy(ctx, "vm", (p) => {
      const days = p.read(p.policy.instantRpRetentionDays, "instantRpRetentionDays", "instant-restore snapshot retention");
      if (days === UNREAD || days === undefined) return; // unset: Azure applies its default for the policy
      const tier = vmTier(p);
      if (tier === UNREAD) return;
      if (tier === "conflict") return p.skip(); // the policy type itself is wrong: POLICY-008
      const label = tier === "enhanced" ? "Enhanced (V2)" : "Standard (V1)";
      const frequency = p.policy.schedule?.frequency;
      if (isUnknown(frequency)) {
        // 5 days suits every schedule; any other value depends on whether the schedule is Weekly.
        if (days !== DAYS.weeklySchedule) p.unknown("schedule.frequency", "backup frequency (a Weekly schedule needs exactly 5 instant-restore days)");
        return;
      }
      if (frequencyName(frequency) === "Weekly") {
        if (days !== DAYS.weeklySchedule) {
          p.fail(
            "weeklyNeedsFive",
            `Backup policy "${p.name}" runs Weekly and keeps instant-restore snapshots ${days} days; with a weekly schedule Azure keeps them exactly ${DAYS.weeklySchedule} days. Set instantRpRetentionRangeInDays to ${DAYS.weeklySchedule} or leave it out.`,
            "instantRpRetentionDays",
            { value: days, required: DAYS.weeklySchedule, frequency: "Weekly" },
          );
        }
        return;
      }
      const range = DAYS[tier];
      if (!Number.isInteger(days) || days < range.min || days > range.max) {
        p.fail(
          "outOfRange",
          `Backup policy "${p.name}" keeps instant-restore snapshots ${days} days; a ${label} policy keeps them ${range.min} to ${range.max} days.${tier === "standard" && days > range.max ? " Longer snapshot retention needs the Enhanced policy." : ""} Set instantRpRetentionRangeInDays in that range.`,
          "instantRpRetentionDays",
          { value: days, min: range.min, max: range.max, policyType: tier === "enhanced" ? "V2" : "V1" },
        );
      }
    });
  },
});
