import type { Rule } from "../../src/engine/types.js";
import policyRetentionMatchesSchedule from "./policy-retention-matches-schedule.js";
import policyRunTime from "./policy-run-time.js";
import sqlPolicyBackupTypes from "./sql-policy-backup-types.js";
import sqlPolicyDifferentialSchedule from "./sql-policy-differential-schedule.js";
import sqlPolicyFullSchedule from "./sql-policy-full-schedule.js";
import sqlPolicyLogFrequency from "./sql-policy-log-frequency.js";
import sqlPolicyRetentionRange from "./sql-policy-retention-range.js";
import vmPolicyHourlyWindow from "./vm-policy-hourly-window.js";
import vmPolicyInstantRestoreDays from "./vm-policy-instant-restore-days.js";
import vmPolicyRetentionRange from "./vm-policy-retention-range.js";
import vmPolicySchedule from "./vm-policy-schedule.js";

/** The policy rules, sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const policyRules: Rule[] = [
  sqlPolicyBackupTypes, // POLICY-001
  sqlPolicyFullSchedule, // POLICY-002
  sqlPolicyDifferentialSchedule, // POLICY-003
  sqlPolicyLogFrequency, // POLICY-004
  sqlPolicyRetentionRange, // POLICY-005
  policyRunTime, // POLICY-006
  policyRetentionMatchesSchedule, // POLICY-007
  vmPolicySchedule, // POLICY-008
  vmPolicyHourlyWindow, // POLICY-009
  vmPolicyInstantRestoreDays, // POLICY-010
  vmPolicyRetentionRange, // POLICY-011
];
