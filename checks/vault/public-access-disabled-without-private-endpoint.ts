import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { contentsOf, judgedVaults, privateEndpointCount, vaultName } from "./_vault.js";

export default defineRule({
  id: "VAULT-010",
  name: "public-access-disabled-without-private-endpoint",
  title: "A vault that denies public access and protects SQL Server databases has a private endpoint",
  severity: "warning",
  prevents: [],
  remediation:
    "Create a private endpoint for Azure Backup (group AzureBackup) in the SQL Server VMs' network, with private DNS, before registering the VMs; " +
    "or allow public network access on the vault.",
  check(ctx) {
    for (const vault of judgedVaults(ctx.model)) {
      const access = vault.publicNetworkAccess;
      if (isUnknown(access)) {
        ctx.unknown({ resource: vault.ref, messageId: "settingUnknown", message: `The public network access of vault ${vaultName(vault)} is not known before deployment.`, path: "publicNetworkAccess" });
        continue;
      }
      if (!access || !/^disabled$/i.test(access)) {
        ctx.pass(vault.ref);
        continue;
      }
      const { items, intents, containers } = contentsOf(ctx.model, ctx.index, vault);
      const sql = [
        ...items.filter((i) => i.workload === "sqlDatabase"),
        ...intents.filter((i) => i.workload === "sqlInstance" || i.workload === "sqlDatabase"),
        ...containers.filter((c) => !isUnknown(c.containerType) && /^vmappcontainer$/i.test(c.containerType ?? "")),
      ];
      if (sql.length === 0) {
        ctx.pass(vault.ref); // VM backup does not go through the vault's network endpoints
        continue;
      }
      const count = privateEndpointCount(ctx.model, vault);
      if (isUnknown(count)) {
        ctx.unknown({ resource: vault.ref, messageId: "endpointsUnknown", message: `Vault ${vaultName(vault)} denies public access and protects SQL Server databases; whether it has a private endpoint is not known before deployment.` });
      } else if (count === 0) {
        ctx.report({
          resource: vault.ref,
          messageId: "noPrivateEndpoint",
          message:
            `Vault ${vaultName(vault)} denies public network access and has no private endpoint, yet it protects SQL Server databases (${sql.length} item${sql.length > 1 ? "s" : ""} and intents). ` +
            `The workload extension in the VMs talks to the vault over the network: with public access denied it can only use a private endpoint, so those backups cannot run.`,
          path: "publicNetworkAccess",
          data: { publicNetworkAccess: access, sqlItems: sql.length },
        });
      } else {
        ctx.pass(vault.ref);
      }
    }
  },
});
