import { existsSync } from "node:fs";
import { readStructuredFile } from "../adapters/read-file.js";
import { zodInputError } from "../adapters/zod-error.js";
import { formatPath, InputError } from "../errors.js";
import { normalizeRuleConfig, ruleConfigSchema, type RuleConfig } from "./config.js";

export const DEFAULT_CONFIG_FILE = "backupguard.config.yaml";

/** Reads --config, or backupguard.config.yaml in the working directory when present. */
export function loadRuleConfig(file: string | undefined, knownRuleIds: readonly string[]): RuleConfig {
  const path = file ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  if (!path) return { rules: {}, suppressions: [] };
  const raw = readStructuredFile(path) ?? {};
  const parsed = ruleConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw zodInputError(path, parsed.error);
  const config = normalizeRuleConfig(parsed.data);
  const known = new Set(knownRuleIds);
  for (const id of Object.keys(config.rules)) {
    if (!known.has(id)) throw new InputError(path, formatPath(["rules", id]), `unknown rule id "${id}" (see \`backupguard rules\`)`);
  }
  config.suppressions.forEach((s, i) => {
    if (!known.has(s.rule)) throw new InputError(path, formatPath(["suppressions", i, "rule"]), `unknown rule id "${s.rule}" (see \`backupguard rules\`)`);
  });
  return config;
}
