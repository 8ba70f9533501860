import { defineRule } from "../../src/engine/define-rule.js";
import { CONFIG_FILE, CONFIG_PATH, formatMode, groupOrOthersHaveAccess, isRoot, linuxTargets, parseMode } from "./_linux-app.js";

export default defineRule({
  id: "LINUX-001",
  name: "config-file-permissions",
  title: "VMSnapshotScriptPluginConfig.json exists, is owned by root and has mode 600",
  // The backup still runs, without the scripts: application consistency is lost, nothing fails.
  severity: "warning",
  prevents: [],
  remediation: `As root: place the config at ${CONFIG_FILE}, then \`chown root:root ${CONFIG_FILE} && chmod 600 ${CONFIG_FILE}\`.`,
  check(ctx) {
    for (const { inventory, app, name } of linuxTargets(ctx)) {
      const config = app.config;
      if (!config) {
        ctx.report({
          resource: inventory.ref,
          messageId: "configMissing",
          message: `VM "${name}" lists pre/post scripts but no ${CONFIG_FILE}; without it the backup extension runs no script and takes file-system consistent snapshots only.`,
          path: CONFIG_PATH,
        });
        continue;
      }
      let failed = false;
      if (config.mode !== undefined) {
        const bits = parseMode(config.mode);
        if (bits === undefined) {
          ctx.unknown({
            resource: inventory.ref,
            messageId: "modeUnreadable",
            message: `The mode "${config.mode}" recorded for ${CONFIG_FILE} on VM "${name}" is neither octal (600) nor symbolic (-rw-------).`,
            path: `${CONFIG_PATH}.mode`,
            data: { value: config.mode },
          });
          failed = true;
        } else if (groupOrOthersHaveAccess(bits) || (bits & 0o100) !== 0) {
          ctx.report({
            resource: inventory.ref,
            messageId: "configMode",
            message: `${CONFIG_FILE} on VM "${name}" has mode ${formatMode(bits)}; the backup extension only loads it when root alone can read and write it and nobody can execute it (600), so the pre/post scripts never run and snapshots are not application consistent.`,
            path: `${CONFIG_PATH}.mode`,
            data: { value: config.mode, expected: "600" },
          });
          failed = true;
        }
      }
      if (config.owner !== undefined && !isRoot(config.owner)) {
        ctx.report({
          resource: inventory.ref,
          messageId: "configOwner",
          message: `${CONFIG_FILE} on VM "${name}" is owned by "${config.owner}"; the backup extension only loads it when root owns it, so the pre/post scripts never run.`,
          path: `${CONFIG_PATH}.owner`,
          data: { value: config.owner, expected: "root" },
        });
        failed = true;
      }
      if (!failed && config.mode !== undefined && config.owner !== undefined) ctx.pass(inventory.ref);
    }
  },
});
