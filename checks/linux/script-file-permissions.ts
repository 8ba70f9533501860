import { defineRule } from "../../src/engine/define-rule.js";
import { CONFIG_FILE, configContent, continuesOnFailure, formatMode, groupOrOthersHaveAccess, isRoot, linuxTargets, parseMode, SCRIPT_KEYS } from "./_linux-app.js";

export default defineRule({
  id: "LINUX-006",
  name: "script-file-permissions",
  title: "The pre-script and post-script exist, are owned by root and have mode 700",
  // Each finding names the one code it predicts (missing script or permissions, pre or post). The backup falls back to
  // file-system consistency unless continueBackupOnFailure is false, hence a warning.
  severity: "warning",
  prevents: ["Pre-ScriptNotFound", "Post-ScriptNotFound", "InsufficientPermissionforPre-Script", "InsufficientPermissionforPost-Script"],
  remediation:
    "Copy both scripts to the paths the config names, then as root `chown root:root <script> && chmod 700 <script>` for each.",
  check(ctx) {
    for (const { inventory, app, name } of linuxTargets(ctx)) {
      const content = configContent(app);
      const scripts = app.scripts;
      if (!content || !scripts) continue; // nothing recorded about the scripts: nothing to compare
      const outcome = continuesOnFailure(content)
        ? "the backup falls back to a file-system consistent snapshot"
        : "the backup job fails, because continueBackupOnFailure is false";
      let failed = false;
      for (const { key, label, side } of SCRIPT_KEYS) {
        const location = content[key];
        if (typeof location !== "string" || location.trim() === "") continue; // LINUX-002 reports it
        const index = scripts.findIndex((s) => s.path === location);
        const script = scripts[index];
        const path = `linuxAppConsistency.scripts[${index}]`;
        const base = { backupFails: !continuesOnFailure(content), script: location };
        if (!script) {
          ctx.report({
            resource: inventory.ref,
            messageId: "scriptMissing",
            message: `${CONFIG_FILE} on VM "${name}" names the ${label} ${location}, but the inventory lists no such file on the VM; the framework cannot run it and ${outcome}.`,
            path: `linuxAppConsistency.config.content.${key}`,
            data: base,
            azureErrorCodes: [`${side}-ScriptNotFound`],
          });
          failed = true;
          continue;
        }
        const permissionCode = [`InsufficientPermissionfor${side}-Script`];
        if (script.mode !== undefined) {
          const bits = parseMode(script.mode);
          if (bits === undefined) {
            ctx.unknown({
              resource: inventory.ref,
              messageId: "modeUnreadable",
              message: `The mode "${script.mode}" recorded for the ${label} ${location} on VM "${name}" is neither octal (700) nor symbolic (-rwx------).`,
              path: `${path}.mode`,
              data: { value: script.mode, script: location },
            });
            failed = true;
          } else if (groupOrOthersHaveAccess(bits)) {
            ctx.report({
              resource: inventory.ref,
              messageId: "scriptMode",
              message: `The ${label} ${location} on VM "${name}" has mode ${formatMode(bits)}; the framework runs only scripts that nobody but root can read, write or run (700), so it refuses this one and ${outcome}.`,
              path: `${path}.mode`,
              data: { ...base, value: script.mode, expected: "700" },
              azureErrorCodes: permissionCode,
            });
            failed = true;
          }
        }
        if (script.owner !== undefined && !isRoot(script.owner)) {
          ctx.report({
            resource: inventory.ref,
            messageId: "scriptOwner",
            message: `The ${label} ${location} on VM "${name}" is owned by "${script.owner}"; the framework runs only scripts owned by root, so it refuses this one and ${outcome}.`,
            path: `${path}.owner`,
            data: { ...base, value: script.owner, expected: "root" },
            azureErrorCodes: permissionCode,
          });
          failed = true;
        }
      }
      if (!failed) ctx.pass(inventory.ref);
    }
  },
});
