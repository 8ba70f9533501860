import rule from "../../../checks/sql/read-only-database-full-only.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const readOnly = build.sqlDatabase("archive", { readOnly: true });
const fullOnly = build.sqlPolicy({ name: "sql-full-weekly", subPolicies: [build.sub.full()] });

ruleTester.run(rule, {
  valid: [
    { name: "read-only database under a full-only policy", model: build.model(fullOnly, build.sqlItem("sqlvm01", "archive", { policyId: ids.policy("sql-full-weekly") }), readOnly) },
    { name: "read-write database under Full+Diff+Log", model: build.model(build.sqlPolicy(), build.sqlItem(), build.sqlDatabase()) },
    { name: "read-only flag not reported by the inventory", model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "archive"), build.sqlDatabase("archive", { readOnly: undefined })) },
  ],
  invalid: [
    {
      name: "read-only database under Full+Diff+Log",
      model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "archive"), readOnly),
      errors: [{ messageId: "readOnlyNonFullBackup", resource: "sqlvm01-archive", data: { database: "archive", backupTypes: ["Differential", "Log"] } }],
    },
    {
      name: "read-only database under auto-protection with log backups",
      model: build.model(build.sqlPolicy({ subPolicies: [build.sub.full(), build.sub.log()] }), build.sqlAutoProtectIntent(), readOnly),
      errors: [{ messageId: "readOnlyNonFullBackup", data: { backupTypes: ["Log"], via: "autoProtection" } }],
    },
  ],
  unknown: [
    {
      name: "the policy is computed at preview",
      model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "archive", { policyId: UNKNOWN }), readOnly),
      unknowns: [{ messageId: "readOnlyNonFullBackup" }],
    },
  ],
});
