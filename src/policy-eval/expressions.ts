/**
 * A small evaluator for the template-language expressions Azure Policy rules use: `[parameters('tagName')]`,
 * `[concat('tags[', parameters('tagName'), ']')]`, `[resourceGroup().tags[parameters('tagName')]]`, `[field('type')]`.
 *
 * It knows the functions tag, naming and type policies use. Anything else throws `Unevaluable`, which the caller turns
 * into an `unknown` verdict with the reason: an expression we cannot evaluate is never treated as true or false.
 * Values that are unknown before deployment (`Known<T>`) flow through: a function of an unknown value is unknown.
 */
import { isUnknown, type Unknown } from "../model/unknown.js";

/** Thrown when an expression uses something this evaluator does not support, or is malformed. */
export class Unevaluable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "Unevaluable";
  }
}

/** What an expression can read from its surroundings. Missing hooks make the function unevaluable. */
export interface ExpressionScope {
  /** The value of a parameter; throw `Unevaluable` when it has none. */
  parameter(name: string): unknown;
  /** `field('…')` inside value expressions: the value, `null` when the field is absent, or an Unknown. */
  field?(path: string): unknown;
  /** `resourceGroup()`: `{ name, location, tags, id }` of the resource's resource group. */
  resourceGroup?(): unknown;
  /** `subscription()`: `{ subscriptionId, id, tags? }`. */
  subscription?(): unknown;
}

/** An expression string is `[...]`; `[[...` is an escaped literal that starts with `[`. */
export function isExpression(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("[") && !value.startsWith("[[") && value.endsWith("]");
}

/** Evaluates a policy value: expressions are evaluated, `[[` literals unescaped, everything else returned as is. */
export function evaluateValue(value: unknown, scope: ExpressionScope): unknown {
  if (typeof value !== "string") return value;
  if (value.startsWith("[[")) return value.slice(1);
  if (!isExpression(value)) return value;
  return evaluateExpression(value.slice(1, -1), scope);
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

type Node =
  | { kind: "literal"; value: unknown }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "property"; target: Node; name: string }
  | { kind: "index"; target: Node; index: Node };

type Token = { type: "ident" | "string" | "number" | "punct"; text: string };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let text = "";
      i++;
      for (;;) {
        if (i >= src.length) throw new Unevaluable(`unterminated string in expression "${src}"`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += src[i];
        i++;
      }
      tokens.push({ type: "string", text });
    } else if (/[0-9]/.test(c) || (c === "-" && /[0-9]/.test(src[i + 1] ?? ""))) {
      let j = i + 1;
      while (j < src.length && /[0-9.]/.test(src[j]!)) j++;
      tokens.push({ type: "number", text: src.slice(i, j) });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j]!)) j++;
      tokens.push({ type: "ident", text: src.slice(i, j) });
      i = j;
    } else if ("(),.[]".includes(c)) {
      tokens.push({ type: "punct", text: c });
      i++;
    } else {
      throw new Unevaluable(`unexpected character "${c}" in expression "${src}"`);
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[], private readonly src: string) {}

  parse(): Node {
    const node = this.expression();
    if (this.pos !== this.tokens.length) throw new Unevaluable(`unexpected "${this.tokens[this.pos]!.text}" in expression "${this.src}"`);
    return node;
  }

  private peek(text?: string): Token | undefined {
    const t = this.tokens[this.pos];
    return text === undefined || t?.text === text ? t : undefined;
  }

  private expect(text: string): void {
    if (this.tokens[this.pos]?.text !== text) throw new Unevaluable(`expected "${text}" in expression "${this.src}"`);
    this.pos++;
  }

  private expression(): Node {
    let node = this.primary();
    for (;;) {
      if (this.peek(".")) {
        this.pos++;
        const name = this.tokens[this.pos];
        if (name?.type !== "ident") throw new Unevaluable(`expected a property name in expression "${this.src}"`);
        this.pos++;
        node = { kind: "property", target: node, name: name.text };
      } else if (this.peek("[")) {
        this.pos++;
        const index = this.expression();
        this.expect("]");
        node = { kind: "index", target: node, index };
      } else {
        return node;
      }
    }
  }

  private primary(): Node {
    const t = this.tokens[this.pos];
    if (!t) throw new Unevaluable(`unexpected end of expression "${this.src}"`);
    this.pos++;
    if (t.type === "string") return { kind: "literal", value: t.text };
    if (t.type === "number") return { kind: "literal", value: Number(t.text) };
    if (t.type === "ident") {
      const lowered = t.text.toLowerCase();
      if (!this.peek("(")) {
        if (lowered === "true") return { kind: "literal", value: true };
        if (lowered === "false") return { kind: "literal", value: false };
        if (lowered === "null") return { kind: "literal", value: null };
        throw new Unevaluable(`unexpected name "${t.text}" in expression "${this.src}"`);
      }
      this.pos++;
      const args: Node[] = [];
      if (!this.peek(")")) {
        for (;;) {
          args.push(this.expression());
          if (this.peek(",")) {
            this.pos++;
            continue;
          }
          break;
        }
      }
      this.expect(")");
      return { kind: "call", name: lowered, args };
    }
    throw new Unevaluable(`unexpected "${t.text}" in expression "${this.src}"`);
  }
}

