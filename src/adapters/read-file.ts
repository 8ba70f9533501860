/**
 * Reads a JSON or YAML input file defensively: every failure is an InputError naming the file and where in it,
 * in bounded time and memory (size cap, alias cap, no prototype keys).
 */
import { readFileSync, statSync } from "node:fs";
import { parseDocument } from "yaml";
import { describeValue, formatPath, InputError } from "../errors.js";

/**
 * Larger inputs are refused before they are read, to keep time and memory bounded: a Pulumi preview or stack
 * export of a large estate is a few MB, a Resource Graph page of 1,000 rows a few MB more.
 * `BACKUPGUARD_MAX_INPUT_MB` raises (or lowers) the cap for unusual estates.
 */
export const DEFAULT_MAX_INPUT_MB = 32;

function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.BACKUPGUARD_MAX_INPUT_MB);
  const mb = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_INPUT_MB;
  return Math.floor(mb * 1024 * 1024);
}
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export type FileKind = "json" | "yaml" | "auto";

function readText(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(file, "", "is a directory; expected a file");
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, "", code === "ENOENT" ? "file not found" : `cannot be read (${code ?? String(e)})`);
  }
  const cap = maxInputBytes();
  if (size > cap) {
    throw new InputError(
      file,
      "",
      `is ${(size / 1024 / 1024).toFixed(1)} MiB; inputs larger than ${(cap / 1024 / 1024).toFixed(0)} MiB are refused (set BACKUPGUARD_MAX_INPUT_MB to raise the cap)`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError(file, "", `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (bytes.length === 0) throw new InputError(file, "", "is empty; expected a JSON or YAML document");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    throw new InputError(file, `byte ${offset}`, "is not valid UTF-8 text");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new InputError(file, "", "is empty; expected a JSON or YAML document");
  return text;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (called only on invalid input). */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let length: number;
    let min: number;
    if (b < 0x80) {
      i += 1;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    if (i + length > bytes.length) return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += length;
  }
  return bytes.length;
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const col = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${col}`;
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = pos ? lineCol(text, Number(pos[1])) : "";
    // Without a position V8 still names the token; locate it when no string precedes it (YAML given as JSON).
    const token = /^Unexpected token '(.)'/.exec(msg);
    const at = token ? text.indexOf(token[1]!) : -1;
    if (!where && at >= 0 && !text.slice(0, at).includes('"')) where = lineCol(text, at);
    const detail = msg.replace(/^JSON\.parse: /, "").replace(/ in JSON at position \d+.*$/, "").replace(/ at position \d+.*$/, "")
      // V8 quotes the start of the text in some messages: keep file contents out of error output.
      .replace(/, ".*"(\.\.\.)? is not valid JSON$/s, "");
    throw new InputError(file, where, `invalid JSON: ${detail}`);
  }
}

function parseYaml(file: string, text: string): unknown {
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, merge: true });
  } catch (e) {
    // The YAML parser recurses: absurd nesting ends in a RangeError, which is bad input, not a bug.
    throw new InputError(file, "", `invalid YAML: ${e instanceof RangeError ? "nested too deeply" : (e as Error).message.split("\n")[0]}`);
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const where = err.linePos?.[0] ? `line ${err.linePos[0].line}, column ${err.linePos[0].col}` : err.pos ? lineCol(text, err.pos[0]) : "";
    throw new InputError(file, where, `invalid YAML: ${err.message.split("\n")[0]}`);
  }
  try {
    // A small alias budget stops "billion laughs" documents before they expand.
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError(file, "", `invalid YAML: ${e instanceof RangeError ? "nested too deeply" : (e as Error).message.split("\n")[0]}`);
  }
}

/** No Azure resource, Pulumi state or inventory nests anywhere near this deep. */
export const MAX_NESTING = 256;

interface Visit {
  value: unknown;
  key: string | number | undefined;
  parent: Visit | undefined;
  depth: number;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let v: Visit | undefined = visit; v && v.key !== undefined; v = v.parent) path.push(v.key);
  return path.reverse();
}

/**
 * Refuses keys that could pollute prototypes when the value is later spread or merged, and nesting deeper than
 * MAX_NESTING. Iterative, and paths are only built for the error, so a hostile document costs linear time.
 */
function assertNoForbiddenKeys(file: string, value: unknown, path: (string | number)[] = []): void {
  const prefix = (visit: Visit) => [...path, ...pathOf(visit)];
  const stack: Visit[] = [{ value, key: undefined, parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const v = visit.value;
    if (v === null || typeof v !== "object") continue;
    if (visit.depth >= MAX_NESTING) throw new InputError(file, formatPath(prefix(visit)), `is nested more than ${MAX_NESTING} levels deep`);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: visit, depth: visit.depth + 1 });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const child: Visit = { value: (v as Record<string, unknown>)[key], key, parent: visit, depth: visit.depth + 1 };
        if (FORBIDDEN_KEYS.has(key)) throw new InputError(file, formatPath(prefix(child)), `the key "${key}" is not allowed`);
        stack.push(child);
      }
    }
  }
}

export function readStructuredFile(file: string, kind: FileKind = "auto"): unknown {
  const text = readText(file);
  const isJson = kind === "json" || (kind === "auto" && (/\.json$/i.test(file) || /^\s*[[{]/.test(text)));
  const value = isJson ? parseJson(file, text) : parseYaml(file, text);
  assertNoForbiddenKeys(file, value);
  return value;
}

/** Throws an InputError for a value of the wrong shape. */
export function shapeError(file: string, path: (string | number)[], expected: string, found: unknown): InputError {
  return new InputError(file, formatPath(path), `expected ${expected}, found ${describeValue(found)}`);
}
