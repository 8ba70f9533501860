import { defineRule } from "../../src/engine/define-rule.js";
import type { PolicyAssignment, VirtualMachine } from "../../src/model/types.js";
import { isUnknown, UNKNOWN, type Known } from "../../src/model/unknown.js";
import { assignmentCovers, assignmentLabel, builtinGuid, CONFIGURE_BACKUP_NEW_VAULT_DEFINITIONS, evaluatePolicies, type PolicyTarget, type PolicyVerdict } from "../../src/policy-eval/index.js";
import { resourceTarget } from "../../src/policy-eval/targets.js";
import { parseArmId } from "../../src/model/ids.js";
import { describeVerdict, normalizeRegion, verdictData } from "./_backup-targets.js";

const VAULT_TYPE = "Microsoft.RecoveryServices/vaults";

/** The DeployIfNotExists effect of the assignment: its `effect` parameter, DeployIfNotExists by default. */
function deploys(a: PolicyAssignment): Known<boolean> {
  if (isUnknown(a.parameters)) return a.parameters;
  const entry = Object.entries(a.parameters ?? {}).find(([k]) => k.toLowerCase() === "effect");
  const effect = entry?.[1];
  if (isUnknown(effect)) return effect;
  return effect === undefined || String(effect).toLowerCase() === "deployifnotexists";
}

/** The vault the remediation deploys for a VM: `RSVault-<location>-<guid>` in the VM's resource group, empty properties, no tags. */
function remediationVault(vm: VirtualMachine): PolicyTarget {
  const parsed = vm.ref.id ? parseArmId(vm.ref.id) : undefined;
  const sub: Known<string> = vm.subscriptionId ?? parsed?.subscriptionId ?? { ...UNKNOWN, reason: "the VM's subscription is not set" };
  const rg: Known<string> = vm.resourceGroup ?? parsed?.resourceGroup ?? { ...UNKNOWN, reason: "the VM's resource group is not set" };
  const location = vm.location;
  const vmName = isUnknown(vm.vmName) ? vm.ref.name : vm.vmName;
  return resourceTarget({
    type: VAULT_TYPE,
    name: { ...UNKNOWN, reason: "the policy names the vault RSVault-<location>-<guid of the resource group>" },
    subscriptionId: sub,
    resourceGroupName: rg,
    location: isUnknown(location) || !location ? location : normalizeRegion(location),
    tags: {},
    description: `Recovery Services vault the remediation deploys for ${vmName}`,
    fields: {},
    fieldsComplete: true,
  });
}

function vmTarget(vm: VirtualMachine): PolicyTarget {
  const t = remediationVault(vm);
  const vmName = isUnknown(vm.vmName) ? vm.ref.name : vm.vmName;
  return { ...t, type: "Microsoft.Compute/virtualMachines", name: vmName, id: vm.ref.id ?? t.id, description: `VM ${vmName}` };
}

export default defineRule({
  id: "TAG-005",
  name: "configure-backup-policy-blocked",
  title: "The 'Configure backup on VMs ... to a new vault' policy can deploy its vault under the Deny policies in force",
  severity: "error",
  prevents: ["RequestDisallowedByPolicy"],
  remediation:
    "Exempt the VMs' resource groups from the Deny that rejects the remediation vault (for example the public-network-access Deny), " +
    "or switch to the 'to an existing recovery services vault' variant with a vault you deploy compliant yourself.",
  check(ctx) {
    for (const dine of ctx.model.policyAssignments) {
      const id = dine.policyDefinitionId;
      const guid = isUnknown(id) || !id ? undefined : builtinGuid(id);
      if (!guid || !(guid in CONFIGURE_BACKUP_NEW_VAULT_DEFINITIONS)) continue;
      const name = assignmentLabel(dine);
      const definition = CONFIGURE_BACKUP_NEW_VAULT_DEFINITIONS[guid]!;
      const effect = deploys(dine);
      if (effect === false) continue;
      if (!isUnknown(dine.enforcementMode) && dine.enforcementMode?.toLowerCase() === "donotenforce") continue;
      if (isUnknown(effect) || isUnknown(dine.enforcementMode)) {
        ctx.unknown({ resource: dine.ref, messageId: "effectUnknown", message: `Cannot tell whether assignment "${name}" (${definition}) deploys anything: its effect or enforcement mode is not known before deployment.` });
        continue;
      }
      const byBlocker = new Map<string, { verdict: PolicyVerdict; vms: string[] }>();
      const maybe = new Map<string, { verdict: PolicyVerdict; vms: string[] }>();
      for (const vm of ctx.model.vms) {
        // The definition deploys if no Microsoft.RecoveryServices/backupprotecteditems exists for the VM: a VM that
        // already has a backup item is compliant and never remediated, so no vault is deployed for it.
        if (ctx.index.vmBackupItemsOf(vm).length > 0) continue;
        const covered = assignmentCovers(ctx.model, dine, vmTarget(vm), ctx.now);
        if (covered.value === false) continue;
        const evaluation = evaluatePolicies(ctx.model, remediationVault(vm), { now: ctx.now });
        const vmName = isUnknown(vm.vmName) ? vm.ref.name : vm.vmName;
        const sink = covered.value === true ? byBlocker : maybe;
        for (const v of evaluation.blocking) {
          const entry = sink.get(v.assignmentName + "|" + (v.referenceId ?? "")) ?? { verdict: v, vms: [] };
          entry.vms.push(vmName);
          sink.set(v.assignmentName + "|" + (v.referenceId ?? ""), entry);
        }
        for (const v of evaluation.uncertain) {
          const entry = maybe.get(v.assignmentName + "|" + (v.referenceId ?? "")) ?? { verdict: v, vms: [] };
          entry.vms.push(vmName);
          maybe.set(v.assignmentName + "|" + (v.referenceId ?? ""), entry);
        }
      }
      for (const { verdict, vms } of byBlocker.values()) {
        ctx.report({
          resource: dine.ref,
          messageId: "remediationVaultDenied",
          message:
            `Assignment "${name}" (${definition}) remediates ${vms.join(", ")} by deploying a new vault, RSVault-<region>-<guid>, with empty properties into each VM's resource group, ` +
            `and ${describeVerdict(verdict)} denies that vault. The remediation deployment fails with RequestDisallowedByPolicy and the VMs stay unprotected. ` +
            `Exempt those resource groups from the Deny, or use the "existing vault" variant of the backup policy with a compliant vault.`,
          data: { ...verdictData(verdict), configureBackupAssignment: name, vms },
        });
      }
      for (const { verdict, vms } of maybe.values()) {
        if ([...byBlocker.values()].some((b) => b.verdict.assignmentName === verdict.assignmentName)) continue;
        ctx.unknown({
          resource: dine.ref,
          messageId: "remediationVaultMaybeDenied",
          message: `Cannot tell whether the vault assignment "${name}" deploys for ${vms.join(", ")} passes ${describeVerdict(verdict)}: ${verdict.reasons.join("; ") || "its scope is not known"}.`,
          data: { ...verdictData(verdict), configureBackupAssignment: name, vms },
        });
      }
      if (byBlocker.size === 0 && maybe.size === 0) ctx.pass(dine.ref);
    }
  },
});
