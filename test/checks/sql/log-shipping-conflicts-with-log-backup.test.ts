import rule from "../../../checks/sql/log-shipping-conflicts-with-log-backup.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const shipped = build.sqlDatabase("sales", { logShipping: true });
const fullDiff = build.sqlPolicy({ name: "sql-full-diff", subPolicies: [build.sub.full(), build.sub.differential()] });

ruleTester.run(rule, {
  valid: [
    { name: "log-shipped database under a Full+Diff policy", model: build.model(fullDiff, build.sqlItem("sqlvm01", "sales", { policyId: ids.policy("sql-full-diff") }), shipped) },
    { name: "database without log shipping under Full+Diff+Log", model: build.model(build.sqlPolicy(), build.sqlItem(), build.sqlDatabase()) },
  ],
  invalid: [
    {
      name: "log-shipped database under Full+Diff+Log",
      model: build.model(build.sqlPolicy(), build.sqlItem(), shipped),
      errors: [{ messageId: "logBackupWithLogShipping", resource: "sqlvm01-sales", data: { database: "sales", backupTypes: ["Log"] } }],
    },
    {
      name: "log-shipped database covered by auto-protection with log backups",
      model: build.model(build.sqlPolicy(), build.sqlAutoProtectIntent(), shipped),
      errors: [{ messageId: "logBackupWithLogShipping", data: { via: "autoProtection" } }],
    },
  ],
  unknown: [
    {
      name: "the policy is computed at preview",
      model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "sales", { policyId: UNKNOWN }), shipped),
      unknowns: [{ messageId: "logBackupWithLogShipping" }],
    },
  ],
});
