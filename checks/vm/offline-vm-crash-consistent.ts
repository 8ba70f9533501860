import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { backupsOnVm, powerStateCode, vmLabel, vmsWithAgentBackups } from "./_vm-protection.js";

/** What the SQL workload backups of a shut-down VM fail with. */
const SQL_CODE = "VMNotInRunningStateUserError";

/** Power states in which the guest is not running: no agent, no VSS or pre/post scripts, no file-system freeze. */
const OFFLINE = new Set(["stopped", "stopping", "deallocated", "deallocating"]);

export default defineRule({
  id: "VM-013",
  name: "offline-vm-crash-consistent",
  title: "Protected VMs are running, so their recovery points are application consistent",
  severity: "warning",
  prevents: [SQL_CODE],
  remediation:
    "Keep protected VMs running at backup time (or move the policy's backup window to when they run); a stopped VM only gets crash-consistent recovery points.",
  check(ctx) {
    for (const { vm, protections, sql } of vmsWithAgentBackups(ctx)) {
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
      const parts = [
        protections.length > 0 ? "Azure Backup still backs the VM up, but only crash consistently: no VSS or pre/post scripts run, so databases may need recovery after a restore" : "",
        sql ? "the SQL Server database backups on it fail (VMNotInRunningStateUserError) until it runs again" : "",
      ].filter(Boolean);
      ctx.report({
        resource: vm.ref,
        messageId: "vmOffline",
        message: `VM "${vmLabel(vm)}" is ${code}; ${parts.join("; and ")}. Keep the VM running at backup time.`,
        path: "powerState",
        data: { value: state, ...backupsOnVm(protections.length > 0, sql) },
        azureErrorCodes: sql ? [SQL_CODE] : [],
      });
    }
  },
});
