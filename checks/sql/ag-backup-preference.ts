import { defineRule } from "../../src/engine/define-rule.js";
import { protectorsOfGroup } from "./_sql-protection.js";

export default defineRule({
  id: "SQL-012",
  name: "ag-backup-preference",
  title: "Protected availability groups use the backup preference Azure recommends for their size",
  severity: "warning",
  prevents: ["UserErrorSQLLSNValidationFailure"],
  remediation:
    "Set the availability group's automated backup preference to Primary (any number of replicas), or to Secondary only for a group of two replicas.",
  check(ctx) {
    for (const group of ctx.model.availabilityGroups) {
      if (protectorsOfGroup(ctx, group).length === 0) continue;
      const replicas = group.replicas.length;
      const preference = group.backupPreference;
      const data = { availabilityGroup: group.groupName, backupPreference: preference ?? null, replicas };
      if (preference === undefined) {
        ctx.unknown({
          resource: group.ref,
          messageId: "backupPreferenceForReplicas",
          message: `The inventory does not give the backup preference of availability group ${group.groupName} (SQL Server's default is "Prefer secondary", which Azure advises against).`,
          data,
        });
        continue;
      }
      const fine = preference === "Primary" || (preference === "SecondaryOnly" && replicas <= 2);
      if (fine) {
        ctx.pass(group.ref);
        continue;
      }
      const advice = replicas <= 2 ? `"Primary" or "Secondary only"` : `"Primary"`;
      ctx.report({
        resource: group.ref,
        messageId: "backupPreferenceForReplicas",
        message:
          `Availability group ${group.groupName} has ${replicas} replicas and the backup preference "${preference}": several replicas may take log and copy-only backups, ` +
          `and because Azure Backup throttles jobs per node, replicas can fall out of step, breaking the log chain or taking duplicate backups. Set the preference to ${advice}.`,
        data,
      });
    }
  },
});
