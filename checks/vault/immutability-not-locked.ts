import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { judgedVaults, vaultName } from "./_vault.js";

export default defineRule({
  id: "VAULT-004",
  name: "immutability-not-locked",
  title: "The vault is immutable, and locked",
  severity: "note",
  prevents: [],
  remediation: "Set securitySettings.immutabilitySettings.state to Unlocked, check that your retention changes still work, then to Locked (irreversible).",
  check(ctx) {
    for (const vault of judgedVaults(ctx.model)) {
      const state = vault.immutability;
      const path = "securitySettings.immutabilitySettings.state";
      if (isUnknown(state)) {
        ctx.unknown({ resource: vault.ref, messageId: "stateUnknown", message: `The immutability state of vault ${vaultName(vault)} is not known before deployment.`, path });
      } else if (state === undefined || /^disabled$/i.test(state)) {
        ctx.report({
          resource: vault.ref,
          messageId: "notEnabled",
          message: `Vault ${vaultName(vault)} is not immutable (${state ?? "Disabled by default"}): recovery points can be removed before they expire, for example by shortening a policy's retention. Enable immutability, then lock it.`,
          path,
          data: { state: state ?? "Disabled" },
        });
      } else if (/^unlocked$/i.test(state)) {
        ctx.report({
          resource: vault.ref,
          messageId: "notLocked",
          message: `Immutability on vault ${vaultName(vault)} is Unlocked, so it can still be switched off. Lock it once retention settings are final (Locked cannot be undone).`,
          path,
          data: { state },
        });
      } else {
        ctx.pass(vault.ref);
      }
    }
  },
});
