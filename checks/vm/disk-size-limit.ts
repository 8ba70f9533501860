import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { disksOf, isDiskExcludedEverywhere, protectedVms, vmLabel } from "./_vm-protection.js";

/** Largest disk Azure Backup backs up: 32 TiB, in GiB (the unit of diskSizeGB). */
export const MAX_DISK_GIB = 32 * 1024;
/** Largest total of all disks of one VM: 256 TiB, in GiB. */
export const MAX_VM_TOTAL_GIB = 256 * 1024;

export default defineRule({
  id: "VM-010",
  name: "disk-size-limit",
  title: "Disks of protected VMs are at most 32 TiB each and 256 TiB together",
  severity: "error",
  prevents: ["UserErrorUnsupportedDiskSize"],
  remediation:
    "Split data over disks of at most 32 TiB (32,768 GiB) and keep a VM's disks at 256 TiB in total, or exclude the oversized disks from the VM backup and protect their data another way.",
  check(ctx) {
    for (const { vm, protections } of protectedVms(ctx)) {
      const name = vmLabel(vm);
      const disks = disksOf(vm);
      if (isUnknown(disks)) {
        ctx.unknown({ resource: vm.ref, messageId: "disksUnknown", message: `The disks of VM "${name}" are not known before deployment.`, path: "dataDisks" });
        continue;
      }
      let failed = false;
      let sizeUnknown = false;
      let exclusionUnknown = false;
      // Disks left out by selective disk backup are not read by the backup, so they count towards no limit.
      let total = 0;
      let totalMaybe = 0;
      for (const { disk, path, label } of disks) {
        const excluded = isDiskExcludedEverywhere(protections, disk.lun);
        if (excluded === true) continue;
        const size = disk.sizeGb;
        if (isUnknown(size)) {
          sizeUnknown = true;
          continue;
        }
        if (size === undefined) continue; // the image's size applies: platform images are far below the limit
        if (isUnknown(excluded)) {
          totalMaybe += size;
          if (size > MAX_DISK_GIB) exclusionUnknown = true;
          continue;
        }
        total += size;
        if (size > MAX_DISK_GIB) {
          failed = true;
          ctx.report({
            resource: vm.ref,
            messageId: "diskTooLarge",
            message: `${label} of VM "${name}" is ${size} GiB; Azure Backup backs up disks of at most ${MAX_DISK_GIB} GiB (32 TiB), so the VM backup fails. Split the data over smaller disks, or exclude this disk from the backup (selective disk backup).`,
            path: `${path}.sizeGb`,
            data: { disk: label, value: size, limit: MAX_DISK_GIB },
          });
        }
      }
      if (total > MAX_VM_TOTAL_GIB) {
        failed = true;
        ctx.report({
          resource: vm.ref,
          messageId: "vmTotalTooLarge",
          message: `The disks of VM "${name}" that its backup includes total ${total} GiB; Azure Backup backs up at most ${MAX_VM_TOTAL_GIB} GiB (256 TiB) per VM. Move data to another VM or exclude disks from the backup.`,
          data: { value: total, limit: MAX_VM_TOTAL_GIB },
        });
      } else if (total + totalMaybe > MAX_VM_TOTAL_GIB) {
        exclusionUnknown = true;
      }
      if (failed) continue;
      if (exclusionUnknown)
        ctx.unknown({
          resource: vm.ref,
          messageId: "exclusionUnknown",
          message: `VM "${name}" has disks above Azure Backup's size limits, and whether its backup excludes them (selective disk backup) is not known before deployment.`,
        });
      else if (sizeUnknown)
        ctx.unknown({ resource: vm.ref, messageId: "sizeUnknown", message: `The size of a disk of VM "${name}" is not known before deployment.` });
      else ctx.pass(vm.ref);
    }
  },
});
