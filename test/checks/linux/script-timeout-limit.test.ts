import { expect, it } from "vitest";
import rule from "../../../checks/linux/script-timeout-limit.js";
import { findingsOf, ruleTester } from "../../harness/rule-tester.js";
import { linuxEstate } from "../vm/_estate.js";
import { INVENTORY, osUnknown, withContent } from "./_linux.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: 60 s", model: linuxEstate() },
    { name: "exactly 1800 s", model: withContent({ timeoutInSeconds: 1800 }) },
    { name: "timeout as text is LINUX-002's finding, not this rule's", model: withContent({ timeoutInSeconds: "60" }) },
  ],
  invalid: [
    { name: "3600 s: the framework stops at 1800", model: withContent({ timeoutInSeconds: 3600 }), errors: [{ messageId: "exceedsMax", resource: INVENTORY, data: { value: 3600, limit: 1800 } }] },
    { name: "zero", model: withContent({ timeoutInSeconds: 0 }), errors: [{ messageId: "notPositive", data: { value: 0 } }] },
    { name: "not set", model: withContent({ timeoutInSeconds: undefined }), errors: [{ messageId: "timeoutMissing" }] },
  ],
  unknown: [{ name: "OS computed at preview", model: osUnknown(), unknowns: [{ messageId: "osUnknown" }] }],
});

it("LINUX-003 names the timeout errors Azure reports, spelled as Azure spells them", () => {
  const [finding] = findingsOf(rule, { name: "3600", model: withContent({ timeoutInSeconds: 3600 }) });
  expect(finding?.azureErrorCodes).toEqual(["Pre-ScriptTimeout", "Post-ScriptTimeout"]);
});
