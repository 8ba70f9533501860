import { defineRule } from "../../src/engine/define-rule.js";
import { capitalize, databaseData, describeDatabase, describeProtector, eachProtection } from "./_sql-protection.js";

export default defineRule({
  id: "SQL-004",
  name: "database-mirroring-unsupported",
  title: "Databases in a database mirroring session are not protected by Azure Backup",
  severity: "error",
  prevents: ["UserErrorOperationNotAllowedDatabaseMirroringEnabled"],
  remediation:
    "Remove the database mirroring session (or move the database to an Always On availability group) before protecting it, or stop protecting it.",
  check(ctx) {
    for (const p of eachProtection(ctx, (db) => db.mirroring === true)) {
      const what =
        `${describeDatabase(p)} takes part in a database mirroring session, which Azure Backup does not support: ` +
        `its backups fail with UserErrorOperationNotAllowedDatabaseMirroringEnabled. Remove the mirroring session, or stop protecting the database.`;
      if (!p.certain) {
        ctx.unknown({
          resource: p.protector.ref,
          messageId: "mirroredDatabaseProtected",
          message: `${capitalize(describeProtector(p))} ${p.protector.ref.name} may cover it, but the VM it is on is computed at preview: ${what}`,
          data: databaseData(p),
        });
        continue;
      }
      ctx.report({ resource: p.protector.ref, messageId: "mirroredDatabaseProtected", message: capitalize(what), data: databaseData(p) });
    }
  },
});
