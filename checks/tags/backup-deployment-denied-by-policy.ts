import { defineRule } from "../../src/engine/define-rule.js";
import type { RuleContext } from "../../src/engine/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { evaluatePolicies, type PolicyTarget, type PolicyVerdict } from "../../src/policy-eval/index.js";
import {
  BACKUP_EXTENSIONS,
  describeVerdict,
  extensionTarget,
  findGroup,
  groupBySnapshotGroup,
  protectedVms,
  restorePointCollectionTarget,
  snapshotExtension,
  snapshotGroupTarget,
  sqlWorkloadHosts,
  verdictData,
  vmList,
  type BackupHost,
} from "./_backup-targets.js";

type Ref = BackupHost["ref"];

function judge(ctx: RuleContext, resource: Ref, target: PolicyTarget, messageId: string, consequence: string, keep: (v: PolicyVerdict) => boolean = () => true): { failed: boolean; open: boolean; evaluated: PolicyTarget } {
  const evaluation = evaluatePolicies(ctx.model, target, { now: ctx.now });
  const blocking = evaluation.blocking.filter(keep);
  for (const v of blocking) {
    ctx.report({
      resource,
      messageId,
      message: `${describeVerdict(v)} denies the ${target.description}, which Azure Backup creates itself. ${consequence}`,
      data: { ...verdictData(v), target: target.description, type: target.type },
    });
  }
  const uncertain = blocking.length > 0 ? [] : evaluation.uncertain.filter(keep);
  for (const v of uncertain) {
    ctx.unknown({
      resource,
      messageId: `${messageId}Unknown`,
      message: `Cannot tell whether ${describeVerdict(v)} denies the ${target.description}: ${v.reasons.join("; ")}.`,
      data: { ...verdictData(v), target: target.description, reasons: v.reasons },
    });
  }
  return { failed: blocking.length > 0, open: uncertain.length > 0, evaluated: evaluation.target };
}

const SNAPSHOT_FAILS = "Snapshots fail with UserErrorRequestDisallowedByPolicy until the policy exempts it (an exemption, notScopes, or a condition that excludes it).";

export default defineRule({
  id: "TAG-004",
  name: "backup-deployment-denied-by-policy",
  title: "No Deny policy blocks what Azure Backup deploys: snapshot resource group, restore point collections, backup extensions",
  severity: "error",
  prevents: ["UserErrorRequestDisallowedByPolicy", "RequestDisallowedByPolicy"],
  remediation:
    "Exempt what Azure Backup deploys from the Deny policy: the snapshot resource group (name it to satisfy naming and location policies via instantRPDetails), " +
    "Microsoft.Compute/restorePointCollections, and the VMSnapshot / VMSnapshotLinux / AzureBackupWindowsWorkload extensions.",
  check(ctx) {
    const { vms } = protectedVms(ctx);
    for (const group of groupBySnapshotGroup(vms)) {
      const first = group.members[0]!;
      const existing = isUnknown(group.name) ? (group.custom ? group.name : undefined) : findGroup(ctx.model, first.subscriptionId, group.name);
      const groupTarget = snapshotGroupTarget(first, group.name, existing);
      const who = ` (snapshots of ${vmList(group.members)}, backup policy "${isUnknown(first.policy.policyName) ? first.policy.ref.name : first.policy.policyName}")`;
      let failed = false;
      let open = false;
      let evaluatedGroup = groupTarget;
      const alreadyThere = !isUnknown(existing) && existing?.deployed;
      if (!alreadyThere) {
        // Tag requirements on the group are TAG-001's: here, every other Deny (naming, location, resource types, ...).
        // Unresolved definitions on the group are reported (as unknown) by TAG-001 already.
        const r = judge(ctx, first.policy.ref, { ...groupTarget, description: groupTarget.description + who }, "groupDenied", SNAPSHOT_FAILS, (v) => v.definition !== undefined && !v.inspectsTags);
        failed ||= r.failed;
        open ||= r.open;
        evaluatedGroup = r.evaluated;
      }
      const rpc = restorePointCollectionTarget(first, evaluatedGroup);
      const r = judge(ctx, first.policy.ref, { ...rpc, description: `restore point collection in ${isUnknown(group.name) ? "the snapshot resource group" : group.name}${who}` }, "restorePointCollectionDenied", SNAPSHOT_FAILS);
      failed ||= r.failed;
      open ||= r.open;
      if (!failed && !open) ctx.pass(first.policy.ref);
    }

    const seen = new Set<string>();
    for (const vm of vms) {
      const key = isUnknown(vm.vmId) ? `?${vm.vmName}` : vm.vmId.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const r = judge(ctx, vm.ref, extensionTarget(vm, snapshotExtension(vm)), "extensionDenied", SNAPSHOT_FAILS);
      if (!r.failed && !r.open) ctx.pass(vm.ref);
    }
    for (const host of sqlWorkloadHosts(ctx)) {
      const r = judge(
        ctx,
        host.ref,
        extensionTarget(host, BACKUP_EXTENSIONS.sqlWorkload),
        "extensionDenied",
        "Registering the VM for SQL Server backup installs that extension; the install is refused (RequestDisallowedByPolicy) and its databases are never backed up.",
      );
      if (!r.failed && !r.open) ctx.pass(host.ref);
    }
  },
});
