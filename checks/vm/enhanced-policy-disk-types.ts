import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { disksOf, isEnhancedPolicy, policyLabel, vmLabel, vmProtections } from "./_vm-protection.js";

/** Disk types only the Enhanced policy protects. */
export const ENHANCED_ONLY_DISK_TYPES: Record<string, string> = {
  ultrassd_lrs: "Ultra Disk",
  premiumv2_lrs: "Premium SSD v2",
};

export default defineRule({
  id: "VM-007",
  name: "enhanced-policy-disk-types",
  title: "VMs with Ultra Disks, Premium SSD v2 disks or Confidential VM security use an Enhanced (V2) policy",
  // Azure refuses to protect them with a Standard policy but documents no error code: warning.
  severity: "warning",
  prevents: [],
  remediation:
    "Protect the VM with an Enhanced backup policy (policyType: V2) in the vault; a VM cannot move back from Enhanced to Standard later.",
  check(ctx) {
    for (const { vm, item, policy } of vmProtections(ctx)) {
      const enhanced = isEnhancedPolicy(policy);
      if (enhanced === undefined || enhanced === true) {
        if (enhanced === true) ctx.pass(item.ref);
        continue;
      }
      const needs: string[] = [];
      let undecided = false;
      const disks = disksOf(vm);
      if (isUnknown(disks)) undecided = true;
      else
        for (const { disk, label } of disks) {
          const type = disk.storageAccountType;
          if (isUnknown(type)) undecided = true;
          else if (type !== undefined && ENHANCED_ONLY_DISK_TYPES[type.toLowerCase()])
            needs.push(`${label} is ${ENHANCED_ONLY_DISK_TYPES[type.toLowerCase()]} (${type})`);
        }
      const security = vm.securityType;
      if (isUnknown(security)) undecided = true;
      else if (security?.toLowerCase() === "confidentialvm") needs.push("it is a Confidential VM");

      if (isUnknown(enhanced)) {
        if (needs.length || undecided)
          ctx.unknown({
            resource: item.ref,
            messageId: "policyUnknown",
            message: `The backup policy of VM "${vmLabel(vm)}" is not known before deployment, so whether it is an Enhanced policy cannot be checked.`,
          });
        else ctx.pass(item.ref);
        continue;
      }
      const name = policyLabel(policy);
      if (needs.length) {
        ctx.report({
          resource: item.ref,
          messageId: "standardPolicy",
          message: `VM "${vmLabel(vm)}" is protected with Standard policy "${name}", but ${needs.join(" and ")}; only the Enhanced policy (V2) protects such VMs, so configuring protection fails. Use an Enhanced policy.`,
          data: { policy: name, policyType: "V1", requires: needs },
        });
      } else if (undecided) {
        ctx.unknown({
          resource: item.ref,
          messageId: "disksUnknown",
          message: `The disk types or security type of VM "${vmLabel(vm)}" are not known before deployment, so whether Standard policy "${name}" can protect it cannot be checked.`,
        });
      } else {
        ctx.pass(item.ref);
      }
    }
  },
});
