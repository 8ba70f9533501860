import rule from "../../../checks/vault/redundancy-change-after-protection.js";
import type { ResourceRef } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const deployed = <T extends { ref: ResourceRef }>(e: T): T => ({ ...e, ref: { ...e.ref, source: { adapter: "state" } } });
/** Golden: the program's vault and the same vault as deployed, both GRS, with items. */
const golden = () => [build.vault(), deployed(build.vault({ protectedItemCount: 12 }))];
const toLrs = () => build.vault({ storageRedundancy: "LocallyRedundant" });

ruleTester.run(rule, {
  valid: [
    { name: "golden: redundancy unchanged", model: build.model(...golden()) },
    { name: "a new vault (nothing deployed)", model: build.model(toLrs()) },
    { name: "change on a vault without items", model: build.model(toLrs(), deployed(build.vault({ protectedItemCount: 0 }))) },
    { name: "change while Azure reports the storage type unlocked", model: build.model(build.vault({ storageRedundancy: "LocallyRedundant", deployedStorageRedundancy: "GeoRedundant", storageRedundancyLocked: false })) },
  ],
  invalid: [
    {
      name: "GRS to LRS on a vault with 12 protected items",
      model: build.model(toLrs(), deployed(build.vault({ protectedItemCount: 12 }))),
      errors: [{ messageId: "changeRejected", resource: "rsv-prod", data: { from: "GeoRedundant", to: "LocallyRedundant" } }],
    },
    {
      name: "the source reports the deployed redundancy and a locked storage type",
      model: build.model(build.vault({ storageRedundancy: "ZoneRedundant", deployedStorageRedundancy: "GeoRedundant", storageRedundancyLocked: true })),
      errors: [{ messageId: "changeRejected", data: { to: "ZoneRedundant" } }],
    },
    {
      name: "deployed protected items in the vault",
      model: build.model(toLrs(), deployed(build.vault()), deployed(build.vmItem("appvm01"))),
      errors: [{ messageId: "changeRejected" }],
    },
  ],
  unknown: [
    { name: "the new redundancy is computed at preview", model: build.model(build.vault({ storageRedundancy: UNKNOWN }), deployed(build.vault({ protectedItemCount: 3 }))), unknowns: [{ messageId: "redundancyUnknown" }] },
    { name: "nothing says whether the vault holds items", model: build.model(toLrs(), deployed(build.vault())), unknowns: [{ messageId: "itemsUnknown" }] },
  ],
});
