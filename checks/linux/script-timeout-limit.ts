import { defineRule } from "../../src/engine/define-rule.js";
import { CONFIG_FILE, CONFIG_PATH, configContent, linuxTargets } from "./_linux-app.js";

/** Longest time the framework lets each of the pre-script and the post-script run, in seconds. */
export const MAX_SCRIPT_TIMEOUT_SECONDS = 1800;

export default defineRule({
  id: "LINUX-003",
  name: "script-timeout-limit",
  title: "timeoutInSeconds is set, positive and at most 1800",
  severity: "warning",
  // The timeout covers both scripts, so every finding predicts both codes.
  prevents: ["Pre-ScriptTimeout", "Post-ScriptTimeout"],
  remediation:
    "Set timeoutInSeconds to how long the slower of the two scripts needs, retries included, and at most 1800; make scripts that need longer quiesce faster (flush, then freeze) instead.",
  check(ctx) {
    for (const { inventory, app, name } of linuxTargets(ctx)) {
      const content = configContent(app);
      if (!content) continue;
      const timeout = content.timeoutInSeconds;
      const path = `${CONFIG_PATH}.content.timeoutInSeconds`;
      if (timeout === undefined) {
        ctx.report({
          resource: inventory.ref,
          messageId: "timeoutMissing",
          message: `${CONFIG_FILE} on VM "${name}" does not set timeoutInSeconds, so the extension's short built-in default applies and scripts that take longer are cut off. Set it explicitly.`,
          path,
        });
        continue;
      }
      if (typeof timeout !== "number" || !Number.isFinite(timeout)) continue; // LINUX-002 reports the type
      if (timeout > MAX_SCRIPT_TIMEOUT_SECONDS) {
        ctx.report({
          resource: inventory.ref,
          messageId: "exceedsMax",
          message: `timeoutInSeconds is ${timeout} in ${CONFIG_FILE} on VM "${name}"; the framework allows at most ${MAX_SCRIPT_TIMEOUT_SECONDS} and cuts each script off there, so a script that needs longer times out and the snapshot is not application consistent.`,
          path,
          data: { value: timeout, limit: MAX_SCRIPT_TIMEOUT_SECONDS },
        });
      } else if (timeout <= 0) {
        ctx.report({
          resource: inventory.ref,
          messageId: "notPositive",
          message: `timeoutInSeconds is ${timeout} in ${CONFIG_FILE} on VM "${name}"; every script would time out at once. Give a positive number of seconds (at most ${MAX_SCRIPT_TIMEOUT_SECONDS}).`,
          path,
          data: { value: timeout, limit: MAX_SCRIPT_TIMEOUT_SECONDS },
        });
      } else {
        ctx.pass(inventory.ref);
      }
    }
  },
});
