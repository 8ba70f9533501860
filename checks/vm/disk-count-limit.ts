import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { protectedVms, vmLabel } from "./_vm-protection.js";

/** Data disks Azure Backup backs up on a VM with managed disks. */
export const MAX_MANAGED_DISKS = 32;
/** ... and on a VM with unmanaged disks (or a classic VM). */
export const MAX_UNMANAGED_DISKS = 16;

export default defineRule({
  id: "VM-011",
  name: "disk-count-limit",
  title: "Protected VMs have at most 32 data disks (16 with unmanaged disks)",
  // A documented support limit without a documented error code: warning.
  severity: "warning",
  prevents: [],
  remediation:
    "Consolidate data onto fewer, larger disks (up to 32 TiB each), move unmanaged disks to managed disks, or exclude disks from the VM backup with an Enhanced policy.",
  check(ctx) {
    for (const { vm } of protectedVms(ctx)) {
      const name = vmLabel(vm);
      const dataDisks = vm.dataDisks;
      if (isUnknown(dataDisks)) {
        ctx.unknown({ resource: vm.ref, messageId: "disksUnknown", message: `The data disks of VM "${name}" are not known before deployment.`, path: "dataDisks" });
        continue;
      }
      const disks = [...(vm.osDisk ? [vm.osDisk] : []), ...(dataDisks ?? [])];
      const count = dataDisks?.length ?? 0;
      const unmanaged = disks.some((d) => d.managed === false);
      const managedUnknown = disks.some((d) => isUnknown(d.managed));
      const limit = unmanaged ? MAX_UNMANAGED_DISKS : MAX_MANAGED_DISKS;
      if (count > limit) {
        ctx.report({
          resource: vm.ref,
          messageId: "tooManyDisks",
          message: `VM "${name}" has ${count} data disks; Azure Backup supports at most ${limit} on a VM with ${unmanaged ? "unmanaged" : "managed"} disks. Consolidate disks or exclude some from the backup.`,
          path: "dataDisks",
          data: { value: count, limit, managed: !unmanaged },
        });
      } else if (managedUnknown && count > MAX_UNMANAGED_DISKS) {
        ctx.unknown({
          resource: vm.ref,
          messageId: "managedUnknown",
          message: `VM "${name}" has ${count} data disks; whether they are managed (limit ${MAX_MANAGED_DISKS}) or unmanaged (limit ${MAX_UNMANAGED_DISKS}) is not known before deployment.`,
        });
      } else {
        ctx.pass(vm.ref);
      }
    }
  },
});
