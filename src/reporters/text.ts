import type { Finding } from "../engine/types.js";
import { explainCommand } from "./links.js";
import type { Reporter } from "./types.js";

const ANSI = { red: "\u001b[31m", yellow: "\u001b[33m", cyan: "\u001b[36m", dim: "\u001b[2m", bold: "\u001b[1m", reset: "\u001b[0m" };

function label(f: Finding): string {
  if (f.status === "unknown") return "unknown";
  if (f.status === "suppressed") return "suppressed";
  return f.severity;
}

/** Human-readable report grouped by resource; colour only when asked (TTY, no NO_COLOR). */
export const textReporter: Reporter = (report, options) => {
  const paint = (colour: keyof typeof ANSI, s: string) => (options.color ? `${ANSI[colour]}${s}${ANSI.reset}` : s);
  const colourOf = (f: Finding): keyof typeof ANSI =>
    f.status !== "fail" ? "dim" : f.severity === "error" ? "red" : f.severity === "warning" ? "yellow" : "cyan";
  const lines: string[] = [];
  const byResource = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = `${f.resource.name}\u0000${f.resource.type}`;
    byResource.set(key, [...(byResource.get(key) ?? []), f]);
  }
  for (const findings of byResource.values()) {
    const r = findings[0]!.resource;
    lines.push(paint("bold", `${r.name}`) + paint("dim", `  ${r.type}${r.id ? `  ${r.id}` : ""}`));
    for (const f of findings) {
      lines.push(`  ${paint(colourOf(f), label(f).padEnd(10))} ${f.ruleId} ${f.ruleName}: ${f.message}`);
      if (f.azureErrorCodes.length) {
        lines.push(paint("dim", `             prevents: ${f.azureErrorCodes.join(", ")} (cause and fix: ${explainCommand(f.azureErrorCodes[0]!)})`));
      }
      if (f.status === "fail") lines.push(paint("dim", `             fix: ${f.remediation}`));
      if (f.suppression) lines.push(paint("dim", `             suppressed until ${f.suppression.expires}: ${f.suppression.justification}`));
      lines.push(paint("dim", `             docs: ${f.docs}`));
    }
    lines.push("");
  }
  if (options.audit && !options.audit.complete) {
    lines.push(paint("red", "✖ incomplete audit: these could not be read, so the report may miss findings there:"));
    for (const u of options.audit.unread ?? []) lines.push(`  ${paint("red", u.reason.padEnd(18))} ${u.what}: ${u.detail}`);
    lines.push("");
  }
  const s = report.summary;
  const total = s.error + s.warning + s.note;
  lines.push(
    `${total === 0 ? "✓ no findings" : `✖ ${total} finding${total === 1 ? "" : "s"}`} ` +
      `(${s.error} error, ${s.warning} warning, ${s.note} note), ${s.unknown} unknown, ${s.suppressed} suppressed — ` +
      `${s.resources} resource${s.resources === 1 ? "" : "s"}, ${s.rules} rule${s.rules === 1 ? "" : "s"}` +
        (options.audit ? (options.audit.complete ? ", audit complete" : ", audit INCOMPLETE") : ""),
  );
  return `${lines.join("\n")}\n`;
};
