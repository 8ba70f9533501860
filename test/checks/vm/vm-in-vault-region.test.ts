import rule from "../../../checks/vm/vm-in-vault-region.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { estate, exampleEstate, VM_NAME } from "./_estate.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: VM and vault in eastus", model: estate() },
    { name: "display name and short name of one region (\"East US\" / \"eastus\")", model: estate({ vm: { location: "East US" } }) },
    { name: "Azure's REST example VM (\"West US\") with a westus vault", model: exampleEstate() },
    { name: "VM location not set by the source", model: estate({ vm: { location: undefined } }) },
    {
      name: "the protecting vault is not in the model",
      model: build.model(build.vm(VM_NAME, { location: "westeurope" }), build.vmItem(VM_NAME, { vaultName: "rsv-elsewhere", policyId: ids.policy("p", "rsv-elsewhere") })),
    },
  ],
  invalid: [
    {
      name: "VM in westeurope, vault in eastus",
      model: estate({ vm: { location: "westeurope" } }),
      errors: [{ messageId: "regionMismatch", resource: VM_NAME, data: { vmLocation: "westeurope", vaultLocation: "eastus" } }],
    },
    {
      name: "vault moved to another region than its VMs",
      model: estate({ vault: { location: "West Europe" } }),
      errors: [{ messageId: "regionMismatch", data: { vaultLocation: "West Europe" } }],
    },
  ],
  unknown: [
    { name: "VM location computed at preview", model: estate({ vm: { location: UNKNOWN } }), unknowns: [{ messageId: "locationUnknown" }] },
    { name: "vault location computed at preview", model: estate({ vault: { location: UNKNOWN } }), unknowns: [{ messageId: "locationUnknown" }] },
  ],
});
