import { defineRule } from "../../src/engine/define-rule.js";
import { checkBackupTypes, describeDatabase, describePolicy, listTypes } from "./_sql-protection.js";

export default defineRule({
  id: "SQL-002",
  name: "master-full-backup-only",
  title: "The master database is protected by a policy with full backups only",
  severity: "error",
  prevents: ["UserErrorSQLPODoesNotSupportBackupType"],
  remediation:
    "Protect master with its own policy that schedules full backups only (no Differential or Log sub-policy).",
  check(ctx) {
    checkBackupTypes(ctx, {
      applies: (db) => db.databaseName.toLowerCase() === "master",
      unsupported: ["Differential", "Log"],
      messageId: "masterNonFullBackup",
      message: (p, policy, offending) =>
        `Policy ${describePolicy(policy)} schedules ${listTypes(offending)} backups for ${describeDatabase(p)}: ` +
        `SQL Server only takes full backups of master, so Azure Backup skips them on schedule and fails them on demand ` +
        `with UserErrorSQLPODoesNotSupportBackupType. Protect master with a full-only policy.`,
    });
  },
});
