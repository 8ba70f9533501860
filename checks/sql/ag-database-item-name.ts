import { defineRule } from "../../src/engine/define-rule.js";
import { sameName } from "../../src/model/ids.js";
import { isUnknown } from "../../src/model/unknown.js";
import { isOnVm, itemDatabase } from "./_sql-protection.js";

export default defineRule({
  id: "SQL-014",
  name: "ag-database-item-name",
  title: "Protected items name a database the way Azure Backup sees it: under its availability group, or under its instance",
  severity: "error",
  prevents: ["UserErrorBackupFailedStandaloneDatabaseMovedInToAG", "UserErrorBackupFailedDatabaseMovedOutOfAG"],
  remediation:
    "Protect a database in an availability group as SQLDataBase;<group>;<database> (and a standalone one as SQLDataBase;<instance>;<database>); stop the old item with retain data.",
  check(ctx) {
    const groups = ctx.model.availabilityGroups;
    for (const item of ctx.model.protectedItems) {
      if (item.workload !== "sqlDatabase") continue;
      const named = itemDatabase(item);
      if (isUnknown(named) || !named) continue;
      const group = groups.find((g) => sameName(g.groupName, named.instance));

      if (group) {
        // An availability group's item: the database must still be in the group on its replicas.
        const copies = ctx.model.sqlDatabases.filter(
          (db) => sameName(db.databaseName, named.database) && group.replicas.some((r) => sameName(r.vm, db.vmName) && sameName(r.instance, db.instanceName)),
        );
        if (copies.length === 0) continue;
        if (copies.some((db) => sameName(db.availabilityGroup, group.groupName))) {
          ctx.pass(item.ref);
          continue;
        }
        const where = copies.map((db) => `${db.vmName}/${db.instanceName}`).join(", ");
        ctx.report({
          resource: item.ref,
          messageId: "movedOutOfAvailabilityGroup",
          message:
            `${item.ref.name} protects "${named.database}" as a database of availability group ${group.groupName}, but the inventory shows it as a standalone database on ${where}: ` +
            `Azure Backup fails its backups with UserErrorBackupFailedDatabaseMovedOutOfAG. Protect it as SQLDataBase;<instance>;${named.database} and stop the group's item with retain data.`,
          data: { database: named.database, availabilityGroup: group.groupName, standaloneOn: copies.map((db) => `${db.vmName}/${db.instanceName}`) },
          azureErrorCodes: ["UserErrorBackupFailedDatabaseMovedOutOfAG"],
        });
        continue;
      }

      // A standalone item: the database must not be in an availability group on that VM.
      for (const db of ctx.model.sqlDatabases) {
        if (!db.availabilityGroup || !sameName(db.databaseName, named.database) || !sameName(db.instanceName, named.instance)) continue;
        const on = isOnVm(ctx.index, item, db.vmName, db.vmId);
        if (on === false) continue;
        const message =
          `${item.ref.name} protects "${db.databaseName}" as a standalone database of ${db.vmName}/${db.instanceName}, but it belongs to availability group ${db.availabilityGroup}: ` +
          `Azure Backup names it SQLDataBase;${db.availabilityGroup};${db.databaseName} and fails the standalone item with UserErrorBackupFailedStandaloneDatabaseMovedInToAG. ` +
          `Protect it under the availability group and stop the standalone item with retain data.`;
        const data = { database: db.databaseName, instance: db.instanceName, vm: db.vmName, availabilityGroup: db.availabilityGroup };
        const azureErrorCodes = ["UserErrorBackupFailedStandaloneDatabaseMovedInToAG"];
        if (on === true) ctx.report({ resource: item.ref, messageId: "movedIntoAvailabilityGroup", message, data, azureErrorCodes });
        else ctx.unknown({ resource: item.ref, messageId: "movedIntoAvailabilityGroup", message: `The VM ${item.ref.name} is on is computed at preview; if it is ${db.vmName}: ${message}`, data, azureErrorCodes });
      }
    }
  },
});
