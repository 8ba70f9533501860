import rule from "../../../checks/sql/log-backup-needs-full-recovery.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const simple = (name = "sales") => build.sqlDatabase(name, { recoveryModel: "SIMPLE" });
const fullOnlyPolicy = build.sqlPolicy({ name: "sql-full-diff", subPolicies: [build.sub.full(), build.sub.differential()] });

ruleTester.run(rule, {
  valid: [
    { name: "FULL database under a Full+Diff+Log policy", model: build.model(build.vault(), build.sqlPolicy(), build.vm(), build.sqlItem(), build.sqlDatabase()) },
    { name: "BULK_LOGGED database under a Full+Diff+Log policy", model: build.model(build.sqlPolicy(), build.sqlItem(), build.sqlDatabase("sales", { recoveryModel: "BULK_LOGGED" })) },
    {
      name: "SIMPLE database under a policy without log backups",
      model: build.model(fullOnlyPolicy, build.sqlItem("sqlvm01", "sales", { policyId: ids.policy("sql-full-diff") }), simple()),
    },
    { name: "SIMPLE database nobody protects", model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "orders"), simple()) },
    { name: "the item protects the same database name on another VM", model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm02"), simple()) },
    { name: "the item protects the same database name on another instance", model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "sales", {}, "INST2"), simple()) },
    { name: "master is left to SQL-002", model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "master"), simple("master")) },
    { name: "an item without a policy (protection stopped)", model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "sales", { policyId: undefined }), simple()) },
  ],
  invalid: [
    {
      name: "SIMPLE database protected by an item with a Full+Diff+Log policy",
      model: build.model(build.vault(), build.sqlPolicy(), build.vm(), build.sqlItem(), simple()),
      errors: [{ messageId: "logBackupOnSimpleRecovery", resource: "sqlvm01-sales", data: { database: "sales", vm: "sqlvm01", policy: "sql-full-diff-log", backupTypes: ["Log"], via: "item" } }],
    },
    {
      name: "SIMPLE database covered by auto-protection of its instance",
      model: build.model(build.sqlPolicy(), build.sqlAutoProtectIntent(), simple("staging")),
      errors: [{ messageId: "logBackupOnSimpleRecovery", resource: "sqlvm01-MSSQLSERVER-autoprotect", data: { database: "staging", via: "autoProtection" } }],
    },
    {
      name: "names compare case-insensitively",
      model: build.model(build.sqlPolicy(), build.sqlItem("SQLVM01", "SALES", {}, "mssqlserver"), simple()),
      errors: [{ messageId: "logBackupOnSimpleRecovery", resource: "SQLVM01-SALES" }],
    },
    {
      name: "msdb ships in SIMPLE recovery",
      model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "msdb"), simple("msdb")),
      errors: [{ messageId: "logBackupOnSimpleRecovery", data: { database: "msdb" } }],
    },
  ],
  unknown: [
    {
      name: "the policy id is computed at preview and no dependency names it",
      model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "sales", { policyId: UNKNOWN }), simple()),
      unknowns: [{ messageId: "logBackupOnSimpleRecovery", resource: "sqlvm01-sales" }],
    },
    {
      name: "the VM the item is on is computed at preview",
      model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "sales", { containerName: UNKNOWN, sourceResourceId: UNKNOWN }), simple()),
      unknowns: [{ messageId: "logBackupOnSimpleRecovery", data: { backupTypes: ["Log"] } }],
    },
    {
      name: "the policy's sub-policies are computed at preview",
      model: build.model(build.sqlPolicy({ subPolicies: UNKNOWN }), build.sqlItem(), simple()),
    },
  ],
});
