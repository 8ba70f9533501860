import type { z } from "zod";
import { formatPath, InputError } from "../errors.js";

/** Turns the first zod issue into an InputError naming the file and the path inside it. */
export function zodInputError(file: string, error: z.ZodError, prefix: (string | number)[] = []): InputError {
  const issue = error.issues[0]!;
  const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
  let problem = issue.message;
  if (issue.code === "unrecognized_keys") {
    problem = `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? "s" : ""})` : "";
  return new InputError(file, formatPath(path), `${problem}${more}`);
}
