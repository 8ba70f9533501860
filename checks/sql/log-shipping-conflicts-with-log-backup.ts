import { defineRule } from "../../src/engine/define-rule.js";
import { checkBackupTypes, describeDatabase, describePolicy } from "./_sql-protection.js";

export default defineRule({
  id: "SQL-005",
  name: "log-shipping-conflicts-with-log-backup",
  title: "Databases that use log shipping are protected by a policy without log backups",
  severity: "error",
  prevents: ["UserErrorSQLLSNValidationFailure"],
  remediation:
    "Protect log-shipped databases with a policy that has only Full (and optionally Differential) sub-policies; log shipping keeps taking the log backups.",
  check(ctx) {
    checkBackupTypes(ctx, {
      applies: (db) => db.logShipping === true,
      unsupported: ["Log"],
      messageId: "logBackupWithLogShipping",
      message: (p, policy) =>
        `Policy ${describePolicy(policy)} schedules Log backups for ${describeDatabase(p)}, which is the primary of a log shipping configuration: ` +
        `log shipping backs up the same transaction log, so each product breaks the other's log chain ` +
        `(UserErrorSQLLSNValidationFailure). Use a policy with full and differential backups only for this database.`,
    });
  },
});
