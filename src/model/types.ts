/**
 * The one normalized model every rule reads, whatever the source (Pulumi program, preview, state, ARM JSON,
 * live Azure, the workload inventory). Adapters own the raw shapes; rules never see them.
 *
 * Conventions:
 * - `Known<T>`: the value may be UNKNOWN (computed at preview, secret). Rules report `unknown` for it.
 * - `undefined`: the source does not set it (Azure's default applies).
 * - Azure resource IDs are kept as the source spelled them; compare them with `sameId()` (case-insensitive).
 */
import type { Known } from "./unknown.js";

export type EntityKind =
  | "vault"
  | "backupPolicy"
  | "protectedItem"
  | "protectionIntent"
  | "protectionContainer"
  | "backupJob"
  | "vm"
  | "nic"
  | "subnet"
  | "nsg"
  | "routeTable"
  | "firewall"
  | "firewallPolicy"
  | "firewallRuleCollectionGroup"
  | "privateEndpoint"
  | "resourceGroup"
  | "lock"
  | "managementGroup"
  | "policyDefinition"
  | "policySetDefinition"
  | "policyAssignment"
  | "policyExemption"
  | "sqlInstance"
  | "sqlDatabase"
  | "availabilityGroup"
  | "inventoryVm"
  | "keyVault"
  | "suppression"
  /** A resource the model does not map (kept in `otherResources` so that it is counted). */
  | "other";

export type SourceAdapter = "program" | "preview" | "state" | "arm" | "live" | "inventory" | "builder";

/** Where an entity came from: enough to point a user (and SARIF) at it. */
export interface SourceLocation {
  adapter: SourceAdapter;
  file?: string;
  /** JSON pointer-ish path inside the file, e.g. `steps[3].newState`. */
  pointer?: string;
}

export interface ResourceRef {
  kind: EntityKind;
  /** Pulumi resource name for Pulumi sources, Azure resource name for ARM/live sources. */
  name: string;
  /** Resource type token: the azure-native token for Pulumi sources, the ARM type otherwise. */
  type: string;
  /** Azure resource ID when known. */
  id?: string;
  /** Pulumi URN when the source is Pulumi. */
  urn?: string;
  source: SourceLocation;
}

export type Tags = Record<string, Known<string>>;

// ---------------------------------------------------------------------------------------------------------------
// Recovery Services

export type StorageRedundancy = "LocallyRedundant" | "ZoneRedundant" | "GeoRedundant";

export interface Vault {
  ref: ResourceRef;
  vaultName: Known<string>;
  resourceGroup: Known<string | undefined>;
  subscriptionId: Known<string | undefined>;
  location: Known<string | undefined>;
  tags: Known<Tags | undefined>;
  skuName: Known<string | undefined>;
  /** `properties.redundancySettings.standardTierStorageRedundancy` or the backup storage config. */
  storageRedundancy: Known<StorageRedundancy | string | undefined>;
  crossRegionRestore: Known<boolean | undefined>;
  softDelete: {
    /** Enabled | Disabled | AlwaysON | Invalid */
    state: Known<string | undefined>;
    retentionDays: Known<number | undefined>;
    enhancedSecurityState: Known<string | undefined>;
  };
  /** Disabled | Unlocked | Locked */
  immutability: Known<string | undefined>;
  /** Enabled | Disabled */
  publicNetworkAccess: Known<string | undefined>;
  /** IDs (or names) of private endpoint connections known on the vault. */
  privateEndpointConnections: Known<string[] | undefined>;
  /** Resource guard operation requests (multi-user authorization). */
  resourceGuardOperationRequests: Known<string[] | undefined>;
  /** `securitySettings.multiUserAuthorization` as Azure reports it (Enabled | Disabled | Invalid), when the source has it. */
  multiUserAuthorization?: Known<string | undefined>;
  /** URNs of the resource guard mappings (ResourceGuardProxy) the same Pulumi program declares for this vault. */
  guardProxyUrns?: string[];
  identityType: Known<string | undefined>;
  /** Number of protected items Azure reports on the vault (live sources only). */
  protectedItemCount?: number;
  /**
   * The storage redundancy Azure has for this vault now, when the source knows it besides the intended value
   * (a preview's old state, a live read next to a Pulumi program). Redundancy cannot change once items are registered.
   */
  deployedStorageRedundancy?: Known<StorageRedundancy | string | undefined>;
  /** `backupstorageconfig.storageTypeState` is `Locked`: Azure no longer accepts a redundancy change. */
  storageRedundancyLocked?: Known<boolean | undefined>;
}

