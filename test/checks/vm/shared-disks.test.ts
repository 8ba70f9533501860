import rule from "../../../checks/vm/shared-disks.js";
import { UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { dataDisk, estate, standardPolicyEstate, VM_NAME } from "./_estate.js";

const shared = { dataDisks: [dataDisk(0), dataDisk(1, { maxShares: 2 })] };

ruleTester.run(rule, {
  valid: [
    { name: "golden: no shared disk", model: estate() },
    { name: "shared disk excluded by LUN under an Enhanced policy", model: estate({ vm: shared, item: { diskExclusion: { luns: [1], isInclusionList: false } } }) },
    { name: "inclusion list that leaves the shared disk out", model: estate({ vm: shared, item: { diskExclusion: { luns: [0], isInclusionList: true } } }) },
    { name: "maxShares 1 is not shared", model: standardPolicyEstate({ vm: { dataDisks: [dataDisk(0, { maxShares: 1 })] } }) },
  ],
  invalid: [
    {
      name: "shared disk under a Standard policy",
      model: standardPolicyEstate({ vm: shared }),
      errors: [{ messageId: "standardPolicy", resource: VM_NAME, data: { disks: [`LUN 1 "${VM_NAME}-data1"`], policyType: "V1" } }],
    },
    {
      name: "Enhanced policy but the shared disk is still backed up",
      model: estate({ vm: shared }),
      errors: [{ messageId: "sharedDiskIncluded", data: { disks: [`LUN 1 "${VM_NAME}-data1"`] } }],
    },
    {
      name: "exclusion list names another LUN",
      model: estate({ vm: shared, item: { diskExclusion: { luns: [0], isInclusionList: false } } }),
      errors: [{ messageId: "sharedDiskIncluded" }],
    },
  ],
  unknown: [
    { name: "maxShares computed at preview", model: estate({ vm: { dataDisks: [dataDisk(0, { maxShares: UNKNOWN })] } }), unknowns: [{ messageId: "sharesUnknown" }] },
    { name: "disk exclusion computed at preview", model: estate({ vm: shared, item: { diskExclusion: UNKNOWN } }), unknowns: [{ messageId: "exclusionUnknown" }] },
    { name: "data disk list computed at preview", model: estate({ vm: { dataDisks: UNKNOWN } }), unknowns: [{ messageId: "disksUnknown" }] },
  ],
});
