import { defineRule } from "../../src/engine/define-rule.js";
import { parseArmId } from "../../src/model/ids.js";
import type { Vault, VirtualMachine } from "../../src/model/types.js";
import { isUnknown, type Known } from "../../src/model/unknown.js";
import { vaultLabel, vmLabel, vmProtections } from "./_vm-protection.js";

/** The subscription of a VM or vault: its own field, else the one in its resource id. */
function subscriptionOf(entity: VirtualMachine | Vault): Known<string | undefined> {
  if (isUnknown(entity.subscriptionId) || entity.subscriptionId) return entity.subscriptionId;
  return entity.ref.id ? parseArmId(entity.ref.id).subscriptionId : undefined;
}

export default defineRule({
  id: "VM-004",
  name: "vm-in-vault-subscription",
  title: "A protected VM is in the same subscription as its Recovery Services vault",
  // Cross-subscription VM backup arrived in the 2026 CLI/PowerShell releases; the support matrix still requires the
  // same subscription. The newest API accepting it makes this advice, not an error.
  severity: "note",
  prevents: [],
  remediation:
    "Keep each VM's vault in the VM's subscription, or make sure every tool that configures and restores this backup supports cross-subscription backup (Azure CLI and Az PowerShell releases from July 2026).",
  check(ctx) {
    for (const { vm, item, vault } of vmProtections(ctx)) {
      if (!vault) continue;
      const vmSub = subscriptionOf(vm);
      const vaultSub = subscriptionOf(vault);
      if (isUnknown(vmSub) || isUnknown(vaultSub)) {
        ctx.unknown({
          resource: item.ref,
          messageId: "subscriptionUnknown",
          message: `The subscription of VM "${vmLabel(vm)}" or of vault "${vaultLabel(vault)}" is not known before deployment.`,
        });
        continue;
      }
      if (vmSub === undefined || vaultSub === undefined) continue;
      if (vmSub.toLowerCase() === vaultSub.toLowerCase()) {
        ctx.pass(item.ref);
        continue;
      }
      ctx.report({
        resource: item.ref,
        messageId: "subscriptionMismatch",
        message: `VM "${vmLabel(vm)}" is in subscription ${vmSub} but vault "${vaultLabel(vault)}" is in ${vaultSub}. Vault discovery and the portal only list VMs of the vault's subscription, the support matrix requires the same subscription, and only the newest CLI/PowerShell releases configure cross-subscription backup.`,
        data: { vmSubscription: vmSub, vaultSubscription: vaultSub },
      });
    }
  },
});
