import rule from "../../../checks/vm/vm-in-vault-subscription.js";
import { SUB, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { estate, exampleEstate, VM_NAME } from "./_estate.js";

const OTHER_SUB = "00000000-0000-0000-0000-000000000002";

ruleTester.run(rule, {
  valid: [
    { name: "golden: VM and vault in one subscription", model: estate() },
    { name: "subscription ids differ only in case", model: estate({ vm: { subscriptionId: SUB.toUpperCase() } }) },
    { name: "VM subscription read from its resource id", model: estate({ vm: { subscriptionId: undefined } }) },
    { name: "Azure's REST example VM in its vault's subscription", model: exampleEstate() },
  ],
  invalid: [
    {
      name: "VM in another subscription than the vault",
      model: estate({ vm: { subscriptionId: OTHER_SUB, id: `/subscriptions/${OTHER_SUB}/resourceGroups/rg-sql/providers/Microsoft.Compute/virtualMachines/${VM_NAME}` } }),
      errors: [{ messageId: "subscriptionMismatch", resource: VM_NAME, data: { vmSubscription: OTHER_SUB, vaultSubscription: SUB } }],
    },
  ],
  unknown: [{ name: "VM subscription computed at preview", model: estate({ vm: { subscriptionId: UNKNOWN } }), unknowns: [{ messageId: "subscriptionUnknown" }] }],
});
