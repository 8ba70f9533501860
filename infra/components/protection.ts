/**
 * Protection of existing VMs, by resource ID.
 *
 * - VM backup: a protected item `vm;iaasvmcontainerv2;<rg>;<vm>` in container `iaasvmcontainer;iaasvmcontainerv2;<rg>;<vm>`.
 * - SQL Server in the VM: Azure needs the VM discovered and registered before its SQL databases exist for the vault.
 *   The program registers the VM (`ProtectionContainer` `VMAppContainer;Compute;<rg>;<vm>`, the same PUT that
 *   `Register-AzRecoveryServicesBackupContainer` and Terraform's `azurerm_backup_container_vm_app` send): Azure installs
 *   the workload extension on the VM and inquires its SQL instances; the provider waits for that operation. Only then
 *   are the databases' protected items (`SQLDataBase;<instance>;<db>`) and the instances' auto-protection intents
 *   created: they depend on the registration, which itself depends on the vault (redundancy already set), its private
 *   endpoint and the NSG rules the extension needs to reach Azure Backup.
 * - Availability-group databases live under a container Azure names after the group
 *   (`SQLAGWorkLoadContainer;<guid>`), known only once the nodes are registered: see `AvailabilityGroupProtection`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as recoveryservices from "@pulumi/azure-native/recoveryservices";
import { parseVmId, sqlContainerName, sqlInstanceItemName, sqlItemName, stableGuid, vmContainerName, vmItemName, type VmRef } from "../azure-names";
import type { ProtectedVmConfig } from "../config";

const FABRIC = "Azure";

export interface VaultTarget {
  vaultName: pulumi.Input<string>;
  vaultId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
}

export interface VmProtectionArgs {
  vault: VaultTarget;
  vm: ProtectedVmConfig;
  /** Policy IDs by policy name (lower-case). */
  vmPolicyIds: ReadonlyMap<string, pulumi.Input<string>>;
  sqlPolicyIds: ReadonlyMap<string, pulumi.Input<string>>;
  /** Resources that must exist before this VM is protected (vault prerequisites, NSG rules, snapshot resource group, tag policy). */
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

function lookup(map: ReadonlyMap<string, pulumi.Input<string>>, policyName: string): pulumi.Input<string> {
  const id = map.get(policyName.toLowerCase());
  // The stack configuration is validated first (every policy name must exist), so this is a programming error.
  if (id === undefined) throw new pulumi.RunError(`unknown backup policy "${policyName}"`);
  return id;
}

/** One protected VM: its VM backup item and/or its SQL registration, database items and auto-protection intents. */
export class VmProtection extends pulumi.ComponentResource {
  readonly vm: VmRef;
  readonly vmBackupItem?: recoveryservices.ProtectedItem;
  readonly sqlContainer?: recoveryservices.ProtectionContainer;
  readonly sqlItems: recoveryservices.ProtectedItem[] = [];
  readonly sqlIntents: recoveryservices.ProtectionIntent[] = [];

  constructor(name: string, args: VmProtectionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("backupguard:infra:VmProtection", name, {}, opts);
    const vm = parseVmId(args.vm.id);
    if (!vm) throw new pulumi.RunError(`not a virtual machine resource ID: ${args.vm.id}`);
    this.vm = vm;
    const common = { vaultName: args.vault.vaultName, resourceGroupName: args.vault.resourceGroupName, fabricName: FABRIC };

    if (args.vm.backupPolicy) {
      this.vmBackupItem = new recoveryservices.ProtectedItem(
        `${vm.name}-vm-backup`,
        {
          ...common,
          containerName: vmContainerName(vm),
          protectedItemName: vmItemName(vm),
          properties: {
            protectedItemType: "Microsoft.Compute/virtualMachines",
            policyId: lookup(args.vmPolicyIds, args.vm.backupPolicy),
            sourceResourceId: vm.id,
          },
        },
        { parent: this, dependsOn: args.dependsOn },
      );
    }

    if (args.vm.sql) {
      const containerName = sqlContainerName(vm);
      this.sqlContainer = new recoveryservices.ProtectionContainer(
        `${vm.name}-sql-registration`,
        {
          ...common,
          containerName,
          properties: {
            containerType: "VMAppContainer",
            backupManagementType: "AzureWorkload",
            workloadType: "SQLDataBase",
            sourceResourceId: vm.id,
            friendlyName: vm.name,
          },
        },
        { parent: this, dependsOn: args.dependsOn },
      );
      for (const instance of args.vm.sql.instances) {
        for (const db of instance.databases) {
          this.sqlItems.push(
            new recoveryservices.ProtectedItem(
              `${vm.name}-${instance.name}-${db.name}`.toLowerCase(),
              {
                ...common,
                containerName,
                protectedItemName: sqlItemName(instance.name, db.name),
                properties: {
                  protectedItemType: "AzureVmWorkloadSQLDatabase",
                  policyId: lookup(args.sqlPolicyIds, db.policy),
                  sourceResourceId: vm.id,
                  friendlyName: db.name,
                  parentName: instance.name,
                  serverName: vm.name,
                },
              },
              { parent: this, dependsOn: [this.sqlContainer] },
            ),
          );
        }
        if (instance.autoProtectPolicy) {
          const protectableItem = `protectionContainers/${containerName}/protectableItems/${sqlInstanceItemName(instance.name)}`;
          this.sqlIntents.push(
            new recoveryservices.ProtectionIntent(
              `${vm.name}-${instance.name}-auto-protect`.toLowerCase(),
              {
                ...common,
                intentObjectName: stableGuid(vm.id, instance.name),
                properties: {
                  protectionIntentItemType: "AzureWorkloadSQLAutoProtectionIntent",
                  backupManagementType: "AzureWorkload",
                  workloadItemType: "SQLInstance",
                  policyId: lookup(args.sqlPolicyIds, instance.autoProtectPolicy),
                  sourceResourceId: vm.id,
                  itemId: pulumi.interpolate`${args.vault.vaultId}/backupFabrics/${FABRIC}/${protectableItem}`,
                },
              },
              { parent: this, dependsOn: [this.sqlContainer] },
            ),
          );
        }
      }
    }
    this.registerOutputs({});
  }
}

