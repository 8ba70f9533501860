import rule from "../../../checks/vm/ephemeral-os-disk.js";
import { UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { estate, exampleEstate, VM_NAME } from "./_estate.js";

const osDisk = { name: `${VM_NAME}-os`, sizeGb: 127, storageAccountType: "Premium_LRS", managed: true };

ruleTester.run(rule, {
  valid: [
    { name: "golden: managed OS disk", model: estate() },
    { name: "Azure's REST example VM", model: exampleEstate() },
    { name: "ephemeral setting not given (Azure's default is a persistent disk)", model: estate({ vm: { osDisk: { ...osDisk } } }) },
  ],
  invalid: [
    {
      name: "ephemeral OS disk",
      model: estate({ vm: { osDisk: { ...osDisk, storageAccountType: "Standard_LRS", ephemeral: true } } }),
      errors: [{ messageId: "ephemeralOsDisk", resource: VM_NAME, data: { value: true } }],
    },
  ],
  unknown: [{ name: "diffDiskSettings computed at preview", model: estate({ vm: { osDisk: { ...osDisk, ephemeral: UNKNOWN } } }), unknowns: [{ messageId: "ephemeralUnknown" }] }],
});
