import rule from "../../../checks/vm/trusted-launch-standard-policy.js";
import { UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { estate, standardPolicyEstate, VM_NAME } from "./_estate.js";

ruleTester.run(rule, {
  valid: [
    { name: "Trusted Launch VM under the golden Enhanced policy", model: estate({ vm: { securityType: "TrustedLaunch" } }) },
    { name: "VM without Trusted Launch under a Standard policy", model: standardPolicyEstate() },
    { name: "Standard security type under a Standard policy", model: standardPolicyEstate({ vm: { securityType: "Standard" } }) },
  ],
  invalid: [
    {
      name: "Trusted Launch VM under a Standard policy",
      model: standardPolicyEstate({ vm: { securityType: "TrustedLaunch" } }),
      errors: [{ messageId: "standardPolicy", resource: VM_NAME, data: { policyType: "V1", securityType: "TrustedLaunch" } }],
    },
  ],
  unknown: [
    { name: "security type computed at preview", model: standardPolicyEstate({ vm: { securityType: UNKNOWN } }), unknowns: [{ messageId: "securityTypeUnknown" }] },
    { name: "policy computed at preview", model: estate({ vm: { securityType: "TrustedLaunch" }, item: { policyId: UNKNOWN } }), unknowns: [{ messageId: "policyUnknown" }] },
  ],
});
