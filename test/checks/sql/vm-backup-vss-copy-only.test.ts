import rule from "../../../checks/sql/vm-backup-vss-copy-only.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const vssFull = build.inventoryVm("sqlvm01", { vssBackupType: "full" });

ruleTester.run(rule, {
  valid: [
    { name: "VM backup and SQL backup with VSS copy-only", model: build.model(build.inventoryVm(), build.vmItem("sqlvm01"), build.sqlItem()) },
    { name: "VSS type not stated: Azure sets copy-only on registered SQL VMs", model: build.model(build.inventoryVm("sqlvm01", { vssBackupType: undefined }), build.vmItem("sqlvm01"), build.sqlItem()) },
    { name: "VSS full but no SQL protection on the VM", model: build.model(vssFull, build.vmItem("sqlvm01"), build.sqlItem("sqlvm02")) },
    { name: "VSS full and SQL protection but no VM backup", model: build.model(vssFull, build.vmItem("appvm01"), build.sqlItem()) },
  ],
  invalid: [
    {
      name: "VSS full VM backups on a VM whose databases Azure Backup protects",
      model: build.model(vssFull, build.vm(), build.vmItem("sqlvm01"), build.sqlItem()),
      errors: [{ messageId: "vssFullWithSqlBackup", resource: "sqlvm01", data: { vm: "sqlvm01", vssBackupType: "full", sqlProtection: ["sqlvm01-sales"] } }],
    },
    {
      name: "VSS full with auto-protection of the instance",
      model: build.model(vssFull, build.vmItem("sqlvm01"), build.sqlAutoProtectIntent()),
      errors: [{ messageId: "vssFullWithSqlBackup", data: { sqlProtection: ["sqlvm01-MSSQLSERVER-autoprotect"] } }],
    },
    {
      name: "VSS full on a secondary replica of a protected availability group",
      model: build.model(
        build.inventoryVm("sqlvm02", { vssBackupType: "full" }),
        build.availabilityGroup(),
        build.vmItem("sqlvm02"),
        build.agSqlItem(),
      ),
      errors: [{ messageId: "vssFullWithSqlBackup", resource: "sqlvm02", data: { vm: "sqlvm02" } }],
    },
  ],
  unknown: [
    {
      name: "the VM the VM-backup item protects is computed at preview",
      model: build.model(vssFull, build.vmItem("sqlvm01", { sourceResourceId: UNKNOWN, containerName: UNKNOWN }), build.sqlItem()),
      unknowns: [{ messageId: "vssFullWithSqlBackup" }],
    },
  ],
});
