import rule from "../../../checks/linux/config-required-fields.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { linuxEstate } from "../vm/_estate.js";
import { INVENTORY, osUnknown, withContent } from "./_linux.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden config", model: linuxEstate() },
    { name: "optional settings left out (the extension's defaults apply)", model: withContent({ preScriptParams: undefined, postScriptParams: undefined, fsFreezeEnabled: undefined, ScriptsExecutionPollTimeSeconds: undefined }) },
    { name: "empty parameter lists", model: withContent({ preScriptParams: [], postScriptParams: [] }) },
  ],
  invalid: [
    {
      name: "template left with an empty pre-script location",
      model: withContent({ preScriptLocation: "" }),
      errors: [{ messageId: "locationMissing", resource: INVENTORY, data: { key: "preScriptLocation", value: "" } }],
    },
    { name: "post-script location missing", model: withContent({ postScriptLocation: undefined }), errors: [{ messageId: "locationMissing", data: { key: "postScriptLocation", value: null } }] },
    { name: "relative script path", model: withContent({ preScriptLocation: "scripts/pre.sh" }), errors: [{ messageId: "locationNotAbsolute", data: { value: "scripts/pre.sh" } }] },
    { name: "boolean written as text", model: withContent({ continueBackupOnFailure: "false" }), errors: [{ messageId: "wrongType", data: { key: "continueBackupOnFailure", expected: "boolean", value: "false" } }] },
    { name: "timeout written as text", model: withContent({ timeoutInSeconds: "600" }), errors: [{ messageId: "wrongType", data: { key: "timeoutInSeconds", expected: "number" } }] },
    { name: "parameters as one string", model: withContent({ preScriptParams: "--quiesce --all" }), errors: [{ messageId: "wrongType", data: { key: "preScriptParams", expected: "string[]" } }] },
    { name: "parameters that are not quoted strings", model: withContent({ postScriptParams: ["--thaw", 3] }), errors: [{ messageId: "wrongType", data: { key: "postScriptParams" } }] },
  ],
  unknown: [{ name: "OS computed at preview", model: osUnknown(), unknowns: [{ messageId: "osUnknown" }] }],
});
