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

export function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number {
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

function firstInvalidUtf8Offset(bytes: Buffer): number {
  // Binary search on the longest valid prefix.
  let lo = 0;
  let hi = bytes.length;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
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
    const where = pos ? lineCol(text, Number(pos[1])) : "";
    const detail = msg.replace(/^JSON\.parse: /, "").replace(/ in JSON at position \d+.*$/, "").replace(/ at position \d+.*$/, "");
    throw new InputError(file, where, `invalid JSON: ${detail}`);
  }
}

function parseYaml(file: string, text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const where = err.linePos?.[0] ? `line ${err.linePos[0].line}, column ${err.linePos[0].col}` : "";
    throw new InputError(file, where, `invalid YAML: ${err.message.split("\n")[0]}`);
  }
  try {
    // A small alias budget stops "billion laughs" documents before they expand.
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError(file, "", `invalid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
}

/** Refuses keys that could pollute prototypes when the value is later spread or merged. */
export function assertNoForbiddenKeys(file: string, value: unknown, path: (string | number)[] = []): void {
  const stack: { v: unknown; p: (string | number)[] }[] = [{ v: value, p: path }];
  while (stack.length > 0) {
    const { v, p } = stack.pop()!;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, p: [...p, i] }));
    else if (v !== null && typeof v === "object") {
      for (const key of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(key)) throw new InputError(file, formatPath([...p, key]), `the key "${key}" is not allowed`);
        stack.push({ v: (v as Record<string, unknown>)[key], p: [...p, key] });
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
