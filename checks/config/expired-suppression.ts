import { defineRule } from "../../src/engine/define-rule.js";
import { suppressionExpired } from "../../src/engine/run.js";

export default defineRule({
  id: "CONFIG-001",
  name: "expired-suppression",
  title: "Suppressions in the rule configuration have not expired",
  severity: "warning",
  prevents: [],
  remediation:
    "Fix the finding the suppression was hiding, or renew the suppression with a new expiry date and an up-to-date justification.",
  check(ctx) {
    for (const s of ctx.suppressions) {
      const resource = {
        kind: "suppression" as const,
        name: `${s.rule} ${s.resource}`,
        type: "backupguard:config:Suppression",
        source: { adapter: "builder" as const },
      };
      if (suppressionExpired(s, ctx.now)) {
        ctx.report({
          resource,
          messageId: "expired",
          message: `The suppression of ${s.rule} for "${s.resource}" expired on ${s.expires}; it no longer applies ("${s.justification}").`,
          data: { rule: s.rule, resource: s.resource, expires: s.expires },
        });
      } else {
        ctx.pass(resource);
      }
    }
  },
});
