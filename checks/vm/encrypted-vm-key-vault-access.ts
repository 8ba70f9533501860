import { defineRule } from "../../src/engine/define-rule.js";
import type { RuleContext } from "../../src/engine/types.js";
import { sameId } from "../../src/model/ids.js";
import type { KeyVault, KeyVaultAccessPolicy, VirtualMachine } from "../../src/model/types.js";
import { isUnknown, UNKNOWN, type Known } from "../../src/model/unknown.js";
import { protectedVms, vmLabel } from "./_vm-protection.js";

/** The Backup Management Service's application id (the same in every tenant; its object id is not). */
export const BACKUP_MANAGEMENT_SERVICE_APP_ID = "262044b1-e2ce-469f-a196-69ab7ada62d3";

type Need = "keys" | "secrets";

/** get + list (or `all`) on one permission list; UNKNOWN when the list is computed. */
function grantsRead(list: Known<Known<string>[] | undefined>): Known<boolean> {
  if (isUnknown(list)) return list;
  if (list === undefined) return false;
  const lower = new Set(list.filter((p): p is string => typeof p === "string").map((p) => p.toLowerCase()));
  if (lower.has("all") || (lower.has("get") && lower.has("list"))) return true;
  // A computed permission could still be the missing one.
  return list.some(isUnknown) ? UNKNOWN : false;
}

/** Whether the policy grants every needed permission list; UNKNOWN when that depends on a computed value. */
function grantsAll(policy: Known<KeyVaultAccessPolicy>, needs: Set<Need>): Known<boolean> {
  if (isUnknown(policy)) return policy;
  let result: Known<boolean> = true;
  for (const need of needs) {
    const granted = grantsRead(policy[need]);
    if (granted === false) return false;
    if (isUnknown(granted)) result = granted;
  }
  return result;
}

function kvLabel(kv: KeyVault): string {
  return typeof kv.vaultName === "string" ? kv.vaultName : kv.ref.name;
}

function describeNeeds(needs: Set<Need>): string {
  return [...needs].sort().map((n) => `${n} get/list`).join(" and ");
}

/** The key vaults a VM's Azure Disk Encryption uses, each with what Azure Backup must read there. */
function vaultNeeds(ctx: RuleContext, vm: VirtualMachine): Map<string, { id: string; needs: Set<Need> }> | undefined {
  const enc = vm.diskEncryption;
  if (enc === undefined || isUnknown(enc)) return undefined;
  const label = vmLabel(vm);
  const wanted: [Known<string | undefined>, Need][] = [[enc.secretVaultId, "secrets"]];
  if (isUnknown(enc.usesKek)) {
    ctx.unknown({ resource: vm.ref, messageId: "kekUnknown", message: `Whether VM "${label}" wraps its disk encryption secret with a key encryption key is not known before deployment.`, path: "diskEncryption.usesKek" });
    return undefined;
  }
  if (enc.usesKek) wanted.push([enc.kekVaultId, "keys"]);
  const byVault = new Map<string, { id: string; needs: Set<Need> }>();
  for (const [id, need] of wanted) {
    if (isUnknown(id) || id === undefined) {
      ctx.unknown({
        resource: vm.ref,
        messageId: "keyVaultIdUnknown",
        message: `The key vault holding the ADE ${need === "keys" ? "key encryption key" : "secret"} of VM "${label}" is ${id === undefined ? "not named in its " + enc.from : "computed at preview"}; which vault Azure Backup must read cannot be checked.`,
        path: `diskEncryption.${need === "keys" ? "kekVaultId" : "secretVaultId"}`,
      });
      return undefined;
    }
    const key = id.toLowerCase();
    const entry = byVault.get(key) ?? { id, needs: new Set<Need>() };
    entry.needs.add(need);
    byVault.set(key, entry);
  }
  return byVault;
}

