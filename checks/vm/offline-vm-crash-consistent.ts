import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { powerStateCode, protectedVms, vmLabel } from "./_vm-protection.js";

/** Power states in which the guest is not running: no agent, no VSS or pre/post scripts, no file-system freeze. */
const OFFLINE = new Set(["stopped", "stopping", "deallocated", "deallocating"]);

export default defineRule({
  id: "VM-013",
  name: "offline-vm-crash-consistent",
  title: "Protected VMs are running, so their recovery points are application consistent",
  severity: "warning",
  prevents: [],
  remediation:
    "Keep protected VMs running at backup time (or move the policy's backup window to when they run); a stopped VM only gets crash-consistent recovery points.",
  check(ctx) {
    for (const { vm } of protectedVms(ctx)) {
      const state = vm.powerState;
      if (isUnknown(state)) {
        ctx.unknown({ resource: vm.ref, messageId: "stateUnknown", message: `The power state of VM "${vmLabel(vm)}" is not known before deployment.`, path: "powerState" });
        continue;
      }
      if (state === undefined) continue; // no instance view: a plan, not a live VM
      const code = powerStateCode(state);
      if (!OFFLINE.has(code)) {
        ctx.pass(vm.ref);
        continue;
      }
      ctx.report({
        resource: vm.ref,
        messageId: "vmOffline",
        message: `VM "${vmLabel(vm)}" is ${code}; Azure Backup still backs it up, but only crash consistently: no VSS or pre/post scripts run, so databases may need recovery after a restore. Keep the VM running at backup time.`,
        path: "powerState",
        data: { value: state },
      });
    }
  },
});
