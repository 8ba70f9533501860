import rule from "../../../checks/linux/script-retry-count.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { linuxEstate } from "../vm/_estate.js";
import { INVENTORY, osUnknown, withContent } from "./_linux.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: no retries", model: linuxEstate() },
    { name: "three pre-script retries", model: withContent({ preScriptNoOfRetries: 3 }) },
    { name: "retry counts left out", model: withContent({ preScriptNoOfRetries: undefined, postScriptNoOfRetries: undefined }) },
  ],
  invalid: [
    { name: "negative retries", model: withContent({ postScriptNoOfRetries: -1 }), errors: [{ messageId: "invalidRetries", resource: INVENTORY, data: { key: "postScriptNoOfRetries", value: -1, min: 0 } }] },
    { name: "fractional retries", model: withContent({ preScriptNoOfRetries: 1.5 }), errors: [{ messageId: "invalidRetries", data: { key: "preScriptNoOfRetries", value: 1.5 } }] },
  ],
  unknown: [{ name: "OS computed at preview", model: osUnknown(), unknowns: [{ messageId: "osUnknown" }] }],
});
