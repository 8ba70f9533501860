import rule from "../../../checks/linux/fsfreeze-enabled.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { linuxEstate } from "../vm/_estate.js";
import { INVENTORY, osUnknown, withContent } from "./_linux.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: fsfreeze on", model: linuxEstate() },
    { name: "not set (the extension freezes by default)", model: withContent({ fsFreezeEnabled: undefined }) },
  ],
  invalid: [{ name: "fsfreeze turned off", model: withContent({ fsFreezeEnabled: false }), errors: [{ messageId: "fsfreezeDisabled", resource: INVENTORY, data: { value: false } }] }],
  unknown: [{ name: "OS computed at preview", model: osUnknown(), unknowns: [{ messageId: "osUnknown" }] }],
});
