import { defineRule } from "../../src/engine/define-rule.js";
import { CONFIG_FILE, CONFIG_PATH, configContent, linuxTargets } from "./_linux-app.js";

const RETRY_KEYS = ["preScriptNoOfRetries", "postScriptNoOfRetries"] as const;

export default defineRule({
  id: "LINUX-005",
  name: "script-retry-count",
  title: "preScriptNoOfRetries and postScriptNoOfRetries are whole numbers, 0 or more",
  severity: "note",
  prevents: [],
  remediation: "Give each retry count as a whole number: 0 runs the script once, 1 allows one retry, and so on; all tries share timeoutInSeconds.",
  check(ctx) {
    for (const { inventory, app, name } of linuxTargets(ctx)) {
      const content = configContent(app);
      if (!content) continue;
      let failed = false;
      for (const key of RETRY_KEYS) {
        const value = content[key];
        if (typeof value !== "number" || !Number.isFinite(value)) continue; // absent (0 applies) or LINUX-002's business
        if (Number.isInteger(value) && value >= 0) continue;
        ctx.report({
          resource: inventory.ref,
          messageId: "invalidRetries",
          message: `${key} is ${value} in ${CONFIG_FILE} on VM "${name}"; it counts retries after the first try, so it must be a whole number of 0 or more.`,
          path: `${CONFIG_PATH}.content.${key}`,
          data: { key, value, min: 0 },
        });
        failed = true;
      }
      if (!failed) ctx.pass(inventory.ref);
    }
  },
});
