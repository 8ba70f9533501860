import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { judgedVaults, vaultName } from "./_vault.js";

export default defineRule({
  id: "VAULT-001",
  name: "soft-delete-disabled",
  title: "Soft delete is on for every Recovery Services vault",
  severity: "warning",
  prevents: [],
  remediation: "Set securitySettings.softDeleteSettings.softDeleteState to Enabled, or better AlwaysON, so deleted backup data stays recoverable for at least 14 days.",
  check(ctx) {
    for (const vault of judgedVaults(ctx.model)) {
      const state = vault.softDelete.state;
      if (isUnknown(state)) {
        ctx.unknown({ resource: vault.ref, messageId: "stateUnknown", message: `The soft delete state of vault ${vaultName(vault)} is not known before deployment.`, path: "securitySettings.softDeleteSettings.softDeleteState" });
      } else if (state !== undefined && /^disabled$/i.test(state)) {
        ctx.report({
          resource: vault.ref,
          messageId: "disabled",
          message: `Soft delete is Disabled on vault ${vaultName(vault)}: a deleted backup item (by mistake or by an attacker) is gone at once. Turn it on, ideally AlwaysON.`,
          path: "securitySettings.softDeleteSettings.softDeleteState",
          data: { state },
        });
      } else {
        ctx.pass(vault.ref); // Enabled, AlwaysON, or unset (Azure's default is on)
      }
    }
  },
});
