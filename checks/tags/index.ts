import type { Rule } from "../../src/engine/types.js";
import snapshotRgDeniedByTagPolicy from "./snapshot-rg-denied-by-tag-policy.js";

/** The tags rules, sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const tagsRules: Rule[] = [snapshotRgDeniedByTagPolicy];
