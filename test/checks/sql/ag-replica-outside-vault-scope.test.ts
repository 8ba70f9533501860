import rule from "../../../checks/sql/ag-replica-outside-vault-scope.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

ruleTester.run(rule, {
  valid: [
    { name: "every replica with the vault", model: build.model(build.vault(), build.vm("sqlvm01"), build.vm("sqlvm02"), build.availabilityGroup(), build.agSqlItem()) },
    { name: "location spelled differently", model: build.model(build.vault(), build.vm("sqlvm01"), build.vm("sqlvm02", { location: "East US" }), build.availabilityGroup(), build.agSqlItem()) },
    { name: "group not protected", model: build.model(build.vault(), build.vm("sqlvm02", { location: "westus" }), build.availabilityGroup()) },
  ],
  invalid: [
    {
      name: "secondary in another region",
      model: build.model(build.vault(), build.vm("sqlvm01"), build.vm("sqlvm02", { location: "westus2" }), build.availabilityGroup(), build.agSqlItem()),
      errors: [{ messageId: "replicaOutsideVaultScope", resource: "ag-sales", data: { replica: "sqlvm02", differences: ["region westus2 (vault: eastus)"] } }],
    },
    {
      name: "secondary in another subscription",
      model: build.model(build.vault(), build.vm("sqlvm01"), build.vm("sqlvm02", { subscriptionId: "00000000-0000-0000-0000-000000000002" }), build.availabilityGroup(), build.agSqlItem()),
      errors: [{ messageId: "replicaOutsideVaultScope", data: { replica: "sqlvm02" } }],
    },
  ],
  unknown: [
    {
      name: "the secondary's location is computed at preview",
      model: build.model(build.vault(), build.vm("sqlvm01"), build.vm("sqlvm02", { location: UNKNOWN }), build.availabilityGroup(), build.agSqlItem()),
      unknowns: [{ messageId: "replicaOutsideVaultScope", data: { replica: "sqlvm02" } }],
    },
    {
      name: "the secondary VM is not among the sources",
      model: build.model(build.vault(), build.vm("sqlvm01"), build.availabilityGroup(), build.agSqlItem()),
    },
  ],
});
