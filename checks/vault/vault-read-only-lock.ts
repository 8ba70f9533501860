import { defineRule } from "../../src/engine/define-rule.js";
import { normalizeId } from "../../src/model/ids.js";
import type { ManagementLock, Vault } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { parseScope, type Tri } from "../../src/policy-eval/index.js";
import { judgedVaults, vaultName } from "./_vault.js";

const LOCK_MARKER = "/providers/microsoft.authorization/locks/";

/** The scope a lock sits on: its `scope`, else the part of its id before `/providers/Microsoft.Authorization/locks/`. */
function lockScope(lock: ManagementLock): string | undefined | "unknown" {
  if (isUnknown(lock.scope)) return "unknown";
  if (lock.scope) return lock.scope;
  const id = lock.ref.id;
  const at = id?.toLowerCase().lastIndexOf(LOCK_MARKER) ?? -1;
  return id && at > 0 ? id.slice(0, at) : undefined;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether the lock sits on the vault, its resource group or its subscription (true), elsewhere (false), or cannot be placed. */
function coversVault(lock: ManagementLock, vault: Vault): { value: Tri; where?: string } {
  const group = isUnknown(vault.resourceGroup) ? "unknown" : vault.resourceGroup;
  const sub = isUnknown(vault.subscriptionId) ? "unknown" : vault.subscriptionId;
  // A Pulumi resource-group lock names its group before its scope id is known.
  const lockGroup = lock.resourceGroupName;
  if (isUnknown(lock.scope) && lockGroup !== undefined && !isUnknown(lockGroup)) {
    if (group === undefined || group === "unknown") return { value: "unknown" };
    return same(group, lockGroup) ? { value: true, where: `resource group ${lockGroup}` } : { value: false };
  }
  const scope = lockScope(lock);
  if (scope === undefined) return { value: false };
  if (scope === "unknown") return { value: "unknown" };
  const p = parseScope(scope);
  const sameSub = (s: string | undefined): Tri => (s === undefined || sub === "unknown" || sub === undefined ? "unknown" : same(s, sub));
  switch (p.kind) {
    case "subscription":
      return { value: sameSub(p.subscriptionId), where: `subscription ${p.subscriptionId}` };
    case "resourceGroup": {
      if (sameSub(p.subscriptionId) === false) return { value: false };
      if (group === undefined || group === "unknown") return { value: "unknown" };
      if (!same(p.resourceGroup, group)) return { value: false };
      return { value: sameSub(p.subscriptionId), where: `resource group ${p.resourceGroup}` };
    }
    case "resource": {
      const vaultId = vault.ref.id;
      if (!vaultId) return { value: "unknown" };
      const v = normalizeId(vaultId);
      const s = normalizeId(p.id);
      // A lock on the vault itself, or on one of its parents; a lock on a child (a policy) only covers that child.
      return v === s || v.startsWith(`${s}/`) ? { value: true, where: s === v ? "the vault itself" : p.id } : { value: false };
    }
    default:
      return { value: false };
  }
}

export default defineRule({
  id: "VAULT-014",
  name: "vault-read-only-lock",
  title: "No ReadOnly lock covers a Recovery Services vault",
  severity: "error",
  prevents: ["ScopeLocked"],
  remediation:
    "Replace the ReadOnly lock on the vault, its resource group or its subscription with a CanNotDelete lock: it still protects the vault from deletion but lets Azure Backup create and update policies and protected items.",
  check(ctx) {
    for (const vault of judgedVaults(ctx.model)) {
      let failed = false;
      let unknown = false;
      for (const lock of ctx.model.locks) {
        const level = lock.level;
        if (isUnknown(level)) {
          const cover = coversVault(lock, vault);
          if (cover.value !== false) unknown = true;
          continue;
        }
        if (level === undefined || !/^readonly$/i.test(level)) continue;
        const cover = coversVault(lock, vault);
        if (cover.value === "unknown") {
          unknown = true;
          continue;
        }
        if (!cover.value) continue;
        failed = true;
        ctx.report({
          resource: vault.ref,
          messageId: "readOnlyLock",
          message:
            `Vault ${vaultName(vault)} is under ReadOnly lock "${lock.ref.name}" (on ${cover.where}): Azure Resource Manager refuses every write inside that scope, ` +
            `so configuring backup, creating or changing a backup policy and stopping protection all fail with ScopeLocked. ` +
            `Use a CanNotDelete lock instead, which still blocks deleting the vault.`,
          data: { lock: lock.ref.name, level, scope: cover.where },
        });
      }
      if (failed) continue;
      if (unknown)
        ctx.unknown({
          resource: vault.ref,
          messageId: "lockUnknown",
          message: `A lock's level or scope is not known before deployment, so whether a ReadOnly lock covers vault ${vaultName(vault)} cannot be decided.`,
        });
      else ctx.pass(vault.ref);
    }
  },
});