export interface AvailabilityGroupProtectionArgs {
  vault: VaultTarget;
  group: {
    name: string;
    containerName?: string;
    autoProtectPolicy?: string;
    databases: { name: string; policy: string }[];
  };
  sqlPolicyIds: ReadonlyMap<string, pulumi.Input<string>>;
  /** The registrations of the group's nodes: Azure discovers the group through them. */
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

/**
 * Databases of an Always On availability group. Azure Backup lists them under a container it creates for the group
 * (`SQLAGWorkLoadContainer;<guid>`) once a node is registered; items are `SQLDataBase;<group>;<database>`.
 */
export class AvailabilityGroupProtection extends pulumi.ComponentResource {
  readonly items: recoveryservices.ProtectedItem[] = [];
  readonly intent?: recoveryservices.ProtectionIntent;

  constructor(name: string, args: AvailabilityGroupProtectionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("backupguard:infra:AvailabilityGroupProtection", name, {}, opts);
    const g = args.group;
    const containerName = g.containerName;
    if (!containerName) {
      // First `pulumi up`: the nodes are being registered now; the group's container appears afterwards.
      void pulumi.log.warn(
        `availability group "${g.name}": its databases are protected once availabilityGroups[].containerName is set ` +
          "(run `az backup container list --backup-management-type AzureWorkload` after this deployment registered the nodes)",
        this,
      );
      this.registerOutputs({});
      return;
    }
    const common = { vaultName: args.vault.vaultName, resourceGroupName: args.vault.resourceGroupName, fabricName: FABRIC };
    for (const db of g.databases) {
      this.items.push(
        new recoveryservices.ProtectedItem(
          `${g.name}-${db.name}`.toLowerCase(),
          {
            ...common,
            containerName,
            protectedItemName: sqlItemName(g.name, db.name),
            properties: {
              protectedItemType: "AzureVmWorkloadSQLDatabase",
              policyId: lookup(args.sqlPolicyIds, db.policy),
              friendlyName: db.name,
              parentName: g.name,
              parentType: "AzureVmWorkloadSQLAvailabilityGroup",
            },
          },
          { parent: this, dependsOn: args.dependsOn },
        ),
      );
    }
    if (g.autoProtectPolicy) {
      this.intent = new recoveryservices.ProtectionIntent(
        `${g.name}-auto-protect`.toLowerCase(),
        {
          ...common,
          intentObjectName: stableGuid(containerName, g.name),
          properties: {
            protectionIntentItemType: "AzureWorkloadSQLAutoProtectionIntent",
            backupManagementType: "AzureWorkload",
            workloadItemType: "SQLAvailabilityGroupContainer",
            policyId: lookup(args.sqlPolicyIds, g.autoProtectPolicy),
            itemId: pulumi.interpolate`${args.vault.vaultId}/backupFabrics/${FABRIC}/protectionContainers/${containerName}/protectableItems/${`SQLAvailabilityGroupContainer;${g.name}`.toLowerCase()}`,
          },
        },
        { parent: this, dependsOn: args.dependsOn },
      );
    }
    this.registerOutputs({});
  }
}
