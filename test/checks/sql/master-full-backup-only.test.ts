import rule from "../../../checks/sql/master-full-backup-only.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const master = build.sqlDatabase("master", { recoveryModel: "SIMPLE" });
const fullOnly = build.sqlPolicy({ name: "sql-full-only", subPolicies: [build.sub.full({ schedule: { type: "SimpleSchedulePolicy", frequency: "Daily", runTimes: ["2026-01-01T02:00:00Z"], runDays: undefined } })] });
const fullLog = build.sqlPolicy({ name: "sql-full-log", subPolicies: [build.sub.full(), build.sub.log()] });

ruleTester.run(rule, {
  valid: [
    { name: "master under a full-only policy", model: build.model(fullOnly, build.sqlItem("sqlvm01", "master", { policyId: ids.policy("sql-full-only") }), master) },
    { name: "a user database under Full+Diff+Log", model: build.model(build.sqlPolicy(), build.sqlItem(), build.sqlDatabase()) },
    { name: "master not protected", model: build.model(build.sqlPolicy(), build.sqlItem(), master, build.sqlDatabase()) },
    { name: "a database merely named like master's item elsewhere", model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "masterdata"), master) },
  ],
  invalid: [
    {
      name: "master under Full+Diff+Log (the troubleshooting page's case)",
      model: build.model(build.vault(), build.sqlPolicy(), build.sqlItem("sqlvm01", "master"), master),
      errors: [{ messageId: "masterNonFullBackup", resource: "sqlvm01-master", data: { database: "master", backupTypes: ["Differential", "Log"] } }],
    },
    {
      name: "master under Full+Log, even when set to FULL recovery",
      model: build.model(fullLog, build.sqlItem("sqlvm01", "master", { policyId: ids.policy("sql-full-log") }), build.sqlDatabase("master", { recoveryModel: "FULL" })),
      errors: [{ messageId: "masterNonFullBackup", data: { backupTypes: ["Log"] } }],
    },
    {
      name: "master's item on a VM the inventory does not describe: the item name alone says it is master",
      model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm02", "master"), master),
      errors: [{ messageId: "masterNonFullBackup", resource: "sqlvm02-master", data: { database: "master", instance: "MSSQLSERVER", backupTypes: ["Differential", "Log"] } }],
    },
    {
      name: "master's item with no inventory at all",
      model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "master")),
      errors: [{ messageId: "masterNonFullBackup", resource: "sqlvm01-master" }],
    },
    {
      name: "master covered by auto-protection of its instance",
      model: build.model(build.sqlPolicy(), build.sqlAutoProtectIntent(), master),
      errors: [{ messageId: "masterNonFullBackup", resource: "sqlvm01-MSSQLSERVER-autoprotect", data: { via: "autoProtection" } }],
    },
  ],
  unknown: [
    {
      name: "the policy of master's item is computed at preview",
      model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "master", { policyId: UNKNOWN }), master),
      unknowns: [{ messageId: "masterNonFullBackup", resource: "sqlvm01-master" }],
    },
    {
      name: "master's item without inventory, its policy computed at preview",
      model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "master", { policyId: UNKNOWN })),
      unknowns: [{ messageId: "masterNonFullBackup", resource: "sqlvm01-master" }],
    },
    {
      name: "the instance the auto-protection intent covers is computed at preview",
      model: build.model(build.sqlPolicy(), build.sqlAutoProtectIntent("sqlvm01", "MSSQLSERVER", { sqlInstance: UNKNOWN, itemId: UNKNOWN }), master),
    },
  ],
});
