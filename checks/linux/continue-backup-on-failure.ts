import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { CONFIG_FILE, CONFIG_PATH, configContent, linuxTargets } from "./_linux-app.js";

export default defineRule({
  id: "LINUX-008",
  name: "continue-backup-on-failure",
  title: "continueBackupOnFailure is false only when a failed script should fail the whole backup",
  severity: "note",
  prevents: [],
  remediation:
    "Set continueBackupOnFailure to true to keep a file-system consistent recovery point when a script fails, or keep false deliberately and alert on failed backup jobs of this VM.",
  check(ctx) {
    for (const { vm, inventory, app, name } of linuxTargets(ctx)) {
      const content = configContent(app);
      if (!content) continue;
      if (content.continueBackupOnFailure !== false) {
        ctx.pass(inventory.ref);
        continue;
      }
      const dataDisks = vm.dataDisks;
      if (isUnknown(dataDisks)) {
        ctx.unknown({
          resource: inventory.ref,
          messageId: "disksUnknown",
          message: `continueBackupOnFailure is false on VM "${name}", whose data disks are not known before deployment (a single-disk VM ignores the setting).`,
        });
        continue;
      }
      if ((dataDisks ?? []).length === 0) {
        ctx.pass(inventory.ref); // single-disk VMs always fall back to a crash-consistent snapshot
        continue;
      }
      ctx.report({
        resource: inventory.ref,
        messageId: "failsBackup",
        message: `continueBackupOnFailure is false in ${CONFIG_FILE} on VM "${name}": whenever the pre-script or post-script fails, times out or cannot run, the whole backup job fails (the service retries, then gives up) instead of keeping a file-system consistent recovery point.`,
        path: `${CONFIG_PATH}.content.continueBackupOnFailure`,
        data: { value: false, dataDisks: (dataDisks ?? []).length },
      });
    }
  },
});
