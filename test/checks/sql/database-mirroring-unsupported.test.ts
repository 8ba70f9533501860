import rule from "../../../checks/sql/database-mirroring-unsupported.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const mirrored = build.sqlDatabase("sales", { mirroring: true });

ruleTester.run(rule, {
  valid: [
    { name: "database without mirroring", model: build.model(build.sqlPolicy(), build.sqlItem(), build.sqlDatabase()) },
    { name: "mirrored database nobody protects", model: build.model(build.sqlPolicy(), build.sqlItem("sqlvm01", "orders"), mirrored) },
    { name: "mirroring not reported by the inventory", model: build.model(build.sqlItem(), build.sqlDatabase("sales", { mirroring: undefined })) },
  ],
  invalid: [
    {
      name: "mirrored database with a protected item",
      model: build.model(build.sqlPolicy(), build.sqlItem(), mirrored),
      errors: [{ messageId: "mirroredDatabaseProtected", resource: "sqlvm01-sales", data: { database: "sales", vm: "sqlvm01" } }],
    },
    {
      name: "mirrored database under auto-protection, whatever the policy",
      model: build.model(build.sqlAutoProtectIntent("sqlvm01", "MSSQLSERVER", { policyId: UNKNOWN }), mirrored),
      errors: [{ messageId: "mirroredDatabaseProtected", data: { via: "autoProtection" } }],
    },
  ],
  unknown: [
    {
      name: "the VM of the item is computed at preview",
      model: build.model(build.sqlItem("sqlvm01", "sales", { sourceResourceId: UNKNOWN, containerName: UNKNOWN }), mirrored),
      unknowns: [{ messageId: "mirroredDatabaseProtected", resource: "sqlvm01-sales" }],
    },
  ],
});
