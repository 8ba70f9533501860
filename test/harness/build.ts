/**
 * Golden, compliant builders: each returns an entity that passes every rule on its own; a test changes one thing.
 * `build.model(...)` puts entities into the right collections by their ref.kind.
 */
import type {
  AvailabilityGroup,
  BackupJob,
  BackupPolicy,
  EntityKind,
  Firewall,
  FirewallApplicationRule,
  FirewallPolicy,
  FirewallRuleCollectionGroup,
  InventoryVm,
  KeyVault,
  LinuxAppConsistency,
  ManagementGroup,
  ManagementLock,
  Model,
  NetworkInterface,
  NetworkSecurityGroup,
  PolicyAssignment,
  PolicyDefinition,
  PolicyExemption,
  PolicySetDefinition,
  PrivateEndpoint,
  ProtectedItem,
  ProtectionContainer,
  ProtectionIntent,
  ResourceGroup,
  ResourceRef,
  RouteTable,
  SecurityRule,
  SqlDatabase,
  SqlInstance,
  Subnet,
  SubProtectionPolicy,
  Vault,
  VirtualMachine,
} from "../../src/model/types.js";
import { emptyModel } from "../../src/model/types.js";

export { UNKNOWN, SECRET } from "../../src/model/unknown.js";

export const SUB = "00000000-0000-0000-0000-000000000001";
export const RG = "rg-backup";
export const VAULT = "rsv-prod";
export const LOCATION = "eastus";