export type SchedulePolicyType =
  | "SimpleSchedulePolicy"
  | "SimpleSchedulePolicyV2"
  | "LogSchedulePolicy"
  | "LongTermSchedulePolicy";

export interface SchedulePolicy {
  type: Known<SchedulePolicyType | string | undefined>;
  /** Daily | Weekly | Hourly (simple schedules) */
  frequency: Known<string | undefined>;
  /** ISO date-times; only the time of day matters. */
  runTimes: Known<Known<string>[] | undefined>;
  /** Weekdays, e.g. "Sunday". */
  runDays: Known<Known<string>[] | undefined>;
  hourly?: {
    intervalHours: Known<number | undefined>;
    windowStartTime: Known<string | undefined>;
    windowDurationHours: Known<number | undefined>;
  };
  /** LogSchedulePolicy only. */
  frequencyInMinutes?: Known<number | undefined>;
}

export interface RetentionDuration {
  count: Known<number | undefined>;
  /** Days | Weeks | Months | Years */
  durationType: Known<string | undefined>;
}

export interface RetentionPolicy {
  /** SimpleRetentionPolicy | LongTermRetentionPolicy */
  type: Known<string | undefined>;
  /** SimpleRetentionPolicy */
  simple?: RetentionDuration;
  daily?: { retentionTimes: Known<Known<string>[] | undefined>; duration: RetentionDuration };
  weekly?: { daysOfTheWeek: Known<Known<string>[] | undefined>; retentionTimes: Known<Known<string>[] | undefined>; duration: RetentionDuration };
  monthly?: { format: Known<string | undefined>; duration: RetentionDuration; retentionTimes: Known<Known<string>[] | undefined> } & MonthDaySelection;
  yearly?: { format: Known<string | undefined>; monthsOfYear: Known<Known<string>[] | undefined>; duration: RetentionDuration; retentionTimes: Known<Known<string>[] | undefined> } & MonthDaySelection;
}

/**
 * Which backups a monthly or yearly retention bucket keeps. Optional: sources that do not read them leave them out.
 * `format: "Weekly"` uses `retentionScheduleWeekly` (days of the week + weeks of the month); `format: "Daily"` uses
 * `retentionScheduleDaily.daysOfTheMonth`.
 */
export interface MonthDaySelection {
  /** `retentionScheduleWeekly.daysOfTheWeek`, e.g. "Sunday". */
  daysOfTheWeek?: Known<Known<string>[] | undefined>;
  /** `retentionScheduleWeekly.weeksOfTheMonth`: First | Second | Third | Fourth | Last. */
  weeksOfTheMonth?: Known<Known<string>[] | undefined>;
  /** `retentionScheduleDaily.daysOfTheMonth`: `{ date: 1..28, isLast }`. */
  daysOfTheMonth?: Known<{ date: Known<number | undefined>; isLast: Known<boolean | undefined> }[] | undefined>;
}

/** Full | Differential | Log | CopyOnlyFull | Incremental | SnapshotFull | SnapshotCopyOnlyFull */
export interface SubProtectionPolicy {
  policyType: Known<string | undefined>;
  schedule: SchedulePolicy | undefined;
  retention: RetentionPolicy | undefined;
}

