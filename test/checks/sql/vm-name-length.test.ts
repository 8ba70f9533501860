import rule from "../../../checks/sql/vm-name-length.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const longVm = "sqlvm-" + "x".repeat(73); // 79 characters; with "rg-sql" (6) → 85
const exactVm = "sqlvm-" + "x".repeat(72); // 78 + 6 = 84

ruleTester.run(rule, {
  valid: [
    { name: "short names", model: build.model(build.sqlContainer(), build.sqlItem()) },
    { name: "exactly 84 characters", model: build.model(build.sqlContainer(exactVm), build.sqlItem(exactVm)) },
    { name: "an availability group's item names no VM", model: build.model(build.agSqlItem()) },
  ],
  invalid: [
    {
      name: "85 characters, reported on the registration",
      model: build.model(build.sqlContainer(longVm), build.sqlItem(longVm)),
      errors: [{ messageId: "vmNameTooLong", resource: `VMAppContainer;Compute;rg-sql;${longVm}`, data: { length: 85, limit: 84, resourceGroup: "rg-sql" } }],
    },
    {
      name: "no container in the sources: reported on the item",
      model: build.model(build.sqlItem(longVm)),
      errors: [{ messageId: "vmNameTooLong", resource: `${longVm}-sales`, data: { vm: longVm } }],
    },
  ],
  unknown: [
    {
      name: "the item's VM is computed at preview",
      model: build.model(build.sqlItem("sqlvm01", "sales", { containerName: UNKNOWN, sourceResourceId: UNKNOWN })),
      unknowns: [{ messageId: "vmNameTooLong" }],
    },
  ],
});
