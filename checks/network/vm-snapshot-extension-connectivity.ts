import { defineRule } from "../../src/engine/define-rule.js";
import { destination, evaluateOutbound } from "../../src/network/index.js";
import { reportResult, serviceTagsOf, sqlProtectedVms, vmBackupVms } from "./_connectivity.js";

export default defineRule({
  id: "NET-002",
  name: "vm-snapshot-extension-connectivity",
  title: "VMs protected by Azure VM backup can open TCP 443 to Azure Storage in their region",
  severity: "warning",
  prevents: ["ExtensionSnapshotFailedNoNetwork"],
  remediation:
    "Allow outbound TCP 443 to the Storage service tag (Storage or Storage.<region>) with a free priority lower than the rule that denies it, or through the firewall or proxy the VM uses.",
  check(ctx) {
    const tags = serviceTagsOf(ctx);
    // A VM with protected SQL databases is held to the stronger requirement of NET-001.
    const sqlVms = sqlProtectedVms(ctx.index);
    for (const vm of vmBackupVms(ctx.index).keys()) {
      if (sqlVms.has(vm)) continue;
      const result = evaluateOutbound(vm, destination("Storage"), ctx.index, tags);
      const consequence = "With outbound traffic restricted like this, the VM snapshot extension can fail to take the snapshot.";
      if (reportResult(ctx, vm, result, consequence)) ctx.pass(vm.ref);
    }
  },
});