export const ids = {
  vault: (name = VAULT, rg = RG) => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.RecoveryServices/vaults/${name}`,
  policy: (name: string, vault = VAULT, rg = RG) => `${ids.vault(vault, rg)}/backupPolicies/${name}`,
  vm: (name: string, rg = "rg-sql") => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`,
  nic: (name: string, rg = "rg-sql") => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/networkInterfaces/${name}`,
  nsg: (name: string, rg = "rg-net") => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/networkSecurityGroups/${name}`,
  subnet: (name: string, vnet = "vnet-prod", rg = "rg-net") =>
    `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/${name}`,
  routeTable: (name: string, rg = "rg-net") => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/routeTables/${name}`,
  firewallPolicy: (name: string, rg = "rg-net") => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/firewallPolicies/${name}`,
  ruleCollectionGroup: (name: string, policy = "afwp-hub", rg = "rg-net") => `${ids.firewallPolicy(policy, rg)}/ruleCollectionGroups/${name}`,
  keyVault: (name: string, rg = "rg-sec") => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${name}`,
  resourceGroup: (name: string) => `/subscriptions/${SUB}/resourceGroups/${name}`,
  subscription: () => `/subscriptions/${SUB}`,
};

type Overrides<T> = Partial<Omit<T, "ref">> & { name?: string; id?: string; urn?: string };

export function ref(kind: EntityKind, name: string, type: string, id?: string, urn?: string): ResourceRef {
  const r: ResourceRef = { kind, name, type, source: { adapter: "builder" } };
  if (id) r.id = id;
  if (urn) r.urn = urn;
  return r;
}

function withRef<T extends { ref: ResourceRef }>(kind: EntityKind, type: string, defaultName: string, defaultId: string | undefined, golden: Omit<T, "ref">, o: Overrides<T>): T {
  const { name = defaultName, id = defaultId, urn, ...rest } = o as Overrides<T> & Record<string, unknown>;
  return { ref: ref(kind, name, type, id, urn), ...golden, ...rest } as T;
}

const at = (hhmm: string) => `2026-01-01T${hhmm}:00Z`;

export const build = {
  vault(o: Overrides<Vault> = {}): Vault {
    const name = o.name ?? VAULT;
    return withRef<Vault>("vault", "Microsoft.RecoveryServices/vaults", name, ids.vault(name), {
      vaultName: name,
      resourceGroup: RG,
      subscriptionId: SUB,
      location: LOCATION,
      tags: { env: "prod", owner: "platform" },
      skuName: "RS0",
      storageRedundancy: "GeoRedundant",
      crossRegionRestore: true,
      softDelete: { state: "AlwaysON", retentionDays: 14, enhancedSecurityState: "AlwaysON" },
      immutability: "Locked",
      publicNetworkAccess: "Disabled",
      privateEndpointConnections: ["pe-rsv-prod"],
      resourceGuardOperationRequests: undefined,
      identityType: "SystemAssigned",
    }, o);
  },

  /** Enhanced (V2) daily VM policy: 02:00 UTC, 7 days of snapshots, 30 daily / 12 weekly / 12 monthly / 5 yearly. */
  vmPolicy(o: Overrides<BackupPolicy> = {}): BackupPolicy {
    const name = o.name ?? "vm-enhanced-daily";
    return withRef<BackupPolicy>("backupPolicy", "Microsoft.RecoveryServices/vaults/backupPolicies", name, ids.policy(name), {
      policyName: name,
      vaultName: VAULT,
      resourceGroup: RG,
      backupManagementType: "AzureIaasVM",
      workload: "vm",
      workloadType: undefined,
      timeZone: "UTC",
      vmPolicyType: "V2",
      schedule: { type: "SimpleSchedulePolicyV2", frequency: "Daily", runTimes: [at("02:00")], runDays: undefined },
      retention: {
        type: "LongTermRetentionPolicy",
        daily: { retentionTimes: [at("02:00")], duration: { count: 30, durationType: "Days" } },
        weekly: { daysOfTheWeek: ["Sunday"], retentionTimes: [at("02:00")], duration: { count: 12, durationType: "Weeks" } },
        monthly: { format: "Weekly", retentionTimes: [at("02:00")], duration: { count: 12, durationType: "Months" } },
        yearly: { format: "Weekly", monthsOfYear: ["January"], retentionTimes: [at("02:00")], duration: { count: 5, durationType: "Years" } },
      },
      instantRpRetentionDays: 7,
      instantRpResourceGroup: { prefix: "rg-rp-", suffix: undefined },
      snapshotConsistencyType: undefined,
    }, o);
  },

  /** Enhanced (V2) hourly VM policy: every 4 h in a 16 h window from 08:00, 7 days of snapshots, 30 daily points. */
  vmPolicyHourly(o: Overrides<BackupPolicy> = {}): BackupPolicy {
    const name = o.name ?? "vm-enhanced-hourly";
    return build.vmPolicy({
      name,
      policyName: name,
      schedule: {
        type: "SimpleSchedulePolicyV2",
        frequency: "Hourly",
        runTimes: undefined,
        runDays: undefined,
        hourly: { intervalHours: 4, windowStartTime: at("08:00"), windowDurationHours: 16 },
      },
      retention: {
        type: "LongTermRetentionPolicy",
        daily: { retentionTimes: [at("08:00")], duration: { count: 30, durationType: "Days" } },
        weekly: { daysOfTheWeek: ["Sunday"], retentionTimes: [at("08:00")], duration: { count: 12, durationType: "Weeks" } },
      },
      ...o,
    });
  },

  /** Standard (V1) weekly VM policy: Sunday 02:00, 5 days of snapshots (required for weekly), 12 weekly / 12 monthly / 5 yearly. */
  vmPolicyStandardWeekly(o: Overrides<BackupPolicy> = {}): BackupPolicy {
    const name = o.name ?? "vm-standard-weekly";
    return build.vmPolicy({
      name,
      policyName: name,
      vmPolicyType: "V1",
      schedule: { type: "SimpleSchedulePolicy", frequency: "Weekly", runTimes: [at("02:00")], runDays: ["Sunday"] },
      retention: {
        type: "LongTermRetentionPolicy",
        weekly: { daysOfTheWeek: ["Sunday"], retentionTimes: [at("02:00")], duration: { count: 12, durationType: "Weeks" } },
        monthly: { format: "Weekly", daysOfTheWeek: ["Sunday"], weeksOfTheMonth: ["First"], retentionTimes: [at("02:00")], duration: { count: 12, durationType: "Months" } },
        yearly: { format: "Weekly", monthsOfYear: ["January"], daysOfTheWeek: ["Sunday"], weeksOfTheMonth: ["First"], retentionTimes: [at("02:00")], duration: { count: 5, durationType: "Years" } },
      },
      instantRpRetentionDays: 5,
      ...o,
    });
  },

  /** SQL-in-VM policy: weekly Full (Sunday 02:00), Differential (Wednesday 02:00), Log every 60 min. */
  sqlPolicy(o: Overrides<BackupPolicy> = {}): BackupPolicy {
    const name = o.name ?? "sql-full-diff-log";
    return withRef<BackupPolicy>("backupPolicy", "Microsoft.RecoveryServices/vaults/backupPolicies", name, ids.policy(name), {
      policyName: name,
      vaultName: VAULT,
      resourceGroup: RG,
      backupManagementType: "AzureWorkload",
      workload: "sql",
      workloadType: "SQLDataBase",
      timeZone: "UTC",
      sqlCompression: true,
      subPolicies: [build.sub.full(), build.sub.differential(), build.sub.log()],
    }, o);
  },

  sub: {
    full(o: Partial<SubProtectionPolicy> = {}): SubProtectionPolicy {
      return {
        policyType: "Full",
        schedule: { type: "SimpleSchedulePolicy", frequency: "Weekly", runDays: ["Sunday"], runTimes: [at("02:00")] },
        retention: {
          type: "LongTermRetentionPolicy",
          weekly: { daysOfTheWeek: ["Sunday"], retentionTimes: [at("02:00")], duration: { count: 104, durationType: "Weeks" } },
          monthly: { format: "Weekly", retentionTimes: [at("02:00")], duration: { count: 60, durationType: "Months" } },
          yearly: { format: "Weekly", monthsOfYear: ["January"], retentionTimes: [at("02:00")], duration: { count: 10, durationType: "Years" } },
        },
        ...o,
      };
    },
    differential(o: Partial<SubProtectionPolicy> = {}): SubProtectionPolicy {
      return {
        policyType: "Differential",
        schedule: { type: "SimpleSchedulePolicy", frequency: "Weekly", runDays: ["Wednesday"], runTimes: [at("02:00")] },
        retention: { type: "SimpleRetentionPolicy", simple: { count: 30, durationType: "Days" } },
        ...o,
      };
    },
    log(o: Partial<SubProtectionPolicy> = {}): SubProtectionPolicy {
      return {
        policyType: "Log",
        schedule: { type: "LogSchedulePolicy", frequency: undefined, runTimes: undefined, runDays: undefined, frequencyInMinutes: 60 },
        retention: { type: "SimpleRetentionPolicy", simple: { count: 15, durationType: "Days" } },
        ...o,
      };
    },
  },

  vmItem(vmName = "appvm01", o: Overrides<ProtectedItem> = {}): ProtectedItem {
    const container = `iaasvmcontainerv2;rg-sql;${vmName}`;
    const item = `vm;iaasvmcontainerv2;rg-sql;${vmName}`;
    return withRef<ProtectedItem>("protectedItem", "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems", vmName,
      `${ids.vault()}/backupFabrics/Azure/protectionContainers/${container}/protectedItems/${item}`, {
        vaultName: VAULT,
        resourceGroup: RG,
        containerName: container,
        itemName: item,
        workload: "vm",
        protectedItemType: "Microsoft.Compute/virtualMachines",
        policyId: ids.policy("vm-enhanced-daily"),
        sourceResourceId: ids.vm(vmName),
        protectionState: "Protected",
      }, o);
  },

  sqlItem(vmName = "sqlvm01", database = "sales", o: Overrides<ProtectedItem> = {}, instance = "MSSQLSERVER"): ProtectedItem {
    const container = `VMAppContainer;Compute;rg-sql;${vmName}`;
    const item = `SQLDataBase;${instance};${database}`;
    return withRef<ProtectedItem>("protectedItem", "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems", `${vmName}-${database}`,
      `${ids.vault()}/backupFabrics/Azure/protectionContainers/${container}/protectedItems/${item}`, {
        vaultName: VAULT,
        resourceGroup: RG,
        containerName: container,
        itemName: item,
        workload: "sqlDatabase",
        protectedItemType: "AzureVmWorkloadSQLDatabase",
        policyId: ids.policy("sql-full-diff-log"),
        sourceResourceId: ids.vm(vmName),
        protectionState: "Protected",
        sqlInstance: instance,
        sqlDatabase: database,
      }, o);
  },

  /** The protected item of a database in an Always On availability group: `SQLDataBase;<group>;<db>` under the group's container. */
  agSqlItem(group = "ag-sales", database = "sales", o: Overrides<ProtectedItem> = {}): ProtectedItem {
    const container = "SQLAGWorkLoadContainer;6b1c2f0e-4a8d-4e57-9c1a-2f5d7e9b3c10";
    return build.sqlItem("", database, {
      name: `${group}-${database}`,
      id: `${ids.vault()}/backupFabrics/Azure/protectionContainers/${container}/protectedItems/SQLDataBase;${group};${database}`,
      containerName: container,
      sourceResourceId: undefined,
      ...o,
    }, group);
  },

  sqlAutoProtectIntent(vmName = "sqlvm01", instance = "MSSQLSERVER", o: Overrides<ProtectionIntent> = {}): ProtectionIntent {
    return withRef<ProtectionIntent>("protectionIntent", "Microsoft.RecoveryServices/vaults/backupFabrics/backupProtectionIntent", `${vmName}-${instance}-autoprotect`, undefined, {
      vaultName: VAULT,
      resourceGroup: RG,
      intentType: "AzureWorkloadSQLAutoProtectionIntent",
      workload: "sqlInstance",
      policyId: ids.policy("sql-full-diff-log"),
      itemId: `${ids.vault()}/backupFabrics/Azure/protectionContainers/VMAppContainer;Compute;rg-sql;${vmName}/protectableItems/SQLInstance;${instance}`,
      sourceResourceId: ids.vm(vmName),
      sqlInstance: instance,
      protectionState: "Protected",
    }, o);
  },

  sqlContainer(vmName = "sqlvm01", o: Overrides<ProtectionContainer> = {}): ProtectionContainer {
    const container = `VMAppContainer;Compute;rg-sql;${vmName}`;
    return withRef<ProtectionContainer>("protectionContainer", "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers", container,
      `${ids.vault()}/backupFabrics/Azure/protectionContainers/${container}`, {
        vaultName: VAULT,
        resourceGroup: RG,
        containerName: container,
        containerType: "VMAppContainer",
        workloadType: "SQLDataBase",
        sourceResourceId: ids.vm(vmName),
        registrationStatus: "Registered",
      }, o);
  },

  vm(name = "sqlvm01", o: Overrides<VirtualMachine> = {}): VirtualMachine {
    return withRef<VirtualMachine>("vm", "Microsoft.Compute/virtualMachines", name, ids.vm(name), {
      vmName: name,
      resourceGroup: "rg-sql",
      subscriptionId: SUB,
      location: LOCATION,
      tags: { env: "prod" },
      os: "windows",
      vmSize: "Standard_D4s_v5",
      osDisk: { name: `${name}-os`, sizeGb: 127, storageAccountType: "Premium_LRS", managed: true, ephemeral: false },
      dataDisks: [{ name: `${name}-data0`, lun: 0, sizeGb: 1024, storageAccountType: "Premium_LRS", managed: true, maxShares: 1 }],
      nicIds: [ids.nic(`${name}-nic`)],
      securityType: undefined,
      powerState: "VM running",
      provisionVmAgent: true,
      agentVersion: undefined,
    }, o);
  },

  nic(name = "sqlvm01-nic", o: Overrides<NetworkInterface> = {}): NetworkInterface {
    return withRef<NetworkInterface>("nic", "Microsoft.Network/networkInterfaces", name, ids.nic(name), {
      nicName: name,
      location: LOCATION,
      nsgId: undefined,
      ipConfigurations: [{ name: "ipconfig1", subnetId: ids.subnet("snet-sql"), privateIpAddress: "10.0.1.4", applicationSecurityGroupIds: [] }],
      vmId: undefined,
    }, o);
  },

  subnet(name = "snet-sql", o: Overrides<Subnet> = {}): Subnet {
    return withRef<Subnet>("subnet", "Microsoft.Network/virtualNetworks/subnets", name, ids.subnet(name), {
      subnetName: name,
      vnetName: "vnet-prod",
      resourceGroup: "rg-net",
      addressPrefixes: ["10.0.1.0/24"],
      nsgId: ids.nsg("nsg-sql"),
      routeTableId: undefined,
      serviceEndpoints: [],
    }, o);
  },

  securityRule(o: Partial<SecurityRule> = {}): SecurityRule {
    return {
      name: "allow-azurebackup-443",
      priority: 100,
      direction: "Outbound",
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefixes: ["VirtualNetwork"],
      destinationAddressPrefixes: ["AzureBackup"],
      sourcePortRanges: ["*"],
      destinationPortRanges: ["443"],
      sourceApplicationSecurityGroupIds: [],
      destinationApplicationSecurityGroupIds: [],
      ...o,
    };
  },

  /** NSG allowing outbound 443 to AzureBackup, Storage and AzureActiveDirectory, then denying the Internet. */
  nsg(name = "nsg-sql", o: Overrides<NetworkSecurityGroup> = {}): NetworkSecurityGroup {
    return withRef<NetworkSecurityGroup>("nsg", "Microsoft.Network/networkSecurityGroups", name, ids.nsg(name), {
      nsgName: name,
      resourceGroup: "rg-net",
      location: LOCATION,
      securityRules: [
        build.securityRule({ name: "allow-azurebackup-443", priority: 100, destinationAddressPrefixes: ["AzureBackup"] }),
        build.securityRule({ name: "allow-storage-443", priority: 110, destinationAddressPrefixes: ["Storage"] }),
        build.securityRule({ name: "allow-entra-443", priority: 120, destinationAddressPrefixes: ["AzureActiveDirectory"] }),
        build.securityRule({ name: "deny-internet", priority: 4000, access: "Deny", protocol: "*", destinationAddressPrefixes: ["Internet"], destinationPortRanges: ["*"] }),
      ],
      subnetIds: undefined,
      nicIds: undefined,
    }, o);
  },

  routeTable(name = "rt-sql", o: Overrides<RouteTable> = {}): RouteTable {
    return withRef<RouteTable>("routeTable", "Microsoft.Network/routeTables", name, ids.routeTable(name), {
      routeTableName: name,
      routes: [],
      subnetIds: undefined,
    }, o);
  },

  firewall(name = "afw-hub", o: Overrides<Firewall> = {}): Firewall {
    return withRef<Firewall>("firewall", "Microsoft.Network/azureFirewalls", name, undefined, {
      firewallName: name,
      privateIpAddresses: ["10.0.0.4"],
      applicationRules: [],
      networkRules: [],
      firewallPolicyId: undefined,
    }, o);
  },

  /** A Firewall Policy with DNS proxy on and no parent. */
  firewallPolicy(name = "afwp-hub", o: Overrides<FirewallPolicy> = {}): FirewallPolicy {
    return withRef<FirewallPolicy>("firewallPolicy", "Microsoft.Network/firewallPolicies", name, ids.firewallPolicy(name), {
      policyName: name,
      resourceGroup: "rg-net",
      basePolicyId: undefined,
      dnsProxyEnabled: true,
      ruleCollectionGroupIds: undefined,
    }, o);
  },

  /**
   * A rule collection group of policy afwp-hub (priority 200) whose application collection `allow-backup` (priority
   * 300) allows HTTPS 443 from anywhere to FQDN tag AzureBackup, the Storage FQDNs and the Entra ID sign-in name.
   */
  ruleCollectionGroup(name = "rcg-backup", o: Overrides<FirewallRuleCollectionGroup> & { policy?: string } = {}): FirewallRuleCollectionGroup {
    const { policy = "afwp-hub", ...rest } = o;
    const rule = (ruleName: string, fqdnTags: string[], targetFqdns: string[]): FirewallApplicationRule => ({
      collection: "allow-backup",
      priority: 300,
      action: "Allow",
      name: ruleName,
      fqdnTags,
      targetFqdns,
      protocols: [{ protocolType: "Https", port: 443 }],
      sourceAddresses: ["*"],
    });
    return withRef<FirewallRuleCollectionGroup>("firewallRuleCollectionGroup", "Microsoft.Network/firewallPolicies/ruleCollectionGroups", name, ids.ruleCollectionGroup(name, policy), {
      groupName: name,
      policyId: ids.firewallPolicy(policy),
      policyName: policy,
      resourceGroup: "rg-net",
      priority: 200,
      applicationRules: [
        rule("azure-backup", ["AzureBackup"], []),
        rule("storage", [], ["*.blob.core.windows.net", "*.queue.core.windows.net"]),
        rule("entra-id", [], ["login.microsoftonline.com"]),
      ],
      networkRules: [],
    }, rest);
  },

  privateEndpoint(name = "pe-rsv-prod", o: Overrides<PrivateEndpoint> = {}): PrivateEndpoint {
    return withRef<PrivateEndpoint>("privateEndpoint", "Microsoft.Network/privateEndpoints", name, undefined, {
      subnetId: ids.subnet("snet-pe"),
      connections: [{ privateLinkServiceId: ids.vault(), groupIds: ["AzureBackup"] }],
    }, o);
  },

  resourceGroup(name = "rg-sql", o: Overrides<ResourceGroup> = {}): ResourceGroup {
    return withRef<ResourceGroup>("resourceGroup", "Microsoft.Resources/resourceGroups", name, ids.resourceGroup(name), {
      resourceGroupName: name,
      subscriptionId: SUB,
      location: LOCATION,
      tags: { env: "prod" },
    }, o);
  },

  lock(name = "lock-rg", o: Overrides<ManagementLock> = {}): ManagementLock {
    return withRef<ManagementLock>("lock", "Microsoft.Authorization/locks", name, undefined, {
      scope: ids.resourceGroup("rg-sql"),
      level: "CanNotDelete",
    }, o);
  },

  /** A management group directly holding the test subscription, under the tenant root group. */
  managementGroup(name = "contoso-landingzones", o: Overrides<ManagementGroup> = {}): ManagementGroup {
    return withRef<ManagementGroup>("managementGroup", "Microsoft.Management/managementGroups", name,
      `/providers/Microsoft.Management/managementGroups/${name}`, {
        groupName: name,
        parentName: undefined,
        subscriptionIds: [SUB],
      }, o);
  },

  /** A custom definition that denies resource groups without the `costCenter` tag. */
  policyDefinition(name = "require-costcenter-on-rg", o: Overrides<PolicyDefinition> = {}): PolicyDefinition {
    return withRef<PolicyDefinition>("policyDefinition", "Microsoft.Authorization/policyDefinitions", name,
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/${name}`, {
        definitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/${name}`,
        policyType: "Custom",
        mode: "All",
        displayName: "Require costCenter on resource groups",
        policyRule: {
          if: { allOf: [{ field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" }, { field: "tags['costCenter']", exists: "false" }] },
          then: { effect: "deny" },
        },
        parameters: undefined,
      }, o);
  },

  policySetDefinition(name = "tagging-initiative", o: Overrides<PolicySetDefinition> = {}): PolicySetDefinition {
    return withRef<PolicySetDefinition>("policySetDefinition", "Microsoft.Authorization/policySetDefinitions", name,
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/policySetDefinitions/${name}`, {
        definitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policySetDefinitions/${name}`,
        displayName: "Tagging",
        policyDefinitions: [],
        parameters: undefined,
      }, o);
  },

  policyAssignment(name = "require-costcenter", o: Overrides<PolicyAssignment> = {}): PolicyAssignment {
    return withRef<PolicyAssignment>("policyAssignment", "Microsoft.Authorization/policyAssignments", name,
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/${name}`, {
        assignmentName: name,
        scope: ids.subscription(),
        notScopes: [],
        policyDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/require-costcenter-on-rg`,
        parameters: {},
        enforcementMode: "Default",
        identityType: undefined,
      }, o);
  },

  policyExemption(name = "exempt-backup-rg", o: Overrides<PolicyExemption> = {}): PolicyExemption {
    return withRef<PolicyExemption>("policyExemption", "Microsoft.Authorization/policyExemptions", name, undefined, {
      scope: ids.subscription(),
      policyAssignmentId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/require-costcenter`,
      exemptionCategory: "Waiver",
      expiresOn: undefined,
      policyDefinitionReferenceIds: undefined,
    }, o);
  },

  /** A completed scheduled backup of appvm01 (backup jobs come from ARM / Resource Graph / live reads). */
  backupJob(name = "00000000-0000-0000-0000-0000000000a1", o: Overrides<BackupJob> = {}): BackupJob {
    return withRef<BackupJob>("backupJob", "Microsoft.RecoveryServices/vaults/backupJobs", name, `${ids.vault()}/backupJobs/${name}`, {
      vaultName: VAULT,
      resourceGroup: RG,
      jobType: "AzureIaaSVMJob",
      operation: "Backup",
      status: "Completed",
      backupManagementType: "AzureIaasVM",
      entityFriendlyName: "appvm01",
      workloadType: "VM",
      startTime: "2026-01-01T02:00:00Z",
      endTime: "2026-01-01T02:20:00Z",
      errors: [],
    }, o);
  },

  inventoryVm(name = "sqlvm01", o: Overrides<InventoryVm> = {}): InventoryVm {
    return withRef<InventoryVm>("inventoryVm", "backupguard:inventory:Vm", name, undefined, {
      vmName: name,
      os: "windows",
      agentVersion: "2.7.41491.1102",
      vssBackupType: "copy-only",
      otherBackupProducts: [],
    }, o);
  },

  /**
   * The Linux pre/post-script framework set up as documented: VMSnapshotScriptPluginConfig.json mode 600 owned by
   * root, both scripts mode 700 owned by root, 60 s timeout, no retries, fsfreeze on, fall back on script failure.
   * `content` overrides merge into the golden config content.
   */
  linuxAppConsistency(o: { content?: Record<string, unknown>; mode?: string; owner?: string; scripts?: LinuxAppConsistency["scripts"] } = {}): LinuxAppConsistency {
    return {
      config: {
        mode: o.mode ?? "600",
        owner: o.owner ?? "root",
        content: {
          pluginName: "ScriptRunner",
          preScriptLocation: "/opt/backup/pre.sh",
          postScriptLocation: "/opt/backup/post.sh",
          preScriptParams: ["--quiesce"],
          postScriptParams: ["--thaw"],
          preScriptNoOfRetries: 0,
          postScriptNoOfRetries: 0,
          timeoutInSeconds: 60,
          continueBackupOnFailure: true,
          fsFreezeEnabled: true,
          ScriptsExecutionPollTimeSeconds: 3,
          ...o.content,
        },
      },
      scripts: o.scripts ?? [
        { path: "/opt/backup/pre.sh", mode: "700", owner: "root" },
        { path: "/opt/backup/post.sh", mode: "700", owner: "root" },
      ],
    };
  },

  sqlInstance(vmName = "sqlvm01", instanceName = "MSSQLSERVER", o: Overrides<SqlInstance> = {}): SqlInstance {
    return withRef<SqlInstance>("sqlInstance", "backupguard:inventory:SqlInstance", `${vmName}/${instanceName}`, undefined, {
      vmName,
      instanceName,
    }, o);
  },

  sqlDatabase(databaseName = "sales", o: Overrides<SqlDatabase> = {}): SqlDatabase {
    const vmName = o.vmName ?? "sqlvm01";
    const instanceName = o.instanceName ?? "MSSQLSERVER";
    return withRef<SqlDatabase>("sqlDatabase", "backupguard:inventory:SqlDatabase", `${vmName}/${instanceName}/${databaseName}`, undefined, {
      vmName,
      instanceName,
      databaseName,
      recoveryModel: "FULL",
      readOnly: false,
      mirroring: false,
      logShipping: false,
    }, o);
  },

  availabilityGroup(name = "ag-sales", o: Overrides<AvailabilityGroup> = {}): AvailabilityGroup {
    return withRef<AvailabilityGroup>("availabilityGroup", "backupguard:inventory:AvailabilityGroup", name, undefined, {
      groupName: name,
      backupPreference: "Primary",
      replicas: [
        { vm: "sqlvm01", instance: "MSSQLSERVER", role: "PRIMARY" },
        { vm: "sqlvm02", instance: "MSSQLSERVER", role: "SECONDARY" },
      ],
    }, o);
  },

  /** An access-policy key vault whose one policy grants the Azure Backup template's key and secret permissions. */
  keyVault(name = "kv-ade", o: Overrides<KeyVault> = {}): KeyVault {
    return withRef<KeyVault>("keyVault", "Microsoft.KeyVault/vaults", name, ids.keyVault(name), {
      vaultName: name,
      resourceGroup: "rg-sec",
      subscriptionId: SUB,
      enableRbacAuthorization: false,
      accessPolicies: [{ objectId: "11111111-2222-3333-4444-555555555555", keys: ["get", "list", "backup"], secrets: ["get", "list", "backup"] }],
    }, o);
  },

  /** A model holding the given entities, each in the collection of its kind. */
  model(...entities: { ref: ResourceRef }[]): Model {
    const m = emptyModel();
    const collection: Record<EntityKind, keyof Model> = {
      vault: "vaults",
      backupPolicy: "backupPolicies",
      protectedItem: "protectedItems",
      protectionIntent: "protectionIntents",
      protectionContainer: "protectionContainers",
      backupJob: "backupJobs",
      vm: "vms",
      nic: "nics",
      subnet: "subnets",
      nsg: "nsgs",
      routeTable: "routeTables",
      firewall: "firewalls",
      firewallPolicy: "firewallPolicies",
      firewallRuleCollectionGroup: "firewallRuleCollectionGroups",
      privateEndpoint: "privateEndpoints",
      resourceGroup: "resourceGroups",
      lock: "locks",
      managementGroup: "managementGroups",
      policyDefinition: "policyDefinitions",
      policySetDefinition: "policySetDefinitions",
      policyAssignment: "policyAssignments",
      policyExemption: "policyExemptions",
      sqlInstance: "sqlInstances",
      sqlDatabase: "sqlDatabases",
      availabilityGroup: "availabilityGroups",
      inventoryVm: "inventoryVms",
      keyVault: "keyVaults",
      suppression: "otherResources",
      other: "otherResources",
    };
    for (const e of entities) (m[collection[e.ref.kind]] as unknown[]).push(e);
    return m;
  },
};
