import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { vaultName } from "./_vault.js";

export default defineRule({
  id: "VAULT-011",
  name: "multi-user-authorization-off",
  title: "Critical vault operations need a second person (multi-user authorization with a resource guard)",
  severity: "note",
  prevents: [],
  remediation: "Create a resource guard in another subscription or tenant, owned by a security team, and list its operations in the vault's resourceGuardOperationRequests.",
  check(ctx) {
    for (const vault of ctx.model.vaults) {
      const requests = vault.resourceGuardOperationRequests;
      const mua = vault.multiUserAuthorization;
      if ((!isUnknown(mua) && mua !== undefined && /^enabled$/i.test(mua)) || (!isUnknown(requests) && (requests?.length ?? 0) > 0)) {
        ctx.pass(vault.ref);
      } else if (isUnknown(requests) || isUnknown(mua)) {
        ctx.unknown({ resource: vault.ref, messageId: "settingUnknown", message: `Whether vault ${vaultName(vault)} uses a resource guard is not known before deployment.`, path: "resourceGuardOperationRequests" });
      } else {
        ctx.report({
          resource: vault.ref,
          messageId: "notProtected",
          message: `Vault ${vaultName(vault)} has no resource guard: one compromised administrator can disable soft delete, shorten retention or stop protection alone. Protect critical operations with multi-user authorization.`,
          path: "resourceGuardOperationRequests",
          data: { multiUserAuthorization: mua ?? "Disabled" },
        });
      }
    }
  },
});
