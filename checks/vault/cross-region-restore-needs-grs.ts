import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { judgedVaults, vaultName } from "./_vault.js";

export default defineRule({
  id: "VAULT-005",
  name: "cross-region-restore-needs-grs",
  title: "Cross Region Restore is only enabled on geo-redundant vaults",
  severity: "warning",
  prevents: [],
  remediation: "Keep standardTierStorageRedundancy GeoRedundant when crossRegionRestore is Enabled (set both before the first item is protected), or turn Cross Region Restore off.",
  check(ctx) {
    for (const vault of judgedVaults(ctx.model)) {
      const crr = vault.crossRegionRestore;
      const redundancy = vault.storageRedundancy;
      if (isUnknown(crr)) {
        ctx.unknown({ resource: vault.ref, messageId: "settingUnknown", message: `Whether Cross Region Restore is on for vault ${vaultName(vault)} is not known before deployment.`, path: "redundancySettings.crossRegionRestore" });
        continue;
      }
      if (crr !== true) {
        ctx.pass(vault.ref);
        continue;
      }
      if (isUnknown(redundancy)) {
        ctx.unknown({ resource: vault.ref, messageId: "settingUnknown", message: `Vault ${vaultName(vault)} enables Cross Region Restore, and its storage redundancy is not known before deployment.`, path: "redundancySettings.standardTierStorageRedundancy" });
      } else if (redundancy !== undefined && !/^georedundant$/i.test(redundancy)) {
        ctx.report({
          resource: vault.ref,
          messageId: "notGeoRedundant",
          message: `Vault ${vaultName(vault)} enables Cross Region Restore with ${redundancy} storage: restores in the paired region need a GeoRedundant vault, so there is nothing to restore from there.`,
          path: "redundancySettings",
          data: { storageRedundancy: redundancy, crossRegionRestore: true },
        });
      } else {
        ctx.pass(vault.ref); // GeoRedundant, or unset (Azure's default is geo-redundant)
      }
    }
  },
});
