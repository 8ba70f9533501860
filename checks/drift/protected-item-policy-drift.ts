import { defineRule } from "../../src/engine/define-rule.js";
import type { ProtectedItem } from "../../src/model/types.js";
import { isUnknown, UNKNOWN } from "../../src/model/unknown.js";
import { checkDrift, desiredModel, type Entity } from "./_drift.js";

const lastSegment = (id: string) => id.split("/").filter(Boolean).at(-1);

export default defineRule({
  id: "DRIFT-004",
  name: "protected-item-policy-drift",
  title: "Each protected item is backed up under the policy the stack assigns",
  severity: "warning",
  prevents: [],
  remediation: "Re-apply the stack (`pulumi up`) to move the item back to its policy, or change the stack to the policy it now uses.",
  check(ctx) {
    const desired = desiredModel(ctx);
    checkDrift<ProtectedItem & Entity>(ctx, "protectedItems", "Protected item", (item, side) => {
      // Policies are compared by name: the stack may only know its policy by URN at preview.
      if (typeof item.policyId === "string") return { policy: lastSegment(item.policyId) };
      if (side === "desired" && item.policyUrn && desired) {
        const policy = desired.backupPolicies.find((p) => p.ref.urn === item.policyUrn);
        if (policy) return { policy: policy.policyName };
      }
      return { policy: isUnknown(item.policyId) ? UNKNOWN : undefined };
    });
  },
});
