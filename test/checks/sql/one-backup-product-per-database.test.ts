import rule from "../../../checks/sql/one-backup-product-per-database.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const withOther = build.inventoryVm("sqlvm01", { otherBackupProducts: ["Ola Hallengren maintenance jobs"] });

ruleTester.run(rule, {
  valid: [
    { name: "no other backup product", model: build.model(build.inventoryVm(), build.sqlItem(), build.sqlDatabase()) },
    { name: "other product on a VM Azure Backup does not protect SQL on", model: build.model(withOther, build.sqlItem("sqlvm02")) },
    { name: "other product listed as an empty string", model: build.model(build.inventoryVm("sqlvm01", { otherBackupProducts: [" "] }), build.sqlItem()) },
    { name: "VM backup only (not SQL protection)", model: build.model(withOther, build.vmItem("sqlvm01")) },
  ],
  invalid: [
    {
      name: "another product backs up SQL on a VM whose databases Azure Backup protects",
      model: build.model(withOther, build.sqlItem(), build.sqlItem("sqlvm01", "orders")),
      errors: [
        { messageId: "otherBackupProduct", resource: "sqlvm01-sales", data: { vm: "sqlvm01", otherBackupProducts: ["Ola Hallengren maintenance jobs"] } },
        { messageId: "otherBackupProduct", resource: "sqlvm01-orders" },
      ],
    },
    {
      name: "another product and auto-protection of the instance",
      model: build.model(withOther, build.sqlAutoProtectIntent()),
      errors: [{ messageId: "otherBackupProduct", resource: "sqlvm01-MSSQLSERVER-autoprotect" }],
    },
    {
      name: "another product on a replica of a protected availability group",
      model: build.model(
        build.inventoryVm("sqlvm02", { otherBackupProducts: ["Veeam"] }),
        build.availabilityGroup(),
        build.agSqlItem(),
      ),
      errors: [{ messageId: "otherBackupProduct", resource: "ag-sales-sales", data: { vm: "sqlvm02" } }],
    },
  ],
  unknown: [
    {
      name: "the VM of the SQL item is computed at preview",
      model: build.model(withOther, build.sqlItem("sqlvm01", "sales", { containerName: UNKNOWN, sourceResourceId: UNKNOWN })),
      unknowns: [{ messageId: "otherBackupProduct", resource: "sqlvm01-sales" }],
    },
  ],
});
