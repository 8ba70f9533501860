import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { disksOf, isDiskExcluded, isEnhancedPolicy, policyLabel, vmLabel, vmProtections, type LabelledDisk } from "./_vm-protection.js";

export default defineRule({
  id: "VM-009",
  name: "shared-disks",
  title: "Shared disks on a protected VM are excluded from its backup by an Enhanced policy",
  // Azure Backup does not support shared disks; no documented error code, so a warning.
  severity: "warning",
  prevents: [],
  remediation:
    "Protect the VM with an Enhanced policy and exclude the shared disks (selective disk backup: diskExclusionProperties with their LUNs); back the shared data up another way, for example from the cluster application.",
  check(ctx) {
    for (const { vm, item, policy } of vmProtections(ctx)) {
      const disks = disksOf(vm);
      if (isUnknown(disks)) {
        ctx.unknown({ resource: item.ref, messageId: "disksUnknown", message: `The disks of VM "${vmLabel(vm)}" are not known before deployment.` });
        continue;
      }
      const shared: LabelledDisk[] = [];
      let undecided = false;
      for (const d of disks) {
        const shares = d.disk.maxShares;
        if (isUnknown(shares)) undecided = true;
        else if (typeof shares === "number" && shares > 1) shared.push(d);
      }
      if (shared.length === 0) {
        if (undecided)
          ctx.unknown({ resource: item.ref, messageId: "sharesUnknown", message: `Whether a disk of VM "${vmLabel(vm)}" is shared (maxShares) is not known before deployment.` });
        else ctx.pass(item.ref);
        continue;
      }
      const enhanced = isEnhancedPolicy(policy);
      if (enhanced === undefined) continue;
      if (isUnknown(enhanced)) {
        ctx.unknown({ resource: item.ref, messageId: "policyUnknown", message: `VM "${vmLabel(vm)}" has shared disks and its backup policy is not known before deployment.` });
        continue;
      }
      const labels = shared.map((d) => d.label);
      if (!enhanced) {
        ctx.report({
          resource: item.ref,
          messageId: "standardPolicy",
          message: `VM "${vmLabel(vm)}" has shared disks (${labels.join(", ")}) and is protected with Standard policy "${policyLabel(policy)}"; Azure Backup does not back up shared disks and only the Enhanced policy can exclude them. Use an Enhanced policy that excludes them.`,
          data: { disks: labels, policyType: "V1" },
        });
        continue;
      }
      const included: string[] = [];
      let exclusionUnknown = false;
      for (const d of shared) {
        const excluded = isDiskExcluded(item, d.disk.lun);
        if (isUnknown(excluded)) exclusionUnknown = true;
        else if (!excluded) included.push(d.label);
      }
      if (included.length) {
        ctx.report({
          resource: item.ref,
          messageId: "sharedDiskIncluded",
          message: `VM "${vmLabel(vm)}" has shared disks that its backup still includes (${included.join(", ")}); Azure Backup does not support shared disks. Exclude their LUNs with selective disk backup.`,
          data: { disks: included },
        });
      } else if (exclusionUnknown) {
        ctx.unknown({ resource: item.ref, messageId: "exclusionUnknown", message: `The disk exclusion settings of VM "${vmLabel(vm)}" are not known before deployment.` });
      } else {
        ctx.pass(item.ref);
      }
    }
  },
});