export default defineRule({
  id: "VM-015",
  name: "encrypted-vm-key-vault-access",
  title: "Azure Backup can read the key vault of a VM encrypted with Azure Disk Encryption",
  severity: "error",
  prevents: ["UserErrorKeyvaultPermissionsNotConfigured"],
  remediation:
    "Add a key vault access policy for the Backup Management Service (application id 262044b1-e2ce-469f-a196-69ab7ada62d3; its object id differs per tenant) with get and list on secrets, and on keys too when a KEK is used (the portal's \"Azure Backup\" template), or on an RBAC vault assign it Key Vault Administrator or an equivalent custom role.",
  check(ctx) {
    for (const { vm } of protectedVms(ctx)) {
      const label = vmLabel(vm);
      if (isUnknown(vm.diskEncryption)) {
        ctx.unknown({ resource: vm.ref, messageId: "encryptionUnknown", message: `Whether VM "${label}" uses Azure Disk Encryption is not known before deployment.`, path: "diskEncryption" });
        continue;
      }
      if (vm.diskEncryption === undefined) {
        // No ADE on the VM: Azure Backup needs no key vault access.
        ctx.pass(vm.ref);
        continue;
      }
      const vaults = vaultNeeds(ctx, vm);
      if (!vaults) continue;
      for (const { id, needs } of vaults.values()) {
        const kv = ctx.model.keyVaults.find((k) => sameId(k.ref.id, id));
        const needText = describeNeeds(needs);
        if (!kv) {
          ctx.unknown({
            resource: vm.ref,
            messageId: "keyVaultNotInModel",
            message: `VM "${label}" uses Azure Disk Encryption with key vault ${id}, which is not in the inputs. Does the Backup Management Service (app id ${BACKUP_MANAGEMENT_SERVICE_APP_ID}) have ${needText} on it? Add the vault (az keyvault show) to check.`,
            data: { keyVaultId: id, needs: [...needs].sort() },
          });
          continue;
        }
        if (isUnknown(kv.enableRbacAuthorization) || isUnknown(kv.accessPolicies)) {
          ctx.unknown({ resource: kv.ref, messageId: "accessModelUnknown", message: `The access configuration of key vault "${kvLabel(kv)}" (used by VM "${label}") is computed at preview; whether Azure Backup can read it cannot be checked.`, path: "accessPolicies" });
          continue;
        }
        if (kv.enableRbacAuthorization === true) {
          ctx.unknown({
            resource: kv.ref,
            messageId: "rbacVault",
            message: `Key vault "${kvLabel(kv)}" (used by VM "${label}") authorizes with Azure RBAC, and role assignments are not in the model. Does the Backup Management Service (app id ${BACKUP_MANAGEMENT_SERVICE_APP_ID}) hold Key Vault Administrator, or a role with ${needText} and backup, on this vault?`,
            path: "enableRbacAuthorization",
            data: { keyVault: kvLabel(kv), needs: [...needs].sort() },
          });
          continue;
        }
        const policies = kv.accessPolicies ?? [];
        const verdicts = policies.map((p) => grantsAll(p, needs));
        const granting = policies.filter((_, i) => verdicts[i] === true);
        if (granting.length === 0) {
          if (verdicts.some(isUnknown)) {
            ctx.unknown({ resource: kv.ref, messageId: "accessPoliciesUnknown", message: `Some access policies of key vault "${kvLabel(kv)}" (used by VM "${label}") are computed at preview; whether any grants ${needText} cannot be checked.`, path: "accessPolicies" });
            continue;
          }
          ctx.report({
            resource: kv.ref,
            messageId: "noBackupAccess",
            message: `Key vault "${kvLabel(kv)}" holds the Azure Disk Encryption ${needs.has("keys") ? "secret and key encryption key" : "secret"} of protected VM "${label}", but none of its ${policies.length} access policies grants ${needText}; Azure Backup cannot read them and the backup fails with UserErrorKeyvaultPermissionsNotConfigured. Add an access policy for the Backup Management Service (app id ${BACKUP_MANAGEMENT_SERVICE_APP_ID}) with those permissions.`,
            path: "accessPolicies",
            data: { keyVault: kvLabel(kv), vm: label, needs: [...needs].sort(), accessPolicies: policies.length },
          });
          continue;
        }
        // The policies name object ids; which one is the Backup Management Service's in this tenant is not in the model.
        const objectIds = granting.map((p) => (isUnknown(p) || isUnknown(p.objectId) ? "(computed)" : (p.objectId ?? "(none)")));
        ctx.unknown({
          resource: kv.ref,
          messageId: "backupPrincipalUnconfirmed",
          message: `Key vault "${kvLabel(kv)}" (used by VM "${label}") grants ${needText} to object id ${objectIds.join(", ")}. Is one of them the service principal of the Backup Management Service (app id ${BACKUP_MANAGEMENT_SERVICE_APP_ID}) in this tenant? (az ad sp show --id ${BACKUP_MANAGEMENT_SERVICE_APP_ID} --query id)`,
          path: "accessPolicies",
          data: { keyVault: kvLabel(kv), objectIds, needs: [...needs].sort() },
        });
      }
    }
  },
});