export interface BackupPolicy {
  ref: ResourceRef;
  policyName: Known<string>;
  vaultName: Known<string | undefined>;
  resourceGroup: Known<string | undefined>;
  /** AzureIaasVM | AzureWorkload | AzureStorage | ... */
  backupManagementType: Known<string | undefined>;
  /** The model's reading of the policy: VM, SQL in VM, or another workload that our rules ignore. */
  workload: "vm" | "sql" | "other" | "unknown";
  /** AzureWorkload only: SQLDataBase | SAPHanaDatabase | ... */
  workloadType: Known<string | undefined>;
  timeZone: Known<string | undefined>;
  // --- VM (AzureIaasVM)
  /** V1 = Standard, V2 = Enhanced. Azure treats a missing policyType as V1. */
  vmPolicyType?: Known<string | undefined>;
  schedule?: SchedulePolicy;
  retention?: RetentionPolicy;
  instantRpRetentionDays?: Known<number | undefined>;
  /** `instantRPDetails`: the resource group Azure Backup puts restore point collections in. */
  instantRpResourceGroup?: { prefix: Known<string | undefined>; suffix: Known<string | undefined> };
  snapshotConsistencyType?: Known<string | undefined>;
  // --- SQL (AzureWorkload)
  subPolicies?: Known<SubProtectionPolicy[] | undefined>;
  sqlCompression?: Known<boolean | undefined>;
}

/** A protected item: a VM or a SQL database under a backup policy. */
export interface ProtectedItem {
  ref: ResourceRef;
  vaultName: Known<string | undefined>;
  resourceGroup: Known<string | undefined>;
  /** e.g. `iaasvmcontainerv2;rg;vm` or `VMAppContainer;Compute;rg;vm` */
  containerName: Known<string | undefined>;
  /** e.g. `vm;iaasvmcontainerv2;rg;vm` or `SQLDataBase;MSSQLSERVER;sales` */
  itemName: Known<string | undefined>;
  workload: "vm" | "sqlDatabase" | "other" | "unknown";
  /** Microsoft.Compute/virtualMachines | AzureVmWorkloadSQLDatabase | ... */
  protectedItemType: Known<string | undefined>;
  policyId: Known<string | undefined>;
  /** Pulumi URN of the policy this item depends on (from propertyDependencies) when the id is unknown. */
  policyUrn?: string;
  /** The VM the item lives on. */
  sourceResourceId: Known<string | undefined>;
  /** Pulumi URN of the VM the item's properties depend on, when `sourceResourceId` is unknown at preview. */
  sourceResourceUrn?: string;
  protectionState: Known<string | undefined>;
  /** SQL: instance and database as parsed from the item name or given by the source. */
  sqlInstance?: Known<string | undefined>;
  sqlDatabase?: Known<string | undefined>;
  friendlyName?: Known<string | undefined>;
  lastBackupStatus?: Known<string | undefined>;
  /**
   * VM items only: selective disk backup (`extendedProperties.diskExclusionProperties`). `luns` lists data-disk LUNs;
   * with `isInclusionList` true only those disks are backed up, otherwise those disks are excluded.
   */
  diskExclusion?: Known<{ luns: Known<number>[]; isInclusionList: Known<boolean> } | undefined>;
}

/** A protection intent: auto-protection of a SQL instance (or an intent for one item). */
export interface ProtectionIntent {
  ref: ResourceRef;
  vaultName: Known<string | undefined>;
  resourceGroup: Known<string | undefined>;
  /** AzureWorkloadSQLAutoProtectionIntent | AzureResourceItem | RecoveryServiceVaultItem | ... */
  intentType: Known<string | undefined>;
  workload: "sqlInstance" | "sqlDatabase" | "vm" | "other" | "unknown";
  policyId: Known<string | undefined>;
  policyUrn?: string;
  /** The protectable item the intent covers, e.g. `.../protectableItems/sqlinstance;mssqlserver`. */
  itemId: Known<string | undefined>;
  sourceResourceId: Known<string | undefined>;
  /** Pulumi URN of the VM the intent's properties depend on, when `sourceResourceId` is unknown at preview. */
  sourceResourceUrn?: string;
  sqlInstance?: Known<string | undefined>;
  sqlDatabase?: Known<string | undefined>;
  protectionState: Known<string | undefined>;
}

/** A registered container (a SQL VM registered to the vault: VMAppContainer). */
export interface ProtectionContainer {
  ref: ResourceRef;
  vaultName: Known<string | undefined>;
  resourceGroup: Known<string | undefined>;
  containerName: Known<string | undefined>;
  containerType: Known<string | undefined>;
  workloadType: Known<string | undefined>;
  sourceResourceId: Known<string | undefined>;
  registrationStatus: Known<string | undefined>;
}

