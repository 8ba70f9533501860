import { defineRule } from "../../src/engine/define-rule.js";
import type { RuleContext } from "../../src/engine/types.js";
import { isUnknown, type Known } from "../../src/model/unknown.js";
import { evaluatePolicies, type PolicyVerdict } from "../../src/policy-eval/index.js";
import {
  describeRequirements,
  describeVerdict,
  findGroup,
  groupBySnapshotGroup,
  normalizeRegion,
  protectedVms,
  snapshotGroupTarget,
  verdictData,
  vmList,
  type ExistingGroup,
  type ProtectedVm,
} from "./_backup-targets.js";

/** `costCenter=<value>, env=prod` for the pre-create advice. */
function tagAssignments(v: PolicyVerdict): string {
  if (v.requiredTags.length === 0) return "the tags the policy requires";
  return v.requiredTags.map((r) => `${r.tag}=${r.values?.length === 1 ? r.values[0] : "<value>"}`).join(", ");
}

function policyName(vm: ProtectedVm): string {
  return isUnknown(vm.policy.policyName) ? vm.policy.ref.name : vm.policy.policyName;
}

function regionOf(vm: ProtectedVm): string {
  return isUnknown(vm.location) || !vm.location ? "the VM's region" : normalizeRegion(vm.location);
}

export default defineRule({
  id: "TAG-001",
  name: "snapshot-rg-denied-by-tag-policy",
  title: "No Deny tag policy rejects the resource group Azure Backup uses for VM snapshots",
  severity: "error",
  // A group the program pre-creates is denied at deployment (RequestDisallowedByPolicy) before the snapshots fail.
  prevents: ["UserErrorRequestDisallowedByPolicy", "RequestDisallowedByPolicy"],
  remediation:
    "Either change the tag policy's effect from Deny to Modify so that it adds the tag to the resource group Azure Backup creates, " +
    "or give the VM backup policy a custom snapshot resource group (instantRPDetails azureBackupRGNamePrefix, optional suffix) and " +
    "pre-create <prefix>1<suffix> in the VM's region with the required tags.",
  check(ctx: RuleContext) {
    const { vms, unresolved } = protectedVms(ctx);
    for (const u of unresolved) {
      ctx.unknown({
        resource: u.item.ref,
        messageId: "policyUnknown",
        message: `Cannot tell which resource group Azure Backup will use for the snapshots of ${u.item.ref.name}: ${u.reason}.`,
        azureErrorCodes: ["UserErrorRequestDisallowedByPolicy"],
      });
    }
    for (const group of groupBySnapshotGroup(vms)) {
      const first = group.members[0]!;
      const name = group.name;
      const existing: Known<ExistingGroup | undefined> = isUnknown(name)
        ? group.custom
          ? name
          : undefined
        : findGroup(ctx.model, first.subscriptionId, name);
      // A group that already exists in Azure is not created again: a Deny on create cannot stop the snapshots.
      if (!isUnknown(existing) && existing?.deployed) {
        ctx.pass(first.policy.ref);
        continue;
      }
      const evaluation = evaluatePolicies(ctx.model, snapshotGroupTarget(first, name, existing), { now: ctx.now });
      const blocking = evaluation.blocking.filter((v) => v.inspectsTags);
      const uncertain = evaluation.uncertain.filter((v) => v.inspectsTags || !v.definition);
      const groupName = isUnknown(name) ? "(name not known before deployment)" : name;
      const region = regionOf(first);
      const vmNames = [...new Set(group.members.map((m) => m.vmName))];
      const planned = !isUnknown(existing) && existing !== undefined ? existing.group : undefined;

      for (const v of blocking) {
        const data = { ...verdictData(v), resourceGroup: groupName, region, vms: vmNames, backupPolicy: policyName(first), precreated: planned !== undefined };
        if (planned) {
          ctx.report({
            resource: planned.ref,
            messageId: "precreatedGroupDenied",
            message:
              `Resource group ${groupName}, created by this program for the instant-restore snapshots of ${vmList(group.members)} ` +
              `(instantRPDetails of backup policy "${policyName(first)}"), does not satisfy ${describeVerdict(v)}: it lacks ${describeRequirements(v)}. ` +
              `Its creation is denied (RequestDisallowedByPolicy) and snapshots then fail with UserErrorRequestDisallowedByPolicy. ` +
              `Add ${tagAssignments(v)} to its tags, or change the policy's effect to Modify.`,
            path: "tags",
            data,
            azureErrorCodes: ["RequestDisallowedByPolicy", "UserErrorRequestDisallowedByPolicy"],
          });
          continue;
        }
        const pre = group.custom
          ? `pre-create ${groupName} in ${region} with the tags ${tagAssignments(v)}`
          : `set instantRPDetails.azureBackupRGNamePrefix on the backup policy (for example "rg-azurebackup-${region}-") and pre-create rg-azurebackup-${region}-1 in ${region} with the tags ${tagAssignments(v)}`;
        ctx.report({
          resource: first.policy.ref,
          messageId: "snapshotGroupDenied",
          message:
            `Azure Backup will create resource group ${groupName} without tags for the instant-restore snapshots of ${vmList(group.members)} ` +
            `(backup policy "${policyName(first)}"), and ${describeVerdict(v)} denies it: it requires ${describeRequirements(v)}. ` +
            `Every snapshot will fail with UserErrorRequestDisallowedByPolicy. ` +
            `Fix: change the policy's effect to Modify so that it adds the tag, or ${pre}.`,
          path: "instantRPDetails",
          data,
          azureErrorCodes: ["UserErrorRequestDisallowedByPolicy"],
        });
      }
      if (blocking.length > 0) continue;
      for (const v of uncertain) {
        ctx.unknown({
          resource: planned?.ref ?? first.policy.ref,
          messageId: "maybeDenied",
          message: `Cannot tell whether ${describeVerdict(v)} denies resource group ${groupName} for the snapshots of ${vmList(group.members)}: ${v.reasons.join("; ")}.`,
          data: { ...verdictData(v), resourceGroup: groupName, vms: vmNames, reasons: v.reasons },
          azureErrorCodes: planned ? ["RequestDisallowedByPolicy", "UserErrorRequestDisallowedByPolicy"] : ["UserErrorRequestDisallowedByPolicy"],
        });
      }
      if (uncertain.length === 0) ctx.pass(planned?.ref ?? first.policy.ref);
    }
  },
});
