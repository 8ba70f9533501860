import rule from "../../../checks/sql/ag-backup-nodes-registered.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const secondaryOnly = build.availabilityGroup("ag-sales", { backupPreference: "SecondaryOnly" });
const vms = [build.vm("sqlvm01"), build.vm("sqlvm02")];

ruleTester.run(rule, {
  valid: [
    {
      name: "preference Primary, primary registered",
      model: build.model(build.vault(), ...vms, build.availabilityGroup(), build.sqlContainer("sqlvm01"), build.agSqlItem()),
    },
    {
      name: "Secondary only, primary and a secondary registered",
      model: build.model(build.vault(), ...vms, secondaryOnly, build.sqlContainer("sqlvm01"), build.sqlContainer("sqlvm02"), build.agSqlItem()),
    },
    {
      name: "registration shown by a standalone item on the primary in the same vault",
      model: build.model(build.vault(), build.availabilityGroup(), build.sqlContainer("sqlvm02"), build.sqlItem("sqlvm01", "reporting"), build.agSqlItem()),
    },
    { name: "availability group nobody protects", model: build.model(build.vault(), build.availabilityGroup(), build.sqlContainer("sqlvm02"), build.sqlItem("sqlvm02", "other")) },
  ],
  invalid: [
    {
      name: "only the secondary is registered",
      model: build.model(build.vault(), ...vms, build.availabilityGroup(), build.sqlContainer("sqlvm02"), build.agSqlItem()),
      errors: [{ messageId: "primaryNotRegistered", resource: "ag-sales-sales", data: { availabilityGroup: "ag-sales", primary: "sqlvm01", vault: "rsv-prod" } }],
    },
    {
      name: "Secondary only with no secondary registered",
      model: build.model(build.vault(), ...vms, secondaryOnly, build.sqlContainer("sqlvm01"), build.agSqlItem()),
      errors: [{ messageId: "secondaryNotRegistered", data: { secondaries: ["sqlvm02"] } }],
    },
    {
      name: "primary in another region than the vault",
      model: build.model(build.vault(), build.vm("sqlvm01", { location: "westeurope" }), build.vm("sqlvm02"), build.availabilityGroup(), build.sqlContainer("sqlvm02"), build.agSqlItem()),
      errors: [{ messageId: "primaryOutsideVaultScope", data: { primary: "sqlvm01" } }],
    },
    {
      name: "auto-protection of the group, primary not registered",
      model: build.model(
        build.vault(),
        build.availabilityGroup(),
        build.sqlContainer("sqlvm02"),
        build.sqlAutoProtectIntent("sqlvm01", "ag-sales", {
          name: "ag-sales-autoprotect",
          sourceResourceId: undefined,
          sqlInstance: undefined,
          itemId: "/subscriptions/x/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod/backupFabrics/Azure/protectionContainers/SQLAGWorkLoadContainer;6b1c2f0e/protectableItems/SQLAvailabilityGroupContainer;ag-sales",
        }),
      ),
      errors: [{ messageId: "primaryNotRegistered", resource: "ag-sales-autoprotect" }],
    },
  ],
  unknown: [
    {
      name: "the model shows no registrations in the vault",
      model: build.model(build.vault(), build.availabilityGroup(), build.agSqlItem()),
      unknowns: [{ messageId: "primaryNotRegistered", resource: "ag-sales-sales" }],
    },
    {
      name: "the vault's location is computed at preview",
      model: build.model(build.vault({ location: UNKNOWN }), ...vms, build.availabilityGroup(), build.sqlContainer("sqlvm01"), build.agSqlItem()),
      unknowns: [{ messageId: "primaryOutsideVaultScope" }],
    },
    {
      name: "the container's VM is computed at preview",
      model: build.model(build.vault(), build.availabilityGroup(), build.sqlContainer("sqlvm02", { containerName: UNKNOWN, sourceResourceId: UNKNOWN }), build.agSqlItem()),
    },
  ],
});
