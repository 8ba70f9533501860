/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, any SARIF viewer): one run, one reportingDescriptor per
 * enabled rule, one result per finding. Unknown findings are results of kind "open" (the tool could not decide);
 * suppressed findings stay in the log with an accepted external suppression and its justification.
 */
import { createHash } from "node:crypto";
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Location, Log, ReportingDescriptor, Result, Suppression } from "sarif";
import type { Finding, FindingResource, RuleMeta, Severity } from "../engine/types.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import { docsUrl, explainCommand, REPOSITORY_URL } from "./links.js";
import type { Reporter } from "./types.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** The key of `partialFingerprints`: versioned so that a change of recipe does not silently re-open alerts. */
export const FINGERPRINT_KEY = "backupguardFinding/v1";

const LEVEL: Record<Severity, Result.level> = { error: "error", warning: "warning", note: "note" };

function descriptorFor(rule: RuleMeta): ReportingDescriptor {
  const codes = rule.prevents;
  const codesText = codes.length ? `\n\nAzure error codes it prevents: ${codes.join(", ")} (see \`${explainCommand(codes[0]!)}\`).` : "";
  const url = docsUrl(rule.docs);
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title}. ${rule.remediation}` },
    help: {
      text: `${rule.remediation}${codesText}\n\nDocumentation: ${url}`,
      markdown: `${rule.remediation}${codes.length ? `\n\nAzure error codes it prevents: ${codes.map((c) => `\`${c}\``).join(", ")}.` : ""}\n\n[${rule.id} ${rule.name}](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { enabled: true, level: LEVEL[rule.severity] },
    properties: {
      area: rule.area,
      azureErrorCodes: [...codes],
      docs: rule.docs,
      tags: ["azure-backup", rule.area, ...codes],
    },
  };
}

/** A finding whose rule is not among the report's rules (e.g. audit's drift/job findings) still gets a descriptor. */
function descriptorFromFinding(f: Finding): ReportingDescriptor {
  return descriptorFor({
    id: f.ruleId,
    name: f.ruleName,
    title: f.ruleName,
    area: f.area,
    severity: f.severity,
    prevents: f.azureErrorCodes,
    remediation: f.remediation,
    docs: f.docs,
  });
}

/** A repository-relative, forward-slash URI for a source file (SARIF consumers resolve it against the checkout). */
export function artifactUri(file: string): string {
  if (isAbsolute(file)) {
    const rel = relative(process.cwd(), file);
    // A file outside the working directory keeps its absolute location rather than a misleading ../../ path.
    if (rel.startsWith("..") || isAbsolute(rel)) return pathToFileURL(file).href;
    file = rel;
  }
  return file.split(sep).join("/").replace(/^\.\//, "").split("/").map(encodeURIComponent).join("/");
}

/** One key per resource across sources: the URN, else the Azure id (case-insensitive, as Azure compares ids). */
export function resourceKey(r: FindingResource): string {
  return r.urn ?? (r.id ? r.id.toLowerCase() : `${r.type}/${r.name}`);
}

/** Stable across runs, messages and report order: rule + resource + messageId (+ property path). */
export function fingerprint(f: Finding): string {
  const material = [f.ruleId, resourceKey(f.resource), f.messageId, f.path ?? ""].join("\u0000");
  return createHash("sha256").update(material).digest("hex").slice(0, 32);
}

function locationOf(f: Finding): Location {
  const r = f.resource;
  const location: Location = {
    logicalLocations: [
      {
        name: r.name,
        fullyQualifiedName: r.urn ?? r.id ?? r.name,
        kind: "resource",
        properties: { type: r.type, ...(r.id ? { azureResourceId: r.id } : {}), ...(r.urn ? { urn: r.urn } : {}) },
      },
    ],
  };
  if (f.location?.file) {
    location.physicalLocation = { artifactLocation: { uri: artifactUri(f.location.file) } };
  }
  const where = [f.location?.pointer ? `at ${f.location.pointer}` : "", f.path ? `property ${f.path}` : ""].filter(Boolean);
  if (where.length) location.message = { text: `${r.name}: ${where.join(", ")}` };
  return location;
}

function resultOf(f: Finding, ruleIndex: number): Result {
  const undecided = f.status === "unknown";
  const result: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    // SARIF: a result that is not a failure has level "none"; "open" means the tool could not decide.
    kind: undecided ? "open" : "fail",
    level: undecided ? "none" : LEVEL[f.severity],
    message: { text: f.azureErrorCodes.length && !undecided ? `${f.message} (prevents ${f.azureErrorCodes.join(", ")})` : f.message },
    locations: [locationOf(f)],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
    properties: {
      status: f.status,
      severity: f.severity,
      azureErrorCodes: [...f.azureErrorCodes],
      messageId: f.messageId,
      remediation: f.remediation,
      ...(f.path ? { path: f.path } : {}),
      ...(f.data ? { data: f.data } : {}),
      ...(f.kind ? { findingKind: f.kind } : {}),
    },
  };
  if (f.suppression) {
    const suppression: Suppression = {
      kind: "external",
      status: "accepted",
      justification: f.suppression.justification,
      properties: { expires: f.suppression.expires, resource: f.suppression.resource },
    };
    result.suppressions = [suppression];
  }
  return result;
}

export const sarifReporter: Reporter = (report, options) => {
  const descriptors: ReportingDescriptor[] = report.rules.map(descriptorFor);
  const indexById = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: Result[] = [];
  for (const f of report.findings) {
    let index = indexById.get(f.ruleId);
    if (index === undefined) {
      index = descriptors.push(descriptorFromFinding(f)) - 1;
      indexById.set(f.ruleId, index);
    }
    results.push(resultOf(f, index));
  }
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: REPOSITORY_URL,
            rules: descriptors,
          },
        },
        columnKind: "utf16CodeUnits",
        results,
        // audit: an incomplete read is an unsuccessful invocation, with one notification per thing not read.
        ...(options.audit
          ? {
              invocations: [
                {
                  executionSuccessful: options.audit.complete,
                  toolExecutionNotifications: (options.audit.unread ?? []).map((u) => ({
                    level: "error" as const,
                    message: { text: `could not read ${u.what}: ${u.detail}` },
                    descriptor: { id: u.reason },
                  })),
                },
              ],
            }
          : {}),
        properties: {
          summary: { ...report.summary, ...(options.audit ? { complete: options.audit.complete } : {}) },
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
