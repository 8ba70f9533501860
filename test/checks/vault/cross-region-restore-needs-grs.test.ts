import rule from "../../../checks/vault/cross-region-restore-needs-grs.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: GRS with CRR", model: build.model(build.vault()) },
    { name: "LRS without CRR", model: build.model(build.vault({ storageRedundancy: "LocallyRedundant", crossRegionRestore: false })) },
    { name: "CRR with redundancy unset (geo-redundant by default)", model: build.model(build.vault({ storageRedundancy: undefined })) },
  ],
  invalid: [
    { name: "CRR on LRS", model: build.model(build.vault({ storageRedundancy: "LocallyRedundant" })), errors: [{ messageId: "notGeoRedundant", data: { storageRedundancy: "LocallyRedundant" } }] },
    { name: "CRR on ZRS", model: build.model(build.vault({ storageRedundancy: "ZoneRedundant" })), errors: [{ messageId: "notGeoRedundant" }] },
  ],
  unknown: [
    { name: "redundancy computed at preview", model: build.model(build.vault({ storageRedundancy: UNKNOWN })), unknowns: [{ messageId: "settingUnknown" }] },
    { name: "CRR computed at preview", model: build.model(build.vault({ crossRegionRestore: UNKNOWN })), unknowns: [{ messageId: "settingUnknown" }] },
  ],
});
