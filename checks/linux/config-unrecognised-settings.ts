import { closest, distance } from "fastest-levenshtein";
import { defineRule } from "../../src/engine/define-rule.js";
import { CONFIG_FILE, CONFIG_PATH, configContent, linuxTargets } from "./_linux-app.js";

/** The settings the framework reads; anything else in the file is ignored. */
export const KNOWN_SETTINGS = [
  "pluginName",
  "preScriptLocation",
  "postScriptLocation",
  "preScriptParams",
  "postScriptParams",
  "preScriptNoOfRetries",
  "postScriptNoOfRetries",
  "timeoutInSeconds",
  "continueBackupOnFailure",
  "fsFreezeEnabled",
  "ScriptsExecutionPollTimeSeconds",
  "appName",
];

export const PLUGIN_NAME = "ScriptRunner";

/** The known setting an unknown key was probably meant to be: a near spelling or a shortened/lengthened name. */
export function suggestSetting(key: string): string | undefined {
  const k = key.toLowerCase();
  if (k.length >= 4) {
    const byPrefix = KNOWN_SETTINGS.find((s) => s.toLowerCase().startsWith(k) || k.startsWith(s.toLowerCase()));
    if (byPrefix) return byPrefix;
  }
  const nearest = closest(key, KNOWN_SETTINGS);
  return distance(k, nearest.toLowerCase()) <= Math.max(2, Math.floor(nearest.length / 4)) ? nearest : undefined;
}

export default defineRule({
  id: "LINUX-009",
  name: "config-unrecognised-settings",
  title: "VMSnapshotScriptPluginConfig.json holds only settings the framework reads, with pluginName left as ScriptRunner",
  severity: "note",
  prevents: [],
  remediation: `Spell every setting exactly as Microsoft's template does (names are case-sensitive), remove settings the framework does not read, and leave pluginName as "${PLUGIN_NAME}".`,
  check(ctx) {
    for (const { inventory, app, name } of linuxTargets(ctx)) {
      const content = configContent(app);
      if (!content) continue;
      let failed = false;
      for (const key of Object.keys(content)) {
        if (KNOWN_SETTINGS.includes(key)) continue;
        const suggestion = suggestSetting(key);
        ctx.report({
          resource: inventory.ref,
          messageId: "unknownSetting",
          message: `${CONFIG_FILE} on VM "${name}" sets "${key}", which the framework does not read, so its value is ignored${suggestion ? `; did you mean "${suggestion}"?` : "."}`,
          path: `${CONFIG_PATH}.content.${key}`,
          data: { key, ...(suggestion ? { suggestion } : {}) },
        });
        failed = true;
      }
      const plugin = content.pluginName;
      if (typeof plugin === "string" && plugin !== PLUGIN_NAME) {
        ctx.report({
          resource: inventory.ref,
          messageId: "pluginNameChanged",
          message: `pluginName is "${plugin}" in ${CONFIG_FILE} on VM "${name}"; Microsoft asks to leave it as "${PLUGIN_NAME}", or the scripts may not run as expected.`,
          path: `${CONFIG_PATH}.content.pluginName`,
          data: { value: plugin, expected: PLUGIN_NAME },
        });
        failed = true;
      }
      if (!failed) ctx.pass(inventory.ref);
    }
  },
});
