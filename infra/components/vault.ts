/**
 * A Recovery Services vault with secure defaults:
 * - storage redundancy is part of the vault's own definition, so it is set before any item can be protected
 *   (Azure refuses to change it once backup data exists);
 * - cross-region restore when the vault is geo-redundant;
 * - soft delete (always-on by default) with configurable retention, and immutability;
 * - public network access disabled, with an optional private endpoint (group `AzureBackup`) created before any
 *   item is registered;
 * - optional multi-user authorization: a mapping to a resource guard that must approve critical operations.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as recoveryservices from "@pulumi/azure-native/recoveryservices";
import type { StackConfig } from "../config";

export interface BackupVaultArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  tags: Record<string, string>;
  vault: StackConfig["vault"];
}

export class BackupVault extends pulumi.ComponentResource {
  readonly vault: recoveryservices.Vault;
  readonly vaultId: pulumi.Output<string>;
  readonly vaultName: pulumi.Output<string>;
  readonly resourceGroupName: pulumi.Output<string>;
  readonly privateEndpoint?: network.PrivateEndpoint;
  /** Multi-user authorization: the vault's mapping to a resource guard. */
  readonly resourceGuardProxy?: recoveryservices.ResourceGuardProxy;
  /** What must exist before an item is protected: the vault (with its redundancy) and its private endpoint. */
  readonly protectionPrerequisites: pulumi.Resource[];

  constructor(name: string, args: BackupVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("backupguard:infra:BackupVault", name, {}, opts);
    const v = args.vault;
    const geoRedundant = v.storageRedundancy === "GeoRedundant";
    const crossRegionRestore = v.crossRegionRestore ?? geoRedundant;

    this.vault = new recoveryservices.Vault(
      v.name,
      {
        vaultName: v.name,
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        tags: args.tags,
        sku: { name: "Standard" },
        identity: { type: "SystemAssigned" },
        properties: {
          publicNetworkAccess: v.publicNetworkAccess,
          redundancySettings: {
            standardTierStorageRedundancy: v.storageRedundancy,
            crossRegionRestore: crossRegionRestore ? "Enabled" : "Disabled",
          },
          securitySettings: {
            softDeleteSettings: {
              softDeleteState: v.softDelete,
              softDeleteRetentionPeriodInDays: v.softDeleteRetentionDays,
              enhancedSecurityState: v.softDelete === "Disabled" ? "Disabled" : "Enabled",
            },
            immutabilitySettings: { state: v.immutability },
          },
          monitoringSettings: {
            azureMonitorAlertSettings: { alertsForAllJobFailures: "Enabled" },
            classicAlertSettings: { alertsForCriticalOperations: "Disabled" },
          },
        },
      },
      { parent: this },
    );
    this.vaultId = this.vault.id;
    this.vaultName = this.vault.name;
    this.resourceGroupName = pulumi.output(args.resourceGroupName);
    this.protectionPrerequisites = [this.vault];

    if (v.privateEndpoint) {
      const peName = `pe-${v.name}`;
      this.privateEndpoint = new network.PrivateEndpoint(
        peName,
        {
          privateEndpointName: peName,
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          tags: args.tags,
          subnet: { id: v.privateEndpoint.subnetId },
          privateLinkServiceConnections: [{ name: peName, privateLinkServiceId: this.vault.id, groupIds: ["AzureBackup"] }],
        },
        { parent: this },
      );
      this.protectionPrerequisites.push(this.privateEndpoint);
      if (v.privateEndpoint.privateDnsZoneIds.length > 0) {
        const group = new network.PrivateDnsZoneGroup(
          `${peName}-dns`,
          {
            privateDnsZoneGroupName: "default",
            privateEndpointName: this.privateEndpoint.name,
            resourceGroupName: args.resourceGroupName,
            privateDnsZoneConfigs: v.privateEndpoint.privateDnsZoneIds.map((zoneId) => ({
              name: zoneId.split("/").pop()!.replace(/\./g, "-"),
              privateDnsZoneId: zoneId,
            })),
          },
          { parent: this },
        );
        this.protectionPrerequisites.push(group);
      }
    }
    if (v.resourceGuardId) {
      // Azure knows one mapping per vault, always named VaultProxy.
      this.resourceGuardProxy = new recoveryservices.ResourceGuardProxy(
        `${v.name}-resource-guard`,
        {
          resourceGuardProxyName: "VaultProxy",
          vaultName: this.vault.name,
          resourceGroupName: args.resourceGroupName,
          properties: { resourceGuardResourceId: v.resourceGuardId },
        },
        { parent: this },
      );
    }
    this.registerOutputs({ vaultId: this.vaultId, vaultName: this.vaultName });
  }
}
