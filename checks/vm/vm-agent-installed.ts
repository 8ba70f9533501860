import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { backupsOnVm, inventoryOf, vmLabel, vmsWithAgentBackups } from "./_vm-protection.js";

/** What a VM backup without an agent fails with (the snapshot extension and its registration both need the agent). */
const VM_CODES = ["UserErrorGuestAgentStatusUnavailable", "VmNotInDesirableState", "AzureVmOffline"];
/** What the SQL workload extension fails with when the VM has no agent. */
const SQL_CODE = "GuestAgentStatusUnavailableUserError";

export default defineRule({
  id: "VM-002",
  name: "vm-agent-installed",
  title: "Protected VMs are provisioned with the Azure VM agent",
  severity: "error",
  prevents: [...VM_CODES, SQL_CODE],
  remediation:
    "Create the VM with the VM agent (osProfile.windowsConfiguration/linuxConfiguration.provisionVMAgent: true), or install the agent inside the guest and record its version in the workload inventory.",
  check(ctx) {
    for (const { vm, protections, sql } of vmsWithAgentBackups(ctx)) {
      const name = vmLabel(vm);
      const provision = vm.provisionVmAgent;
      if (isUnknown(provision)) {
        ctx.unknown({
          resource: vm.ref,
          messageId: "provisionUnknown",
          message: `Whether VM "${name}" is created with the VM agent (provisionVMAgent) is not known before deployment.`,
          path: "provisionVmAgent",
        });
        continue;
      }
      if (provision !== false) {
        if (provision === true) ctx.pass(vm.ref);
        continue; // undefined: Azure's default installs the agent on platform images
      }
      // provisionVMAgent false only means Azure did not install it; a version reported from the guest proves it is there.
      const inventoryVersion = inventoryOf(ctx, vm)?.agentVersion;
      const instanceVersion = typeof vm.agentVersion === "string" ? vm.agentVersion : undefined;
      if (inventoryVersion || instanceVersion) {
        ctx.pass(vm.ref);
        continue;
      }
      ctx.report({
        resource: vm.ref,
        messageId: "agentNotProvisioned",
        message: `VM "${name}" is created with provisionVMAgent: false and no source reports an installed VM agent; Azure Backup runs ${
          [protections.length > 0 ? "its snapshot extension" : "", sql ? "the SQL Server workload extension" : ""].filter(Boolean).join(" and ")
        } through the agent, so every backup of this VM would fail. Provision the agent or install it in the guest.`,
        path: "provisionVmAgent",
        data: { value: false, ...backupsOnVm(protections.length > 0, sql) },
        azureErrorCodes: [...(protections.length > 0 ? VM_CODES : []), ...(sql ? [SQL_CODE] : [])],
      });
    }
  },
});
