import rule from "../../../checks/policy/sql-policy-backup-types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const { full, differential, log } = build.sub;

ruleTester.run(rule, {
  valid: [
    { name: "golden: Full + Differential + Log", model: build.model(build.sqlPolicy()) },
    { name: "Full and Log only (Azure's BackupPolicies_List example)", model: build.model(build.sqlPolicy({ subPolicies: [full(), log()] })) },
    { name: "Full only", model: build.model(build.sqlPolicy({ subPolicies: [full()] })) },
    { name: "backup types in another case", model: build.model(build.sqlPolicy({ subPolicies: [full({ policyType: "full" }), log({ policyType: "LOG" })] })) },
    { name: "a VM policy is not a SQL policy", model: build.model(build.vmPolicy()) },
  ],
  invalid: [
    {
      name: "no Full sub-policy",
      model: build.model(build.sqlPolicy({ subPolicies: [differential(), log()] })),
      errors: [{ messageId: "missingFull", resource: "sql-full-diff-log", data: { types: ["Differential", "Log"] } }],
    },
    { name: "no sub-policies at all", model: build.model(build.sqlPolicy({ subPolicies: [] })), errors: [{ messageId: "missingFull" }] },
    { name: "sub-policies left out", model: build.model(build.sqlPolicy({ subPolicies: undefined })), errors: [{ messageId: "missingFull" }] },
    {
      name: "two Full sub-policies",
      model: build.model(build.sqlPolicy({ subPolicies: [full(), full(), log()] })),
      errors: [{ messageId: "duplicateType", data: { type: "Full", count: 2, max: 1 } }],
    },
    {
      name: "two Log sub-policies",
      model: build.model(build.sqlPolicy({ subPolicies: [full(), log(), log({ schedule: { ...log().schedule!, frequencyInMinutes: 30 } })] })),
      errors: [{ messageId: "duplicateType", data: { type: "Log", count: 2 } }],
    },
    {
      name: "Incremental (a SAP HANA type)",
      model: build.model(build.sqlPolicy({ subPolicies: [full(), differential({ policyType: "Incremental" }), log()] })),
      errors: [{ messageId: "unsupportedType", data: { value: "Incremental" } }],
    },
    {
      name: "CopyOnlyFull instead of Full: one finding per problem",
      model: build.model(build.sqlPolicy({ subPolicies: [full({ policyType: "CopyOnlyFull" }), log()] })),
      errors: [{ messageId: "unsupportedType", data: { value: "CopyOnlyFull" } }, { messageId: "missingFull" }],
    },
  ],
  unknown: [
    {
      name: "sub-policies computed at preview",
      model: build.model(build.sqlPolicy({ subPolicies: UNKNOWN })),
      unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies" } }],
    },
    {
      name: "one backup type computed at preview",
      model: build.model(build.sqlPolicy({ subPolicies: [full({ policyType: UNKNOWN }), log()] })),
      unknowns: [{ messageId: "unknownValue", data: { path: "subPolicies[0].policyType" } }],
    },
    {
      name: "workload not known",
      model: build.model(build.sqlPolicy({ workload: "unknown", backupManagementType: UNKNOWN })),
      unknowns: [{ messageId: "unknownWorkload" }],
    },
  ],
});
