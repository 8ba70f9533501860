/**
 * A pull-request comment or CI job summary ($GITHUB_STEP_SUMMARY, Azure DevOps task summary): a one-line verdict, the
 * counts, the failures grouped by severity, unknowns folded away, suppressions with their justification and expiry.
 */
import type { Finding, Severity } from "../engine/types.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import { docsUrl, explainCommand } from "./links.js";
import type { Reporter } from "./types.js";

/** Makes any text safe inside one GitHub-flavoured Markdown table cell. */
export function cell(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/`/g, "\\`")
    .replace(/\r?\n/g, "<br>");
}

/** Inline code that survives any content: a backtick inside gets a double-backtick fence. */
function code(s: string): string {
  const safe = s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  return safe.includes("`") ? `\`\` ${safe} \`\`` : `\`${safe}\``;
}

const HEADING: Record<Severity, string> = { error: "Errors", warning: "Warnings", note: "Notes" };
const ICON: Record<Severity, string> = { error: "🔴", warning: "🟠", note: "🔵" };

function ruleLink(f: Finding): string {
  return `[${f.ruleId}](${docsUrl(f.docs)} "${cell(f.ruleName)}")`;
}

function resourceCell(f: Finding): string {
  const r = f.resource;
  return `${cell(r.name)}<br><sub>${cell(r.type)}</sub>`;
}

function codesCell(f: Finding): string {
  return f.azureErrorCodes.length ? f.azureErrorCodes.map(code).join("<br>") : "—";
}

function messageCell(f: Finding): string {
  return `${cell(f.message)}${f.status === "fail" ? `<br>**Fix:** ${cell(f.remediation)}` : ""}`;
}

function verdict(report: Parameters<Reporter>[0], incomplete: boolean): string {
  const s = report.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (s.error > 0) return `❌ **Azure Backup would fail**: ${plural(s.error, "error")}, ${plural(s.warning, "warning")}, ${plural(s.note, "note")}`;
  if (s.warning > 0) return `⚠️ **Azure Backup would degrade**: ${plural(s.warning, "warning")}, ${plural(s.note, "note")}`;
  // An incomplete audit is never presented as a clean estate.
  if (incomplete) return `❌ **Audit incomplete**: nothing found in what could be read${s.note > 0 ? ` (${plural(s.note, "note")})` : ""}, but not everything could be read`;
  if (s.note > 0) return `✅ **No errors or warnings**: ${plural(s.note, "note")} of advice`;
  return "✅ **No findings**";
}

export const markdownReporter: Reporter = (report, options) => {
  const s = report.summary;
  const out: string[] = [];
  out.push(`## ${TOOL_NAME} report`, "", verdict(report, options.audit !== undefined && !options.audit.complete), "");
  if (s.unknown > 0) out.push(`${s.unknown} check${s.unknown === 1 ? "" : "s"} could not be decided before deployment (values not known at preview).`, "");
  if (options.audit && !options.audit.complete) {
    out.push("> [!WARNING]", "> The audit could not read everything it needed: this report is incomplete.", ">");
    for (const u of options.audit.unread ?? []) out.push(`> - **${cell(u.what)}**: ${cell(u.detail)}`);
    out.push("");
  }
  out.push(
    "| error | warning | note | unknown | suppressed | resources | rules |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${s.error} | ${s.warning} | ${s.note} | ${s.unknown} | ${s.suppressed} | ${s.resources} | ${s.rules} |`,
    "",
  );

  const fails = report.findings.filter((f) => f.status === "fail");
  for (const severity of ["error", "warning", "note"] as const) {
    const group = fails.filter((f) => f.severity === severity);
    if (!group.length) continue;
    out.push(`### ${ICON[severity]} ${HEADING[severity]} (${group.length})`, "", "| Rule | Resource | Message | Prevents |", "| --- | --- | --- | --- |");
    for (const f of group) out.push(`| ${ruleLink(f)} | ${resourceCell(f)} | ${messageCell(f)} | ${codesCell(f)} |`);
    out.push("");
  }

  const unknowns = report.findings.filter((f) => f.status === "unknown");
  if (unknowns.length) {
    out.push(`<details><summary>Unknown before deployment (${unknowns.length})</summary>`, "", "| Rule | Resource | What could not be decided |", "| --- | --- | --- |");
    for (const f of unknowns) out.push(`| ${ruleLink(f)} | ${resourceCell(f)} | ${cell(f.message)} |`);
    out.push("", "</details>", "");
  }

  const suppressed = report.findings.filter((f) => f.status === "suppressed");
  if (suppressed.length) {
    out.push(`### Suppressed (${suppressed.length})`, "", "| Rule | Resource | Message | Justification | Expires |", "| --- | --- | --- | --- | --- |");
    for (const f of suppressed) {
      out.push(`| ${ruleLink(f)} | ${resourceCell(f)} | ${cell(f.message)} | ${cell(f.suppression?.justification ?? "")} | ${cell(f.suppression?.expires ?? "")} |`);
    }
    out.push("");
  }

  const codes = [...new Set(fails.flatMap((f) => f.azureErrorCodes))].sort();
  if (codes.length) {
    out.push(`Each code above is explained (cause, fix, whether a retry helps) by ${code(explainCommand("<CODE>"))}, e.g. ${code(explainCommand(codes[0]!))}.`, "");
  }
  out.push(`<sub>${TOOL_NAME} ${TOOL_VERSION}</sub>`);
  return `${out.join("\n")}\n`;
};
