import rule from "../../../checks/linux/continue-backup-on-failure.js";
import { UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { linuxEstate } from "../vm/_estate.js";
import { INVENTORY, osUnknown, withContent } from "./_linux.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: fall back on failure", model: linuxEstate() },
    { name: "not set (true by default)", model: withContent({ continueBackupOnFailure: undefined }) },
    { name: "false on a single-disk VM, which always falls back", model: withContent({ continueBackupOnFailure: false }, { vm: { dataDisks: [] } }) },
  ],
  invalid: [
    { name: "false on a VM with a data disk", model: withContent({ continueBackupOnFailure: false }), errors: [{ messageId: "failsBackup", resource: INVENTORY, data: { value: false, dataDisks: 1 } }] },
  ],
  unknown: [
    { name: "OS computed at preview", model: osUnknown(), unknowns: [{ messageId: "osUnknown" }] },
    { name: "data disks computed at preview", model: withContent({ continueBackupOnFailure: false }, { vm: { dataDisks: UNKNOWN } }), unknowns: [{ messageId: "disksUnknown" }] },
  ],
});
