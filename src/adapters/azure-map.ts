/**
 * Azure resource bodies → model entities, shared by the Pulumi adapters (azure-native inputs) and the ARM adapter.
 * azure-native keeps `properties` for Recovery Services resources (as ARM does) but flattens it for compute,
 * network and authorization resources; callers pass `props` pointing at wherever the fields are.
 */
import { parseSqlItemName } from "../model/lookups.js";
import type {
  AdeEncryption,
  BackupPolicy,
  Disk,
  Firewall,
  FirewallApplicationRule,
  FirewallNetworkRule,
  FirewallPolicy,
  FirewallRuleCollectionGroup,
  KeyVault,
  KeyVaultAccessPolicy,
  ManagementLock,
  MonthDaySelection,
  NetworkInterface,
  NetworkSecurityGroup,
  NicIpConfiguration,
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
  RetentionDuration,
  RetentionPolicy,
  Route,
  RouteTable,
  SchedulePolicy,
  SecurityRule,
  Subnet,
  SubProtectionPolicy,
  Tags,
  Vault,
  VirtualMachine,
} from "../model/types.js";
import { containsUnknown, isUnknown, UNKNOWN, type Known, type Unknown } from "../model/unknown.js";
import { rememberAttachedDisk } from "./disks.js";
import { idList, mapKnownList, mergedList, subResource, type Shape } from "./shape.js";

type KStr = Known<string | undefined>;

/** Where a resource lives, as far as the source knows. */
export interface Location {
  resourceGroup: KStr;
  subscriptionId?: KStr;
  vaultName?: KStr;
}

export function tagsOf(node: Shape): Known<Tags | undefined> {
  const obj = node.obj();
  if (obj === undefined || isUnknown(obj)) return obj;
  const tags: Tags = {};
  for (const key of Object.keys(obj)) {
    const v = node.get(key);
    const s = v.unknown ? (v.value as Unknown) : v.absent ? undefined : typeof v.value === "string" ? v.value : String(v.value);
    if (s !== undefined) tags[key] = s;
  }
  return tags;
}

function lowerEq(v: KStr, expected: string): Known<boolean | undefined> {
  if (v === undefined || isUnknown(v)) return v;
  return v.toLowerCase() === expected.toLowerCase();
}

function enabledFlag(v: KStr): Known<boolean | undefined> {
  return lowerEq(v, "Enabled");
}

// ---------------------------------------------------------------------------------------------------------------
// Recovery Services

export function mapVault(ref: ResourceRef, top: Shape, props: Shape, name: Known<string>, loc: Location): Vault {
  const redundancy = props.get("redundancySettings");
  const soft = props.get("securitySettings", "softDeleteSettings");
  const pecs = props.get("privateEndpointConnections").arr();
  const vault: Vault = {
    ref,
    vaultName: name,
    resourceGroup: loc.resourceGroup,
    subscriptionId: loc.subscriptionId,
    location: top.get("location").str(),
    tags: tagsOf(top.get("tags")),
    skuName: top.get("sku", "name").str(),
    storageRedundancy: redundancy.get("standardTierStorageRedundancy").str(),
    crossRegionRestore: enabledFlag(redundancy.get("crossRegionRestore").str()),
    softDelete: {
      state: soft.get("softDeleteState").str(),
      retentionDays: soft.get("softDeleteRetentionPeriodInDays").num(),
      enhancedSecurityState: soft.get("enhancedSecurityState").str(),
    },
    immutability: props.get("securitySettings", "immutabilitySettings", "state").str(),
    publicNetworkAccess: props.get("publicNetworkAccess").str(),
    privateEndpointConnections: mapKnownList(pecs, (pec) => {
      const id = pec.get("id").str();
      return id ?? pec.get("name").str();
    }),
    resourceGuardOperationRequests: mapKnownList(props.get("resourceGuardOperationRequests").arr(), (r) => r.str()),
    identityType: top.get("identity", "type").str(),
  };
  // Read-only: Azure reports Enabled once a resource guard is mapped to the vault (`az backup vault show`, GET).
  const mua = props.get("securitySettings", "multiUserAuthorization").str();
  if (mua !== undefined) vault.multiUserAuthorization = mua;
  return vault;
}

const UNKNOWN_SCHEDULE = (): SchedulePolicy => ({ type: UNKNOWN, frequency: UNKNOWN, runTimes: UNKNOWN, runDays: UNKNOWN });

function mapSchedule(node: Shape): SchedulePolicy | undefined {
  if (node.absent) return undefined;
  if (node.unknown) return { ...UNKNOWN_SCHEDULE(), frequencyInMinutes: node.value as Unknown };
  node.expectObject();
  const type = node.get("schedulePolicyType").str();
  const frequency = node.get("scheduleRunFrequency").str();
  const schedule: SchedulePolicy = { type, frequency, runTimes: undefined, runDays: undefined };
  const isV2 = !isUnknown(type) && type?.toLowerCase() === "simpleschedulepolicyv2";
  if (isV2) {
    const daily = node.get("dailySchedule");
    const weekly = node.get("weeklySchedule");
    schedule.runTimes = !weekly.absent && (isUnknown(frequency) || frequency?.toLowerCase() !== "daily")
      ? weekly.get("scheduleRunTimes").strList()
      : daily.get("scheduleRunTimes").strList();
    schedule.runDays = weekly.get("scheduleRunDays").strList();
  } else {
    schedule.runTimes = node.get("scheduleRunTimes").strList();
    schedule.runDays = node.get("scheduleRunDays").strList();
  }
  const hourly = node.get("hourlySchedule");
  if (!hourly.absent) {
    schedule.hourly = {
      intervalHours: hourly.get("interval").num(),
      windowStartTime: hourly.get("scheduleWindowStartTime").str(),
      windowDurationHours: hourly.get("scheduleWindowDuration").num(),
    };
  }
  const minutes = node.get("scheduleFrequencyInMins");
  if (!minutes.absent) schedule.frequencyInMinutes = minutes.num();
  return schedule;
}

