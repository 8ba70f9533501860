/**
 * The rule catalogue: every rule, listed explicitly by area. test/catalog.test.ts fails, naming the missing piece,
 * when a rule module is not listed here or lacks its doc, its test or its metadata.
 */
import type { Rule } from "../src/engine/types.js";
import { configRules } from "./config/index.js";
import { driftRules } from "./drift/index.js";
import { jobsRules } from "./jobs/index.js";
import { linuxRules } from "./linux/index.js";
import { networkRules } from "./network/index.js";
import { policyRules } from "./policy/index.js";
import { sqlRules } from "./sql/index.js";
import { tagsRules } from "./tags/index.js";
import { vaultRules } from "./vault/index.js";
import { vmRules } from "./vm/index.js";

export const rules: readonly Rule[] = [
  ...policyRules,
  ...sqlRules,
  ...vmRules,
  ...linuxRules,
  ...networkRules,
  ...tagsRules,
  ...vaultRules,
  ...configRules,
  ...driftRules,
  ...jobsRules,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id.toLowerCase() === id.toLowerCase());
}
