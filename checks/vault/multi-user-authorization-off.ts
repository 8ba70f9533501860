import { defineRule } from "../../src/engine/define-rule.js";
import { segmentValue, sameName } from "../../src/model/ids.js";
import type { ResourceRef, Vault } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import type { Tri } from "../../src/policy-eval/index.js";
import { judgedVaults, vaultName } from "./_vault.js";

const GUARD_PROXY = /resourceguardprox|backupresourceguardproxies/i;

/**
 * Whether a resource-guard mapping (ResourceGuardProxy) in the model belongs to this vault. `joined` holds the URNs
 * of program mappings the adapter already tied to their vault (by `vaultName`): they say nothing about other vaults.
 */
function guardProxyFor(others: ResourceRef[], vault: Vault, joined: Set<string>): Tri {
  if ((vault.guardProxyUrns?.length ?? 0) > 0) return true;
  let maybe = false;
  for (const r of others) {
    if (!GUARD_PROXY.test(r.type) || (r.urn !== undefined && joined.has(r.urn))) continue;
    const owner = segmentValue(r.id, "vaults");
    if (owner === undefined) maybe = true; // a program resource whose id is not known yet
    else if (sameName(owner, isUnknown(vault.vaultName) ? undefined : vault.vaultName)) return true;
  }
  return maybe ? "unknown" : false;
}

export default defineRule({
  id: "VAULT-011",
  name: "multi-user-authorization-off",
  title: "Critical vault operations need a second person (multi-user authorization with a resource guard)",
  severity: "note",
  prevents: [],
  remediation:
    "Create a resource guard in another subscription or tenant, owned by a security team, and map it to the vault " +
    "(a backupResourceGuardProxies resource: ResourceGuardProxy in Pulumi azure-native).",
  check(ctx) {
    const joined = new Set(ctx.model.vaults.flatMap((v) => v.guardProxyUrns ?? []));
    for (const vault of judgedVaults(ctx.model)) {
      const requests = vault.resourceGuardOperationRequests;
      const mua = vault.multiUserAuthorization;
      const proxy = guardProxyFor(ctx.model.otherResources, vault, joined);
      const enabled = !isUnknown(mua) && mua !== undefined && /^enabled$/i.test(mua);
      const guarded = !isUnknown(requests) && (requests?.length ?? 0) > 0; // requests can only be made through a mapped guard
      if (enabled || guarded || proxy === true) {
        ctx.pass(vault.ref);
      } else if (isUnknown(requests) || isUnknown(mua) || proxy === "unknown") {
        ctx.unknown({ resource: vault.ref, messageId: "settingUnknown", message: `Whether vault ${vaultName(vault)} is mapped to a resource guard is not known before deployment.`, path: "securitySettings.multiUserAuthorization" });
      } else {
        ctx.report({
          resource: vault.ref,
          messageId: "notProtected",
          message: `Vault ${vaultName(vault)} has no resource guard: one compromised administrator can disable soft delete, shorten retention or stop protection alone. Protect critical operations with multi-user authorization.`,
          path: "securitySettings.multiUserAuthorization",
          data: { multiUserAuthorization: mua ?? "Disabled" },
        });
      }
    }
  },
});
