import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { judgedVaults, privateEndpointCount, vaultName } from "./_vault.js";

export const MAX_PRIVATE_ENDPOINTS_PER_VAULT = 12;

export default defineRule({
  id: "VAULT-007",
  name: "private-endpoint-limit",
  title: "A vault has at most 12 private endpoints for Azure Backup",
  severity: "warning",
  prevents: [],
  remediation: "Share private endpoints: one virtual network can reach the vault through a single endpoint, peered networks through that one. Keep 12 or fewer per vault.",
  check(ctx) {
    for (const vault of judgedVaults(ctx.model)) {
      const count = privateEndpointCount(ctx.model, vault);
      if (isUnknown(count)) {
        ctx.unknown({ resource: vault.ref, messageId: "countUnknown", message: `The number of private endpoints of vault ${vaultName(vault)} is not known before deployment (${count.reason ?? "unknown"}).` });
      } else if (count > MAX_PRIVATE_ENDPOINTS_PER_VAULT) {
        ctx.report({
          resource: vault.ref,
          messageId: "tooMany",
          message: `Vault ${vaultName(vault)} has ${count} private endpoints for Azure Backup; a vault takes at most ${MAX_PRIVATE_ENDPOINTS_PER_VAULT}, so the extra ones cannot be created.`,
          data: { value: count, limit: MAX_PRIVATE_ENDPOINTS_PER_VAULT },
        });
      } else {
        ctx.pass(vault.ref);
      }
    }
  },
});