export function parseExpression(src: string): Node {
  return new Parser(tokenize(src), src).parse();
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

function firstUnknown(values: unknown[]): Unknown | undefined {
  return values.find((v) => isUnknown(v)) as Unknown | undefined;
}

function asString(v: unknown, fn: string): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "";
  throw new Unevaluable(`${fn}() expects a string, got ${JSON.stringify(v)}`);
}

function asArray(v: unknown, fn: string): unknown[] {
  if (Array.isArray(v)) return v;
  throw new Unevaluable(`${fn}() expects an array, got ${JSON.stringify(v)}`);
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.keys(v).length === 0;
  return false;
}

function looselyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

function truthy(v: unknown, fn: string): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  throw new Unevaluable(`${fn}() expects a boolean, got ${JSON.stringify(v)}`);
}

/** Object property access, case-insensitive as ARM is. A missing property reads as an empty string. */
function property(target: unknown, name: unknown): unknown {
  if (isUnknown(target)) return target;
  if (isUnknown(name)) return name;
  if (Array.isArray(target)) {
    if (typeof name !== "number") throw new Unevaluable(`an array is indexed with a number, not ${JSON.stringify(name)}`);
    return target[name] ?? "";
  }
  if (target === null || typeof target !== "object") throw new Unevaluable(`cannot read "${String(name)}" of ${JSON.stringify(target)}`);
  const key = String(name).toLowerCase();
  for (const [k, v] of Object.entries(target)) if (k.toLowerCase() === key) return v;
  return "";
}

