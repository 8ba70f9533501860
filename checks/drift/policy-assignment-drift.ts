import { defineRule } from "../../src/engine/define-rule.js";
import type { PolicyAssignment } from "../../src/model/types.js";
import { containsUnknown, isUnknown } from "../../src/model/unknown.js";
import { checkDrift, type Entity } from "./_drift.js";

/** JSON with object keys sorted: Azure does not keep the key order of an object parameter the stack wrote. */
function stableJson(v: unknown): string | undefined {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x !== null && typeof x === "object"
        ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, e]) => [k, sort(e)]))
        : x;
  return JSON.stringify(sort(v));
}

/** Parameter values compare as JSON (objects and arrays included); an unknown value is skipped. */
function parameters(p: PolicyAssignment["parameters"]) {
  if (p === undefined || isUnknown(p)) return p;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) out[k] = containsUnknown(v) ? v : stableJson(v);
  return out;
}

export default defineRule({
  id: "DRIFT-006",
  name: "policy-assignment-drift",
  title: "An Azure Policy assignment's definition, enforcement mode and parameters match the stack",
  severity: "warning",
  prevents: [],
  remediation: "Re-apply the stack (`pulumi up`) to restore the assignment, or update the stack if the change was agreed.",
  check(ctx) {
    checkDrift<PolicyAssignment & Entity>(ctx, "policyAssignments", "Policy assignment", (a) => ({
      policyDefinitionId: a.policyDefinitionId,
      enforcementMode: a.enforcementMode,
      parameters: parameters(a.parameters),
    }));
  },
});
