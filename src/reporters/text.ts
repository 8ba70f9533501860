import type { Finding, FindingResource } from "../engine/types.js";
import { explainCommand } from "./links.js";
import type { Reporter } from "./types.js";

const ANSI = { red: "\u001b[31m", yellow: "\u001b[33m", cyan: "\u001b[36m", dim: "\u001b[2m", bold: "\u001b[1m", reset: "\u001b[0m" };

/** Column where a finding's details start: two spaces, the status label padded to 10, one space. */
const DETAIL_INDENT = " ".repeat(13);

function label(f: Finding): string {
  if (f.status === "unknown") return "unknown";
  if (f.status === "suppressed") return "suppressed";
  return f.severity;
}

/** Failures by severity first, then what could not be decided, then what was accepted. */
function rank(f: Finding): number {
  if (f.status === "fail") return f.severity === "error" ? 0 : f.severity === "warning" ? 1 : 2;
  return f.status === "unknown" ? 3 : 4;
}

/** One group per resource: by Azure id (as Azure compares them), else URN, else name and type. */
function resourceKey(r: FindingResource): string {
  return r.id ? `id:${r.id.toLowerCase()}` : r.urn ? `urn:${r.urn}` : `name:${r.name}\u0000${r.type}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Human-readable report grouped by resource: a header per resource (name and type, then its id and where it came
 * from), its findings worst first, and one summary line. Colour only when asked (TTY, no NO_COLOR).
 */
export const textReporter: Reporter = (report, options) => {
  const paint = (colour: keyof typeof ANSI, s: string) => (options.color ? `${ANSI[colour]}${s}${ANSI.reset}` : s);
  const colourOf = (f: Finding): keyof typeof ANSI =>
    f.status !== "fail" ? "dim" : f.severity === "error" ? "red" : f.severity === "warning" ? "yellow" : "cyan";
  const detail = (key: string, value: string) => paint("dim", `${DETAIL_INDENT}${`${key}:`.padEnd(10)}${value}`);

  const byResource = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = resourceKey(f.resource);
    byResource.set(key, [...(byResource.get(key) ?? []), f]);
  }
  // Array.prototype.sort is stable: equal ranks keep the engine's order.
  const groups = [...byResource.values()].map((fs) => [...fs].sort((a, b) => rank(a) - rank(b)));
  groups.sort((a, b) => rank(a[0]!) - rank(b[0]!));

  const lines: string[] = [];
  for (const findings of groups) {
    const r = findings[0]!.resource;
    lines.push(`${paint("bold", r.name)}  ${paint("dim", r.type)}`);
    if (r.id) lines.push(paint("dim", `  id    ${r.id}`));
    else if (r.urn) lines.push(paint("dim", `  urn   ${r.urn}`));
    const sources = new Set(findings.flatMap((f) => (f.location?.file ? [f.location.pointer ? `${f.location.file} at ${f.location.pointer}` : f.location.file] : [])));
    for (const source of sources) lines.push(paint("dim", `  from  ${source}`));
    for (const f of findings) {
      lines.push("");
      lines.push(`  ${paint(colourOf(f), label(f).padEnd(10))} ${paint("bold", f.ruleId)} ${f.ruleName}`);
      for (const line of f.message.split("\n")) lines.push(`${DETAIL_INDENT}${line}`);
      if (f.azureErrorCodes.length) {
        lines.push(detail("prevents", `${f.azureErrorCodes.join(", ")} (cause and fix: ${explainCommand(f.azureErrorCodes[0]!)})`));
      }
      if (f.status === "fail") lines.push(detail("fix", f.remediation));
      if (f.suppression) lines.push(detail("accepted", `until ${f.suppression.expires}: ${f.suppression.justification}`));
      lines.push(detail("docs", f.docs));
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
  // An incomplete audit is never presented as a clean estate, even when what it could read has no findings.
  const incomplete = options.audit !== undefined && !options.audit.complete;
  const verdict =
    total === 0
      ? incomplete
        ? paint("red", "✖ no findings in what could be read")
        : paint("bold", "✓ no findings")
      : paint(s.error > 0 ? "red" : s.warning > 0 ? "yellow" : "cyan", `✖ ${plural(total, "finding")}`);
  lines.push(
    `${verdict}: ${plural(s.error, "error")}, ${plural(s.warning, "warning")}, ${plural(s.note, "note")}; ` +
      `${s.unknown} unknown, ${s.suppressed} suppressed — ${plural(s.resources, "resource")}, ${plural(s.rules, "rule")}` +
      (options.audit ? (options.audit.complete ? ", audit complete" : ", audit INCOMPLETE") : ""),
  );
  return `${lines.join("\n")}\n`;
};
