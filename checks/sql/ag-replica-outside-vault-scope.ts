import { defineRule } from "../../src/engine/define-rule.js";
import type { ResourceRef } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { byVault, modelVm, protectorsOfGroup, sameLocation } from "./_sql-protection.js";

export default defineRule({
  id: "SQL-011",
  name: "ag-replica-outside-vault-scope",
  title: "Every replica of a protected availability group is in the region and subscription of the vault",
  severity: "warning",
  prevents: [],
  remediation:
    "Keep the replicas of a protected availability group in the vault's region and subscription, or set up protection in a vault of the other region or subscription as Azure's multi-region guidance describes.",
  check(ctx) {
    for (const group of ctx.model.availabilityGroups) {
      const protectors = protectorsOfGroup(ctx, group);
      if (protectors.length === 0) continue;
      const resource: ResourceRef = group.ref;
      for (const vaultKey of byVault(protectors).keys()) {
        if (vaultKey.startsWith("<")) continue;
        const vault = ctx.index.vaultNamed(vaultKey);
        for (const replica of group.replicas.filter((r) => r.role === "SECONDARY")) {
          const vm = modelVm(ctx, replica.vm);
          const base = { availabilityGroup: group.groupName, replica: replica.vm, vault: vaultKey };
          if (!vault || !vm) {
            ctx.unknown({ resource, messageId: "replicaOutsideVaultScope", message: `${!vault ? `Vault ${vaultKey}` : `VM ${replica.vm}`} is not among the sources given, so the region and subscription of replica ${replica.vm} of ${group.groupName} cannot be compared with the vault's.`, data: base });
            continue;
          }
          const differences: string[] = [];
          let unknown = false;
          const compare = (what: string, a: typeof vm.location, b: typeof vault.location, same: (x: string, y: string) => boolean) => {
            if (a === undefined || b === undefined) return;
            if (isUnknown(a) || isUnknown(b)) unknown = true;
            else if (!same(a, b)) differences.push(`${what} ${a} (vault: ${b})`);
          };
          compare("region", vm.location, vault.location, sameLocation);
          compare("subscription", vm.subscriptionId, vault.subscriptionId, (x, y) => x.toLowerCase() === y.toLowerCase());
          if (differences.length > 0) {
            ctx.report({
              resource,
              messageId: "replicaOutsideVaultScope",
              message:
                `Replica ${replica.vm} of availability group ${group.groupName} is in ${differences.join(" and ")}: it cannot register to vault ${vaultKey}. ` +
                `While it is a secondary, backups run elsewhere; after a failover to it, full and differential backups in ${vaultKey} fail and log backups stop after 15 days. ` +
                `Keep the replicas in the vault's region and subscription, or protect the group from a second vault there.`,
              data: { ...base, differences },
            });
          } else if (unknown) {
            ctx.unknown({ resource, messageId: "replicaOutsideVaultScope", message: `The region or subscription of replica ${replica.vm} or of vault ${vaultKey} is computed at preview.`, data: base });
          } else ctx.pass(resource);
        }
      }
    }
  },
});
