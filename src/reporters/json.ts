import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import type { Reporter } from "./types.js";

/** The versioned JSON report of the contract (`version: 1`). Extra fields are additive. */
export const jsonReporter: Reporter = (report, options) => {
  const findings = report.findings.map((f) => {
    const out: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      severity: f.severity,
      status: f.status,
      resource: f.resource,
      message: f.message,
      azureErrorCodes: f.azureErrorCodes,
      remediation: f.remediation,
      docs: f.docs,
      area: f.area,
      messageId: f.messageId,
    };
    if (f.kind) out.kind = f.kind;
    if (f.path) out.path = f.path;
    if (f.data) out.data = f.data;
    if (f.location) out.location = f.location;
    if (f.suppression) out.suppression = f.suppression;
    return out;
  });
  const summary: Record<string, unknown> = { ...report.summary };
  if (options.audit) summary.complete = options.audit.complete;
  const out: Record<string, unknown> = { version: 1, tool: { name: TOOL_NAME, version: TOOL_VERSION }, findings, summary };
  // audit: what it could not read, so that an incomplete report says where it is blind.
  if (options.audit) out.unread = options.audit.unread ?? [];
  return `${JSON.stringify(out, null, 2)}\n`;
};
