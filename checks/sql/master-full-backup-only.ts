import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { checkBackupTypes, describeDatabase, describePolicy, eachProtection, isSqlItem, itemDatabase, listTypes, refKey, resolvePolicy } from "./_sql-protection.js";

const UNSUPPORTED = ["Differential", "Log"] as const;

export default defineRule({
  id: "SQL-002",
  name: "master-full-backup-only",
  title: "The master database is protected by a policy with full backups only",
  severity: "error",
  prevents: ["UserErrorSQLPODoesNotSupportBackupType"],
  remediation:
    "Protect master with its own policy that schedules full backups only (no Differential or Log sub-policy).",
  check(ctx) {
    const isMaster = (name: string) => name.toLowerCase() === "master";
    const message = (what: string, policy: string, offending: readonly string[]) =>
      `Policy ${policy} schedules ${listTypes(offending)} backups for ${what}: ` +
      `SQL Server only takes full backups of master, so Azure Backup skips them on schedule and fails them on demand ` +
      `with UserErrorSQLPODoesNotSupportBackupType. Protect master with a full-only policy.`;
    checkBackupTypes(ctx, {
      applies: (db) => isMaster(db.databaseName),
      unsupported: UNSUPPORTED,
      messageId: "masterNonFullBackup",
      message: (p, policy, offending) => message(describeDatabase(p), describePolicy(policy), offending),
    });
    // The protected item's own name (SQLDataBase;<instance>;master) already says it is master: no inventory needed.
    const seen = new Set(eachProtection(ctx, (db) => isMaster(db.databaseName)).map((p) => refKey(p.protector.ref)));
    for (const item of ctx.model.protectedItems) {
      if (!isSqlItem(item) || seen.has(refKey(item.ref))) continue;
      const named = itemDatabase(item);
      if (isUnknown(named) || !named || !isMaster(named.database)) continue;
      const resolved = resolvePolicy(ctx.index, item);
      if (resolved.kind === "none") continue;
      const data = { database: named.database, instance: named.instance };
      if (resolved.kind === "unknown") {
        ctx.unknown({ resource: item.ref, messageId: "masterNonFullBackup", message: `Cannot tell which backup types the protection of database "master" (${named.instance}) schedules: ${resolved.reason}.`, data: { ...data, reason: resolved.reason } });
        continue;
      }
      const offending = UNSUPPORTED.filter((t) => resolved.types.has(t));
      if (offending.length === 0) {
        ctx.pass(item.ref);
        continue;
      }
      const policy = describePolicy(resolved.policy);
      ctx.report({ resource: item.ref, messageId: "masterNonFullBackup", message: message(`database "master" of instance ${named.instance}`, policy, offending), data: { ...data, policy, backupTypes: offending, unsupported: [...UNSUPPORTED] } });
    }
  },
});
