import rule from "../../../checks/drift/vault-settings-drift.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { asDesired } from "./_desired.js";

const desired = (o: Parameters<typeof build.vault>[0] = {}) => ({ desired: build.model(asDesired(build.vault(o), "vault")) });

ruleTester.run(rule, {
  valid: [
    { name: "live vault as the stack declares it", model: build.model(build.vault()), extras: desired() },
    { name: "no intended state: nothing to compare", model: build.model(build.vault({ immutability: "Disabled" })) },
    { name: "a setting the stack leaves to Azure's default", model: build.model(build.vault({ publicNetworkAccess: "Enabled" })), extras: desired({ publicNetworkAccess: undefined }) },
    { name: "values compare case-insensitively", model: build.model(build.vault({ storageRedundancy: "georedundant" })), extras: desired() },
  ],
  invalid: [
    {
      name: "soft delete turned off in Azure while the stack keeps it on",
      model: build.model(build.vault({ softDelete: { state: "Disabled", retentionDays: 14, enhancedSecurityState: "Disabled" } })),
      extras: desired({ softDelete: { state: "Enabled", retentionDays: 14, enhancedSecurityState: "Enabled" } }),
      errors: [{ messageId: "drifted", resource: "vault", data: { changes: [{ path: "softDeleteState", desired: "Enabled", live: "Disabled" }] } }],
    },
    {
      name: "public network access opened and redundancy lowered",
      model: build.model(build.vault({ publicNetworkAccess: "Enabled", storageRedundancy: "LocallyRedundant" })),
      extras: desired(),
      errors: [
        {
          messageId: "drifted",
          data: {
            changes: [
              { path: "storageRedundancy", desired: "GeoRedundant", live: "LocallyRedundant" },
              { path: "publicNetworkAccess", desired: "Disabled", live: "Enabled" },
            ],
          },
        },
      ],
    },
  ],
  unknown: [
    {
      name: "the stack's immutability is computed at preview",
      model: build.model(build.vault({ immutability: "Unlocked" })),
      extras: desired({ immutability: UNKNOWN }),
      unknowns: [{ messageId: "notComparable", data: { paths: ["immutability"] } }],
    },
  ],
});
