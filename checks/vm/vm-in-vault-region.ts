import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { normalizeRegion, vaultLabel, vmLabel, vmProtections } from "./_vm-protection.js";

export default defineRule({
  id: "VM-003",
  name: "vm-in-vault-region",
  title: "A protected VM is in the same Azure region as its Recovery Services vault",
  // Azure refuses it, but documents no error code for it: graded warning (re-grade to error in the config if you like).
  severity: "warning",
  prevents: [],
  remediation:
    "Protect the VM with a Recovery Services vault in the VM's own region (create one per region), or move the VM; a vault cannot move to another region.",
  check(ctx) {
    for (const { vm, item, vault } of vmProtections(ctx)) {
      if (!vault) continue;
      const vmLocation = vm.location;
      const vaultLocation = vault.location;
      if (isUnknown(vmLocation) || isUnknown(vaultLocation)) {
        ctx.unknown({
          resource: item.ref,
          messageId: "locationUnknown",
          message: `The region of VM "${vmLabel(vm)}" or of vault "${vaultLabel(vault)}" is not known before deployment, so they cannot be compared.`,
        });
        continue;
      }
      if (vmLocation === undefined || vaultLocation === undefined) continue;
      if (normalizeRegion(vmLocation) === normalizeRegion(vaultLocation)) {
        ctx.pass(item.ref);
        continue;
      }
      ctx.report({
        resource: item.ref,
        messageId: "regionMismatch",
        message: `VM "${vmLabel(vm)}" is in ${vmLocation} but vault "${vaultLabel(vault)}" is in ${vaultLocation}; Azure Backup only protects VMs in the vault's own region, so configuring this protection fails. Use a vault in ${vmLocation}.`,
        data: { vmLocation, vaultLocation },
      });
    }
  },
});
