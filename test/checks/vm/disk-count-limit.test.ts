import rule from "../../../checks/vm/disk-count-limit.js";
import { UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { dataDisk, estate, exampleEstate, VM_NAME } from "./_estate.js";

const disks = (n: number, o: Parameters<typeof dataDisk>[1] = {}) => Array.from({ length: n }, (_, i) => dataDisk(i, o));

ruleTester.run(rule, {
  valid: [
    { name: "golden: one data disk", model: estate() },
    { name: "Azure's REST example VM (two data disks)", model: exampleEstate() },
    { name: "32 managed data disks", model: estate({ vm: { dataDisks: disks(32) } }) },
    { name: "16 unmanaged data disks", model: estate({ vm: { dataDisks: disks(16, { managed: false }) } }) },
    { name: "no data disks", model: estate({ vm: { dataDisks: undefined } }) },
  ],
  invalid: [
    { name: "33 managed data disks", model: estate({ vm: { dataDisks: disks(33) } }), errors: [{ messageId: "tooManyDisks", resource: VM_NAME, data: { value: 33, limit: 32, managed: true } }] },
    { name: "17 unmanaged data disks", model: estate({ vm: { dataDisks: disks(17, { managed: false }) } }), errors: [{ messageId: "tooManyDisks", data: { value: 17, limit: 16, managed: false } }] },
  ],
  unknown: [
    { name: "data disks computed at preview", model: estate({ vm: { dataDisks: UNKNOWN } }), unknowns: [{ messageId: "disksUnknown" }] },
    { name: "20 data disks whose kind is computed at preview", model: estate({ vm: { dataDisks: disks(20, { managed: UNKNOWN }) } }), unknowns: [{ messageId: "managedUnknown" }] },
  ],
});
