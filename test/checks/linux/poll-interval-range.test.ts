import rule from "../../../checks/linux/poll-interval-range.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { linuxEstate } from "../vm/_estate.js";
import { INVENTORY, osUnknown, withContent } from "./_linux.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: 3", model: linuxEstate() },
    { name: "lower bound 1", model: withContent({ ScriptsExecutionPollTimeSeconds: 1 }) },
    { name: "upper bound 5", model: withContent({ ScriptsExecutionPollTimeSeconds: 5 }) },
    { name: "not set", model: withContent({ ScriptsExecutionPollTimeSeconds: undefined }) },
  ],
  invalid: [
    { name: "10 s", model: withContent({ ScriptsExecutionPollTimeSeconds: 10 }), errors: [{ messageId: "outOfRange", resource: INVENTORY, data: { value: 10, min: 1, max: 5 } }] },
    { name: "0 s", model: withContent({ ScriptsExecutionPollTimeSeconds: 0 }), errors: [{ messageId: "outOfRange", data: { value: 0 } }] },
    { name: "not a whole number", model: withContent({ ScriptsExecutionPollTimeSeconds: 2.5 }), errors: [{ messageId: "outOfRange", data: { value: 2.5 } }] },
  ],
  unknown: [{ name: "OS computed at preview", model: osUnknown(), unknowns: [{ messageId: "osUnknown" }] }],
});
