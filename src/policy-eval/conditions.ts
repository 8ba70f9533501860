/**
 * Evaluates an Azure Policy `if` block against a target, in three-valued logic.
 *
 * Supported: `allOf`, `anyOf`, `not`; `field` and `value` conditions with `equals`, `notEquals`, `like`, `notLike`,
 * `match`, `matchInsensitively`, `notMatch`, `notMatchInsensitively`, `contains`, `notContains`, `in`, `notIn`,
 * `containsKey`, `notContainsKey`, `less`, `lessOrEquals`, `greater`, `greaterOrEquals`, `exists`.
 * `count` and anything else evaluate to unknown, with the reason recorded.
 *
 * Semantics follow Azure Policy: string comparisons are case-insensitive except `match`; a field the request does not
 * carry fails every positive test and passes every negated one (`notEquals`, `notIn`, `notLike`, ...).
 */
import { isUnknown } from "../model/unknown.js";
import { evaluateValue, isExpression, Unevaluable, type ExpressionScope } from "./expressions.js";
import { resolveField, type FieldValue } from "./fields.js";
import { triAnd, triNot, triOr, type PolicyTarget, type Tri } from "./types.js";

export interface ConditionContext {
  target: PolicyTarget;
  scope: ExpressionScope;
  /** Why parts of the condition were unknown (filled during evaluation). */
  unknowns: string[];
}

const OPERATORS = [
  "equals",
  "notEquals",
  "like",
  "notLike",
  "match",
  "matchInsensitively",
  "notMatch",
  "notMatchInsensitively",
  "contains",
  "notContains",
  "in",
  "notIn",
  "containsKey",
  "notContainsKey",
  "less",
  "lessOrEquals",
  "greater",
  "greaterOrEquals",
  "exists",
] as const;
type Operator = (typeof OPERATORS)[number];

/** For a field the request does not carry, the negated operators hold and the positive ones do not. */
const HOLDS_WHEN_ABSENT: Record<Operator, boolean> = {
  equals: false,
  notEquals: true,
  like: false,
  notLike: true,
  match: false,
  matchInsensitively: false,
  notMatch: true,
  notMatchInsensitively: true,
  contains: false,
  notContains: true,
  in: false,
  notIn: true,
  containsKey: false,
  notContainsKey: true,
  less: false,
  lessOrEquals: false,
  greater: false,
  greaterOrEquals: false,
  exists: false, // handled separately
};

function keyOf(obj: Record<string, unknown>, name: string): string | undefined {
  const lowered = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lowered);
}

function text(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) return JSON.stringify(a).toLowerCase() === JSON.stringify(b).toLowerCase();
  return text(a).toLowerCase() === text(b).toLowerCase();
}

