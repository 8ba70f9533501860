import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { judgedVaults, vaultName } from "./_vault.js";

export const SOFT_DELETE_MIN_DAYS = 14;
export const SOFT_DELETE_MAX_DAYS = 180;

export default defineRule({
  id: "VAULT-003",
  name: "soft-delete-retention-out-of-range",
  title: "Soft delete retention is between 14 and 180 days",
  severity: "warning",
  prevents: [],
  remediation: "Set softDeleteRetentionPeriodInDays between 14 (free) and 180 days.",
  check(ctx) {
    for (const vault of judgedVaults(ctx.model)) {
      const days = vault.softDelete.retentionDays;
      if (isUnknown(days)) {
        ctx.unknown({ resource: vault.ref, messageId: "retentionUnknown", message: `The soft delete retention of vault ${vaultName(vault)} is not known before deployment.`, path: "securitySettings.softDeleteSettings.softDeleteRetentionPeriodInDays" });
      } else if (days !== undefined && (!Number.isInteger(days) || days < SOFT_DELETE_MIN_DAYS || days > SOFT_DELETE_MAX_DAYS)) {
        ctx.report({
          resource: vault.ref,
          messageId: "outOfRange",
          message: `Vault ${vaultName(vault)} keeps soft-deleted data for ${days} days; Azure Backup accepts ${SOFT_DELETE_MIN_DAYS} to ${SOFT_DELETE_MAX_DAYS} whole days (14 are free).`,
          path: "securitySettings.softDeleteSettings.softDeleteRetentionPeriodInDays",
          data: { value: days, min: SOFT_DELETE_MIN_DAYS, max: SOFT_DELETE_MAX_DAYS },
        });
      } else {
        ctx.pass(vault.ref);
      }
    }
  },
});
