import rule from "../../../checks/vm/disk-size-limit.js";
import { UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { dataDisk, estate, exampleEstate, VM_NAME } from "./_estate.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: 127 GiB OS disk and a 1 TiB data disk", model: estate() },
    { name: "Azure's REST example VM", model: exampleEstate() },
    { name: "a disk of exactly 32 TiB (32,768 GiB)", model: estate({ vm: { dataDisks: [dataDisk(0, { sizeGb: 32768, storageAccountType: "UltraSSD_LRS" })] } }) },
    { name: "eight 32 TiB disks: 256 TiB in total", model: estate({ vm: { osDisk: { name: "os", sizeGb: undefined, storageAccountType: "Premium_LRS", managed: true }, dataDisks: Array.from({ length: 8 }, (_, i) => dataDisk(i, { sizeGb: 32768 })) } }) },
    {
      name: "a 64 TiB data disk left out by selective disk backup (exclusion list)",
      model: estate({ vm: { dataDisks: [dataDisk(0), dataDisk(1, { sizeGb: 65536, storageAccountType: "PremiumV2_LRS" })] }, item: { diskExclusion: { luns: [1], isInclusionList: false } } }),
    },
    {
      name: "nine 30 TiB disks, an inclusion list backs up eight of them (240 TiB)",
      model: estate({ vm: { osDisk: { name: "os", sizeGb: undefined, storageAccountType: "Premium_LRS", managed: true }, dataDisks: Array.from({ length: 9 }, (_, i) => dataDisk(i, { sizeGb: 30720 })) }, item: { diskExclusion: { luns: [0, 1, 2, 3, 4, 5, 6, 7], isInclusionList: true } } }),
    },
    { name: "OS disk size left to the image", model: estate({ vm: { osDisk: { name: "os", sizeGb: undefined, storageAccountType: "Premium_LRS", managed: true } } }) },
  ],
  invalid: [
    {
      name: "a 64 TiB Premium SSD v2 data disk",
      model: estate({ vm: { dataDisks: [dataDisk(0), dataDisk(1, { sizeGb: 65536, storageAccountType: "PremiumV2_LRS" })] } }),
      errors: [{ messageId: "diskTooLarge", resource: VM_NAME, data: { disk: `LUN 1 "${VM_NAME}-data1"`, value: 65536, limit: 32768 } }],
    },
    {
      name: "nine 30 TiB disks: 270 TiB in total",
      model: estate({ vm: { osDisk: { name: "os", sizeGb: undefined, storageAccountType: "Premium_LRS", managed: true }, dataDisks: Array.from({ length: 9 }, (_, i) => dataDisk(i, { sizeGb: 30720 })) } }),
      errors: [{ messageId: "vmTotalTooLarge", data: { value: 276480, limit: 262144 } }],
    },
    {
      name: "an inclusion list that still backs up the 64 TiB disk",
      model: estate({ vm: { dataDisks: [dataDisk(0), dataDisk(1, { sizeGb: 65536, storageAccountType: "PremiumV2_LRS" })] }, item: { diskExclusion: { luns: [1], isInclusionList: true } } }),
      errors: [{ messageId: "diskTooLarge", data: { value: 65536, limit: 32768 } }],
    },
  ],
  unknown: [
    {
      name: "a 64 TiB disk whose exclusion settings are computed at preview",
      model: estate({ vm: { dataDisks: [dataDisk(0), dataDisk(1, { sizeGb: 65536 })] }, item: { diskExclusion: UNKNOWN } }),
      unknowns: [{ messageId: "exclusionUnknown" }],
    },
    { name: "disk size computed at preview", model: estate({ vm: { dataDisks: [dataDisk(0, { sizeGb: UNKNOWN })] } }), unknowns: [{ messageId: "sizeUnknown" }] },
    { name: "data disk list computed at preview", model: estate({ vm: { dataDisks: UNKNOWN } }), unknowns: [{ messageId: "disksUnknown" }] },
  ],
});
