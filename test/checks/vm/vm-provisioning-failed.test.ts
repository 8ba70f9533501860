import rule from "../../../checks/vm/vm-provisioning-failed.js";
import { UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { estate, exampleEstate, VM_NAME } from "./_estate.js";

ruleTester.run(rule, {
  valid: [
    { name: "provisioning succeeded", model: estate({ vm: { provisioningState: "Succeeded" } }) },
    { name: "Azure's REST example VM (Succeeded)", model: exampleEstate() },
    { name: "a planned VM without a provisioning state", model: estate() },
    { name: "a failed VM that is not protected", model: estate({ vm: { provisioningState: "Failed" }, item: { protectionState: "ProtectionStopped" } }) },
  ],
  invalid: [
    { name: "VM in the Failed provisioning state", model: estate({ vm: { provisioningState: "Failed" } }), errors: [{ messageId: "provisioningFailed", resource: VM_NAME, data: { value: "Failed" } }] },
  ],
  unknown: [{ name: "provisioning state computed at preview", model: estate({ vm: { provisioningState: UNKNOWN } }), unknowns: [{ messageId: "stateUnknown" }] }],
});