function mapDuration(node: Shape): RetentionDuration {
  return { count: node.get("count").num(), durationType: node.get("durationType").str() };
}

function mapRetention(node: Shape): RetentionPolicy | undefined {
  if (node.absent) return undefined;
  // Rules read `type` first: an unknown retention policy is an unknown type with no schedules.
  if (node.unknown) return { type: node.value as Unknown };
  node.expectObject();
  const retention: RetentionPolicy = { type: node.get("retentionPolicyType").str() };
  if (!node.get("retentionDuration").absent) retention.simple = mapDuration(node.get("retentionDuration"));
  const daily = node.get("dailySchedule");
  if (!daily.absent) retention.daily = { retentionTimes: daily.get("retentionTimes").strList(), duration: mapDuration(daily.get("retentionDuration")) };
  const weekly = node.get("weeklySchedule");
  if (!weekly.absent)
    retention.weekly = {
      daysOfTheWeek: weekly.get("daysOfTheWeek").strList(),
      retentionTimes: weekly.get("retentionTimes").strList(),
      duration: mapDuration(weekly.get("retentionDuration")),
    };
  const monthly = node.get("monthlySchedule");
  if (!monthly.absent)
    retention.monthly = {
      format: monthly.get("retentionScheduleFormatType").str(),
      retentionTimes: monthly.get("retentionTimes").strList(),
      duration: mapDuration(monthly.get("retentionDuration")),
      ...monthDaySelection(monthly),
    };
  const yearly = node.get("yearlySchedule");
  if (!yearly.absent)
    retention.yearly = {
      format: yearly.get("retentionScheduleFormatType").str(),
      monthsOfYear: yearly.get("monthsOfYear").strList(),
      retentionTimes: yearly.get("retentionTimes").strList(),
      duration: mapDuration(yearly.get("retentionDuration")),
      ...monthDaySelection(yearly),
    };
  return retention;
}

/** Which backups a monthly or yearly bucket keeps: `retentionScheduleWeekly` and/or `retentionScheduleDaily`. */
function monthDaySelection(bucket: Shape): MonthDaySelection {
  const selection: MonthDaySelection = {};
  const weekly = bucket.get("retentionScheduleWeekly");
  if (!weekly.absent) {
    selection.daysOfTheWeek = weekly.get("daysOfTheWeek").strList();
    selection.weeksOfTheMonth = weekly.get("weeksOfTheMonth").strList();
  }
  const daily = bucket.get("retentionScheduleDaily");
  if (!daily.absent) {
    selection.daysOfTheMonth = mapKnownList(daily.get("daysOfTheMonth").arr(), (d) => {
      d.expectObject();
      return { date: d.get("date").num(), isLast: d.get("isLast").bool() };
    });
  }
  return selection;
}

function mapSubPolicy(node: Shape): SubProtectionPolicy | Unknown {
  if (node.unknown) return node.value as Unknown;
  node.expectObject();
  return {
    policyType: node.get("policyType").str(),
    schedule: mapSchedule(node.get("schedulePolicy")),
    retention: mapRetention(node.get("retentionPolicy")),
  };
}

function policyWorkload(managementType: KStr, workloadType: KStr): BackupPolicy["workload"] {
  if (isUnknown(managementType)) return "unknown";
  const mgmt = managementType?.toLowerCase();
  if (mgmt === "azureiaasvm") return "vm";
  if (mgmt !== "azureworkload") return "other";
  if (isUnknown(workloadType)) return "unknown";
  return workloadType?.toLowerCase() === "sqldatabase" ? "sql" : "other";
}

export function mapBackupPolicy(ref: ResourceRef, props: Shape, name: Known<string>, loc: Location): BackupPolicy {
  props.expectObject();
  const managementType = props.get("backupManagementType").str();
  const workloadType = props.first("workLoadType", "workloadType").str();
  const workload = policyWorkload(managementType, workloadType);
  const settings = props.get("settings");
  const policy: BackupPolicy = {
    ref,
    policyName: name,
    vaultName: loc.vaultName,
    resourceGroup: loc.resourceGroup,
    backupManagementType: managementType,
    workload,
    workloadType,
    timeZone: props.has("timeZone") ? props.get("timeZone").str() : settings.get("timeZone").str(),
  };
  if (workload === "vm" || props.has("schedulePolicy") || props.has("retentionPolicy")) {
    policy.vmPolicyType = props.get("policyType").str();
    policy.schedule = mapSchedule(props.get("schedulePolicy"));
    policy.retention = mapRetention(props.get("retentionPolicy"));
    policy.instantRpRetentionDays = props.get("instantRpRetentionRangeInDays").num();
    const rp = props.get("instantRPDetails");
    if (!rp.absent) policy.instantRpResourceGroup = { prefix: rp.get("azureBackupRGNamePrefix").str(), suffix: rp.get("azureBackupRGNameSuffix").str() };
    policy.snapshotConsistencyType = props.get("snapshotConsistencyType").str();
  }
  if (workload === "sql" || props.has("subProtectionPolicy") || props.unknown) {
    policy.subPolicies = mapKnownList(props.get("subProtectionPolicy").arr(), mapSubPolicy);
    const compression = settings.get("issqlcompression");
    policy.sqlCompression = compression.absent ? settings.get("isCompression").bool() : compression.bool();
  }
  return policy;
}

