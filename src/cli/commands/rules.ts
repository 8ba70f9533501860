import { rules as allRules } from "../../../checks/index.js";
import type { Rule } from "../../engine/types.js";
import { coverage, knowledgeBase, unknownPreventedCodes, type KnowledgeBase } from "../../kb/index.js";
import type { CommandResult } from "./check.js";

export interface RulesOptions {
  format: "text" | "json";
  /** List each known Azure error code and the rules that predict it, instead of the rules. */
  coverage?: boolean;
  /** For tests: another catalogue or knowledge base. */
  rules?: readonly Rule[];
  kb?: KnowledgeBase;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return [fmt(header), ...rows.map(fmt)];
}

/** `backupguard rules --coverage`: every known error code, and which rule predicts it (or why none can). */
function listCoverage(options: RulesOptions): CommandResult {
  const rules = options.rules ?? allRules;
  const kb = options.kb ?? knowledgeBase();
  const rows = coverage(kb, rules);
  const missing = unknownPreventedCodes(kb, rules);
  const summary = {
    codes: rows.length,
    predicted: rows.filter((r) => r.status === "predicted").length,
    unpredictable: rows.filter((r) => r.status === "unpredictable").length,
    noRule: rows.filter((r) => r.status === "no-rule").length,
  };
  if (options.format === "json") {
    return { output: `${JSON.stringify({ version: 1, codes: rows, notInKnowledgeBase: missing, summary }, null, 2)}\n`, exitCode: 0 };
  }
  const describe = (r: (typeof rows)[number]) =>
    r.status === "predicted" ? r.predictedBy.join(", ") : r.status === "unpredictable" ? `not predictable before deployment: ${r.reason}` : "no rule yet";
  const lines = table(["CODE", "WORKLOAD", "PREDICTED BY"], rows.map((r) => [r.code, r.workload, describe(r)]));
  lines.push(`${summary.codes} codes: ${summary.predicted} predicted by a rule, ${summary.unpredictable} not predictable before deployment, ${summary.noRule} without a rule yet`);
  for (const m of missing) lines.push(`warning: ${m.ruleId} prevents ${m.code}, which the knowledge base does not know`);
  lines.push("Details of any code: backupguard explain <CODE>");
  return { output: `${lines.join("\n")}\n`, exitCode: 0 };
}

/** `backupguard rules`: the catalogue, as a table or JSON; `--coverage` for the error codes. */
export function listRules(options: RulesOptions): CommandResult {
  if (options.coverage) return listCoverage(options);
  const rules = options.rules ?? allRules;
  if (options.format === "json") {
    const out = rules.map((r) => ({ id: r.id, name: r.name, title: r.title, area: r.area, severity: r.severity, azureErrorCodes: r.prevents, remediation: r.remediation, docs: r.docs }));
    return { output: `${JSON.stringify({ version: 1, rules: out }, null, 2)}\n`, exitCode: 0 };
  }
  const lines = table(["ID", "SEVERITY", "AREA", "NAME", "PREVENTS"], rules.map((r) => [r.id, r.severity, r.area, r.name, r.prevents.join(", ") || "—"]));
  return { output: `${lines.join("\n")}\n${rules.length} rules\n`, exitCode: 0 };
}
