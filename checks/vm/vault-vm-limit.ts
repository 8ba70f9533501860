import { defineRule } from "../../src/engine/define-rule.js";
import { normalizeId } from "../../src/model/ids.js";
import type { ProtectedItem, ProtectionIntent, Vault } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { vaultLabel } from "./_vm-protection.js";

/** Azure VMs one Recovery Services vault can register. */
export const MAX_VMS_PER_VAULT = 1000;

/** One key per protected VM: its resource id when known, else the item's container or name. */
function vmKeyOfItem(item: ProtectedItem | ProtectionIntent): string {
  const src = item.sourceResourceId;
  if (typeof src === "string" && src) return normalizeId(src);
  const container = "containerName" in item && typeof item.containerName === "string" ? item.containerName : undefined;
  return `item:${(container ?? item.ref.id ?? item.ref.name).toLowerCase()}`;
}

export default defineRule({
  id: "VM-005",
  name: "vault-vm-limit",
  title: "A Recovery Services vault protects at most 1,000 Azure VMs",
  // A documented service limit without a documented error code: warning.
  severity: "warning",
  prevents: [],
  remediation:
    "Spread the VMs over several vaults (for example one per application or environment) so that none registers more than 1,000 Azure VMs.",
  check(ctx) {
    const perVault = new Map<Vault, Set<string>>();
    // VMs whose vault is computed at preview could belong to any vault.
    const unplaced = new Set<string>();
    const items = [
      ...ctx.model.protectedItems.filter((it) => it.workload === "vm"),
      ...ctx.model.protectionIntents.filter((it) => it.workload === "vm"),
    ];
    for (const item of items) {
      const vault = ctx.index.vaultOfItem(item);
      const key = vmKeyOfItem(item);
      if (vault) {
        const set = perVault.get(vault) ?? new Set<string>();
        set.add(key);
        perVault.set(vault, set);
      } else if (isUnknown(item.vaultName)) {
        unplaced.add(key);
      }
    }
    for (const [vault, vms] of perVault) {
      const count = vms.size;
      if (count > MAX_VMS_PER_VAULT) {
        ctx.report({
          resource: vault.ref,
          messageId: "tooManyVms",
          message: `Vault "${vaultLabel(vault)}" protects ${count} Azure VMs; a Recovery Services vault registers at most ${MAX_VMS_PER_VAULT}, so protecting the rest fails. Move ${count - MAX_VMS_PER_VAULT} or more VMs to another vault.`,
          data: { count, limit: MAX_VMS_PER_VAULT },
        });
      } else if (count + unplaced.size > MAX_VMS_PER_VAULT) {
        ctx.unknown({
          resource: vault.ref,
          messageId: "countUnknown",
          message: `Vault "${vaultLabel(vault)}" protects ${count} Azure VMs, and ${unplaced.size} more VM protections name a vault that is not known before deployment; together they could pass the limit of ${MAX_VMS_PER_VAULT}.`,
          data: { count, unplaced: unplaced.size, limit: MAX_VMS_PER_VAULT },
        });
      } else {
        ctx.pass(vault.ref);
      }
    }
  },
});
