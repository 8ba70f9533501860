import rule from "../../../checks/vm/offline-vm-crash-consistent.js";
import { UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { estate, exampleEstate, VM_NAME } from "./_estate.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: VM running", model: estate() },
    { name: "Azure's REST example VM (PowerState/running)", model: exampleEstate() },
    { name: "power state code form", model: estate({ vm: { powerState: "PowerState/running" } }) },
    { name: "planned VM without an instance view", model: estate({ vm: { powerState: undefined } }) },
  ],
  invalid: [
    { name: "VM deallocated", model: estate({ vm: { powerState: "VM deallocated" } }), errors: [{ messageId: "vmOffline", resource: VM_NAME, data: { value: "VM deallocated" } }] },
    { name: "VM stopped (code form)", model: estate({ vm: { powerState: "PowerState/stopped" } }), errors: [{ messageId: "vmOffline", data: { value: "PowerState/stopped" } }] },
  ],
  unknown: [{ name: "power state computed at preview", model: estate({ vm: { powerState: UNKNOWN } }), unknowns: [{ messageId: "stateUnknown" }] }],
});
