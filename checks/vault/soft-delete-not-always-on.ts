import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { judgedVaults, vaultName } from "./_vault.js";

export default defineRule({
  id: "VAULT-002",
  name: "soft-delete-not-always-on",
  title: "Soft delete is AlwaysON, so nobody can switch it off",
  severity: "note",
  prevents: [],
  remediation: "Set softDeleteState to AlwaysON once you are sure: it cannot be turned back, which is the point.",
  check(ctx) {
    for (const vault of judgedVaults(ctx.model)) {
      const state = vault.softDelete.state;
      if (isUnknown(state)) {
        ctx.unknown({ resource: vault.ref, messageId: "stateUnknown", message: `The soft delete state of vault ${vaultName(vault)} is not known before deployment.`, path: "securitySettings.softDeleteSettings.softDeleteState" });
      } else if (state === undefined || /^enabled$/i.test(state)) {
        ctx.report({
          resource: vault.ref,
          messageId: "notAlwaysOn",
          message: `Soft delete on vault ${vaultName(vault)} is ${state ?? "Enabled (Azure's default)"}, not AlwaysON: anyone with enough rights can disable it and then delete backups for good. Make it AlwaysON (irreversible).`,
          path: "securitySettings.softDeleteSettings.softDeleteState",
          data: { state: state ?? "Enabled" },
        });
      } else {
        ctx.pass(vault.ref); // AlwaysON; Disabled is VAULT-001's
      }
    }
  },
});
