import type { Rule } from "../../src/engine/types.js";
import expiredSuppression from "./expired-suppression.js";

/** The config rules, sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const configRules: Rule[] = [expiredSuppression];
