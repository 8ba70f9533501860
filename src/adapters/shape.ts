/**
 * Typed, path-aware reading of raw input values (Pulumi inputs/outputs, ARM bodies) for the adapters.
 * A value of the wrong type is an InputError naming the file and the path inside it; a value that is UNKNOWN
 * (computed at preview, secret) stays UNKNOWN all the way down; null and absent both read as `undefined`.
 */
import { describeValue, formatPath, InputError } from "../errors.js";
import { isUnknown, type Known, type Unknown } from "../model/unknown.js";

export type PathSegment = string | number;

/** The file and where inside it a resource starts (`steps[3].newState`, `value[2]`). */
export interface ShapeContext {
  file: string;
  /** Pointer of the resource inside the file, already formatted. */
  base: string;
}

/** Appends formatted segments to an already formatted pointer: `steps[3].newState` + [`inputs`] → `steps[3].newState.inputs`. */
export function joinPointer(base: string, segments: readonly PathSegment[]): string {
  const tail = formatPath(segments);
  if (!base) return tail;
  if (!tail) return base;
  return tail.startsWith("[") ? `${base}${tail}` : `${base}.${tail}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v);
}

/** A value at a path inside an input file. */
export class Shape {
  constructor(
    readonly ctx: ShapeContext,
    readonly value: unknown,
    readonly path: readonly PathSegment[] = [],
  ) {}

  get pointer(): string {
    return joinPointer(this.ctx.base, this.path);
  }

  error(expected: string, found: unknown = this.value): InputError {
    return new InputError(this.ctx.file, this.pointer, `expected ${expected}, found ${describeValue(found)}`);
  }

  get unknown(): boolean {
    return isUnknown(this.value);
  }

  /** Absent or null. */
  get absent(): boolean {
    return this.value === undefined || this.value === null;
  }

  get isObject(): boolean {
    return isPlainObject(this.value);
  }

  has(key: string): boolean {
    return isPlainObject(this.value) && this.value[key] !== undefined && this.value[key] !== null;
  }

  /** Descends by keys. Unknown stays unknown, absent stays absent; descending into a scalar is a shape error. */
  get(...keys: PathSegment[]): Shape {
    let node: Shape = this;
    for (const key of keys) {
      const v = node.value;
      if (isUnknown(v)) return new Shape(this.ctx, v, [...node.path, key]);
      if (v === undefined || v === null) return new Shape(this.ctx, undefined, [...node.path, key]);
      if (typeof key === "number") {
        if (!Array.isArray(v)) throw node.error("an array");
        node = new Shape(this.ctx, v[key], [...node.path, key]);
      } else {
        if (!isPlainObject(v)) throw node.error("an object");
        node = new Shape(this.ctx, Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined, [...node.path, key]);
      }
    }
    return node;
  }

  /** The first of several alternative keys that is present (or unknown). */
  first(...keys: string[]): Shape {
    for (const key of keys) {
      const s = this.get(key);
      if (!s.absent) return s;
    }
    return this.get(keys[0]!);
  }

  str(): Known<string | undefined> {
    const v = this.value;
    if (isUnknown(v)) return v;
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v;
    throw this.error("a string");
  }

  num(): Known<number | undefined> {
    const v = this.value;
    if (isUnknown(v)) return v;
    if (v === undefined || v === null) return undefined;
    if (typeof v === "number" && Number.isFinite(v)) return v;
    // Some tools print numbers as strings ("priority": "100"); accept them when they are plainly numeric.
    if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
    throw this.error("a number");
  }

  bool(): Known<boolean | undefined> {
    const v = this.value;
    if (isUnknown(v)) return v;
    if (v === undefined || v === null) return undefined;
    if (typeof v === "boolean") return v;
    if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
    throw this.error("a boolean");
  }

  /** The elements of an array; a single object where an array is expected is a shape error. */
  arr(): Known<Shape[] | undefined> {
    const v = this.value;
    if (isUnknown(v)) return v;
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw this.error("an array");
    return v.map((x, i) => new Shape(this.ctx, x, [...this.path, i]));
  }

  /** An array of strings, each possibly unknown. */
  strList(): Known<Known<string>[] | undefined> {
    const items = this.arr();
    if (items === undefined || isUnknown(items)) return items;
    const out: Known<string>[] = [];
    for (const item of items) {
      const s = item.str();
      if (s !== undefined) out.push(s);
    }
    return out;
  }

  /** A plain object (values may hold UNKNOWN markers), for free-form content such as a policy rule. */
  obj(): Known<Record<string, unknown> | undefined> {
    const v = this.value;
    if (isUnknown(v)) return v;
    if (v === undefined || v === null) return undefined;
    if (!isPlainObject(v)) throw this.error("an object");
    return v;
  }

  /** Any value (unknown markers kept), for free-form content. */
  any(): Known<unknown> {
    return this.value === null ? undefined : this.value;
  }

  /** The object's own keys (empty for absent or unknown). */
  keys(): string[] {
    return isPlainObject(this.value) ? Object.keys(this.value) : [];
  }

  /** Requires an object here (absent is allowed); used to reject a wrong shape early. */
  expectObject(): this {
    if (!this.absent && !this.unknown && !this.isObject) throw this.error("an object");
    return this;
  }
}

/** Maps a Known array through `f`; UNKNOWN anywhere in the list makes the whole list UNKNOWN. */
export function mapKnownList<T>(items: Known<Shape[] | undefined>, f: (s: Shape) => T | Unknown | undefined): Known<T[] | undefined> {
  if (items === undefined || isUnknown(items)) return items;
  const out: T[] = [];
  for (const item of items) {
    if (item.unknown) return item.value as Unknown;
    const mapped = f(item);
    if (isUnknown(mapped)) return mapped;
    if (mapped !== undefined) out.push(mapped);
  }
  return out;
}

/** Joins a singular and a plural field (`sourceAddressPrefix` + `sourceAddressPrefixes`) into one list. */
export function mergedList(single: Shape, plural: Shape): Known<Known<string>[]> {
  const one = single.str();
  const many = plural.strList();
  if (isUnknown(one)) return one;
  if (isUnknown(many)) return many;
  const out: Known<string>[] = [];
  if (one !== undefined && one !== "") out.push(one);
  if (many) out.push(...many);
  return out;
}

/** The ids of a list of sub-resources (`[{ id }]`). */
export function idList(node: Shape): Known<Known<string>[] | undefined> {
  const items = node.arr();
  if (items === undefined || isUnknown(items)) return items;
  const out: Known<string>[] = [];
  for (const item of items) {
    const id = item.unknown ? (item.value as Unknown) : item.get("id").str();
    if (id !== undefined) out.push(id);
  }
  return out;
}

/**
 * A sub-resource in either shape: ARM nests its fields under `properties` (`{ name, id, properties: {...} }`),
 * Pulumi inputs flatten them (`{ name, ... }`). Returns where the fields are.
 */
export function subResource(node: Shape): { name: Known<string | undefined>; id: Known<string | undefined>; props: Shape } {
  if (node.unknown) return { name: node.value as Unknown, id: node.value as Unknown, props: node };
  node.expectObject();
  const props = node.has("properties") ? node.get("properties").expectObject() : node;
  return { name: node.get("name").str(), id: node.get("id").str(), props };
}
