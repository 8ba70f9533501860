import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import type { ServiceName } from "../../src/network/index.js";
import { reportResult, serviceTagsOf, sqlProtectedVms, sqlServicePath, vaultAccess } from "./_connectivity.js";

const SERVICES: ServiceName[] = ["AzureBackup", "Storage", "AzureActiveDirectory"];

export default defineRule({
  id: "NET-001",
  name: "sql-vm-reaches-azure-backup",
  title: "Every VM with protected SQL databases can open TCP 443 to Azure Backup, Azure Storage and Microsoft Entra ID",
  severity: "error",
  prevents: ["UserErrorVMInternetConnectivityIssue", "WorkloadExtensionNotReachable"],
  remediation:
    "Add an outbound NSG rule that allows TCP 443 to the service tag (AzureBackup, Storage, AzureActiveDirectory) with a free priority lower than the rule that denies it; behind forced tunnelling, allow the same on the firewall (FQDN tag AzureBackup, the Storage and Entra ID FQDNs).",
  check(ctx) {
    const tags = serviceTagsOf(ctx);
    for (const [vm, items] of sqlProtectedVms(ctx.index)) {
      const vaults = new Map<string, ReturnType<typeof vaultAccess>>();
      for (const item of items) {
        const vault = ctx.index.vaultOfItem(item);
        const fallback = isUnknown(item.vaultName) ? "(vault computed at deployment)" : (item.vaultName ?? "(vault not named)");
        const access = vaultAccess(ctx.index, vault, fallback);
        vaults.set(vault?.ref.id ?? vault?.ref.name ?? fallback, access);
      }
      let allAllowed = true;
      for (const access of vaults.values()) {
        for (const service of SERVICES) {
          const result = sqlServicePath(vm, service, ctx.index, tags, access);
          if (!result) continue;
          const consequence = "The SQL workload extension then cannot discover, back up or restore.";
          if (!reportResult(ctx, vm, result, consequence)) allAllowed = false;
        }
      }
      if (allAllowed) ctx.pass(vm.ref);
    }
  },
});
