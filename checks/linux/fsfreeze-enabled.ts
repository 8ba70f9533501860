import { defineRule } from "../../src/engine/define-rule.js";
import { CONFIG_FILE, CONFIG_PATH, configContent, linuxTargets } from "./_linux-app.js";

export default defineRule({
  id: "LINUX-007",
  name: "fsfreeze-enabled",
  title: "fsFreezeEnabled stays true so that snapshots are file-system consistent",
  severity: "note",
  prevents: [],
  remediation:
    "Leave fsFreezeEnabled at true; turn it off only for an application that cannot live with fsfreeze, and then make its pre-script flush and quiesce every file system it writes to.",
  check(ctx) {
    for (const { inventory, app, name } of linuxTargets(ctx)) {
      const content = configContent(app);
      if (!content) continue;
      if (content.fsFreezeEnabled !== false) {
        ctx.pass(inventory.ref);
        continue;
      }
      ctx.report({
        resource: inventory.ref,
        messageId: "fsfreezeDisabled",
        message: `fsFreezeEnabled is false in ${CONFIG_FILE} on VM "${name}": the extension will not freeze the file systems during the snapshot, so only what the pre-script quiesces is consistent; everything else is crash consistent.`,
        path: `${CONFIG_PATH}.content.fsFreezeEnabled`,
        data: { value: false },
      });
    }
  },
});
