import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown, type Known } from "../../src/model/unknown.js";
import { deployedCounterpart, hasRegisteredItems, vaultName } from "./_vault.js";

export default defineRule({
  id: "VAULT-006",
  name: "redundancy-change-after-protection",
  title: "A vault's storage redundancy is not changed once it protects items",
  severity: "error",
  prevents: ["StorageModelModifyError"],
  remediation:
    "Keep the deployed redundancy. To change it, stop protection and remove the items first, or create a new vault with the redundancy you want " +
    "and protect new items there (recovery points cannot move between vaults).",
  check(ctx) {
    for (const vault of ctx.model.vaults) {
      const twin = deployedCounterpart(ctx.model, vault);
      const deployed: Known<string | undefined> = vault.deployedStorageRedundancy ?? twin?.storageRedundancy;
      const intended = vault.storageRedundancy;
      const path = "redundancySettings.standardTierStorageRedundancy";
      if (deployed === undefined || intended === undefined) {
        ctx.pass(vault.ref); // a new vault, or no change requested
        continue;
      }
      if (isUnknown(deployed) || isUnknown(intended)) {
        ctx.unknown({ resource: vault.ref, messageId: "redundancyUnknown", message: `Whether vault ${vaultName(vault)} changes its storage redundancy is not known before deployment.`, path });
        continue;
      }
      if (deployed.toLowerCase() === intended.toLowerCase()) {
        ctx.pass(vault.ref);
        continue;
      }
      const registered = hasRegisteredItems(ctx.model, ctx.index, vault);
      if (isUnknown(registered)) {
        ctx.unknown({
          resource: vault.ref,
          messageId: "itemsUnknown",
          message: `Vault ${vaultName(vault)} changes storage redundancy from ${deployed} to ${intended}; Azure refuses that once an item is registered, and ${registered.reason ?? "the model does not say whether it has any"}.`,
          path,
          data: { from: deployed, to: intended },
        });
      } else if (registered) {
        ctx.report({
          resource: vault.ref,
          messageId: "changeRejected",
          message:
            `Vault ${vaultName(vault)} already protects items, and the deployment changes its storage redundancy from ${deployed} to ${intended}. ` +
            `Azure locks redundancy when the first item is registered and rejects the update (StorageModelModifyError). ` +
            `Keep ${deployed}, or protect new items in a new vault.`,
          path,
          data: { from: deployed, to: intended },
        });
      } else {
        ctx.pass(vault.ref);
      }
    }
  },
});
