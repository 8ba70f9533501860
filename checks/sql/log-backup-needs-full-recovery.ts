import { defineRule } from "../../src/engine/define-rule.js";
import { checkBackupTypes, describeDatabase, describePolicy } from "./_sql-protection.js";

export default defineRule({
  id: "SQL-001",
  name: "log-backup-needs-full-recovery",
  title: "Databases in the SIMPLE recovery model are not protected by a policy with log backups",
  severity: "error",
  prevents: ["UserErrorSQLPODoesNotSupportBackupType"],
  remediation:
    "Switch the database to the FULL (or BULK_LOGGED) recovery model, or protect it with a policy that has no Log sub-policy.",
  check(ctx) {
    checkBackupTypes(ctx, {
      // master is covered by SQL-002, which reports its log and differential backups together.
      applies: (db) => db.recoveryModel === "SIMPLE" && db.databaseName.toLowerCase() !== "master",
      unsupported: ["Log"],
      messageId: "logBackupOnSimpleRecovery",
      message: (p, policy) =>
        `Policy ${describePolicy(policy)} schedules Log backups for ${describeDatabase(p)}, which uses the SIMPLE recovery model: ` +
        `Azure Backup skips every scheduled log backup and fails on-demand ones with UserErrorSQLPODoesNotSupportBackupType. ` +
        `Set the database to FULL or BULK_LOGGED recovery, or use a policy without log backups for it.`,
    });
  },
});
