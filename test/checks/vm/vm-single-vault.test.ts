import rule from "../../../checks/vm/vm-single-vault.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { estate, VM_NAME } from "./_estate.js";

const secondVault = build.vault({ name: "rsv-dr" });
const secondItem = (o: Parameters<typeof build.vmItem>[1] = {}) =>
  build.vmItem(VM_NAME, { name: `${VM_NAME}-dr`, id: `${ids.vault("rsv-dr")}/backupFabrics/Azure/protectionContainers/c/protectedItems/i`, vaultName: "rsv-dr", policyId: ids.policy("vm-enhanced-daily", "rsv-dr"), ...o });

ruleTester.run(rule, {
  valid: [
    { name: "golden: one vault", model: estate() },
    { name: "second vault's protection is stopped (moving the VM)", model: estate({ extra: [secondVault, secondItem({ protectionState: "ProtectionStopped" })] }) },
    { name: "two items for the VM in the same vault", model: estate({ extra: [build.vmItem(VM_NAME, { name: "dup" })] }) },
  ],
  invalid: [
    {
      name: "VM protected in two vaults",
      model: estate({ extra: [secondVault, secondItem()] }),
      errors: [{ messageId: "severalVaults", resource: VM_NAME, data: { vaults: ["rsv-prod", "rsv-dr"] } }],
    },
  ],
  unknown: [
    {
      name: "second protection's vault computed at preview",
      model: estate({ extra: [build.vmItem(VM_NAME, { name: `${VM_NAME}-pending`, id: "", vaultName: UNKNOWN })] }),
      unknowns: [{ messageId: "vaultUnknown" }],
    },
  ],
});
