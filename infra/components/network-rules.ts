/**
 * NSG rules that let protected VMs reach Azure Backup: outbound TCP 443 to AzureBackup, Storage and
 * AzureActiveDirectory, at priorities that come before the NSG's outbound Deny rules.
 *
 * - `create`: a new NSG whose rules are all inline (the backup rules, your rules, an optional DenyInternetOutbound).
 *   Associate it with the protected VMs' subnet where the subnet is defined (your network stack), using the `nsgId`
 *   stack output.
 * - `existing`: standalone SecurityRule resources on an NSG you already have, at `network.priority`. Inline rules and
 *   standalone rules on the same NSG fight over the rule set, so the program never mixes them.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { backupRulePriority, backupRules, otherRulesOnNewNsg, type NetworkConfig, type PlannedRule } from "../network-plan";

export interface BackupNetworkRulesArgs {
  network: NetworkConfig;
  location: string;
  /** Resource group of a new NSG when the config names none. */
  defaultResourceGroupName: pulumi.Input<string>;
  subscriptionId: pulumi.Input<string>;
  tags: Record<string, string>;
}

export class BackupNetworkRules extends pulumi.ComponentResource {
  readonly nsgId: pulumi.Output<string>;
  /** The Azure Backup rules with their priorities (what a deny rule must come after). */
  readonly rules: readonly PlannedRule[];
  readonly nsg?: network.NetworkSecurityGroup;
  readonly securityRules: network.SecurityRule[] = [];

  constructor(name: string, args: BackupNetworkRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("backupguard:infra:BackupNetworkRules", name, {}, opts);
    const net = args.network;
    const placed = backupRulePriority(net);
    // The stack configuration was validated with the same function, so this only fires on a programming error.
    if ("error" in placed) throw new pulumi.RunError(`network.priority: ${placed.error}`);
    this.rules = backupRules(net, args.location, placed.priority);

    if (net.nsg.mode === "create") {
      const all: PlannedRule[] = [...this.rules, ...otherRulesOnNewNsg(net)].sort((a, b) => a.priority - b.priority);
      this.nsg = new network.NetworkSecurityGroup(
        net.nsg.name,
        {
          networkSecurityGroupName: net.nsg.name,
          resourceGroupName: net.nsg.resourceGroup ?? args.defaultResourceGroupName,
          location: args.location,
          tags: args.tags,
          securityRules: all.map((r) => ({ ...r })),
        },
        { parent: this },
      );
      this.nsgId = this.nsg.id;
    } else {
      const { name: nsgName, resourceGroup } = net.nsg;
      for (const r of this.rules) {
        this.securityRules.push(
          new network.SecurityRule(
            `${nsgName}-${r.name}`,
            { ...r, securityRuleName: r.name, networkSecurityGroupName: nsgName, resourceGroupName: resourceGroup },
            { parent: this },
          ),
        );
      }
      this.nsgId = pulumi.interpolate`/subscriptions/${args.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/networkSecurityGroups/${nsgName}`;
    }
    this.registerOutputs({ nsgId: this.nsgId });
  }
}
