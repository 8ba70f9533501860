import rule from "../../../checks/tags/snapshot-rg-name-invalid.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const withPattern = (prefix: string | undefined, suffix: string | undefined) => build.model(build.vmPolicy({ instantRpResourceGroup: { prefix, suffix } }));

ruleTester.run(rule, {
  valid: [
    { name: "golden prefix rg-rp-", model: build.model(build.vmPolicy()) },
    { name: "default group (no prefix, no suffix)", model: withPattern(undefined, undefined) },
    { name: "prefix and suffix with every allowed character", model: withPattern("rg_backup.(snap)-", "-eus") },
    { name: "exactly 74 characters with the number", model: withPattern("p".repeat(69), "-sfx") },
    { name: "SQL policies have no snapshot group", model: build.model(build.sqlPolicy()) },
  ],
  invalid: [
    { name: "75 characters", model: withPattern("p".repeat(70), "-sfx"), errors: [{ messageId: "tooLong", data: { length: 75, limit: 74 } }] },
    { name: "a space and a slash in the prefix", model: withPattern("rg backup/", undefined), errors: [{ messageId: "invalidCharacters", data: { part: "azureBackupRGNamePrefix", characters: [" ", "/"] } }] },
    { name: "suffix ending in a period", model: withPattern("rg-rp-", "."), errors: [{ messageId: "endsWithPeriod", data: { name: "rg-rp-1." } }] },
    { name: "suffix without prefix", model: withPattern(undefined, "-snap"), errors: [{ messageId: "suffixWithoutPrefix" }] },
  ],
  unknown: [
    { name: "prefix computed at preview", model: build.model(build.vmPolicy({ instantRpResourceGroup: { prefix: UNKNOWN, suffix: undefined } })), unknowns: [{ messageId: "patternUnknown" }] },
  ],
});
