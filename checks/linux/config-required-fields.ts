import { defineRule } from "../../src/engine/define-rule.js";
import { CONFIG_FILE, CONFIG_PATH, configContent, linuxTargets, SCRIPT_KEYS } from "./_linux-app.js";

/** The value types the framework expects for each documented setting. */
const EXPECTED_TYPES: Record<string, "string" | "number" | "boolean" | "string[]"> = {
  pluginName: "string",
  preScriptLocation: "string",
  postScriptLocation: "string",
  preScriptParams: "string[]",
  postScriptParams: "string[]",
  preScriptNoOfRetries: "number",
  postScriptNoOfRetries: "number",
  timeoutInSeconds: "number",
  continueBackupOnFailure: "boolean",
  fsFreezeEnabled: "boolean",
  ScriptsExecutionPollTimeSeconds: "number",
};

function hasType(value: unknown, type: (typeof EXPECTED_TYPES)[string]): boolean {
  if (type === "string[]") return Array.isArray(value) && value.every((v) => typeof v === "string");
  return typeof value === type && (type !== "number" || Number.isFinite(value));
}

/** What goes wrong when a setting has the wrong type, by expected type. */
const CONSEQUENCE: Record<(typeof EXPECTED_TYPES)[string], string> = {
  boolean: 'any non-empty text, "false" included, reads as true',
  number: "the extension's timing arithmetic fails on text",
  "string[]": "a single string is passed to the script one character at a time",
  string: "the extension cannot use it",
};

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${[...new Set(value.map((v) => typeof v))].join("/") || "nothing"}`;
  return value === null ? "null" : `${typeof value} ${JSON.stringify(value)}`;
}

export default defineRule({
  id: "LINUX-002",
  name: "config-required-fields",
  title: "VMSnapshotScriptPluginConfig.json names both scripts by absolute path and gives every setting its documented type",
  // Azure falls back to a file-system consistent snapshot: degraded, not failed.
  severity: "warning",
  prevents: ["IncorrectJSONConfigFile"],
  remediation:
    "Start from Microsoft's VMSnapshotScriptPluginConfig.json template, set preScriptLocation and postScriptLocation to the scripts' absolute paths, and keep numbers as numbers, true/false as JSON booleans and parameters as arrays of strings.",
  check(ctx) {
    for (const { inventory, app, name } of linuxTargets(ctx)) {
      const content = configContent(app);
      if (!content) continue; // LINUX-001 reports a missing config; an inventory without its content cannot be read
      let failed = false;
      for (const { key, label } of SCRIPT_KEYS) {
        const location = content[key];
        if (typeof location !== "string" || location.trim() === "") {
          ctx.report({
            resource: inventory.ref,
            messageId: "locationMissing",
            message: `${CONFIG_FILE} on VM "${name}" does not give ${key}; the framework needs the full path of both the pre-script and the post-script, and without the ${label} it runs neither, so snapshots are not application consistent.`,
            path: `${CONFIG_PATH}.content.${key}`,
            data: { key, value: location ?? null },
          });
          failed = true;
        } else if (!location.startsWith("/")) {
          ctx.report({
            resource: inventory.ref,
            messageId: "locationNotAbsolute",
            message: `${key} in ${CONFIG_FILE} on VM "${name}" is "${location}", a relative path; the extension resolves it from its own working directory and will not find the ${label}. Give the full path.`,
            path: `${CONFIG_PATH}.content.${key}`,
            data: { key, value: location },
          });
          failed = true;
        }
      }
      for (const [key, type] of Object.entries(EXPECTED_TYPES)) {
        if (key === "preScriptLocation" || key === "postScriptLocation") continue;
        if (!(key in content) || hasType(content[key], type)) continue;
        ctx.report({
          resource: inventory.ref,
          messageId: "wrongType",
          message: `${key} in ${CONFIG_FILE} on VM "${name}" is ${describe(content[key])}; the framework expects ${type === "string[]" ? "an array of strings" : `a JSON ${type}`}, and ${CONSEQUENCE[type]}.`,
          path: `${CONFIG_PATH}.content.${key}`,
          data: { key, expected: type, value: content[key] as unknown },
        });
        failed = true;
      }
      if (!failed) ctx.pass(inventory.ref);
    }
  },
});
