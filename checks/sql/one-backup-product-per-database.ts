import { defineRule } from "../../src/engine/define-rule.js";
import { sqlProtectionOnVm } from "./_sql-protection.js";

export default defineRule({
  id: "SQL-006",
  name: "one-backup-product-per-database",
  title: "SQL databases protected by Azure Backup are not also backed up by another product or script",
  severity: "error",
  prevents: ["UserErrorSQLLSNValidationFailure", "UserErrorFileManipulationIsNotAllowedDuringBackup"],
  remediation:
    "Disable the other product's (or script's) SQL Server backups on this VM, or keep them copy-only, before Azure Backup protects its databases.",
  check(ctx) {
    for (const inv of ctx.model.inventoryVms) {
      const others = (inv.otherBackupProducts ?? []).filter((p) => p.trim() !== "");
      const protections = sqlProtectionOnVm(ctx, inv.vmName, inv.vmId);
      for (const { protector, certain } of protections) {
        if (others.length === 0) {
          if (certain) ctx.pass(protector.ref);
          continue;
        }
        const message =
          `${inv.vmName} also backs up SQL Server with ${others.join(", ")}, and ${protector.ref.name} protects databases there with Azure Backup: ` +
          `a second product's log backups truncate the log (UserErrorSQLLSNValidationFailure) and its running backups block Azure Backup's ` +
          `(UserErrorFileManipulationIsNotAllowedDuringBackup). Disable the other product's SQL backups on this VM or make them copy-only.`;
        const data = { vm: inv.vmName, otherBackupProducts: others };
        if (certain) ctx.report({ resource: protector.ref, messageId: "otherBackupProduct", message, data });
        else
          ctx.unknown({
            resource: protector.ref,
            messageId: "otherBackupProduct",
            message: `The VM ${protector.ref.name} is on is computed at preview; if it is ${inv.vmName}: ${message}`,
            data,
          });
      }
    }
  },
});