function itemWorkload(itemType: KStr, workloadType: KStr, itemName: KStr): ProtectedItem["workload"] {
  if (isUnknown(itemType)) return "unknown";
  const t = itemType?.toLowerCase();
  if (t === "microsoft.compute/virtualmachines" || t === "microsoft.classiccompute/virtualmachines") return "vm";
  if (t === "azurevmworkloadsqldatabase") return "sqlDatabase";
  if (t !== undefined) return "other";
  // No item type: read Azure Backup's own naming.
  const w = isUnknown(workloadType) ? undefined : workloadType?.toLowerCase();
  if (w === "sqldatabase") return "sqlDatabase";
  if (w === "vm") return "vm";
  if (isUnknown(itemName)) return "unknown";
  if (itemName && parseSqlItemName(itemName)) return "sqlDatabase";
  if (itemName && /^vm;/i.test(itemName)) return "vm";
  return "other";
}

export function mapProtectedItem(
  ref: ResourceRef,
  props: Shape,
  names: { itemName: KStr; containerName: KStr },
  loc: Location,
  policyUrn?: string,
): ProtectedItem {
  props.expectObject();
  const itemType = props.get("protectedItemType").str();
  const workload = itemWorkload(itemType, props.get("workloadType").str(), names.itemName);
  const item: ProtectedItem = {
    ref,
    vaultName: loc.vaultName,
    resourceGroup: loc.resourceGroup,
    containerName: names.containerName,
    itemName: names.itemName,
    workload,
    protectedItemType: itemType,
    policyId: props.get("policyId").str(),
    sourceResourceId: props.get("sourceResourceId").str(),
    protectionState: props.get("protectionState").str(),
    friendlyName: props.get("friendlyName").str(),
    lastBackupStatus: props.get("lastBackupStatus").str(),
  };
  if (policyUrn) item.policyUrn = policyUrn;
  const exclusion = diskExclusionOf(props.get("extendedProperties", "diskExclusionProperties"));
  if (exclusion !== undefined) item.diskExclusion = exclusion;
  if (workload === "sqlDatabase" || workload === "unknown") {
    const parsed = typeof names.itemName === "string" ? parseSqlItemName(names.itemName) : undefined;
    if (parsed) {
      item.sqlInstance = parsed.instance;
      item.sqlDatabase = parsed.database;
    } else if (isUnknown(names.itemName)) {
      item.sqlInstance = names.itemName;
      item.sqlDatabase = names.itemName;
    } else {
      item.sqlInstance = props.get("parentName").str();
      item.sqlDatabase = props.get("friendlyName").str();
    }
  }
  return item;
}

/**
 * Selective disk backup of a VM item (`extendedProperties.diskExclusionProperties`); undefined when the item backs
 * up every disk. A LUN list without `isInclusionList` cannot be read either way, so its direction is unknown.
 */
function diskExclusionOf(node: Shape): ProtectedItem["diskExclusion"] {
  if (node.absent) return undefined;
  if (node.unknown) return node.value as Unknown;
  node.expectObject();
  const items = node.get("diskLunList").arr();
  if (isUnknown(items)) return items;
  const luns: Known<number>[] = [];
  for (const item of items ?? []) {
    const lun = item.num();
    if (lun !== undefined) luns.push(lun);
  }
  const inclusion = node.get("isInclusionList").bool();
  if (inclusion !== undefined) return { luns, isInclusionList: inclusion };
  if (luns.length === 0) return undefined;
  return { luns, isInclusionList: { $unknown: true, reason: "diskExclusionProperties lists LUNs without isInclusionList" } };
}

/** `.../protectableItems/SQLInstance;MSSQLSERVER` or `.../SQLDataBase;MSSQLSERVER;sales` → instance / database. */
function parseProtectableItem(itemId: string): { kind: "instance" | "database" | "vm"; instance?: string; database?: string } | undefined {
  const last = itemId.split("/").filter(Boolean).at(-1) ?? "";
  const db = parseSqlItemName(last);
  if (db) return { kind: "database", instance: db.instance, database: db.database };
  const inst = /^sqlinstance;(.+)$/i.exec(last);
  if (inst) return { kind: "instance", instance: inst[1]! };
  if (/^vm;/i.test(last)) return { kind: "vm" };
  return undefined;
}

export function mapProtectionIntent(ref: ResourceRef, props: Shape, loc: Location, policyUrn?: string, intentName?: KStr): ProtectionIntent {
  props.expectObject();
  const intentType = props.get("protectionIntentItemType").str();
  const itemId = props.get("itemId").str();
  const parsed = typeof itemId === "string" ? parseProtectableItem(itemId) : undefined;
  const itemType = props.get("workloadItemType").str();
  let workload: ProtectionIntent["workload"];
  if (isUnknown(intentType) || isUnknown(itemId)) workload = "unknown";
  else if (parsed?.kind === "instance" || (typeof itemType === "string" && itemType.toLowerCase() === "sqlinstance")) workload = "sqlInstance";
  else if (parsed?.kind === "database") workload = "sqlDatabase";
  else if (intentType?.toLowerCase() === "azureworkloadsqlautoprotectionintent") workload = "sqlInstance";
  else if (intentType?.toLowerCase() === "azureresourceitem" || parsed?.kind === "vm" || (typeof intentName === "string" && /^vm;/i.test(intentName)))
    workload = "vm";
  else workload = "other";
  const intent: ProtectionIntent = {
    ref,
    vaultName: loc.vaultName,
    resourceGroup: loc.resourceGroup,
    intentType,
    workload,
    policyId: props.get("policyId").str(),
    itemId,
    sourceResourceId: props.get("sourceResourceId").str(),
    protectionState: props.get("protectionState").str(),
  };
  if (policyUrn) intent.policyUrn = policyUrn;
  if (parsed?.instance) intent.sqlInstance = parsed.instance;
  if (parsed?.database) intent.sqlDatabase = parsed.database;
  if (isUnknown(itemId)) {
    intent.sqlInstance = itemId;
    intent.sqlDatabase = itemId;
  }
  return intent;
}

