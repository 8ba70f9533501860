import { rules } from "../../../checks/index.js";
import type { CommandResult } from "./check.js";

export interface RulesOptions {
  format: "text" | "json";
}

/** `backupguard rules`: the catalogue, as a table or JSON. */
export function listRules(options: RulesOptions): CommandResult {
  if (options.format === "json") {
    const out = rules.map((r) => ({ id: r.id, name: r.name, title: r.title, area: r.area, severity: r.severity, azureErrorCodes: r.prevents, remediation: r.remediation, docs: r.docs }));
    return { output: `${JSON.stringify({ version: 1, rules: out }, null, 2)}\n`, exitCode: 0 };
  }
  const rows = rules.map((r) => [r.id, r.severity, r.area, r.name, r.prevents.join(", ") || "—"]);
  const header = ["ID", "SEVERITY", "AREA", "NAME", "PREVENTS"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return { output: `${[fmt(header), ...rows.map(fmt)].join("\n")}\n${rules.length} rules\n`, exitCode: 0 };
}
