/**
 * The outbound rules protected VMs need to reach Azure Backup (TCP 443 to the AzureBackup, Storage and
 * AzureActiveDirectory service tags) and the priorities they get. Pure, so that the stack configuration can be
 * validated with it before the program runs.
 */
import { serviceTagRegion } from "./azure-names";
import type { SecurityRuleConfig, StackConfig } from "./config";

export const PRIORITY_STEP = 10;
export const MIN_PRIORITY = 100;
export const MAX_PRIORITY = 4096;
/** Priority of the optional `DenyInternetOutbound` rule on a new NSG: late enough to leave room for allow rules. */
export const DENY_INTERNET_PRIORITY = 4000;

export interface PlannedRule {
  name: string;
  priority: number;
  direction: "Inbound" | "Outbound";
  access: "Allow" | "Deny";
  protocol: string;
  sourceAddressPrefix: string;
  sourcePortRange: string;
  destinationAddressPrefix: string;
  destinationPortRange: string;
  description?: string;
}

export type NetworkConfig = NonNullable<StackConfig["network"]>;

/** The three service tags, regional where asked (Entra ID has no regional tag). */
export function backupDestinations(net: Pick<NetworkConfig, "regionalServiceTags" | "serviceTagRegion">, location: string): { rule: string; tag: string }[] {
  const region = net.regionalServiceTags ? (net.serviceTagRegion ?? serviceTagRegion(location)) : undefined;
  return [
    { rule: "AllowAzureBackupOutbound", tag: region ? `AzureBackup.${region}` : "AzureBackup" },
    { rule: "AllowStorageOutbound", tag: region ? `Storage.${region}` : "Storage" },
    { rule: "AllowAzureActiveDirectoryOutbound", tag: "AzureActiveDirectory" },
  ];
}

/** The rules the program puts on a new NSG besides the backup rules: the user's, plus the optional deny. */
export function otherRulesOnNewNsg(net: NetworkConfig): SecurityRuleConfig[] {
  if (net.nsg.mode !== "create") return [];
  const rules = [...net.nsg.rules];
  if (net.nsg.denyInternetOutbound) {
    rules.push({
      name: "DenyInternetOutbound",
      priority: DENY_INTERNET_PRIORITY,
      direction: "Outbound",
      access: "Deny",
      protocol: "*",
      sourceAddressPrefix: "*",
      sourcePortRange: "*",
      destinationAddressPrefix: "Internet",
      destinationPortRange: "*",
      description: "Only traffic an allow rule names leaves the subnet.",
    });
  }
  return rules;
}

/**
 * The first priority of the backup rules: the configured one, or for a new NSG the lowest free block before the
 * first outbound Deny rule. Returns an error message when no such block exists.
 */
export function backupRulePriority(net: NetworkConfig): { priority: number } | { error: string } {
  if (net.priority !== undefined) return { priority: net.priority };
  const others = otherRulesOnNewNsg(net).filter((r) => r.direction === "Outbound");
  const firstDeny = Math.min(MAX_PRIORITY + 1, ...others.filter((r) => r.access === "Deny").map((r) => r.priority));
  const taken = new Set(others.map((r) => r.priority));
  for (let p = MIN_PRIORITY; p + 2 * PRIORITY_STEP < firstDeny; p += PRIORITY_STEP) {
    if (![p, p + PRIORITY_STEP, p + 2 * PRIORITY_STEP].some((x) => taken.has(x))) return { priority: p };
  }
  return {
    error: `no three free priorities before the first outbound Deny rule (priority ${firstDeny}); set network.priority or move that rule`,
  };
}

/** The backup rules with their priorities. */
export function backupRules(net: NetworkConfig, location: string, firstPriority: number): PlannedRule[] {
  return backupDestinations(net, location).map((d, i) => ({
    name: d.rule,
    priority: firstPriority + i * PRIORITY_STEP,
    direction: "Outbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefix: d.tag,
    destinationPortRange: "443",
    description: `Azure Backup: the VM backup and SQL workload extensions reach ${d.tag} over HTTPS.`,
  }));
}
