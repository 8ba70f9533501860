import rule from "../../../checks/vault/immutability-not-locked.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

ruleTester.run(rule, {
  valid: [{ name: "golden: Locked", model: build.model(build.vault()) }],
  invalid: [
    { name: "Disabled", model: build.model(build.vault({ immutability: "Disabled" })), errors: [{ messageId: "notEnabled", data: { state: "Disabled" } }] },
    { name: "not set", model: build.model(build.vault({ immutability: undefined })), errors: [{ messageId: "notEnabled" }] },
    { name: "Unlocked", model: build.model(build.vault({ immutability: "Unlocked" })), errors: [{ messageId: "notLocked", data: { state: "Unlocked" } }] },
  ],
  unknown: [{ name: "state computed at preview", model: build.model(build.vault({ immutability: UNKNOWN })), unknowns: [{ messageId: "stateUnknown" }] }],
});
