import type { Report } from "../engine/types.js";

export type Format = "text" | "json" | "sarif" | "junit" | "markdown";
export const FORMATS: readonly Format[] = ["text", "json", "sarif", "junit", "markdown"];

export interface ReporterOptions {
  /** ANSI colour (text only): on a TTY and never with NO_COLOR. */
  color: boolean;
  /** Extra fields for `audit`: finding kinds and completeness. */
  audit?: { complete: boolean; unread?: UnreadItem[] };
}

export type Reporter = (report: Report, options: ReporterOptions) => string;

/** `audit`: something it could not read (permission denied, throttled after retries, a page that never came). */
export interface UnreadItem {
  what: string;
  reason: string;
  detail: string;
}
