import rule from "../../../checks/vm/enhanced-policy-disk-types.js";
import { UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { dataDisk, estate, standardPolicyEstate, VM_NAME } from "./_estate.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: Premium SSD disks, Enhanced policy", model: estate() },
    { name: "Standard policy for a VM with Premium SSD disks only", model: standardPolicyEstate() },
    { name: "Ultra Disk under an Enhanced policy", model: estate({ vm: { dataDisks: [dataDisk(0, { storageAccountType: "UltraSSD_LRS" })] } }) },
    { name: "Confidential VM under an Enhanced policy", model: estate({ vm: { securityType: "ConfidentialVM" } }) },
    { name: "policy type spelled in lower case (v2)", model: estate({ policy: { vmPolicyType: "v2" }, vm: { dataDisks: [dataDisk(0, { storageAccountType: "PremiumV2_LRS" })] } }) },
    { name: "disk types unknown, but the policy is Enhanced anyway", model: estate({ vm: { dataDisks: UNKNOWN } }) },
  ],
  invalid: [
    {
      name: "Premium SSD v2 data disk under a Standard policy",
      model: standardPolicyEstate({ vm: { dataDisks: [dataDisk(0), dataDisk(1, { storageAccountType: "PremiumV2_LRS" })] } }),
      errors: [{ messageId: "standardPolicy", resource: VM_NAME, data: { policyType: "V1", requires: [`LUN 1 "${VM_NAME}-data1" is Premium SSD v2 (PremiumV2_LRS)`] } }],
    },
    {
      name: "a policy without policyType is Standard to Azure",
      model: standardPolicyEstate({ policy: { vmPolicyType: undefined }, vm: { dataDisks: [dataDisk(0, { storageAccountType: "UltraSSD_LRS" })] } }),
      errors: [{ messageId: "standardPolicy" }],
    },
    {
      name: "Confidential VM with an Ultra Disk under a Standard policy: one finding naming both",
      model: standardPolicyEstate({ vm: { securityType: "ConfidentialVM", dataDisks: [dataDisk(0, { storageAccountType: "UltraSSD_LRS" })] } }),
      errors: [{ messageId: "standardPolicy", data: { requires: [`LUN 0 "${VM_NAME}-data0" is Ultra Disk (UltraSSD_LRS)`, "it is a Confidential VM"] } }],
    },
  ],
  unknown: [
    { name: "policy id computed at preview", model: estate({ item: { policyId: UNKNOWN }, vm: { dataDisks: [dataDisk(0, { storageAccountType: "UltraSSD_LRS" })] } }), unknowns: [{ messageId: "policyUnknown" }] },
    { name: "policy type computed at preview", model: estate({ policy: { vmPolicyType: UNKNOWN }, vm: { securityType: "ConfidentialVM" } }), unknowns: [{ messageId: "policyUnknown" }] },
    { name: "disk SKU computed at preview under a Standard policy", model: standardPolicyEstate({ vm: { dataDisks: [dataDisk(0, { storageAccountType: UNKNOWN })] } }), unknowns: [{ messageId: "disksUnknown" }] },
  ],
});