export function mapProtectionContainer(ref: ResourceRef, props: Shape, containerName: KStr, loc: Location): ProtectionContainer {
  props.expectObject();
  return {
    ref,
    vaultName: loc.vaultName,
    resourceGroup: loc.resourceGroup,
    containerName,
    containerType: props.get("containerType").str(),
    workloadType: props.get("workloadType").str(),
    sourceResourceId: props.get("sourceResourceId").str(),
    registrationStatus: props.get("registrationStatus").str(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Compute

function mapDisk(node: Shape, os: boolean): Disk {
  const managedDisk = node.get("managedDisk");
  const vhd = node.get("vhd");
  const disk: Disk = {
    name: node.get("name").str(),
    // ARM spells it diskSizeGB; `az vm show` / `az disk show` print the SDK's name, diskSizeGb.
    sizeGb: node.first("diskSizeGB", "diskSizeGb").num(),
    storageAccountType: managedDisk.get("storageAccountType").str(),
    // Without a VHD URI Azure creates a managed disk.
    managed: vhd.unknown ? (vhd.value as Unknown) : vhd.absent,
  };
  if (!os) disk.lun = node.get("lun").num();
  rememberAttachedDisk(disk, managedDisk.get("id").str());
  if (os) {
    const option = node.get("diffDiskSettings", "option").str();
    disk.ephemeral = option === undefined ? false : isUnknown(option) ? option : option.toLowerCase() === "local";
  }
  return disk;
}

const WINDOWS_PUBLISHERS = /^(microsoftwindowsserver|microsoftsqlserver|microsoftwindowsdesktop|microsoftvisualstudio)$/i;
const LINUX_PUBLISHERS = /^(canonical|redhat|suse|openlogic|debian|oracle|almalinux|resf|kinvolk|microsoftcblmariner)$/i;

function vmOs(props: Shape): Known<"windows" | "linux" | undefined> {
  const osType = props.get("storageProfile", "osDisk", "osType").str();
  if (isUnknown(osType)) return osType;
  if (osType) return osType.toLowerCase() === "linux" ? "linux" : "windows";
  if (props.has("osProfile")) {
    if (props.get("osProfile").has("windowsConfiguration")) return "windows";
    if (props.get("osProfile").has("linuxConfiguration")) return "linux";
  }
  const publisher = props.get("storageProfile", "imageReference", "publisher").str();
  if (isUnknown(publisher)) return publisher;
  if (publisher && WINDOWS_PUBLISHERS.test(publisher)) return "windows";
  if (publisher && LINUX_PUBLISHERS.test(publisher)) return "linux";
  return undefined;
}

/** `PowerState/running` → `VM running`, from the instance view statuses. */
function powerStateOf(instanceView: Shape): KStr {
  const statuses = instanceView.get("statuses").arr();
  if (statuses === undefined || isUnknown(statuses)) return statuses;
  for (const s of statuses) {
    const code = s.get("code").str();
    if (typeof code === "string" && /^powerstate\//i.test(code)) {
      const display = s.get("displayStatus").str();
      return typeof display === "string" ? display : `VM ${code.slice("PowerState/".length)}`;
    }
  }
  return undefined;
}

/** `az vm show -d` prints `powerState` at the top; Resource Graph has `properties.extended.instanceView.powerState`. */
function extendedPowerState(top: Shape, props: Shape): KStr {
  const shown = top.get("powerState").str();
  if (shown !== undefined) return shown;
  const graph = props.get("extended", "instanceView", "powerState");
  const display = graph.get("displayStatus").str();
  if (display !== undefined) return display;
  const code = graph.get("code").str();
  return typeof code === "string" && /^powerstate\//i.test(code) ? `VM ${code.slice("PowerState/".length)}` : code;
}

/**
 * `ProvisioningState/failed/VMExtensionProvisioningError` → `Failed`, from the instance view statuses.
 * The instance view keeps the state in lower case; the model uses ARM's spelling (Succeeded, Failed, Updating).
 */
function instanceViewProvisioningState(instanceView: Shape): KStr {
  const statuses = instanceView.get("statuses").arr();
  if (statuses === undefined || isUnknown(statuses)) return statuses;
  for (const s of statuses) {
    const code = s.get("code").str();
    if (isUnknown(code)) return code;
    const m = typeof code === "string" ? /^provisioningstate\/([^/]+)/i.exec(code) : null;
    if (m) return m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1).toLowerCase();
  }
  return undefined;
}

/** `properties.provisioningState`, or the instance view's; a Failed reading from either wins (it is what stops backups). */
function vmProvisioningState(props: Shape, instanceView: Shape): KStr {
  const declared = props.get("provisioningState").str();
  const viewed = instanceViewProvisioningState(instanceView);
  if (typeof viewed === "string" && viewed.toLowerCase() === "failed") return viewed;
  return declared ?? viewed;
}

export function mapVirtualMachine(ref: ResourceRef, top: Shape, props: Shape, name: Known<string>, loc: Location): VirtualMachine {
  props.expectObject();
  const storage = props.get("storageProfile");
  const osDisk = storage.get("osDisk");
  const osProfile = props.get("osProfile");
  // ARM spells it provisionVMAgent; `az vm show` prints provisionVmAgent.
  const windowsAgent = osProfile.get("windowsConfiguration").first("provisionVMAgent", "provisionVmAgent");
  const instanceView = props.get("instanceView");
  const vm: VirtualMachine = {
    ref,
    vmName: name,
    resourceGroup: loc.resourceGroup,
    subscriptionId: loc.subscriptionId,
    location: top.get("location").str(),
    tags: tagsOf(top.get("tags")),
    os: vmOs(props),
    vmSize: props.get("hardwareProfile", "vmSize").str(),
    osDisk: osDisk.absent ? undefined : osDisk.unknown ? { name: UNKNOWN, sizeGb: UNKNOWN, storageAccountType: UNKNOWN, managed: UNKNOWN, ephemeral: UNKNOWN } : mapDisk(osDisk, true),
    dataDisks: mapKnownList(storage.get("dataDisks").arr(), (d) => mapDisk(d, false)),
    nicIds: idList(props.get("networkProfile", "networkInterfaces")),
    securityType: props.get("securityProfile", "securityType").str(),
    powerState: powerStateOf(instanceView) ?? extendedPowerState(top, props),
    provisionVmAgent: windowsAgent.absent ? osProfile.get("linuxConfiguration").first("provisionVMAgent", "provisionVmAgent").bool() : windowsAgent.bool(),
    agentVersion: instanceView.get("vmAgent", "vmAgentVersion").str(),
  };
  const provisioning = vmProvisioningState(props, instanceView);
  if (provisioning !== undefined) vm.provisioningState = provisioning;
  const encryption = adeOf(osDisk.get("encryptionSettings"), top.get("resources"));
  if (encryption !== undefined) vm.diskEncryption = encryption;
  return vm;
}

/** The key vault id of a `{ sourceVault: { id } }` key reference. */
function sourceVaultId(node: Shape): KStr {
  return node.get("sourceVault", "id").str();
}

/** Whether an extension (as `az vm show` lists them under `resources`) is Azure Disk Encryption, and how. */
function adeExtension(ext: Shape): Known<AdeEncryption | undefined> {
  const { props } = subResource(ext);
  // `az vm show` prints the extension's own type as typePropertiesType (its `type` is the resource type); ARM as properties.type.
  const extType = props.first("typePropertiesType", "virtualMachineExtensionType", "type").str();
  const publisher = props.get("publisher").str();
  if (isUnknown(extType) || isUnknown(publisher)) return UNKNOWN;
  if (!extType || !/^azurediskencryption(forlinux)?$/i.test(extType) || (publisher && !/^microsoft\.azure\.security$/i.test(publisher))) return undefined;
  const settings = props.get("settings");
  if (settings.unknown) return UNKNOWN;
  const operation = settings.get("EncryptionOperation").str();
  if (typeof operation === "string" && /^disable/i.test(operation)) return undefined;
  const kekUrl = settings.get("KeyEncryptionKeyURL").str();
  const kekVault = settings.get("KekVaultResourceId").str();
  const usesKek: Known<boolean> = isUnknown(kekUrl) ? kekUrl : isUnknown(kekVault) ? kekVault : Boolean(kekUrl || kekVault);
  return {
    secretVaultId: settings.get("KeyVaultResourceId").str(),
    // ADE puts the KEK in the secret's vault unless KekVaultResourceId says otherwise.
    kekVaultId: usesKek === true ? (kekVault ?? settings.get("KeyVaultResourceId").str()) : undefined,
    usesKek,
    from: "extension",
  };
}

/** Azure Disk Encryption as the OS disk's `encryptionSettings` or an ADE extension on the VM shows it. */
function adeOf(encryptionSettings: Shape, extensions: Shape): Known<AdeEncryption | undefined> {
  if (encryptionSettings.unknown) return UNKNOWN;
  if (!encryptionSettings.absent) {
    const enabled = encryptionSettings.get("enabled").bool();
    if (isUnknown(enabled)) return enabled;
    const secret = encryptionSettings.get("diskEncryptionKey");
    const kek = encryptionSettings.get("keyEncryptionKey");
    if (enabled !== false && !secret.absent) {
      return {
        secretVaultId: secret.unknown ? UNKNOWN : sourceVaultId(secret),
        kekVaultId: kek.unknown ? UNKNOWN : sourceVaultId(kek),
        usesKek: kek.unknown ? UNKNOWN : !kek.absent,
        from: "osDisk.encryptionSettings",
      };
    }
  }
  const list = extensions.arr();
  if (list === undefined) return undefined;
  if (isUnknown(list)) return list;
  for (const ext of list) {
    const found = ext.unknown ? UNKNOWN : adeExtension(ext);
    if (found !== undefined) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Key Vault

function mapAccessPolicy(node: Shape): KeyVaultAccessPolicy {
  const policy: KeyVaultAccessPolicy = {
    objectId: node.get("objectId").str(),
    keys: node.get("permissions", "keys").strList(),
    secrets: node.get("permissions", "secrets").strList(),
  };
  const app = node.get("applicationId").str();
  if (app !== undefined) policy.applicationId = app;
  return policy;
}

/** `Microsoft.KeyVault/vaults` (ARM and azure-native both keep `properties`). */
export function mapKeyVault(ref: ResourceRef, props: Shape, name: Known<string>, loc: Location): KeyVault {
  props.expectObject();
  return {
    ref,
    vaultName: name,
    resourceGroup: loc.resourceGroup,
    subscriptionId: loc.subscriptionId,
    enableRbacAuthorization: props.get("enableRbacAuthorization").bool(),
    accessPolicies: mapKnownList(props.get("accessPolicies").arr(), (p) => (p.unknown ? (p.value as Unknown) : mapAccessPolicy(p))),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Network

function mapIpConfiguration(node: Shape): NicIpConfiguration | Unknown {
  if (node.unknown) return node.value as Unknown;
  const { name, props } = subResource(node);
  return {
    name,
    subnetId: props.get("subnet", "id").str(),
    privateIpAddress: props.first("privateIPAddress", "privateIpAddress").str(),
    applicationSecurityGroupIds: idList(props.get("applicationSecurityGroups")),
  };
}

export function mapNic(ref: ResourceRef, top: Shape, props: Shape, name: Known<string>): NetworkInterface {
  props.expectObject();
  return {
    ref,
    nicName: name,
    location: top.get("location").str(),
    nsgId: props.get("networkSecurityGroup", "id").str(),
    ipConfigurations: mapKnownList(props.get("ipConfigurations").arr(), mapIpConfiguration),
    vmId: props.get("virtualMachine", "id").str(),
    primary: props.get("primary").bool(),
  };
}

export function mapSubnet(ref: ResourceRef, props: Shape, name: Known<string>, vnetName: KStr, loc: Location): Subnet {
  props.expectObject();
  const addressPrefixes = mergedList(props.get("addressPrefix"), props.get("addressPrefixes"));
  const endpoints = props.get("serviceEndpoints").arr();
  return {
    ref,
    subnetName: name,
    vnetName,
    resourceGroup: loc.resourceGroup,
    addressPrefixes,
    nsgId: props.get("networkSecurityGroup", "id").str(),
    routeTableId: props.get("routeTable", "id").str(),
    serviceEndpoints: mapKnownList(endpoints, (e) => e.get("service").str()),
  };
}

export function mapSecurityRule(node: Shape, ruleRef?: ResourceRef, explicitName?: Known<string | undefined>): SecurityRule {
  const { name, props } = subResource(node);
  const ruleName = explicitName ?? name;
  const rule: SecurityRule = {
    name: ruleName === undefined ? "" : ruleName,
    priority: props.get("priority").num(),
    direction: props.get("direction").str(),
    access: props.get("access").str(),
    protocol: props.get("protocol").str(),
    sourceAddressPrefixes: mergedList(props.get("sourceAddressPrefix"), props.get("sourceAddressPrefixes")),
    destinationAddressPrefixes: mergedList(props.get("destinationAddressPrefix"), props.get("destinationAddressPrefixes")),
    sourcePortRanges: mergedList(props.get("sourcePortRange"), props.get("sourcePortRanges")),
    destinationPortRanges: mergedList(props.get("destinationPortRange"), props.get("destinationPortRanges")),
    sourceApplicationSecurityGroupIds: idList(props.get("sourceApplicationSecurityGroups")) ?? [],
    destinationApplicationSecurityGroupIds: idList(props.get("destinationApplicationSecurityGroups")) ?? [],
  };
  if (ruleRef) rule.ref = ruleRef;
  return rule;
}

export function mapNsg(ref: ResourceRef, top: Shape, props: Shape, name: Known<string>, loc: Location): NetworkSecurityGroup {
  props.expectObject();
  // Default rules are left out on purpose: the evaluator adds Azure's defaults itself.
  const rules = mapKnownList(props.get("securityRules").arr(), (r) => (r.unknown ? (r.value as Unknown) : mapSecurityRule(r)));
  return {
    ref,
    nsgName: name,
    resourceGroup: loc.resourceGroup,
    location: top.get("location").str(),
    securityRules: rules ?? [],
    subnetIds: idList(props.get("subnets")),
    nicIds: idList(props.get("networkInterfaces")),
  };
}

export function mapRoute(node: Shape, explicitName?: KStr): Route {
  const { name, props } = subResource(node);
  return {
    name: explicitName ?? name,
    addressPrefix: props.get("addressPrefix").str(),
    nextHopType: props.get("nextHopType").str(),
    nextHopIpAddress: props.get("nextHopIpAddress").str(),
  };
}

export function mapRouteTable(ref: ResourceRef, props: Shape, name: Known<string>): RouteTable {
  props.expectObject();
  const routes = mapKnownList(props.get("routes").arr(), (r) => (r.unknown ? (r.value as Unknown) : mapRoute(r)));
  return { ref, routeTableName: name, routes: routes ?? [], subnetIds: idList(props.get("subnets")) };
}

/**
 * One rule collection of an Azure Firewall: its name, priority and action are copied onto each rule, whose own fields
 * `mapRule` reads (application and network collections differ only there).
 */
function ruleCollectionMapper<R>(mapRule: (rule: Shape) => R) {
  return (node: Shape): (R & { collection: string; priority: Known<number | undefined>; action: Known<string | undefined> })[] | Unknown => {
    if (node.unknown) return node.value as Unknown;
    const { name, props } = subResource(node);
    const collection = typeof name === "string" ? name : "";
    const priority = props.get("priority").num();
    const action = props.get("action", "type").str();
    const rules = props.get("rules").arr();
    if (isUnknown(rules)) return rules;
    return (rules ?? []).map((r) => ({ collection, priority, action, ...mapRule(r) }));
  };
}

const mapApplicationCollection: (node: Shape) => FirewallApplicationRule[] | Unknown = ruleCollectionMapper((r) => ({
  name: r.get("name").str(),
  fqdnTags: r.get("fqdnTags").strList(),
  targetFqdns: r.get("targetFqdns").strList(),
  protocols: mapKnownList(r.get("protocols").arr(), (p) => ({ protocolType: p.get("protocolType").str(), port: p.get("port").num() })),
  sourceAddresses: r.get("sourceAddresses").strList(),
}));

const mapNetworkCollection: (node: Shape) => FirewallNetworkRule[] | Unknown = ruleCollectionMapper((r) => ({
  name: r.get("name").str(),
  protocols: r.get("protocols").strList(),
  destinationAddresses: r.get("destinationAddresses").strList(),
  destinationPorts: r.get("destinationPorts").strList(),
  destinationFqdns: r.get("destinationFqdns").strList(),
  sourceAddresses: r.get("sourceAddresses").strList(),
}));

function flatten<T>(lists: Known<(T[])[] | undefined>): Known<T[]> {
  if (isUnknown(lists)) return lists;
  return (lists ?? []).flat();
}

export function mapFirewall(ref: ResourceRef, props: Shape, name: Known<string>): Firewall {
  props.expectObject();
  const ipConfigs = props.get("ipConfigurations").arr();
  return {
    ref,
    firewallName: name,
    privateIpAddresses: mapKnownList(ipConfigs, (c) => {
      const { props: p } = subResource(c);
      return p.first("privateIPAddress", "privateIpAddress").str();
    }),
    applicationRules: flatten(mapKnownList(props.get("applicationRuleCollections").arr(), mapApplicationCollection)),
    networkRules: flatten(mapKnownList(props.get("networkRuleCollections").arr(), mapNetworkCollection)),
    firewallPolicyId: props.get("firewallPolicy", "id").str(),
  };
}

export function mapFirewallPolicy(ref: ResourceRef, props: Shape, name: Known<string>, resourceGroup: KStr): FirewallPolicy {
  props.expectObject();
  return {
    ref,
    policyName: name,
    resourceGroup,
    basePolicyId: props.get("basePolicy", "id").str(),
    dnsProxyEnabled: props.get("dnsSettings", "enableProxy").bool(),
    ruleCollectionGroupIds: idList(props.get("ruleCollectionGroups")),
  };
}

/**
 * A rule collection group's filter collections, flattened in their listed order (the evaluator sorts by priority).
 * DNAT collections are left out: they translate inbound traffic addressed to the firewall's public IP, never a VM's
 * outbound flow to a public service.
 */
export function mapRuleCollectionGroup(
  ref: ResourceRef,
  props: Shape,
  name: Known<string>,
  policy: { policyId: KStr; policyName: KStr; resourceGroup: KStr },
): FirewallRuleCollectionGroup {
  props.expectObject();
  const group: FirewallRuleCollectionGroup = { ref, groupName: name, ...policy, priority: props.get("priority").num(), applicationRules: [], networkRules: [] };
  const collections = props.get("ruleCollections").arr();
  const unknownAll = (u: Unknown) => {
    group.applicationRules = u;
    group.networkRules = u;
    return group;
  };
  if (isUnknown(collections)) return unknownAll(collections);
  for (const c of collections ?? []) {
    if (c.unknown) return unknownAll(c.value as Unknown);
    const { name: collectionName, props: cp } = subResource(c);
    const type = cp.get("ruleCollectionType").str();
    if (isUnknown(type)) return unknownAll(type);
    if (type !== undefined && !/^FirewallPolicyFilterRuleCollection$/i.test(type)) continue;
    const collection = typeof collectionName === "string" ? collectionName : "";
    const priority = cp.get("priority").num();
    const action = cp.get("action", "type").str();
    const rules = cp.get("rules").arr();
    if (isUnknown(rules)) return unknownAll(rules);
    for (const r of rules ?? []) {
      if (r.unknown) return unknownAll(r.value as Unknown);
      const ruleType = r.get("ruleType").str();
      if (isUnknown(ruleType)) return unknownAll(ruleType);
      const common = { collection, priority, action, name: r.get("name").str(), sourceAddresses: r.get("sourceAddresses").strList(), sourceIpGroups: r.get("sourceIpGroups").strList() };
      if (/^ApplicationRule$/i.test(ruleType ?? "")) {
        if (!isUnknown(group.applicationRules)) {
          group.applicationRules.push({
            ...common,
            fqdnTags: r.get("fqdnTags").strList(),
            targetFqdns: r.get("targetFqdns").strList(),
            protocols: mapKnownList(r.get("protocols").arr(), (p) => ({ protocolType: p.get("protocolType").str(), port: p.get("port").num() })),
            webCategories: r.get("webCategories").strList(),
            targetUrls: r.get("targetUrls").strList(),
            destinationAddresses: r.get("destinationAddresses").strList(),
          });
        }
      } else if (/^NetworkRule$/i.test(ruleType ?? "")) {
        if (!isUnknown(group.networkRules)) {
          group.networkRules.push({
            ...common,
            protocols: r.get("ipProtocols").strList(),
            destinationAddresses: r.get("destinationAddresses").strList(),
            destinationPorts: r.get("destinationPorts").strList(),
            destinationFqdns: r.get("destinationFqdns").strList(),
            destinationIpGroups: r.get("destinationIpGroups").strList(),
          });
        }
      }
    }
  }
  return group;
}

export function mapPrivateEndpoint(ref: ResourceRef, props: Shape): PrivateEndpoint {
  props.expectObject();
  const connection = (c: Shape) => {
    if (c.unknown) return c.value as Unknown;
    const { props: p } = subResource(c);
    return { privateLinkServiceId: p.get("privateLinkServiceId").str(), groupIds: p.get("groupIds").strList() };
  };
  const auto = mapKnownList(props.get("privateLinkServiceConnections").arr(), connection);
  const manual = mapKnownList(props.get("manualPrivateLinkServiceConnections").arr(), connection);
  const connections = isUnknown(auto) ? auto : isUnknown(manual) ? manual : [...(auto ?? []), ...(manual ?? [])];
  return { ref, subnetId: props.get("subnet", "id").str(), connections };
}

// ---------------------------------------------------------------------------------------------------------------
// Resource groups, locks, Azure Policy

export function mapResourceGroup(ref: ResourceRef, top: Shape, name: Known<string>, subscriptionId: KStr): ResourceGroup {
  return { ref, resourceGroupName: name, subscriptionId, location: top.get("location").str(), tags: tagsOf(top.get("tags")) };
}

/** The scope an authorization extension resource sits on: the id up to `/providers/Microsoft.Authorization/<kind>/`. */
export function scopeOfExtensionId(id: string | undefined, kind: "locks" | "policyAssignments" | "policyExemptions"): string | undefined {
  if (!id) return undefined;
  const i = id.toLowerCase().lastIndexOf(`/providers/microsoft.authorization/${kind.toLowerCase()}/`);
  // A tenant-level resource (`/providers/Microsoft.Authorization/...`) sits on the root scope.
  return i > 0 ? id.slice(0, i) : i === 0 ? "/" : undefined;
}

export function mapLock(ref: ResourceRef, props: Shape, scope: KStr, resourceGroup?: KStr): ManagementLock {
  props.expectObject();
  const lock: ManagementLock = { ref, scope, level: props.get("level").str() };
  if (resourceGroup !== undefined) lock.resourceGroupName = resourceGroup;
  return lock;
}

export function mapPolicyDefinition(ref: ResourceRef, props: Shape): PolicyDefinition {
  props.expectObject();
  return {
    ref,
    definitionId: ref.id,
    policyType: props.get("policyType").str(),
    mode: props.get("mode").str(),
    displayName: props.get("displayName").str(),
    policyRule: props.get("policyRule").any(),
    parameters: props.get("parameters").obj(),
  };
}

export function mapPolicySetDefinition(ref: ResourceRef, props: Shape): PolicySetDefinition {
  props.expectObject();
  const members = mapKnownList(props.get("policyDefinitions").arr(), (m) => {
    if (m.unknown) return m.value as Unknown;
    m.expectObject();
    return {
      policyDefinitionId: m.get("policyDefinitionId").str(),
      referenceId: m.get("policyDefinitionReferenceId").str(),
      parameters: m.get("parameters").obj(),
    };
  });
  return {
    ref,
    definitionId: ref.id,
    displayName: props.get("displayName").str(),
    policyDefinitions: members ?? [],
    parameters: props.get("parameters").obj(),
  };
}

/** ARM and azure-native both write assignment parameters as `{ name: { value } }`; the model keeps `{ name: value }`. */
function unwrapParameters(node: Shape): Known<Record<string, Known<unknown>> | undefined> {
  const obj = node.obj();
  if (obj === undefined || isUnknown(obj)) return obj;
  const out: Record<string, Known<unknown>> = {};
  for (const key of Object.keys(obj)) {
    const p = node.get(key);
    if (p.unknown) out[key] = p.value as Unknown;
    else if (p.isObject && p.keys().includes("value")) out[key] = p.get("value").any();
    else throw p.error('an object of the form { "value": ... }');
  }
  return out;
}

/**
 * `overrides` and `resourceSelectors` as Azure Policy writes them (the same in ARM and azure-native), kept raw for
 * the policy evaluator. A list with a value not known before deployment anywhere inside is unknown as a whole: the
 * evaluator reads these lists as plain data, and an override whose effect or selector is unknown must not be read
 * as absent (that would keep a Deny the override turns into Audit).
 */
function policyList(node: Shape, what: string): Known<unknown[] | undefined> {
  const items = node.arr();
  if (items === undefined || isUnknown(items)) return items;
  for (const item of items) {
    if (item.unknown) return item.value as Unknown;
    item.expectObject();
  }
  const value = node.value as unknown[];
  return containsUnknown(value) ? { $unknown: true, reason: `the ${what} are not known before deployment` } : value;
}

export function mapPolicyAssignment(ref: ResourceRef, top: Shape, props: Shape, name: Known<string>, scope: KStr, definitionUrn?: string): PolicyAssignment {
  props.expectObject();
  const assignment: PolicyAssignment = {
    ref,
    assignmentName: name,
    scope,
    notScopes: props.get("notScopes").strList(),
    policyDefinitionId: props.get("policyDefinitionId").str(),
    parameters: unwrapParameters(props.get("parameters")),
    enforcementMode: props.get("enforcementMode").str(),
    identityType: top.get("identity", "type").str(),
  };
  if (definitionUrn) assignment.policyDefinitionUrn = definitionUrn;
  const overrides = policyList(props.get("overrides"), "assignment's overrides");
  if (overrides !== undefined) assignment.overrides = overrides;
  const selectors = policyList(props.get("resourceSelectors"), "assignment's resource selectors");
  if (selectors !== undefined) assignment.resourceSelectors = selectors;
  return assignment;
}

export function mapPolicyExemption(ref: ResourceRef, props: Shape, scope: KStr, assignmentUrn?: string): PolicyExemption {
  props.expectObject();
  const exemption: PolicyExemption = {
    ref,
    scope,
    policyAssignmentId: props.get("policyAssignmentId").str(),
    exemptionCategory: props.get("exemptionCategory").str(),
    expiresOn: props.get("expiresOn").str(),
    policyDefinitionReferenceIds: props.get("policyDefinitionReferenceIds").strList(),
  };
  if (assignmentUrn) exemption.policyAssignmentUrn = assignmentUrn;
  const selectors = policyList(props.get("resourceSelectors"), "exemption's resource selectors");
  if (selectors !== undefined) exemption.resourceSelectors = selectors;
  return exemption;
}
