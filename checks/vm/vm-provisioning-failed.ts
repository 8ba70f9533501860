import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { protectedVms, vmLabel } from "./_vm-protection.js";

export default defineRule({
  id: "VM-012",
  name: "vm-provisioning-failed",
  title: "Protected VMs are not in the Failed provisioning state",
  severity: "error",
  prevents: ["UserErrorVmProvisioningStateFailed", "UserErrorVmNotInDesirableState"],
  remediation:
    "Bring the VM out of the Failed state before its next backup: remove or repair the failed extension, make sure the VM agent runs, then restart (or redeploy) the VM so that it is Running or Stopped.",
  check(ctx) {
    for (const { vm } of protectedVms(ctx)) {
      const state = vm.provisioningState;
      if (isUnknown(state)) {
        ctx.unknown({
          resource: vm.ref,
          messageId: "stateUnknown",
          message: `The provisioning state of VM "${vmLabel(vm)}" is not known before deployment.`,
          path: "provisioningState",
        });
        continue;
      }
      if (state === undefined) continue; // a plan, not a live VM: nothing to check
      if (state.toLowerCase() !== "failed") {
        ctx.pass(vm.ref);
        continue;
      }
      ctx.report({
        resource: vm.ref,
        messageId: "provisioningFailed",
        message: `VM "${vmLabel(vm)}" is in the Failed provisioning state (usually a failed extension); Azure Backup only backs up VMs that are Running, Stopped or Stopped (deallocated), so its backups fail until the VM is repaired.`,
        path: "provisioningState",
        data: { value: state },
      });
    }
  },
});
