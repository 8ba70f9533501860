import { defineRule } from "../../src/engine/define-rule.js";
import { parseArmId, sameName } from "../../src/model/ids.js";
import { parseContainerName } from "../../src/model/lookups.js";
import { isUnknown } from "../../src/model/unknown.js";
import { contentsOf, distinctVaults, vaultName } from "./_vault.js";

export const MAX_DATASOURCES_PER_VAULT = 2000;

export default defineRule({
  id: "VAULT-013",
  name: "datasources-per-vault-limit",
  title: "A vault protects at most 2,000 data sources across all workloads",
  severity: "warning",
  prevents: [],
  remediation: "Spread protection over more vaults: at most 2,000 data sources (VMs, SQL databases, ...) per vault.",
  check(ctx) {
    for (const vault of distinctVaults(ctx.model)) {
      const { items, intents, unplaced } = contentsOf(ctx.model, ctx.index, vault);
      const seen = new Set<string>();
      const key = (parts: (string | undefined)[]) => parts.map((p) => (p ?? "").toLowerCase()).join("|");
      let sqlDatabases = 0;
      for (const item of items) {
        const itemName = isUnknown(item.itemName) ? undefined : item.itemName;
        const container = isUnknown(item.containerName) ? undefined : item.containerName;
        const k = itemName ? key([container, itemName]) : item.ref.urn ?? item.ref.id ?? item.ref.name;
        if (seen.has(k)) continue;
        seen.add(k);
        if (item.workload === "sqlDatabase") sqlDatabases++;
      }
      // Auto-protection protects every database of the instance, now and later: count the ones the inventory lists.
      for (const intent of intents) {
        if (intent.workload === "sqlDatabase") {
          const instance = isUnknown(intent.sqlInstance) ? undefined : intent.sqlInstance;
          const db = isUnknown(intent.sqlDatabase) ? undefined : intent.sqlDatabase;
          const k = key(["intent", instance, db, intent.ref.name]);
          if (!seen.has(k)) sqlDatabases++;
          seen.add(k);
        } else if (intent.workload === "sqlInstance") {
          const source = isUnknown(intent.sourceResourceId) ? undefined : intent.sourceResourceId;
          const itemId = isUnknown(intent.itemId) ? undefined : intent.itemId;
          const vmName = source ? parseArmId(source).name : itemId ? parseContainerName(itemId.split("/protectableItems/")[0] ?? "")?.vmName : undefined;
          const instance = isUnknown(intent.sqlInstance) ? undefined : intent.sqlInstance;
          for (const db of ctx.model.sqlDatabases) {
            if (!sameName(db.vmName, vmName) || !sameName(db.instanceName, instance) || db.databaseName.toLowerCase() === "tempdb") continue;
            const already = items.some((i) => sameName(isUnknown(i.sqlDatabase) ? undefined : i.sqlDatabase, db.databaseName) && sameName(isUnknown(i.sqlInstance) ? undefined : i.sqlInstance, db.instanceName));
            const k = key(["db", db.vmName, db.instanceName, db.databaseName]);
            if (!already && !seen.has(k)) {
              seen.add(k);
              sqlDatabases++;
            }
          }
        }
      }
      const fromModel = seen.size;
      const live = vault.protectedItemCount;
      const count = Math.max(fromModel, live ?? 0);
      // SQL databases alone over the limit are SQL-008's finding (2,000 databases per vault); this rule owns the mix.
      if (sqlDatabases > MAX_DATASOURCES_PER_VAULT) continue;
      if (count > MAX_DATASOURCES_PER_VAULT) {
        ctx.report({
          resource: vault.ref,
          messageId: "tooManyDatasources",
          message: `Vault ${vaultName(vault)} would protect ${count} data sources; a vault supports ${MAX_DATASOURCES_PER_VAULT} across all workloads. Move some to another vault.`,
          data: { value: count, limit: MAX_DATASOURCES_PER_VAULT, fromModel, live },
        });
        continue;
      }
      if (unplaced > 0 && count + unplaced > MAX_DATASOURCES_PER_VAULT) {
        ctx.unknown({
          resource: vault.ref,
          messageId: "countUnknown",
          message: `Vault ${vaultName(vault)} protects ${count} data sources, and ${unplaced} more items whose vault is not known before deployment could bring it over ${MAX_DATASOURCES_PER_VAULT}.`,
          data: { value: count, undecided: unplaced },
        });
      } else {
        ctx.pass(vault.ref);
      }
    }
  },
});
