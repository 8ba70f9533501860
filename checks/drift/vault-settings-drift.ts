import { defineRule } from "../../src/engine/define-rule.js";
import type { Vault } from "../../src/model/types.js";
import { checkDrift, type Entity } from "./_drift.js";

export default defineRule({
  id: "DRIFT-002",
  name: "vault-settings-drift",
  title: "A vault's redundancy, soft delete, immutability and public access match the stack",
  severity: "warning",
  prevents: [],
  remediation: "Re-apply the stack (`pulumi up`) to restore the vault's protection settings, or update the stack if the change was intended.",
  check(ctx) {
    checkDrift<Vault & Entity>(ctx, "vaults", "Vault", (v) => ({
      storageRedundancy: v.storageRedundancy,
      crossRegionRestore: v.crossRegionRestore,
      softDeleteState: v.softDelete.state,
      softDeleteRetentionDays: v.softDelete.retentionDays,
      immutability: v.immutability,
      publicNetworkAccess: v.publicNetworkAccess,
    }));
  },
});
