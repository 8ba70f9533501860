import { defineRule } from "../../src/engine/define-rule.js";
import { parseArmId, sameId, sameName } from "../../src/model/ids.js";
import type { PrivateEndpoint, Vault } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { deployedCounterpart, hasRegisteredItems, isDeployed, vaultName } from "./_vault.js";

export default defineRule({
  id: "VAULT-008",
  name: "private-endpoint-after-registration",
  title: "Private endpoints for Azure Backup exist before the vault's first item is registered",
  severity: "warning",
  prevents: [],
  remediation:
    "Create the vault's private endpoints before protecting anything in it (in Pulumi: make the protected items and intents depend on the private endpoint). " +
    "For a vault that already protects items, create a new vault with its endpoints and protect new items there.",
  check(ctx) {
    for (const vault of ctx.model.vaults) {
      if (isDeployed(vault)) continue; // the rule judges what a deployment adds
      const planned = ctx.model.privateEndpoints.filter((pe) => !isDeployed(pe) && targets(pe.connections, vault));
      if (planned.length === 0) continue;
      const twin = deployedCounterpart(ctx.model, vault);
      const existing = twin?.privateEndpointConnections;
      if (isUnknown(existing)) {
        ctx.unknown({ resource: vault.ref, messageId: "registrationUnknown", message: `Whether vault ${vaultName(vault)} already has private endpoints is not known.` });
        continue;
      }
      if ((existing?.length ?? 0) > 0) {
        ctx.pass(vault.ref); // endpoints already exist: adding more is not the first-endpoint case
        continue;
      }
      const registered = hasRegisteredItems(ctx.model, ctx.index, vault);
      if (isUnknown(registered)) {
        ctx.unknown({ resource: vault.ref, messageId: "registrationUnknown", message: `The deployment adds private endpoints to vault ${vaultName(vault)}; ${registered.reason ?? "whether it already has items is not known"}.` });
      } else if (registered) {
        ctx.report({
          resource: vault.ref,
          messageId: "afterRegistration",
          message:
            `The deployment adds private endpoint${planned.length > 1 ? "s" : ""} ${planned.map((p) => p.ref.name).join(", ")} to vault ${vaultName(vault)}, which already has items registered. ` +
            `Azure Backup creates private endpoints only for vaults without registered or protected items; protect through a new vault that gets its endpoints first.`,
          data: { privateEndpoints: planned.map((p) => p.ref.name) },
        });
      } else {
        ctx.pass(vault.ref);
      }
    }
  },
});

function targets(connections: PrivateEndpoint["connections"], vault: Vault): boolean {
  if (isUnknown(connections)) return false;
  return connections.some((c) => {
    const id = c.privateLinkServiceId;
    if (isUnknown(id) || !id) return false;
    if (vault.ref.id && sameId(id, vault.ref.id)) return true;
    return sameName(parseArmId(id).name, isUnknown(vault.vaultName) ? undefined : vault.vaultName);
  });
}
