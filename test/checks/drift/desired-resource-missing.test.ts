import rule from "../../../checks/drift/desired-resource-missing.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { asDesired } from "./_desired.js";

const live = build.model(build.vault(), build.vmPolicy(), build.sqlPolicy(), build.nsg(), build.policyAssignment());

ruleTester.run(rule, {
  valid: [
    { name: "no intended state given: nothing to compare", model: live },
    { name: "every desired resource found by its Azure id", model: live, extras: { desired: build.model(asDesired(build.vault(), "vault", true), asDesired(build.nsg(), "nsg", true)) } },
    {
      name: "found by name and resource group when the stack has no id yet (preview)",
      model: live,
      extras: { desired: build.model(asDesired(build.vmPolicy(), "vm-policy"), asDesired(build.policyAssignment(), "assignment")) },
    },
    { name: "Azure spells the name in another case", model: build.model(build.vault({ vaultName: "RSV-PROD" })), extras: { desired: build.model(asDesired(build.vault(), "vault")) } },
  ],
  invalid: [
    {
      name: "a backup policy deleted in Azure",
      model: build.model(build.vault(), build.vmPolicy()),
      extras: { desired: build.model(asDesired(build.vmPolicy(), "vm-policy"), asDesired(build.sqlPolicy(), "sql-policy")) },
      errors: [{ messageId: "missing", resource: "sql-policy", data: { name: "sql-full-diff-log", collection: "backupPolicies" } }],
    },
    {
      name: "the same policy name in another vault does not count",
      model: build.model(build.vmPolicy({ vaultName: "rsv-other" })),
      extras: { desired: build.model(asDesired(build.vmPolicy(), "vm-policy")) },
      errors: [{ messageId: "missing", resource: "vm-policy" }],
    },
  ],
  unknown: [
    {
      name: "neither id nor name known at preview",
      model: live,
      extras: { desired: build.model(asDesired(build.vault({ vaultName: UNKNOWN }), "vault")) },
      unknowns: [{ messageId: "unidentified", resource: "vault" }],
    },
    {
      name: "not found, but the vault's policies could not be read",
      model: build.model(build.vault()),
      extras: {
        desired: build.model(asDesired(build.vmPolicy(), "vm-policy")),
        liveGaps: [{ collections: ["backupPolicies"], subscriptionIds: ["00000000-0000-0000-0000-000000000001"], resourceGroup: "rg-backup", vaultName: "rsv-prod" }],
      },
      unknowns: [{ messageId: "notRead", resource: "vm-policy" }],
    },
  ],
});
