import { defineRule } from "../../src/engine/define-rule.js";
import { checkWeeklyRunDays, eachPolicy, frequencyName, INVALID_POLICY_INPUT, sameText, UNREAD } from "./_policy-helpers.js";

export default defineRule({
  id: "POLICY-008",
  name: "vm-policy-schedule",
  title: "A VM backup policy is Standard (V1) or Enhanced (V2), its schedule type matches, and only Enhanced runs hourly",
  severity: "error",
  prevents: [INVALID_POLICY_INPUT],
  remediation:
    'Use policyType "V1" with a SimpleSchedulePolicy that runs Daily or Weekly, or policyType "V2" with a SimpleSchedulePolicyV2 that runs Hourly, Daily or Weekly; for Weekly, list each run day once.',
  check(ctx) {
    eachPolicy(ctx, "vm", (p) => {
      const schedule = p.policy.schedule;
      const policyType = p.read(p.policy.vmPolicyType, "policyType", "policy type (V1 Standard / V2 Enhanced)");
      if (policyType === UNREAD) return;
      if (policyType !== undefined && !sameText(policyType, "V1") && !sameText(policyType, "V2")) {
        p.fail(
          "invalidPolicyType",
          `Backup policy "${p.name}": policyType "${policyType}" is neither V1 (Standard) nor V2 (Enhanced). Set one of them.`,
          "policyType",
          { value: policyType, allowed: ["V1", "V2"] },
        );
        return;
      }
      if (!schedule) {
        p.fail("missingSchedule", `Backup policy "${p.name}" has no backup schedule. Add a schedulePolicy that runs Daily, Weekly or (Enhanced only) Hourly.`, "schedule", {});
        return;
      }
      const type = p.read(schedule.type, "schedule.type", "schedule type");
      const written = p.read(schedule.frequency, "schedule.frequency", "backup frequency");
      if (type === UNREAD || written === UNREAD) return;
      const frequency = frequencyName(written);
      if (frequency !== "Daily" && frequency !== "Weekly" && frequency !== "Hourly") {
        p.fail(
          "frequency",
          `Backup policy "${p.name}": the backup frequency is ${written === undefined ? "not set" : `"${written}"`}; a VM policy runs Daily, Weekly or (Enhanced only) Hourly. Set scheduleRunFrequency to one of them.`,
          "schedule.frequency",
          { value: written ?? null, allowed: ["Daily", "Weekly", "Hourly"] },
        );
        return;
      }
      const isV2Schedule = sameText(type, "SimpleSchedulePolicyV2");
      // A missing policyType is Standard, unless the schedule is already the Enhanced kind (list responses omit it).
      const enhanced = policyType === undefined ? isV2Schedule : sameText(policyType, "V2");
      if (frequency === "Hourly" && !enhanced) {
        p.fail(
          "hourlyNeedsEnhanced",
          `Backup policy "${p.name}" runs Hourly but is a Standard (V1) policy; only the Enhanced policy takes several backups a day. Set policyType "V2" with a SimpleSchedulePolicyV2, or run Daily.`,
          "policyType",
          { value: policyType ?? "V1", frequency, required: "V2" },
        );
        return;
      }
      if (type !== undefined && policyType !== undefined) {
        const expected = enhanced ? "SimpleSchedulePolicyV2" : "SimpleSchedulePolicy";
        if (!sameText(type, expected)) {
          p.fail(
            "scheduleTypeMismatch",
            `Backup policy "${p.name}" is ${enhanced ? "Enhanced (V2)" : "Standard (V1)"} but its schedule is a ${type}; a ${enhanced ? "V2" : "V1"} policy takes a ${expected}. Change the schedule type or the policy type so that they agree.`,
            "schedule.type",
            { value: type, expected, policyType },
          );
          return;
        }
      }
      if (frequency === "Weekly") checkWeeklyRunDays(p, schedule, "schedule", "weekly VM backup");
    });
  },
});