const FUNCTIONS: Record<string, (args: unknown[], scope: ExpressionScope) => unknown> = {
  concat: (args) => {
    if (args.length > 0 && args.every(Array.isArray)) return (args as unknown[][]).flat();
    return args.map((a) => asString(a, "concat")).join("");
  },
  tolower: ([s]) => asString(s, "toLower").toLowerCase(),
  toupper: ([s]) => asString(s, "toUpper").toUpperCase(),
  trim: ([s]) => asString(s, "trim").trim(),
  empty: ([v]) => isEmpty(v),
  equals: ([a, b]) => looselyEqual(a, b),
  not: ([v]) => !truthy(v, "not"),
  contains: ([container, item]) => {
    if (typeof container === "string") return container.toLowerCase().includes(asString(item, "contains").toLowerCase());
    if (Array.isArray(container)) return container.some((e) => looselyEqual(e, item));
    if (container && typeof container === "object") {
      const key = asString(item, "contains").toLowerCase();
      return Object.keys(container).some((k) => k.toLowerCase() === key);
    }
    throw new Unevaluable(`contains() cannot search ${JSON.stringify(container)}`);
  },
  length: ([v]) => {
    if (typeof v === "string" || Array.isArray(v)) return v.length;
    if (v && typeof v === "object") return Object.keys(v).length;
    throw new Unevaluable(`length() cannot measure ${JSON.stringify(v)}`);
  },
  first: ([v]) => (typeof v === "string" ? v.slice(0, 1) : asArray(v, "first")[0] ?? ""),
  last: ([v]) => (typeof v === "string" ? v.slice(-1) : asArray(v, "last").at(-1) ?? ""),
  skip: ([v, n]) => (typeof v === "string" ? v.slice(Number(n)) : asArray(v, "skip").slice(Number(n))),
  take: ([v, n]) => (typeof v === "string" ? v.slice(0, Number(n)) : asArray(v, "take").slice(0, Number(n))),
  split: ([s, d]) => asString(s, "split").split(asString(d, "split")),
  replace: ([s, a, b]) => asString(s, "replace").split(asString(a, "replace")).join(asString(b, "replace")),
  startswith: ([s, p]) => asString(s, "startsWith").toLowerCase().startsWith(asString(p, "startsWith").toLowerCase()),
  endswith: ([s, p]) => asString(s, "endsWith").toLowerCase().endsWith(asString(p, "endsWith").toLowerCase()),
  substring: ([s, start, len]) => {
    const str = asString(s, "substring");
    const from = Number(start);
    return len === undefined ? str.slice(from) : str.slice(from, from + Number(len));
  },
  string: ([v]) => (typeof v === "string" ? v : JSON.stringify(v)),
  int: ([v]) => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new Unevaluable(`int() cannot convert ${JSON.stringify(v)}`);
    return n;
  },
  bool: ([v]) => truthy(v, "bool"),
  createarray: (args) => args,
  union: (args) => {
    if (args.every(Array.isArray)) return [...new Set((args as unknown[][]).flat())];
    throw new Unevaluable("union() of objects is not supported");
  },
};

function evaluateNode(node: Node, scope: ExpressionScope): unknown {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "property":
      return property(evaluateNode(node.target, scope), node.name);
    case "index":
      return property(evaluateNode(node.target, scope), evaluateNode(node.index, scope));
    case "call":
      return call(node.name, node.args, scope);
  }
}

function call(name: string, argNodes: Node[], scope: ExpressionScope): unknown {
  // Short-circuiting functions first: an unknown branch that is not taken does not matter.
  if (name === "if") {
    const cond = evaluateNode(argNodes[0] ?? { kind: "literal", value: undefined }, scope);
    if (isUnknown(cond)) return cond;
    return evaluateNode(argNodes[truthy(cond, "if") ? 1 : 2] ?? { kind: "literal", value: null }, scope);
  }
  if (name === "and" || name === "or") {
    let unknown: Unknown | undefined;
    for (const n of argNodes) {
      const v = evaluateNode(n, scope);
      if (isUnknown(v)) unknown ??= v;
      else if (truthy(v, name) === (name === "or")) return name === "or";
    }
    return unknown ?? name === "and";
  }
  const args = argNodes.map((n) => evaluateNode(n, scope));
  const unknownArg = firstUnknown(args);
  switch (name) {
    case "parameters": {
      if (unknownArg) return unknownArg;
      if (typeof args[0] !== "string") throw new Unevaluable(`parameters() needs a name, got ${JSON.stringify(args[0])}`);
      return scope.parameter(args[0]);
    }
    case "field": {
      if (unknownArg) return unknownArg;
      if (!scope.field) throw new Unevaluable("field() is not available here");
      return scope.field(asString(args[0], "field"));
    }
    case "resourcegroup":
      if (!scope.resourceGroup) throw new Unevaluable("resourceGroup() is not available for this resource");
      return scope.resourceGroup();
    case "subscription":
      if (!scope.subscription) throw new Unevaluable("subscription() is not available here");
      return scope.subscription();
  }
  const fn = FUNCTIONS[name];
  if (!fn) throw new Unevaluable(`the template function ${name}() is not supported by backupguard's policy evaluator`);
  if (unknownArg) return unknownArg;
  return fn(args, scope);
}

/** Evaluates the inside of a `[...]` expression. */
export function evaluateExpression(src: string, scope: ExpressionScope): unknown {
  return evaluateNode(parseExpression(src), scope);
}
