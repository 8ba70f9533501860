/**
 * `backupguard explain CODE|RULE-ID`: the knowledge-base entry for an Azure Backup error code (case-insensitive, aliases
 * such as numeric codes included), or a rule's full doc. An unknown code is a usage error with the nearest codes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rules as allRules, ruleById } from "../../../checks/index.js";
import type { Rule, RuleMeta } from "../../engine/types.js";
import { UsageError } from "../../errors.js";
import { knowledgeBase, type ErrorCodeEntry, type KnowledgeBase } from "../../kb/index.js";
import { packageRoot } from "../../package-root.js";
import type { CommandResult } from "./check.js";

export interface ExplainOptions {
  format: "text" | "json";
  /** For tests: another catalogue or knowledge base. */
  rules?: readonly Rule[];
  kb?: KnowledgeBase;
}

const RULE_ID = /^[A-Za-z]+-\d{3}$/;

const WORKLOAD_LABEL: Record<ErrorCodeEntry["workload"], string> = {
  "sql-in-vm": "SQL Server in Azure VM",
  "azure-vm": "Azure VM",
  "linux-scripts": "Linux pre/post scripts",
  vault: "Recovery Services vault / Azure Resource Manager",
};

const RETRY_LABEL: Record<ErrorCodeEntry["retry"], string> = {
  helps: "helps: the cause is transient, try again (after the wait the fix names)",
  "does-not-help": "does not help: change the configuration or the choice that caused it",
  "after-fix": "only after the fix: retrying alone fails the same way",
};

function stripFrontMatter(markdown: string): string {
  return markdown.replace(/^---\n[\s\S]*?\n---\n+/, "");
}

function readRuleDoc(rule: RuleMeta): string {
  try {
    return readFileSync(join(packageRoot(), rule.docs), "utf8");
  } catch (e) {
    throw new Error(`the doc of ${rule.id} (${rule.docs}) cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function ruleMeta(r: RuleMeta) {
  return { id: r.id, name: r.name, title: r.title, area: r.area, severity: r.severity, prevents: r.prevents, remediation: r.remediation, docs: r.docs };
}

function explainRule(rule: RuleMeta, options: ExplainOptions, kb: KnowledgeBase): CommandResult {
  const doc = readRuleDoc(rule);
  if (options.format === "json") {
    return { output: `${JSON.stringify({ version: 1, kind: "rule", rule: ruleMeta(rule), doc: stripFrontMatter(doc) }, null, 2)}\n`, exitCode: 0 };
  }
  const lines = [`${rule.id} ${rule.name} (${rule.severity}, ${rule.area})`, `docs: ${rule.docs}`];
  if (rule.prevents.length) {
    lines.push(`prevents: ${rule.prevents.join(", ")}`);
    const known = rule.prevents.filter((c) => kb.find(c));
    if (known.length) lines.push(`explain a code: backupguard explain ${known[0]}`);
  }
  lines.push("", stripFrontMatter(doc).trimEnd());
  return { output: `${lines.join("\n")}\n`, exitCode: 0 };
}

function entryJson(entry: ErrorCodeEntry, predictedBy: RuleMeta[]) {
  return {
    version: 1,
    kind: "error-code",
    code: entry.code,
    aliases: entry.aliases ?? [],
    workload: entry.workload,
    operations: entry.operations,
    message: entry.message ?? null,
    causes: entry.causes,
    fix: entry.fix,
    retry: entry.retry,
    predictable: entry.predictable,
    ...(entry.unpredictableReason ? { unpredictableReason: entry.unpredictableReason } : {}),
    predictedBy: predictedBy.map((r) => ({ id: r.id, name: r.name, severity: r.severity, docs: r.docs })),
    sources: entry.sources,
  };
}

function explainCode(entry: ErrorCodeEntry, predictedBy: RuleMeta[], options: ExplainOptions): CommandResult {
  if (options.format === "json") return { output: `${JSON.stringify(entryJson(entry, predictedBy), null, 2)}\n`, exitCode: 0 };
  const lines: string[] = [entry.code];
  if (entry.aliases?.length) lines.push(`  also shown as: ${entry.aliases.join(", ")}`);
  lines.push(`  ${WORKLOAD_LABEL[entry.workload]} — fails: ${entry.operations.join(", ")}`);
  if (entry.message) lines.push(`  Azure's message: "${entry.message}"`);
  lines.push("", "Cause" + (entry.causes.length > 1 ? "s" : ""), ...entry.causes.map((c) => `  - ${c}`));
  lines.push("", "Fix", ...entry.fix.map((step, i) => `  ${i + 1}. ${step}`));
  lines.push("", `Retry: ${RETRY_LABEL[entry.retry]}`, "");
  if (predictedBy.length) {
    lines.push("Predicted before deployment by", ...predictedBy.map((r) => `  ${r.id} ${r.name} (${r.severity}) — backupguard explain ${r.id}`));
  } else if (!entry.predictable) {
    lines.push(`Not predictable before deployment: ${entry.unpredictableReason}`);
  } else {
    lines.push("No rule predicts it yet (it could be predicted from the deployment).");
  }
  lines.push("", "Sources", ...entry.sources.map((s) => `  ${s}`));
  return { output: `${lines.join("\n")}\n`, exitCode: 0 };
}

export function explain(id: string, options: ExplainOptions): CommandResult {
  const query = id.trim();
  const rules = options.rules ?? allRules;
  const kb = options.kb ?? knowledgeBase();
  if (RULE_ID.test(query)) {
    const rule = options.rules ? rules.find((r) => r.id.toLowerCase() === query.toLowerCase()) : ruleById(query);
    if (rule) return explainRule(rule, options, kb);
    const close = rules.map((r) => r.id).filter((r) => r.split("-")[0] === query.split("-")[0]!.toUpperCase()).slice(0, 5);
    throw new UsageError(`unknown rule id ${query}${close.length ? `; rules of that area: ${close.join(", ")}` : ""} (see \`backupguard rules\`)`);
  }
  const entry = kb.find(query);
  if (entry) return explainCode(entry, kb.predictedBy(entry, rules), options);
  const suggestions = kb.suggest(query);
  throw new UsageError(
    `unknown error code ${query}${suggestions.length ? `; did you mean: ${suggestions.join(", ")}?` : ""} (see \`backupguard rules --coverage\` for every known code)`,
  );
}
