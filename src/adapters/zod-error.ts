import type { z } from "zod";
import { describeValue, formatPath, InputError } from "../errors.js";

/** "an object", "an array", "a string" (zod calls a string-keyed object a record). */
function article(expected: string): string {
  if (expected === "object" || expected === "record") return "an object";
  if (expected === "array") return "an array";
  return `a ${expected}`;
}

/** Zod's own wording, rewritten as "expected …, found …" where the issue allows it. */
function problemOf(issue: z.core.$ZodIssue): { problem: string; extraPath: (string | number)[] } {
  const input = (issue as { input?: unknown }).input;
  const found = "input" in issue ? `, found ${input === undefined ? "nothing" : describeValue(input)}` : "";
  switch (issue.code) {
    case "unrecognized_keys":
      return {
        problem: `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`,
        // Point at the key itself when there is one.
        extraPath: issue.keys.length === 1 ? [issue.keys[0]!] : [],
      };
    case "invalid_value":
      return { problem: `expected ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`}${found}`, extraPath: [] };
    case "invalid_type":
      if ("input" in issue && input === undefined) return { problem: `is required (${article(issue.expected)})`, extraPath: [] };
      return { problem: `expected ${article(issue.expected)}${found}`, extraPath: [] };
    case "invalid_key": {
      // A record key that fails its own check: the key's issue says what was expected.
      const inner = issue.issues[0]?.message;
      return { problem: `${inner ?? issue.message}${found}`, extraPath: [] };
    }
    default:
      return { problem: `${issue.message}${found}`, extraPath: [] };
  }
}

/**
 * Turns the first zod issue into an InputError naming the file and the path inside it.
 * Parse with `{ reportInput: true }` so that the message can say what was found.
 */
export function zodInputError(file: string, error: z.ZodError, prefix: (string | number)[] = []): InputError {
  const issue = error.issues[0]!;
  const { problem, extraPath } = problemOf(issue);
  const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)), ...extraPath];
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? "s" : ""})` : "";
  return new InputError(file, formatPath(path), `${problem}${more}`);
}