/** A backup job as Azure reports it (ARM / Resource Graph `backupJobs`; Resource Graph keeps only 14 days). */
export interface BackupJob {
  ref: ResourceRef;
  vaultName: Known<string | undefined>;
  resourceGroup: Known<string | undefined>;
  /** AzureIaaSVMJob | AzureWorkloadJob | ... */
  jobType: Known<string | undefined>;
  /** Backup | ConfigureBackup | Restore | DeleteBackupData | ... */
  operation: Known<string | undefined>;
  /** InProgress | Completed | Failed | CompletedWithWarnings | Cancelled | ... */
  status: Known<string | undefined>;
  backupManagementType: Known<string | undefined>;
  /** The VM or database the job ran for, as Azure names it. */
  entityFriendlyName: Known<string | undefined>;
  /** SQLDataBase | VM | ... (workload jobs) */
  workloadType: Known<string | undefined>;
  startTime: Known<string | undefined>;
  endTime: Known<string | undefined>;
  /** `properties.errorDetails[]`: Azure's code (as a string; IaaS VM jobs give it as a number), title and message. */
  errors: { code?: string; title?: string; message?: string; recommendations?: string[] }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Compute

export interface Disk {
  name: Known<string | undefined>;
  lun?: Known<number | undefined>;
  sizeGb: Known<number | undefined>;
  /** Standard_LRS | Premium_LRS | StandardSSD_LRS | UltraSSD_LRS | PremiumV2_LRS | ... */
  storageAccountType: Known<string | undefined>;
  /** Shared disks: maxShares > 1. */
  maxShares?: Known<number | undefined>;
  managed: Known<boolean | undefined>;
  /** OS disk only: ephemeral OS disk (diffDiskSettings.option = Local). */
  ephemeral?: Known<boolean | undefined>;
}

export interface VirtualMachine {
  ref: ResourceRef;
  vmName: Known<string>;
  resourceGroup: Known<string | undefined>;
  subscriptionId: Known<string | undefined>;
  location: Known<string | undefined>;
  tags: Known<Tags | undefined>;
  /** windows | linux */
  os: Known<"windows" | "linux" | undefined>;
  vmSize: Known<string | undefined>;
  osDisk: Disk | undefined;
  dataDisks: Known<Disk[] | undefined>;
  nicIds: Known<Known<string>[] | undefined>;
  /** TrustedLaunch | ConfidentialVM | Standard */
  securityType: Known<string | undefined>;
  /** e.g. "VM running", "VM deallocated" (instance view) */
  powerState: Known<string | undefined>;
  /** `properties.provisioningState` (Succeeded | Failed | Updating | ...), when the source has it. */
  provisioningState?: Known<string | undefined>;
  provisionVmAgent: Known<boolean | undefined>;
  /** Agent version from the instance view, when the source has it. */
  agentVersion: Known<string | undefined>;
  /**
   * Azure Disk Encryption (guest BitLocker / dm-crypt with keys in a key vault), when the source shows it:
   * `storageProfile.osDisk.encryptionSettings` or an AzureDiskEncryption extension listed on the VM. Undefined: no ADE seen.
   */
  diskEncryption?: Known<AdeEncryption | undefined>;
}

/** Where Azure Disk Encryption keeps a VM's keys. Azure Backup must read them to back the VM up. */
export interface AdeEncryption {
  /** ARM id of the key vault holding the disk encryption secret (BEK). */
  secretVaultId: Known<string | undefined>;
  /** ARM id of the key vault holding the key encryption key; undefined when no KEK wraps the secret. */
  kekVaultId: Known<string | undefined>;
  /** A KEK wraps the secret: Azure Backup then also needs key permissions. */
  usesKek: Known<boolean>;
  /** Which part of the VM body said so (for messages). */
  from: "osDisk.encryptionSettings" | "extension";
}

// ---------------------------------------------------------------------------------------------------------------
// Key Vault

export interface KeyVaultAccessPolicy {
  objectId: Known<string | undefined>;
  /** Compound identity: the application the object acts for. */
  applicationId?: Known<string | undefined>;
  /** `permissions.keys`, e.g. get, list, backup, all. */
  keys: Known<Known<string>[] | undefined>;
  /** `permissions.secrets`. */
  secrets: Known<Known<string>[] | undefined>;
}

export interface KeyVault {
  ref: ResourceRef;
  vaultName: Known<string>;
  resourceGroup: Known<string | undefined>;
  subscriptionId: Known<string | undefined>;
  /** True: Azure RBAC authorizes data access and access policies are ignored. */
  enableRbacAuthorization: Known<boolean | undefined>;
  accessPolicies: Known<Known<KeyVaultAccessPolicy>[] | undefined>;
}

// ---------------------------------------------------------------------------------------------------------------
// Network

export interface NicIpConfiguration {
  name: Known<string | undefined>;
  subnetId: Known<string | undefined>;
  privateIpAddress: Known<string | undefined>;
  applicationSecurityGroupIds: Known<Known<string>[] | undefined>;
}

export interface NetworkInterface {
  ref: ResourceRef;
  nicName: Known<string>;
  location: Known<string | undefined>;
  nsgId: Known<string | undefined>;
  ipConfigurations: Known<NicIpConfiguration[] | undefined>;
  /** The VM the NIC is attached to, when the source says. */
  vmId: Known<string | undefined>;
  /** The VM's primary NIC (ARM `properties.primary`, or the VM's networkProfile): outbound traffic leaves through it. */
  primary?: Known<boolean | undefined>;
}

export interface Subnet {
  ref: ResourceRef;
  subnetName: Known<string>;
  vnetName: Known<string | undefined>;
  resourceGroup: Known<string | undefined>;
  addressPrefixes: Known<Known<string>[] | undefined>;
  nsgId: Known<string | undefined>;
  routeTableId: Known<string | undefined>;
  /** e.g. Microsoft.Storage */
  serviceEndpoints: Known<Known<string>[] | undefined>;
}

export type RuleDirection = "Inbound" | "Outbound";
export type RuleAccess = "Allow" | "Deny";

export interface SecurityRule {
  name: Known<string>;
  priority: Known<number | undefined>;
  direction: Known<RuleDirection | string | undefined>;
  access: Known<RuleAccess | string | undefined>;
  /** Tcp | Udp | Icmp | Esp | Ah | * */
  protocol: Known<string | undefined>;
  /** Merged from `sourceAddressPrefix` and `sourceAddressPrefixes`. */
  sourceAddressPrefixes: Known<Known<string>[]>;
  destinationAddressPrefixes: Known<Known<string>[]>;
  /** Merged from `…PortRange` and `…PortRanges`: "*", "443", "1000-2000". */
  sourcePortRanges: Known<Known<string>[]>;
  destinationPortRanges: Known<Known<string>[]>;
  sourceApplicationSecurityGroupIds: Known<Known<string>[]>;
  destinationApplicationSecurityGroupIds: Known<Known<string>[]>;
  /** True for Azure's default rules (65000+). */
  isDefault?: boolean;
  /** The Pulumi/ARM resource this rule came from, when it was a standalone SecurityRule resource. */
  ref?: ResourceRef;
}

export interface NetworkSecurityGroup {
  ref: ResourceRef;
  nsgName: Known<string>;
  resourceGroup: Known<string | undefined>;
  location: Known<string | undefined>;
  /** Custom rules (inline and standalone merged). Default rules are not listed: the evaluator adds them. */
  securityRules: Known<SecurityRule[]>;
  /** Associations seen from the NSG side (ARM returns them). */
  subnetIds: Known<Known<string>[] | undefined>;
  nicIds: Known<Known<string>[] | undefined>;
}

export interface Route {
  name: Known<string | undefined>;
  addressPrefix: Known<string | undefined>;
  /** VirtualNetworkGateway | VnetLocal | Internet | VirtualAppliance | None */
  nextHopType: Known<string | undefined>;
  nextHopIpAddress: Known<string | undefined>;
}

export interface RouteTable {
  ref: ResourceRef;
  routeTableName: Known<string>;
  routes: Known<Route[]>;
  subnetIds: Known<Known<string>[] | undefined>;
}

export interface FirewallApplicationRule {
  collection: string;
  priority: Known<number | undefined>;
  action: Known<string | undefined>;
  name: Known<string | undefined>;
  fqdnTags: Known<Known<string>[] | undefined>;
  targetFqdns: Known<Known<string>[] | undefined>;
  protocols: Known<{ protocolType: Known<string | undefined>; port: Known<number | undefined> }[] | undefined>;
  sourceAddresses: Known<Known<string>[] | undefined>;
  /** Firewall Policy rules only: IP groups (resources the model does not read), web categories, URLs, addresses. */
  sourceIpGroups?: Known<Known<string>[] | undefined>;
  webCategories?: Known<Known<string>[] | undefined>;
  targetUrls?: Known<Known<string>[] | undefined>;
  destinationAddresses?: Known<Known<string>[] | undefined>;
}

export interface FirewallNetworkRule {
  collection: string;
  priority: Known<number | undefined>;
  action: Known<string | undefined>;
  name: Known<string | undefined>;
  protocols: Known<Known<string>[] | undefined>;
  destinationAddresses: Known<Known<string>[] | undefined>;
  destinationPorts: Known<Known<string>[] | undefined>;
  destinationFqdns: Known<Known<string>[] | undefined>;
  sourceAddresses: Known<Known<string>[] | undefined>;
  /** Firewall Policy rules only: IP groups, which the model does not read. */
  sourceIpGroups?: Known<Known<string>[] | undefined>;
  destinationIpGroups?: Known<Known<string>[] | undefined>;
}

export interface Firewall {
  ref: ResourceRef;
  firewallName: Known<string>;
  privateIpAddresses: Known<Known<string>[] | undefined>;
  applicationRules: Known<FirewallApplicationRule[]>;
  networkRules: Known<FirewallNetworkRule[]>;
  firewallPolicyId: Known<string | undefined>;
  /** Pulumi: the FirewallPolicy resource `firewallPolicy.id` depends on, when that id is computed at preview. */
  firewallPolicyUrn?: string;
}

/**
 * `Microsoft.Network/firewallPolicies`: the rules of the firewalls that name it live in its rule collection groups
 * (separate resources, joined by the policy id, or by URN / name + resource group for Pulumi).
 */
export interface FirewallPolicy {
  ref: ResourceRef;
  policyName: Known<string>;
  resourceGroup: Known<string | undefined>;
  /** The parent policy, whose rules are processed before this policy's. */
  basePolicyId: Known<string | undefined>;
  basePolicyUrn?: string;
  /** `dnsSettings.enableProxy`: FQDNs in network rules are filtered reliably only through the DNS proxy. */
  dnsProxyEnabled: Known<boolean | undefined>;
  /** The ids of its rule collection groups as Azure lists them (read-only; undefined when the source does not list them). */
  ruleCollectionGroupIds: Known<Known<string>[] | undefined>;
}

/** `Microsoft.Network/firewallPolicies/ruleCollectionGroups`: filter rule collections flattened into rules. */
export interface FirewallRuleCollectionGroup {
  ref: ResourceRef;
  groupName: Known<string>;
  /** The policy's id (from the group's id, or the Pulumi input's resolution). */
  policyId: Known<string | undefined>;
  policyUrn?: string;
  /** Pulumi: `firewallPolicyName` and `resourceGroupName`, to join when the ids are not known yet. */
  policyName: Known<string | undefined>;
  resourceGroup: Known<string | undefined>;
  priority: Known<number | undefined>;
  /** Rules of its FirewallPolicyFilterRuleCollections, in their order; `priority` is the collection's priority. */
  applicationRules: Known<FirewallApplicationRule[]>;
  networkRules: Known<FirewallNetworkRule[]>;
}

export interface PrivateEndpoint {
  ref: ResourceRef;
  subnetId: Known<string | undefined>;
  /** Resource IDs the endpoint connects to, with their group IDs (e.g. AzureBackup). */
  connections: Known<{ privateLinkServiceId: Known<string | undefined>; groupIds: Known<Known<string>[] | undefined> }[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// Resource groups, locks, Azure Policy

export interface ResourceGroup {
  ref: ResourceRef;
  resourceGroupName: Known<string>;
  subscriptionId: Known<string | undefined>;
  location: Known<string | undefined>;
  tags: Known<Tags | undefined>;
}

export interface ManagementLock {
  ref: ResourceRef;
  /** The scope the lock is on (resource group id, resource id). */
  scope: Known<string | undefined>;
  /** CanNotDelete | ReadOnly */
  level: Known<string | undefined>;
  /** Pulumi resource-group locks: the group's name, when the full scope id is not known before deployment. */
  resourceGroupName?: Known<string | undefined>;
}

/**
 * A management group and what sits directly under it. Optional: without it, an assignment or exemption at a
 * management-group scope cannot be placed, and policy evaluation reports `unknown` for it.
 */
export interface ManagementGroup {
  ref: ResourceRef;
  /** The group's name (the last segment of its ID), e.g. `contoso-landingzones`. */
  groupName: string;
  /** The parent group's name; undefined for the tenant root group. */
  parentName: Known<string | undefined>;
  /** Subscriptions directly under this group. */
  subscriptionIds: Known<Known<string>[] | undefined>;
}

export interface PolicyDefinition {
  ref: ResourceRef;
  /** Full definition ID, when known (built-ins: /providers/Microsoft.Authorization/policyDefinitions/<guid>). */
  definitionId: Known<string | undefined>;
  /** BuiltIn | Custom | Static */
  policyType: Known<string | undefined>;
  /** All | Indexed | ... */
  mode: Known<string | undefined>;
  displayName: Known<string | undefined>;
  /** The Azure Policy rule, in Azure Policy's own language (`if`/`then`): rules interpret it. */
  policyRule: Known<unknown>;
  /** Parameter declarations with their defaults. */
  parameters: Known<Record<string, unknown> | undefined>;
}

export interface PolicySetDefinition {
  ref: ResourceRef;
  definitionId: Known<string | undefined>;
  displayName: Known<string | undefined>;
  policyDefinitions: Known<
    { policyDefinitionId: Known<string | undefined>; referenceId: Known<string | undefined>; parameters: Known<Record<string, unknown> | undefined> }[]
  >;
  parameters: Known<Record<string, unknown> | undefined>;
}

export interface PolicyAssignment {
  ref: ResourceRef;
  assignmentName: Known<string>;
  /** /providers/Microsoft.Management/managementGroups/x | /subscriptions/x | /subscriptions/x/resourceGroups/y | a resource */
  scope: Known<string | undefined>;
  notScopes: Known<Known<string>[] | undefined>;
  policyDefinitionId: Known<string | undefined>;
  /** Pulumi URN of the definition when the id is unknown at preview. */
  policyDefinitionUrn?: string;
  /** `{ name: value }` (ARM's `{ name: { value } }` is unwrapped). */
  parameters: Known<Record<string, Known<unknown>> | undefined>;
  /** Default | DoNotEnforce */
  enforcementMode: Known<string | undefined>;
  identityType: Known<string | undefined>;
  /** `properties.overrides`: e.g. `{ kind: "policyEffect", value: "Audit", selectors: [{ kind: "policyDefinitionReferenceId", in: [...] }] }`. */
  overrides?: Known<unknown[] | undefined>;
  /** `properties.resourceSelectors`: narrows the resources the assignment evaluates. */
  resourceSelectors?: Known<unknown[] | undefined>;
}

export interface PolicyExemption {
  ref: ResourceRef;
  scope: Known<string | undefined>;
  policyAssignmentId: Known<string | undefined>;
  /** Waiver | Mitigated */
  exemptionCategory: Known<string | undefined>;
  expiresOn: Known<string | undefined>;
  policyDefinitionReferenceIds: Known<Known<string>[] | undefined>;
  /** Pulumi URN of the assignment when its id is computed at preview (from propertyDependencies). */
  policyAssignmentUrn?: string;
  /** `properties.resourceSelectors`: narrows the resources the exemption covers. */
  resourceSelectors?: Known<unknown[] | undefined>;
}

// ---------------------------------------------------------------------------------------------------------------
// Workload inventory (what ARM cannot see, from inside the VMs)

export interface LinuxAppConsistency {
  config?: {
    mode?: string;
    owner?: string;
    content?: Record<string, unknown>;
  };
  scripts?: { path: string; mode?: string; owner?: string }[];
}

export interface InventoryVm {
  ref: ResourceRef;
  vmName: string;
  vmId?: string;
  os?: "windows" | "linux";
  agentVersion?: string;
  vssBackupType?: "copy-only" | "full";
  otherBackupProducts?: string[];
  linuxAppConsistency?: LinuxAppConsistency;
}

export interface SqlInstance {
  ref: ResourceRef;
  vmName: string;
  vmId?: string;
  instanceName: string;
}

export interface SqlDatabase {
  ref: ResourceRef;
  vmName: string;
  vmId?: string;
  instanceName: string;
  databaseName: string;
  recoveryModel?: "FULL" | "BULK_LOGGED" | "SIMPLE";
  readOnly?: boolean;
  mirroring?: boolean;
  logShipping?: boolean;
  availabilityGroup?: string;
}

export interface AvailabilityGroup {
  ref: ResourceRef;
  groupName: string;
  /** Primary | SecondaryOnly | Secondary | None */
  backupPreference?: "Primary" | "SecondaryOnly" | "Secondary" | "None";
  replicas: { vm: string; instance: string; role: "PRIMARY" | "SECONDARY" }[];
}

// ---------------------------------------------------------------------------------------------------------------

export interface Model {
  vaults: Vault[];
  backupPolicies: BackupPolicy[];
  protectedItems: ProtectedItem[];
  protectionIntents: ProtectionIntent[];
  protectionContainers: ProtectionContainer[];
  backupJobs: BackupJob[];
  vms: VirtualMachine[];
  nics: NetworkInterface[];
  subnets: Subnet[];
  nsgs: NetworkSecurityGroup[];
  routeTables: RouteTable[];
  firewalls: Firewall[];
  firewallPolicies: FirewallPolicy[];
  firewallRuleCollectionGroups: FirewallRuleCollectionGroup[];
  privateEndpoints: PrivateEndpoint[];
  resourceGroups: ResourceGroup[];
  locks: ManagementLock[];
  managementGroups: ManagementGroup[];
  policyDefinitions: PolicyDefinition[];
  policySetDefinitions: PolicySetDefinition[];
  policyAssignments: PolicyAssignment[];
  policyExemptions: PolicyExemption[];
  inventoryVms: InventoryVm[];
  sqlInstances: SqlInstance[];
  sqlDatabases: SqlDatabase[];
  availabilityGroups: AvailabilityGroup[];
  keyVaults: KeyVault[];
  /** Resources a source held that the model does not map (counted in the report's `resources`). */
  otherResources: ResourceRef[];
}

export type EntityCollection = Exclude<keyof Model, "otherResources">;

export function emptyModel(): Model {
  return {
    vaults: [],
    backupPolicies: [],
    protectedItems: [],
    protectionIntents: [],
    protectionContainers: [],
    backupJobs: [],
    vms: [],
    nics: [],
    subnets: [],
    nsgs: [],
    routeTables: [],
    firewalls: [],
    firewallPolicies: [],
    firewallRuleCollectionGroups: [],
    privateEndpoints: [],
    resourceGroups: [],
    locks: [],
    managementGroups: [],
    policyDefinitions: [],
    policySetDefinitions: [],
    policyAssignments: [],
    policyExemptions: [],
    inventoryVms: [],
    sqlInstances: [],
    sqlDatabases: [],
    availabilityGroups: [],
    keyVaults: [],
    otherResources: [],
  };
}

/** Concatenates models from several sources (joins happen in lookups, by id / URN / names). */
export function mergeModels(...models: Model[]): Model {
  const merged = emptyModel();
  for (const m of models) {
    for (const key of Object.keys(merged) as (keyof Model)[]) {
      (merged[key] as unknown[]).push(...(m[key] as unknown[]));
    }
  }
  return merged;
}

/** Every entity in the model with its ref, for counting and generic lookups. */
export function allRefs(model: Model): ResourceRef[] {
  const refs: ResourceRef[] = [];
  for (const key of Object.keys(model) as (keyof Model)[]) {
    if (key === "otherResources") refs.push(...model.otherResources);
    else for (const entity of model[key] as { ref: ResourceRef }[]) refs.push(entity.ref);
  }
  return refs;
}