/** `like`: `*` matches anything, case-insensitive, whole value. */
export function likeMatches(value: string, pattern: string): boolean {
  const re = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${re}$`, "is").test(value);
}

/** `match`: `#` a digit, `?` a letter, `.` any character, anything else itself; whole value. */
export function matchMatches(value: string, pattern: string, insensitive: boolean): boolean {
  let re = "";
  for (const ch of pattern) {
    if (ch === "#") re += "[0-9]";
    else if (ch === "?") re += "[A-Za-z]";
    else if (ch === ".") re += ".";
    else re += ch.replace(/[.+?^${}()|[\]\\*]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, insensitive ? "is" : "s").test(value);
}

function compareOrdered(a: unknown, b: unknown): number {
  const na = typeof a === "number" ? a : Number(a);
  const nb = typeof b === "number" ? b : Number(b);
  if (typeof a !== "boolean" && typeof b !== "boolean" && text(a) !== "" && text(b) !== "" && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return text(a).localeCompare(text(b));
}

function applyOperator(op: Operator, value: unknown, operand: unknown): boolean {
  switch (op) {
    case "equals":
      return same(value, operand);
    case "notEquals":
      return !same(value, operand);
    case "like":
      return likeMatches(text(value), text(operand));
    case "notLike":
      return !likeMatches(text(value), text(operand));
    case "match":
      return matchMatches(text(value), text(operand), false);
    case "matchInsensitively":
      return matchMatches(text(value), text(operand), true);
    case "notMatch":
      return !matchMatches(text(value), text(operand), false);
    case "notMatchInsensitively":
      return !matchMatches(text(value), text(operand), true);
    case "contains":
    case "notContains": {
      let found: boolean;
      if (Array.isArray(value)) found = value.some((e) => same(e, operand));
      else found = text(value).toLowerCase().includes(text(operand).toLowerCase());
      return op === "contains" ? found : !found;
    }
    case "in":
    case "notIn": {
      if (!Array.isArray(operand)) throw new Unevaluable(`"${op}" needs an array, got ${JSON.stringify(operand)}`);
      const found = operand.some((e) => same(value, e));
      return op === "in" ? found : !found;
    }
    case "containsKey":
    case "notContainsKey": {
      const has = value !== null && typeof value === "object" && !Array.isArray(value) && keyOf(value as Record<string, unknown>, text(operand)) !== undefined;
      return op === "containsKey" ? has : !has;
    }
    case "less":
      return compareOrdered(value, operand) < 0;
    case "lessOrEquals":
      return compareOrdered(value, operand) <= 0;
    case "greater":
      return compareOrdered(value, operand) > 0;
    case "greaterOrEquals":
      return compareOrdered(value, operand) >= 0;
    case "exists":
      throw new Unevaluable("exists is handled before applyOperator");
  }
}

function wantsExistence(operand: unknown): boolean {
  if (typeof operand === "boolean") return operand;
  if (typeof operand === "string" && /^(true|false)$/i.test(operand)) return operand.toLowerCase() === "true";
  throw new Unevaluable(`"exists" needs true or false, got ${JSON.stringify(operand)}`);
}

function leaf(cond: Record<string, unknown>, ctx: ConditionContext): Tri {
  const opKey = OPERATORS.find((op) => keyOf(cond, op) !== undefined);
  if (!opKey) throw new Unevaluable(`condition has no supported operator: ${JSON.stringify(cond)}`);
  const operand = evaluateValue(cond[keyOf(cond, opKey)!], ctx.scope);
  if (isUnknown(operand)) {
    ctx.unknowns.push(`the value compared with "${opKey}" is not known (${operand.reason ?? "unknown"})`);
    return "unknown";
  }

  let subject: FieldValue;
  const fieldKey = keyOf(cond, "field");
  const valueKey = keyOf(cond, "value");
  if (fieldKey !== undefined) {
    const raw = cond[fieldKey];
    const path = isExpression(raw) ? evaluateValue(raw, ctx.scope) : raw;
    if (isUnknown(path)) {
      ctx.unknowns.push(`the field name is not known (${path.reason ?? "unknown"})`);
      return "unknown";
    }
    if (typeof path !== "string") throw new Unevaluable(`field must name a field, got ${JSON.stringify(path)}`);
    subject = resolveField(path, ctx.target);
  } else if (valueKey !== undefined) {
    const v = evaluateValue(cond[valueKey], ctx.scope);
    subject = isUnknown(v) ? { kind: "unknown", reason: `a value expression is not known (${v.reason ?? "unknown"})` } : v === null || v === undefined ? { kind: "absent" } : { kind: "present", value: v };
  } else {
    throw new Unevaluable(`condition has neither field nor value: ${JSON.stringify(cond)}`);
  }

  if (subject.kind === "unknown") {
    ctx.unknowns.push(subject.reason);
    return "unknown";
  }
  if (opKey === "exists") {
    const wanted = wantsExistence(operand);
    return (subject.kind === "present") === wanted;
  }
  if (subject.kind === "absent") return HOLDS_WHEN_ABSENT[opKey];
  if (isUnknown(subject.value)) {
    ctx.unknowns.push(`a value is not known (${subject.value.reason ?? "unknown"})`);
    return "unknown";
  }
  return applyOperator(opKey, subject.value, operand);
}

/** Evaluates an `if` block. Unsupported constructs yield "unknown" with the reason in `ctx.unknowns`. */
export function evaluateCondition(cond: unknown, ctx: ConditionContext): Tri {
  try {
    return evaluateStrict(cond, ctx);
  } catch (e) {
    if (e instanceof Unevaluable) {
      ctx.unknowns.push(e.message);
      return "unknown";
    }
    throw e;
  }
}

function evaluateStrict(cond: unknown, ctx: ConditionContext): Tri {
  if (isUnknown(cond)) {
    ctx.unknowns.push(`the policy rule is not known (${cond.reason ?? "unknown"})`);
    return "unknown";
  }
  if (cond === null || typeof cond !== "object" || Array.isArray(cond)) throw new Unevaluable(`a condition must be an object, got ${JSON.stringify(cond)}`);
  const obj = cond as Record<string, unknown>;
  const allOf = keyOf(obj, "allOf");
  if (allOf !== undefined) return triAnd(...listOf(obj[allOf], "allOf").map((c) => evaluateCondition(c, ctx)));
  const anyOf = keyOf(obj, "anyOf");
  if (anyOf !== undefined) return triOr(...listOf(obj[anyOf], "anyOf").map((c) => evaluateCondition(c, ctx)));
  const not = keyOf(obj, "not");
  if (not !== undefined) return triNot(evaluateCondition(obj[not], ctx));
  if (keyOf(obj, "count") !== undefined) throw new Unevaluable("count expressions are not evaluated");
  return leaf(obj, ctx);
}

function listOf(v: unknown, name: string): unknown[] {
  if (!Array.isArray(v)) throw new Unevaluable(`${name} must be an array`);
  return v;
}

/** Every field name a condition tests (expressions evaluated where possible), for classifying rules. */
export function fieldsReferenced(cond: unknown, scope: ExpressionScope): string[] {
  const out: string[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c)) return c.forEach(walk);
    if (c === null || typeof c !== "object") return;
    for (const [k, v] of Object.entries(c)) {
      if (k.toLowerCase() === "field") {
        try {
          const name = isExpression(v) ? evaluateValue(v, scope) : v;
          out.push(typeof name === "string" ? name : String(v));
        } catch {
          out.push(String(v));
        }
      } else if (typeof v === "object") {
        walk(v);
      } else if (k.toLowerCase() === "value" && typeof v === "string" && /field\(\s*'tags/i.test(v)) {
        out.push("tags");
      }
    }
  };
  walk(cond);
  return out;
}
