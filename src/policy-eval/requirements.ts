/**
 * Reads what a deny rule demands of tags, for messages and remediation: "tag costCenter must be present",
 * "tag env must be one of prod, test". The verdict itself never depends on this reading: the evaluator decides.
 */
import { isUnknown } from "../model/unknown.js";
import { evaluateValue, isExpression, type ExpressionScope } from "./expressions.js";
import { tagNameOf } from "./fields.js";
import type { TagRequirement } from "./types.js";

function keyOf(obj: Record<string, unknown>, name: string): string | undefined {
  const lowered = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lowered);
}

function safeValue(v: unknown, scope: ExpressionScope): unknown {
  try {
    return evaluateValue(v, scope);
  } catch {
    return undefined;
  }
}

function asStrings(v: unknown): string[] | undefined {
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.every((e) => typeof e === "string")) return v as string[];
  return undefined;
}

/** The tags a deny rule requires (the conditions under which a missing or wrong tag makes the rule match). */
export function tagRequirements(rule: unknown, scope: ExpressionScope): TagRequirement[] {
  const found = new Map<string, TagRequirement>();
  const add = (tag: string, values?: string[]): void => {
    const key = tag.toLowerCase();
    const prev = found.get(key);
    if (!prev) found.set(key, values ? { tag, values } : { tag });
    else if (values && !prev.values) prev.values = values;
  };
  const walk = (cond: unknown, positive: boolean): void => {
    if (cond === null || typeof cond !== "object" || isUnknown(cond)) return;
    if (Array.isArray(cond)) return cond.forEach((c) => walk(c, positive));
    const obj = cond as Record<string, unknown>;
    for (const group of ["allOf", "anyOf"]) {
      const k = keyOf(obj, group);
      if (k !== undefined) return walk(obj[k], positive);
    }
    const notKey = keyOf(obj, "not");
    if (notKey !== undefined) return walk(obj[notKey], !positive);
    const fieldKey = keyOf(obj, "field");
    if (fieldKey === undefined) return;
    const rawField = obj[fieldKey];
    const fieldName = isExpression(rawField) ? safeValue(rawField, scope) : rawField;
    if (typeof fieldName !== "string") return;
    const tag = tagNameOf(fieldName);
    if (tag === undefined) return;
    const operand = (op: string): unknown => {
      const k = keyOf(obj, op);
      return k === undefined ? undefined : safeValue(obj[k], scope);
    };
    const existsOperand = operand("exists");
    if (existsOperand !== undefined) {
      const wantsPresent = String(existsOperand).toLowerCase() === "true";
      if (wantsPresent !== positive) add(tag);
      return;
    }
    const pairs: [string, string][] = [
      ["notEquals", "equals"],
      ["notIn", "in"],
      ["notLike", "like"],
      ["notMatch", "match"],
      ["notMatchInsensitively", "matchInsensitively"],
    ];
    for (const [negated, affirmed] of pairs) {
      const requiring = positive ? operand(negated) : operand(affirmed);
      if (requiring !== undefined) {
        add(tag, asStrings(requiring));
        return;
      }
    }
  };
  if (rule !== null && typeof rule === "object" && !isUnknown(rule)) {
    const ifKey = keyOf(rule as Record<string, unknown>, "if");
    if (ifKey !== undefined) walk((rule as Record<string, unknown>)[ifKey], true);
  }
  return [...found.values()];
}

/** "costCenter", "env = prod", "env in (prod, test)" */
export function describeRequirement(r: TagRequirement): string {
  if (!r.values || r.values.length === 0) return `"${r.tag}"`;
  if (r.values.length === 1) return `"${r.tag}" = "${r.values[0]}"`;
  return `"${r.tag}" in (${r.values.map((v) => `"${v}"`).join(", ")})`;
}
