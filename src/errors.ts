/**
 * Typed errors. Commands throw them; only the CLI's main maps them to exit codes and prints them.
 */

/** Bad option or argument (exit 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Bad input file (exit 2). The message names the file, the path inside it, what was expected and what was found.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    readonly file: string,
    readonly pointer: string,
    readonly problem: string,
  ) {
    super(`${file}${pointer ? ` at ${pointer}` : ""}: ${problem}`);
  }
}

/** `audit` could not read everything it needed (exit 4). */
export class IncompleteReadError extends Error {
  override readonly name = "IncompleteReadError";
}

/** Formats a path like `steps[3].newState.inputs` from segments. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** A short, safe description of a value for "found …" in messages (never prints secrets in full). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string") {
    if (value === "[secret]") return "a secret";
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return `${typeof value} ${String(value)}`;
}
