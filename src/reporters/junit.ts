/**
 * JUnit XML for CI test tabs: one <testsuite> per area, one <testcase> per rule and resource. A rule's failures on a
 * resource become one failing test case; unknowns and suppressed findings are skipped test cases; `report.passes`
 * are passing test cases; a rule that evaluated no resource gets one passing "no applicable resources" case, so that
 * every enabled rule shows up.
 */
import { XMLBuilder } from "fast-xml-parser";
import { AREAS, type Area, type Finding, type FindingResource, type RuleMeta } from "../engine/types.js";
import { TOOL_NAME } from "../version.js";
import { explainCommand } from "./links.js";
import { resourceKey } from "./sarif.js";
import type { Reporter } from "./types.js";

interface Case {
  rule: RuleMeta;
  resource?: FindingResource;
  findings: Finding[];
  passed: boolean;
}

interface XmlCase {
  "@_classname": string;
  "@_name": string;
  failure?: { "@_type": string; "@_message": string; "#text": string };
  skipped?: { "@_message": string };
  "system-out"?: string;
}

// Characters XML 1.0 cannot carry at all, even escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function text(s: string): string {
  return s.replace(INVALID_XML, "");
}

/** Attribute values: parsers fold newlines into spaces anyway, so write them folded. */
function attr(s: string): string {
  return text(s).replace(/\s*[\r\n]+\s*/g, " ").trim();
}

function ruleFromFinding(f: Finding): RuleMeta {
  return { id: f.ruleId, name: f.ruleName, title: f.ruleName, area: f.area, severity: f.severity, prevents: f.azureErrorCodes, remediation: f.remediation, docs: f.docs };
}

function failureBody(c: Case, fails: Finding[], unknowns: Finding[]): string {
  const lines: string[] = [];
  for (const f of fails) lines.push(`${f.severity}: ${f.message}${f.path ? ` [${f.path}]` : ""}`);
  for (const f of unknowns) lines.push(`unknown before deployment: ${f.message}`);
  const codes = [...new Set(fails.flatMap((f) => f.azureErrorCodes))];
  lines.push("", `Remediation: ${c.rule.remediation}`);
  if (codes.length) lines.push(`Azure error codes: ${codes.join(", ")} (${codes.map(explainCommand).join("; ")})`);
  lines.push(`Docs: ${c.rule.docs}`);
  const r = c.resource;
  if (r) lines.push(`Resource: ${r.type} ${r.name}${r.id ? ` ${r.id}` : ""}${r.urn ? ` ${r.urn}` : ""}`);
  return text(lines.join("\n"));
}

function toXmlCase(c: Case): XmlCase {
  const out: XmlCase = {
    "@_classname": attr(`${c.rule.area}.${c.rule.id}`),
    "@_name": attr(`${c.rule.id} ${c.rule.name} — ${c.resource ? c.resource.name : "no applicable resources"}`),
  };
  const fails = c.findings.filter((f) => f.status === "fail");
  const unknowns = c.findings.filter((f) => f.status === "unknown");
  const suppressed = c.findings.filter((f) => f.status === "suppressed");
  if (fails.length) {
    const first = fails[0]!;
    out.failure = {
      "@_type": c.rule.id,
      "@_message": attr(fails.length === 1 ? first.message : `${first.message} (and ${fails.length - 1} more)`),
      "#text": failureBody(c, fails, unknowns),
    };
  } else if (unknowns.length) {
    out.skipped = { "@_message": attr(`value unknown before deployment: ${unknowns.map((f) => f.message).join("; ")}`) };
  } else if (suppressed.length) {
    const s = suppressed[0]!.suppression;
    out.skipped = { "@_message": attr(s ? `suppressed until ${s.expires}: ${s.justification}` : `suppressed: ${suppressed[0]!.message}`) };
    out["system-out"] = text(suppressed.map((f) => f.message).join("\n"));
  }
  return out;
}

export const junitReporter: Reporter = (report) => {
  const rules = [...report.rules];
  const known = new Set(rules.map((r) => r.id));
  for (const f of report.findings) {
    if (!known.has(f.ruleId)) {
      known.add(f.ruleId);
      rules.push(ruleFromFinding(f));
    }
  }

  const cases = new Map<string, Case>();
  const caseFor = (rule: RuleMeta, resource: FindingResource): Case => {
    const key = `${rule.id}\u0001${resourceKey(resource)}`;
    let c = cases.get(key);
    if (!c) cases.set(key, (c = { rule, resource, findings: [], passed: false }));
    return c;
  };
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  for (const f of report.findings) caseFor(ruleById.get(f.ruleId)!, f.resource).findings.push(f);
  for (const p of report.passes) {
    const rule = ruleById.get(p.ruleId);
    if (rule) caseFor(rule, p.resource).passed = true;
  }

  const byArea = new Map<Area, Case[]>();
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    const ruleCases = [...cases.values()]
      .filter((c) => c.rule.id === rule.id)
      .sort((a, b) => a.resource!.name.localeCompare(b.resource!.name) || resourceKey(a.resource!).localeCompare(resourceKey(b.resource!)));
    const list = byArea.get(rule.area) ?? [];
    list.push(...(ruleCases.length ? ruleCases : [{ rule, findings: [], passed: true }]));
    byArea.set(rule.area, list);
  }

  let total = 0;
  let failures = 0;
  let skipped = 0;
  const suites = AREAS.filter((a) => byArea.has(a)).map((area) => {
    const testcase = byArea.get(area)!.map(toXmlCase);
    const suiteFailures = testcase.filter((t) => t.failure).length;
    const suiteSkipped = testcase.filter((t) => t.skipped).length;
    total += testcase.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    return {
      "@_name": area,
      "@_tests": testcase.length,
      "@_failures": suiteFailures,
      "@_errors": 0,
      "@_skipped": suiteSkipped,
      testcase,
    };
  });

  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", textNodeName: "#text", format: true, suppressEmptyNode: true });
  const xml = builder.build({
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    testsuites: { "@_name": TOOL_NAME, "@_tests": total, "@_failures": failures, "@_errors": 0, "@_skipped": skipped, testsuite: suites },
  }) as string;
  return xml.endsWith("\n") ? xml : `${xml}\n`;
};
