import { defineRule } from "../../src/engine/define-rule.js";
import type { ManagementLock } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { evaluatePolicies, parseScope, type Tri } from "../../src/policy-eval/index.js";
import { describeVerdict, groupBySnapshotGroup, protectedVms, restorePointCollectionTarget, snapshotGroupTarget, verdictData, vmList, type ProtectedVm } from "./_backup-targets.js";

const LOCK_MARKER = "/providers/microsoft.authorization/locks/";

function lockScope(lock: ManagementLock): string | undefined | { unknown: string } {
  if (isUnknown(lock.scope)) return { unknown: "its scope is not known before deployment" };
  if (lock.scope) return lock.scope;
  const id = lock.ref.id;
  const at = id?.toLowerCase().lastIndexOf(LOCK_MARKER) ?? -1;
  return id && at > 0 ? id.slice(0, at) : { unknown: "it names no scope" };
}

/** Whether a lock covers the snapshot resource group (or the subscription it is in, or a resource inside it). */
function covers(lock: ManagementLock, vm: ProtectedVm, groupName: string | undefined): { value: Tri; where?: string; reason?: string } {
  // A Pulumi resource-group lock has no scope id before deployment, but names its group.
  const lockGroup = lock.resourceGroupName;
  if (isUnknown(lock.scope) && lockGroup !== undefined && !isUnknown(lockGroup)) {
    if (groupName === undefined) return { value: "unknown", where: `resource group ${lockGroup}`, reason: "the snapshot resource group's name is not known" };
    return groupName.toLowerCase() === lockGroup.toLowerCase() ? { value: true, where: `resource group ${lockGroup}` } : { value: false };
  }
  const scope = lockScope(lock);
  if (scope === undefined) return { value: false };
  if (typeof scope !== "string") return { value: "unknown", reason: scope.unknown };
  const p = parseScope(scope);
  const sub = vm.subscriptionId;
  const sameSub = (s: string | undefined) => (s === undefined ? "unknown" : isUnknown(sub) ? "unknown" : s.toLowerCase() === sub.toLowerCase());
  switch (p.kind) {
    case "subscription": {
      const v = sameSub(p.subscriptionId);
      return { value: v, where: `subscription ${p.subscriptionId}`, reason: v === "unknown" ? "the VM's subscription is not known" : undefined };
    }
    case "resourceGroup":
    case "resource": {
      const s = sameSub(p.subscriptionId);
      if (s === false) return { value: false };
      const rg = p.resourceGroup;
      if (!rg) return { value: false };
      if (groupName === undefined) return { value: "unknown", where: `resource group ${rg}`, reason: "the snapshot resource group's name is not known" };
      if (rg.toLowerCase() !== groupName.toLowerCase()) return { value: false };
      return { value: s, where: p.kind === "resourceGroup" ? `resource group ${rg}` : `${scope} inside resource group ${rg}`, reason: s === "unknown" ? "the VM's subscription is not known" : undefined };
    }
    default:
      return { value: false };
  }
}

export default defineRule({
  id: "TAG-003",
  name: "snapshot-rg-locked",
  title: "No lock or DenyAction policy stops Azure Backup from cleaning up its snapshot resource group",
  severity: "error",
  prevents: ["UserErrorRpCollectionLimitReached"],
  remediation:
    "Remove CanNotDelete/ReadOnly locks from the snapshot resource group (and from the subscription that holds it), " +
    "and keep Microsoft.Compute/restorePointCollections out of DenyAction (do-not-delete) policies; protect the vault instead.",
  check(ctx) {
    const { vms } = protectedVms(ctx);
    for (const group of groupBySnapshotGroup(vms)) {
      const first = group.members[0]!;
      const name = isUnknown(group.name) ? undefined : group.name;
      const label = name ?? "(name not known before deployment)";
      let failed = false;
      let open = false;
      for (const lock of ctx.model.locks) {
        const level = lock.level;
        if (isUnknown(level)) {
          const c = covers(lock, first, name);
          if (c.value !== false) {
            open = true;
            ctx.unknown({ resource: lock.ref, messageId: "lockUnknown", message: `Lock "${lock.ref.name}" may cover snapshot resource group ${label}, and its level is not known before deployment.`, data: { lock: lock.ref.name } });
          }
          continue;
        }
        if (!level || !/^(CanNotDelete|ReadOnly)$/i.test(level)) continue;
        const c = covers(lock, first, name);
        if (c.value === true) {
          failed = true;
          ctx.report({
            resource: lock.ref,
            messageId: "locked",
            message:
              `Lock "${lock.ref.name}" (${level}) on ${c.where} covers ${label}, the resource group Azure Backup uses for the snapshots of ${vmList(group.members)}. ` +
              `Azure Backup cannot delete expired restore points there${/readonly/i.test(level) ? " or create new ones" : ""}; once the restore point collection is full, backups fail with UserErrorRpCollectionLimitReached. ` +
              `Remove the lock from that scope (lock the vault instead).`,
            data: { lock: lock.ref.name, level, scope: c.where, resourceGroup: label, vms: [...new Set(group.members.map((m) => m.vmName))] },
          });
        } else if (c.value === "unknown") {
          open = true;
          ctx.unknown({ resource: lock.ref, messageId: "lockUnknown", message: `Cannot tell whether lock "${lock.ref.name}" (${level}) covers snapshot resource group ${label}: ${c.reason ?? "unknown"}.`, data: { lock: lock.ref.name } });
        }
      }
      // DenyAction policies on deleting restore point collections have the same effect as a lock.
      const groupTarget = snapshotGroupTarget(first, group.name, undefined);
      const evaluation = evaluatePolicies(ctx.model, restorePointCollectionTarget(first, groupTarget), { now: ctx.now, action: "delete" });
      for (const v of evaluation.blocking) {
        failed = true;
        ctx.report({
          resource: first.policy.ref,
          messageId: "denyActionDelete",
          message:
            `${describeVerdict(v)} denies deleting restore point collections, including those Azure Backup keeps in ${label} for ${vmList(group.members)}. ` +
            `Expired restore points then pile up until backups fail with UserErrorRpCollectionLimitReached. Exclude Microsoft.Compute/restorePointCollections from that policy, or exempt the snapshot resource group.`,
          data: { ...verdictData(v), resourceGroup: label },
        });
      }
      for (const v of evaluation.uncertain) {
        open = true;
        ctx.unknown({ resource: first.policy.ref, messageId: "denyActionUnknown", message: `Cannot tell whether ${describeVerdict(v)} stops Azure Backup from deleting restore points in ${label}: ${v.reasons.join("; ")}.`, data: verdictData(v) });
      }
      if (!failed && !open) ctx.pass(first.policy.ref);
    }
  },
});
