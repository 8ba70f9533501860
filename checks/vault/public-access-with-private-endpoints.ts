import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { judgedVaults, privateEndpointCount, vaultName } from "./_vault.js";

export default defineRule({
  id: "VAULT-009",
  name: "public-access-with-private-endpoints",
  title: "A vault with private endpoints denies public network access",
  severity: "note",
  prevents: [],
  remediation: "Set publicNetworkAccess to Disabled on vaults that have private endpoints, so backups and restores only come through them.",
  check(ctx) {
    for (const vault of judgedVaults(ctx.model)) {
      const count = privateEndpointCount(ctx.model, vault);
      const access = vault.publicNetworkAccess;
      if (isUnknown(count) || isUnknown(access)) {
        ctx.unknown({ resource: vault.ref, messageId: "settingUnknown", message: `The private endpoints or public network access of vault ${vaultName(vault)} are not known before deployment.`, path: "publicNetworkAccess" });
      } else if (count > 0 && (access === undefined || /^enabled$/i.test(access))) {
        ctx.report({
          resource: vault.ref,
          messageId: "publicAccessEnabled",
          message: `Vault ${vaultName(vault)} has ${count} private endpoint${count > 1 ? "s" : ""} but public network access is ${access ?? "Enabled (Azure's default)"}: machines outside those networks can still request backups and restores. Set publicNetworkAccess to Disabled.`,
          path: "publicNetworkAccess",
          data: { publicNetworkAccess: access ?? "Enabled", privateEndpoints: count },
        });
      } else {
        ctx.pass(vault.ref);
      }
    }
  },
});
