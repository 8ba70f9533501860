import { defineRule } from "../../src/engine/define-rule.js";
import type { Vault } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { protectedVms, vaultLabel, vmLabel } from "./_vm-protection.js";

export default defineRule({
  id: "VM-014",
  name: "vm-single-vault",
  title: "A VM is protected by one Recovery Services vault only",
  // Azure refuses the second registration ("VM is already protected"); no documented error code: warning.
  severity: "warning",
  prevents: [],
  remediation:
    "Protect each VM in exactly one vault; to move a VM to another vault, stop protection in the first vault (and delete or let its backup data expire) before protecting it in the second.",
  check(ctx) {
    for (const { vm, protections } of protectedVms(ctx)) {
      const vaults: Vault[] = [];
      for (const p of protections) if (p.vault && !vaults.includes(p.vault)) vaults.push(p.vault);
      // A protection whose vault name is computed at preview may name a second vault.
      const unplaced = protections.filter((p) => !p.vault && isUnknown(p.item.vaultName)).length;
      if (vaults.length <= 1) {
        if (unplaced > 0 && vaults.length + unplaced > 1)
          ctx.unknown({
            resource: vm.ref,
            messageId: "vaultUnknown",
            message: `VM "${vmLabel(vm)}" has ${unplaced} protection(s) whose vault is not known before deployment, so whether it is protected in more than one vault cannot be checked.`,
          });
        else if (vaults.length === 1) ctx.pass(vm.ref);
        continue;
      }
      const names = vaults.map(vaultLabel);
      ctx.report({
        resource: vm.ref,
        messageId: "severalVaults",
        message: `VM "${vmLabel(vm)}" is protected in ${vaults.length} vaults (${names.join(", ")}); Azure Backup registers a VM with one vault only, so all but the first protection fail. Keep one.`,
        data: { vaults: names },
      });
    }
  },
});
