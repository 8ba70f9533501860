import { defineRule } from "../../src/engine/define-rule.js";
import type { ResourceRef } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { eachProtection, itemDatabase, refKey, vaultKeyOf, vmNameOf, type Protector } from "./_sql-protection.js";

/** Databases that can be protected in one server, and in one vault. */
export const MAX_PROTECTED_DATABASES = 2000;

interface Tally {
  databases: Set<string>;
  resources: Map<string, ResourceRef>;
}

function add(map: Map<string, Tally>, key: string, database: string, resource: ResourceRef): void {
  const t = map.get(key) ?? { databases: new Set(), resources: new Map() };
  t.databases.add(database);
  t.resources.set(refKey(resource), resource);
  map.set(key, t);
}

export default defineRule({
  id: "SQL-008",
  name: "protected-databases-limit",
  title: "No server and no vault protects more than 2,000 SQL databases",
  severity: "warning",
  prevents: [],
  remediation: "Spread the databases over more vaults (and servers): at most 2,000 protected SQL databases per server and per vault.",
  check(ctx) {
    const perVault = new Map<string, Tally>();
    const perServer = new Map<string, Tally>();
    const vaultUnknown: Protector[] = [];
    const groups = ctx.model.availabilityGroups;

    for (const item of ctx.model.protectedItems) {
      if (item.workload !== "sqlDatabase") continue;
      const named = itemDatabase(item);
      const vault = vaultKeyOf(item);
      if (isUnknown(vault)) {
        vaultUnknown.push(item);
        continue;
      }
      if (isUnknown(named) || !named || !vault) continue;
      const group = groups.find((g) => g.groupName.toLowerCase() === named.instance.toLowerCase());
      const on = vmNameOf(item);
      const host = group ? `ag:${group.groupName}` : !isUnknown(on) && on ? on.name : `item:${refKey(item.ref)}`;
      const database = `${host}|${named.instance}|${named.database}`.toLowerCase();
      add(perVault, vault, database, item.ref);
      const servers = group ? group.replicas.map((r) => r.vm) : !isUnknown(on) && on ? [on.name] : [];
      for (const server of servers) add(perServer, server.toLowerCase(), database, item.ref);
    }
    for (const p of eachProtection(ctx)) {
      if (p.via !== "autoProtection" || !p.certain) continue;
      const vault = vaultKeyOf(p.protector);
      if (isUnknown(vault) || !vault) continue;
      const host = p.viaAvailabilityGroup ? `ag:${p.db.availabilityGroup}` : p.db.vmName;
      const instance = p.viaAvailabilityGroup ? p.db.availabilityGroup! : p.db.instanceName;
      const database = `${host}|${instance}|${p.db.databaseName}`.toLowerCase();
      add(perVault, vault, database, p.protector.ref);
      add(perServer, p.db.vmName.toLowerCase(), database, p.protector.ref);
    }

    for (const [vaultKey, tally] of perVault) {
      const vault = ctx.index.vaultNamed(vaultKey);
      const count = tally.databases.size;
      const targets = vault ? [vault.ref] : [...tally.resources.values()].slice(0, 1);
      const data = { scope: "vault", vault: vaultKey, count, limit: MAX_PROTECTED_DATABASES };
      for (const resource of targets) {
        if (count > MAX_PROTECTED_DATABASES)
          ctx.report({
            resource,
            messageId: "tooManyDatabasesInVault",
            message: `Vault ${vaultKey} would protect ${count} SQL databases; a vault protects at most ${MAX_PROTECTED_DATABASES}. Move some databases (or whole SQL VMs) to another vault.`,
            data,
          });
        else if (count + vaultUnknown.length > MAX_PROTECTED_DATABASES)
          ctx.unknown({
            resource,
            messageId: "tooManyDatabasesInVault",
            message: `Vault ${vaultKey} protects ${count} SQL databases, and ${vaultUnknown.length} more items have a vault computed at preview; together they could pass the limit of ${MAX_PROTECTED_DATABASES}.`,
            data,
          });
        else ctx.pass(resource);
      }
    }
    for (const [server, tally] of perServer) {
      const count = tally.databases.size;
      if (count <= MAX_PROTECTED_DATABASES) continue;
      const container = ctx.model.protectionContainers.find((c) => {
        const on = vmNameOf(c);
        return !isUnknown(on) && on?.name.toLowerCase() === server;
      });
      ctx.report({
        resource: container?.ref ?? [...tally.resources.values()][0]!,
        messageId: "tooManyDatabasesOnServer",
        message: `SQL server ${server} would have ${count} protected databases; Azure Backup protects at most ${MAX_PROTECTED_DATABASES} per server. Spread the databases over more servers.`,
        data: { scope: "server", vm: server, count, limit: MAX_PROTECTED_DATABASES },
      });
    }
  },
});
