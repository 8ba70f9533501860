import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";

/** Longest resource-group name Azure Backup accepts for the snapshot group, number and suffix included. */
export const SNAPSHOT_RG_NAME_LIMIT = 74;
/** Letters, digits, period, underscore, hyphen and parentheses: the resource-group alphabet. */
const ALLOWED = /[\p{L}\p{Nd}._\-()]/u;

function invalidCharacters(s: string): string[] {
  return [...new Set([...s].filter((c) => !ALLOWED.test(c)))];
}

export default defineRule({
  id: "TAG-002",
  name: "snapshot-rg-name-invalid",
  title: "The snapshot resource group pattern in instantRPDetails makes a valid resource-group name",
  severity: "warning",
  prevents: [],
  remediation:
    "Keep azureBackupRGNamePrefix (required when a suffix is set) and azureBackupRGNameSuffix to letters, digits, '.', '_', '-', '(' and ')', " +
    "do not end the suffix with a period, and keep prefix + number + suffix within 74 characters.",
  check(ctx) {
    for (const policy of ctx.model.backupPolicies) {
      if (policy.workload !== "vm" || !policy.instantRpResourceGroup) continue;
      const { prefix, suffix } = policy.instantRpResourceGroup;
      const policyName = isUnknown(policy.policyName) ? policy.ref.name : policy.policyName;
      if (isUnknown(prefix) || isUnknown(suffix)) {
        ctx.unknown({
          resource: policy.ref,
          messageId: "patternUnknown",
          message: `The snapshot resource group prefix or suffix of backup policy "${policyName}" is not known before deployment; its name cannot be checked.`,
          path: "instantRPDetails",
        });
        continue;
      }
      if (!prefix && !suffix) {
        ctx.pass(policy.ref);
        continue;
      }
      let failed = false;
      const report = (messageId: string, message: string, data: Record<string, unknown>) => {
        failed = true;
        ctx.report({ resource: policy.ref, messageId, message, path: "instantRPDetails", data });
      };
      if (!prefix) {
        report("suffixWithoutPrefix", `Backup policy "${policyName}" sets azureBackupRGNameSuffix "${suffix}" without azureBackupRGNamePrefix; the prefix is the mandatory part of the pattern.`, { suffix });
      }
      for (const [part, value] of [["azureBackupRGNamePrefix", prefix], ["azureBackupRGNameSuffix", suffix]] as const) {
        const bad = value ? invalidCharacters(value) : [];
        if (bad.length > 0) {
          report("invalidCharacters", `${part} "${value}" of backup policy "${policyName}" contains ${bad.map((c) => JSON.stringify(c)).join(", ")}; resource-group names allow only letters, digits, ".", "_", "-", "(" and ")".`, { part, value, characters: bad });
        }
      }
      const name = `${prefix ?? ""}1${suffix ?? ""}`;
      if (name.endsWith(".")) {
        report("endsWithPeriod", `Backup policy "${policyName}" makes snapshot resource groups named like "${name}", which end in a period; resource-group names cannot.`, { name });
      }
      if (name.length > SNAPSHOT_RG_NAME_LIMIT) {
        report("tooLong", `Backup policy "${policyName}" makes snapshot resource groups named like "${name}" (${name.length} characters); Azure Backup allows ${SNAPSHOT_RG_NAME_LIMIT}, number and suffix included. Shorten the prefix or suffix.`, { name, length: name.length, limit: SNAPSHOT_RG_NAME_LIMIT });
      }
      if (!failed) ctx.pass(policy.ref);
    }
  },
});
