import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { isEnhancedPolicy, policyLabel, vmLabel, vmProtections } from "./_vm-protection.js";

export default defineRule({
  id: "VM-008",
  name: "trusted-launch-standard-policy",
  title: "Trusted Launch VMs are protected with an Enhanced (V2) policy",
  // Standard-policy protection of Trusted Launch VMs works from REST API 2025-01-01 on, so Azure no longer always
  // rejects it: a warning about older clients, not an error.
  severity: "warning",
  prevents: [],
  remediation:
    "Protect Trusted Launch VMs with an Enhanced policy (policyType: V2); if you keep the Standard policy, configure protection only with REST API 2025-01-01 or later (Azure CLI 2.73.0+, Az PowerShell 14.0.0+).",
  check(ctx) {
    for (const { vm, item, policy } of vmProtections(ctx)) {
      const security = vm.securityType;
      if (isUnknown(security)) {
        ctx.unknown({
          resource: item.ref,
          messageId: "securityTypeUnknown",
          message: `The security type of VM "${vmLabel(vm)}" is not known before deployment.`,
        });
        continue;
      }
      if (security?.toLowerCase() !== "trustedlaunch") continue;
      const enhanced = isEnhancedPolicy(policy);
      if (enhanced === undefined) continue;
      if (isUnknown(enhanced)) {
        ctx.unknown({
          resource: item.ref,
          messageId: "policyUnknown",
          message: `The backup policy of Trusted Launch VM "${vmLabel(vm)}" is not known before deployment.`,
        });
        continue;
      }
      if (enhanced) {
        ctx.pass(item.ref);
        continue;
      }
      const name = policyLabel(policy);
      ctx.report({
        resource: item.ref,
        messageId: "standardPolicy",
        message: `Trusted Launch VM "${vmLabel(vm)}" is protected with Standard policy "${name}". Azure accepts that only through REST API 2025-01-01 or later (Azure CLI 2.73.0+, Az PowerShell 14.0.0+); older clients, including the azure-native ProtectedItem default API version 2024-10-01, are refused. Prefer an Enhanced policy.`,
        data: { policy: name, policyType: "V1", securityType: security },
      });
    }
  },
});
