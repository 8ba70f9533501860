/**
 * Composes the backup estate from a validated stack configuration. See index.ts for the entry point.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import type { StackConfig } from "./config";
import { BackupNetworkRules } from "./components/network-rules";
import { SqlBackupPolicy, VmBackupPolicy } from "./components/policies";
import { AvailabilityGroupProtection, VmProtection } from "./components/protection";
import { TagGovernance } from "./components/tag-governance";
import { BackupVault } from "./components/vault";

/** What a pipeline needs from the stack. */
export interface StackOutputs {
  vaultId: pulumi.Output<string>;
  vaultName: pulumi.Output<string>;
  vaultResourceGroup: pulumi.Output<string>;
  /** Policy IDs by policy name. */
  vmPolicyIds: Record<string, pulumi.Output<string>>;
  sqlPolicyIds: Record<string, pulumi.Output<string>>;
  nsgId?: pulumi.Output<string>;
  snapshotResourceGroup?: string;
}

export function buildStack(config: StackConfig): StackOutputs {
  const subscriptionId = authorization.getClientConfigOutput().subscriptionId;
  const rg = config.createResourceGroup
    ? new resources.ResourceGroup(config.resourceGroup, { resourceGroupName: config.resourceGroup, location: config.location, tags: config.tags })
    : undefined;
  const resourceGroupName: pulumi.Input<string> = rg ? rg.name : config.resourceGroup;

  const gov = config.tagGovernance;
  const governance = gov
    ? new TagGovernance("tag-governance", {
        subscriptionId,
        location: config.location,
        effect: gov.effect,
        requiredTags: gov.requiredTags ?? config.tags,
        ...(gov.snapshotResourceGroup ? { snapshotResourceGroup: gov.snapshotResourceGroup } : {}),
      })
    : undefined;
  const snapshotRg = gov?.snapshotResourceGroup ? { prefix: gov.snapshotResourceGroup.prefix, suffix: gov.snapshotResourceGroup.suffix } : undefined;

  const vault = new BackupVault("backup-vault", {
    resourceGroupName: config.vault.resourceGroup ?? resourceGroupName,
    location: config.location,
    tags: config.tags,
    vault: config.vault,
  });
  const vaultRef = { vaultName: vault.vaultName, resourceGroupName: vault.resourceGroupName };

  const vmPolicyIds = new Map<string, pulumi.Output<string>>();
  const vmPolicyOutputs: Record<string, pulumi.Output<string>> = {};
  for (const policy of config.vmPolicies) {
    const p = new VmBackupPolicy(`vm-policy-${policy.name}`, { ...vaultRef, policy, ...(snapshotRg ? { snapshotResourceGroup: snapshotRg } : {}) });
    vmPolicyIds.set(policy.name.toLowerCase(), p.policyId);
    vmPolicyOutputs[policy.name] = p.policyId;
  }
  const sqlPolicyIds = new Map<string, pulumi.Output<string>>();
  const sqlPolicyOutputs: Record<string, pulumi.Output<string>> = {};
  for (const policy of config.sqlPolicies) {
    const p = new SqlBackupPolicy(`sql-policy-${policy.name}`, { ...vaultRef, policy });
    sqlPolicyIds.set(policy.name.toLowerCase(), p.policyId);
    sqlPolicyOutputs[policy.name] = p.policyId;
  }

  const networkRules = config.network
    ? new BackupNetworkRules("backup-network-rules", {
        network: config.network,
        location: config.location,
        defaultResourceGroupName: resourceGroupName,
        subscriptionId,
        tags: config.tags,
      })
    : undefined;

  // Protection waits for everything a first backup needs: the vault with its redundancy and private endpoint, the
  // network path to Azure Backup, and tag governance that lets Azure Backup create its restore-point resource group.
  const prerequisites: pulumi.Resource[] = [...vault.protectionPrerequisites];
  if (networkRules) prerequisites.push(...(networkRules.nsg ? [networkRules.nsg] : networkRules.securityRules));
  if (governance) {
    prerequisites.push(...governance.assignments, ...governance.roleAssignments);
    if (governance.snapshotResourceGroup) prerequisites.push(governance.snapshotResourceGroup);
  }

  const vaultTarget = { ...vaultRef, vaultId: vault.vaultId };
  const protections = config.vms.map(
    (vm) => new VmProtection(`protect-${vm.id.split("/").pop()!.toLowerCase()}`, { vault: vaultTarget, vm, vmPolicyIds, sqlPolicyIds, dependsOn: prerequisites }),
  );
  const sqlRegistrations = protections.flatMap((p) => (p.sqlContainer ? [p.sqlContainer] : []));
  for (const group of config.availabilityGroups) {
    new AvailabilityGroupProtection(`ag-${group.name.toLowerCase()}`, {
      vault: vaultTarget,
      group,
      sqlPolicyIds,
      dependsOn: sqlRegistrations,
    });
  }

  const outputs: StackOutputs = {
    vaultId: vault.vaultId,
    vaultName: vault.vaultName,
    vaultResourceGroup: vault.resourceGroupName,
    vmPolicyIds: vmPolicyOutputs,
    sqlPolicyIds: sqlPolicyOutputs,
  };
  if (networkRules) outputs.nsgId = networkRules.nsgId;
  if (governance?.snapshotResourceGroupName) outputs.snapshotResourceGroup = governance.snapshotResourceGroupName;
  return outputs;
}
