/**
 * The Azure Backup error-code knowledge base (kb/error-codes.yaml): lookup by code or alias (case-insensitive),
 * "did you mean" suggestions, and which rules predict a code — computed from the rules' `prevents`, never typed
 * into the data, so the two cannot drift.
 */
import { distance } from "fastest-levenshtein";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import type { RuleMeta } from "../engine/types.js";
import { zodInputError } from "../adapters/zod-error.js";
import { packageRoot } from "../package-root.js";
import { knowledgeBaseSchema, type ErrorCodeEntry } from "./schema.js";

export type { ErrorCodeEntry } from "./schema.js";

function defaultKnowledgeBaseFile(): string {
  return join(packageRoot(), "kb", "error-codes.yaml");
}

export class KnowledgeBase {
  private readonly byKey = new Map<string, ErrorCodeEntry>();

  constructor(
    readonly entries: readonly ErrorCodeEntry[],
    readonly file: string,
  ) {
    for (const entry of entries) {
      for (const key of [entry.code, ...(entry.aliases ?? [])]) {
        const k = key.toLowerCase();
        const other = this.byKey.get(k);
        if (other) throw new Error(`${file}: "${key}" is listed twice (for ${other.code} and ${entry.code})`);
        this.byKey.set(k, entry);
      }
    }
  }

  /** The entry for a code or one of its aliases, compared case-insensitively. */
  find(codeOrAlias: string): ErrorCodeEntry | undefined {
    return this.byKey.get(codeOrAlias.trim().toLowerCase());
  }

  /** True when the code is spelled exactly as the knowledge base spells it (code or alias). */
  hasExact(code: string): boolean {
    const entry = this.find(code);
    return entry !== undefined && [entry.code, ...(entry.aliases ?? [])].includes(code);
  }

  /**
   * Up to `limit` known codes closest to `query`: codes that start with or contain it first (case-insensitive), then
   * the smallest edit distances.
   */
  suggest(query: string, limit = 3): string[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const scored = this.entries.map((entry) => {
      const keys = [entry.code, ...(entry.aliases ?? [])].map((k) => k.toLowerCase());
      const rank = keys.some((k) => k.startsWith(q)) ? 0 : keys.some((k) => k.includes(q) || (q.length >= 8 && q.includes(k))) ? 1 : 2;
      return { code: entry.code, rank, dist: Math.min(...keys.map((k) => distance(q, k))) };
    });
    // Far-off codes are noise, not suggestions: keep edit distances within half the longer string.
    const ordered = scored.sort((a, b) => a.rank - b.rank || a.dist - b.dist || a.code.localeCompare(b.code));
    // Prefer close matches; when nothing is close, still name the nearest codes rather than nothing.
    const close = ordered.filter((s) => s.rank < 2 || s.dist <= Math.max(3, Math.ceil(q.length / 2)));
    return (close.length ? close : ordered).slice(0, limit).map((s) => s.code);
  }

  /** The rules whose `prevents` name this entry's code or one of its aliases. */
  predictedBy(entry: ErrorCodeEntry, rules: readonly RuleMeta[]): RuleMeta[] {
    const keys = new Set([entry.code, ...(entry.aliases ?? [])].map((k) => k.toLowerCase()));
    return rules.filter((r) => r.prevents.some((c) => keys.has(c.toLowerCase())));
  }
}

/** Reads and validates a knowledge-base file; any problem is an Error naming the file and the path inside it. */
export function loadKnowledgeBase(file = defaultKnowledgeBaseFile()): KnowledgeBase {
  const doc = parseDocument(readFileSync(file, "utf8"), { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) throw new Error(`${file}: invalid YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
  const parsed = knowledgeBaseSchema.safeParse(doc.toJS());
  // A broken knowledge base is a bug in the package, not a user input error: a plain Error (exit 3) with file and path.
  if (!parsed.success) throw new Error(zodInputError(file, parsed.error).message);
  return new KnowledgeBase(parsed.data.codes, file);
}

let shared: KnowledgeBase | undefined;

/** The package's own knowledge base, loaded once. */
export function knowledgeBase(): KnowledgeBase {
  return (shared ??= loadKnowledgeBase());
}

export interface CoverageRow {
  code: string;
  workload: ErrorCodeEntry["workload"];
  status: "predicted" | "unpredictable" | "no-rule";
  predictedBy: string[];
  reason?: string;
}

/** For every known code: the rules that predict it, or why none can, or that none does yet. */
export function coverage(kb: KnowledgeBase, rules: readonly RuleMeta[]): CoverageRow[] {
  return kb.entries.map((entry) => {
    const by = kb.predictedBy(entry, rules).map((r) => r.id);
    if (by.length) return { code: entry.code, workload: entry.workload, status: "predicted", predictedBy: by };
    if (!entry.predictable) return { code: entry.code, workload: entry.workload, status: "unpredictable", predictedBy: [], reason: entry.unpredictableReason! };
    return { code: entry.code, workload: entry.workload, status: "no-rule", predictedBy: [] };
  });
}

/** Codes named in rules' `prevents` that the knowledge base does not know (exact spelling). */
export function unknownPreventedCodes(kb: KnowledgeBase, rules: readonly RuleMeta[]): { ruleId: string; code: string }[] {
  return rules.flatMap((r) => r.prevents.filter((c) => !kb.hasExact(c)).map((code) => ({ ruleId: r.id, code })));
}
