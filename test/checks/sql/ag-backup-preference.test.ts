import rule from "../../../checks/sql/ag-backup-preference.js";
import { build } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const threeReplicas = [
  { vm: "sqlvm01", instance: "MSSQLSERVER", role: "PRIMARY" as const },
  { vm: "sqlvm02", instance: "MSSQLSERVER", role: "SECONDARY" as const },
  { vm: "sqlvm03", instance: "MSSQLSERVER", role: "SECONDARY" as const },
];

ruleTester.run(rule, {
  valid: [
    { name: "two replicas, Primary", model: build.model(build.availabilityGroup(), build.agSqlItem()) },
    { name: "two replicas, Secondary only", model: build.model(build.availabilityGroup("ag-sales", { backupPreference: "SecondaryOnly" }), build.agSqlItem()) },
    { name: "three replicas, Primary", model: build.model(build.availabilityGroup("ag-sales", { replicas: threeReplicas }), build.agSqlItem()) },
    { name: "unprotected group with any preference", model: build.model(build.availabilityGroup("ag-sales", { backupPreference: "None", replicas: threeReplicas })) },
  ],
  invalid: [
    {
      name: "three replicas, Secondary only",
      model: build.model(build.availabilityGroup("ag-sales", { backupPreference: "SecondaryOnly", replicas: threeReplicas }), build.agSqlItem()),
      errors: [{ messageId: "backupPreferenceForReplicas", resource: "ag-sales", data: { backupPreference: "SecondaryOnly", replicas: 3 } }],
    },
    {
      name: "two replicas, Prefer secondary",
      model: build.model(build.availabilityGroup("ag-sales", { backupPreference: "Secondary" }), build.agSqlItem()),
      errors: [{ messageId: "backupPreferenceForReplicas", data: { backupPreference: "Secondary", replicas: 2 } }],
    },
    {
      name: "two replicas, Any replica",
      model: build.model(build.availabilityGroup("ag-sales", { backupPreference: "None" }), build.agSqlItem()),
      errors: [{ messageId: "backupPreferenceForReplicas", data: { backupPreference: "None" } }],
    },
  ],
  unknown: [
    {
      name: "the inventory leaves out the preference",
      model: build.model(build.availabilityGroup("ag-sales", { backupPreference: undefined }), build.agSqlItem()),
      unknowns: [{ messageId: "backupPreferenceForReplicas" }],
    },
  ],
});
