import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { groupsWithReplicaOn, isOnVm, sqlProtectionOnVm } from "./_sql-protection.js";

export default defineRule({
  id: "SQL-013",
  name: "vm-backup-vss-copy-only",
  title: "VMs with both Azure VM backup and SQL backup take VSS copy-only backups",
  severity: "error",
  prevents: ["UserErrorSQLLSNValidationFailure"],
  remediation:
    "Make Azure VM backup take VSS copy-only backups on the VM: remove the UseVssFullBackup registry value (or set USEVSSCOPYBACKUP to TRUE under HKLM\\SOFTWARE\\Microsoft\\BcdrAgent).",
  check(ctx) {
    for (const inv of ctx.model.inventoryVms) {
      const sql = sqlProtectionOnVm(ctx, inv.vmName, inv.vmId);
      if (sql.length === 0) continue;
      const vmItems = ctx.model.protectedItems
        .filter((item) => item.workload === "vm")
        .map((item) => ({ item, on: isOnVm(ctx.index, item, inv.vmName, inv.vmId) }))
        .filter(({ on }) => on !== false);
      for (const { item, on } of vmItems) {
        if (inv.vssBackupType !== "full") {
          if (on === true) ctx.pass(item.ref);
          continue;
        }
        const secondaryOf = groupsWithReplicaOn(ctx, inv.vmName)
          .filter((g) => g.replicas.some((r) => r.vm.toLowerCase() === inv.vmName.toLowerCase() && r.role === "SECONDARY"))
          .map((g) => g.groupName);
        const sqlNames = sql.map((s) => s.protector.ref.name);
        const message =
          `${item.ref.name} backs up ${inv.vmName} with VSS full backups while Azure Backup also protects SQL databases there (${sqlNames.join(", ")}): ` +
          `each VM snapshot becomes a full backup of every database, resets its differential base and breaks the chain Azure Backup validates ` +
          `(UserErrorSQLLSNValidationFailure). Make VM backups VSS copy-only on this VM` +
          (secondaryOf.length ? ` (SQL Server already turns them into copy-only for the databases this VM holds as a secondary of ${secondaryOf.join(", ")}, until a failover makes it primary).` : ".");
        const data = { vm: inv.vmName, vssBackupType: inv.vssBackupType, sqlProtection: sqlNames };
        if (on === true && sql.some((s) => s.certain)) ctx.report({ resource: item.ref, messageId: "vssFullWithSqlBackup", message, data });
        else
          ctx.unknown({
            resource: item.ref,
            messageId: "vssFullWithSqlBackup",
            message: `${isUnknown(on) ? `The VM that ${item.ref.name} backs up` : "The VM of the SQL protection"} is computed at preview; if it is ${inv.vmName}: ${message}`,
            data,
          });
      }
    }
  },
});
