import { defineRule } from "../../src/engine/define-rule.js";
import { checkBackupTypes, describeDatabase, describePolicy, listTypes } from "./_sql-protection.js";

export default defineRule({
  id: "SQL-003",
  name: "read-only-database-full-only",
  title: "Read-only databases are protected by a policy with full (or copy-only full) backups only",
  severity: "warning",
  prevents: [],
  remediation:
    "Protect read-only databases with a policy that has no Differential or Log sub-policy, or make the database read-write.",
  check(ctx) {
    checkBackupTypes(ctx, {
      // master is reported by SQL-002 whatever its state.
      applies: (db) => db.readOnly === true && db.databaseName.toLowerCase() !== "master",
      unsupported: ["Differential", "Log"],
      messageId: "readOnlyNonFullBackup",
      message: (p, policy, offending) =>
        `Policy ${describePolicy(policy)} schedules ${listTypes(offending)} backups for ${describeDatabase(p)}, which is read-only: ` +
        `Azure Backup supports only full and copy-only full backups of read-only databases, so those backups will not run. ` +
        `Use a full-only policy for it, or make it read-write.`,
    });
  },
});
