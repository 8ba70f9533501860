import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { protectedVms, vmLabel } from "./_vm-protection.js";

export default defineRule({
  id: "VM-006",
  name: "ephemeral-os-disk",
  title: "Protected VMs do not use an ephemeral OS disk",
  // Not supported by Azure Backup (the portal greys backup out); no documented error code, so a warning.
  severity: "warning",
  prevents: [],
  remediation:
    "Give the VM a managed OS disk (no diffDiskSettings) if it must be backed up, or stop protecting it and rebuild it from its image: an ephemeral OS disk lives on the host and is not kept.",
  check(ctx) {
    for (const { vm } of protectedVms(ctx)) {
      const ephemeral = vm.osDisk?.ephemeral;
      if (isUnknown(ephemeral)) {
        ctx.unknown({
          resource: vm.ref,
          messageId: "ephemeralUnknown",
          message: `Whether VM "${vmLabel(vm)}" has an ephemeral OS disk is not known before deployment.`,
          path: "osDisk.ephemeral",
        });
        continue;
      }
      if (ephemeral !== true) {
        if (vm.osDisk) ctx.pass(vm.ref);
        continue;
      }
      ctx.report({
        resource: vm.ref,
        messageId: "ephemeralOsDisk",
        message: `VM "${vmLabel(vm)}" has an ephemeral OS disk (diffDiskSettings.option: Local); Azure Backup does not support ephemeral disks and offers no backup for this VM. Use a managed OS disk or do not protect the VM.`,
        path: "osDisk.ephemeral",
        data: { value: true },
      });
    }
  },
});
