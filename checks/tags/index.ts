import type { Rule } from "../../src/engine/types.js";

/** The tags rules, sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const tagsRules: Rule[] = [];
