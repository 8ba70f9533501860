import { defineRule } from "../../src/engine/define-rule.js";
import { CONFIG_FILE, CONFIG_PATH, configContent, linuxTargets } from "./_linux-app.js";

export const MIN_POLL_SECONDS = 1;
export const MAX_POLL_SECONDS = 5;

export default defineRule({
  id: "LINUX-004",
  name: "poll-interval-range",
  title: "ScriptsExecutionPollTimeSeconds is a whole number from 1 to 5",
  severity: "warning",
  prevents: [],
  remediation: "Set ScriptsExecutionPollTimeSeconds to a whole number of seconds from 1 to 5 (the template uses 3), or leave it out.",
  check(ctx) {
    for (const { inventory, app, name } of linuxTargets(ctx)) {
      const content = configContent(app);
      if (!content) continue;
      const value = content.ScriptsExecutionPollTimeSeconds;
      if (value === undefined) continue; // the extension's default applies
      if (typeof value !== "number" || !Number.isFinite(value)) continue; // LINUX-002 reports the type
      if (Number.isInteger(value) && value >= MIN_POLL_SECONDS && value <= MAX_POLL_SECONDS) {
        ctx.pass(inventory.ref);
        continue;
      }
      ctx.report({
        resource: inventory.ref,
        messageId: "outOfRange",
        message: `ScriptsExecutionPollTimeSeconds is ${value} in ${CONFIG_FILE} on VM "${name}"; the framework takes a whole number of seconds from ${MIN_POLL_SECONDS} to ${MAX_POLL_SECONDS} between its checks on the running script.`,
        path: `${CONFIG_PATH}.content.ScriptsExecutionPollTimeSeconds`,
        data: { value, min: MIN_POLL_SECONDS, max: MAX_POLL_SECONDS },
      });
    }
  },
});
