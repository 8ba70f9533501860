/**
 * What Azure Backup itself creates for a protected VM, as policy targets: the resource group for instant-restore
 * snapshots (`AzureBackupRG_<region>_1`, or `<prefix>1<suffix>` from the policy's instantRPDetails), the restore
 * point collection inside it, and the VM extensions it installs. Shared by the tags rules.
 */
import { parseArmId, sameName } from "../../src/model/ids.js";
import type { BackupPolicy, Model, ProtectedItem, ProtectionIntent, ResourceGroup, Tags, Vault, VirtualMachine } from "../../src/model/types.js";
import { isUnknown, UNKNOWN, type Known } from "../../src/model/unknown.js";
import type { RuleContext } from "../../src/engine/types.js";
import { describeRequirement, describeScope, assignmentScopeOf, type PolicyTarget, type PolicyVerdict, type TargetEvaluation } from "../../src/policy-eval/index.js";
import { resourceGroupTarget, resourceTarget } from "../../src/policy-eval/targets.js";

export const RESTORE_POINT_COLLECTION_TYPE = "Microsoft.Compute/restorePointCollections";
export const EXTENSION_TYPE = "Microsoft.Compute/virtualMachines/extensions";

/** The extensions Azure Backup installs (publisher, type), by workload and OS. */
export const BACKUP_EXTENSIONS = {
  windows: { name: "VMSnapshot", publisher: "Microsoft.Azure.RecoveryServices", type: "VMSnapshot" },
  linux: { name: "VMSnapshotLinux", publisher: "Microsoft.Azure.RecoveryServices", type: "VMSnapshotLinux" },
  sqlWorkload: { name: "AzureBackupWindowsWorkload", publisher: "Microsoft.Azure.RecoveryServices.WorkloadBackup", type: "AzureBackupWindowsWorkload" },
} as const;

const unknownBecause = (reason: string) => ({ ...UNKNOWN, reason });

function known<T>(v: Known<T | undefined>): T | undefined {
  return isUnknown(v) ? undefined : v;
}

/** A VM Azure Backup works on, with what it needs to know about it. */
export interface BackupHost {
  /** The model resource findings about this VM point at. */
  ref: ProtectedItem["ref"];
  vm: VirtualMachine | undefined;
  vmName: string;
  vmId: Known<string>;
  subscriptionId: Known<string>;
  resourceGroup: Known<string>;
  /** The VM's region (the vault's when the VM is not in the model: Azure Backup protects VMs of its own region). */
  location: Known<string | undefined>;
}

/** A VM protected by a VM backup policy. */
export interface ProtectedVm extends BackupHost {
  item: ProtectedItem | ProtectionIntent;
  policy: BackupPolicy;
  vault: Vault | undefined;
}

export interface Unresolved {
  item: ProtectedItem | ProtectionIntent;
  reason: string;
}

/** Azure region names as ARM spells them in ids and defaults: lower case, no spaces ("East US" → "eastus"). */
export function normalizeRegion(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

function subscriptionOf(...candidates: Known<string | undefined>[]): Known<string> {
  let sawUnknown: Known<string> | undefined;
  for (const c of candidates) {
    if (isUnknown(c)) sawUnknown ??= c;
    else if (c) return c;
  }
  return sawUnknown ?? unknownBecause("the subscription is not set in the source");
}

/** Protected VMs (items and VM intents under a VM policy), and the items whose policy cannot be resolved. */
export function protectedVms(ctx: RuleContext): { vms: ProtectedVm[]; unresolved: Unresolved[] } {
  const vms: ProtectedVm[] = [];
  const unresolved: Unresolved[] = [];
  const candidates: (ProtectedItem | ProtectionIntent)[] = [
    ...ctx.model.protectedItems.filter((i) => i.workload === "vm"),
    ...ctx.model.protectionIntents.filter((i) => i.workload === "vm"),
  ];
  for (const item of candidates) {
    const policy = ctx.index.policyOf(item);
    if (isUnknown(policy)) {
      unresolved.push({ item, reason: "its backup policy is not known before deployment" });
      continue;
    }
    if (!policy || policy.workload !== "vm") continue;
    const vault = ctx.index.vaultOfItem(item);
    vms.push({ ...hostOf(ctx, item, vault), item, policy, vault });
  }
  return { vms, unresolved };
}

/** What is known of the VM an item or intent protects (the vault fills in subscription and region). */
function hostOf(ctx: RuleContext, item: ProtectedItem | ProtectionIntent, vault: Vault | undefined): BackupHost {
  const vm = ctx.index.vmById(item.sourceResourceId);
  const source = known(item.sourceResourceId);
  const parsed = source ? parseArmId(source) : undefined;
  const vmName = vm ? (isUnknown(vm.vmName) ? vm.ref.name : vm.vmName) : parsed?.name ?? item.ref.name;
  const vmId: Known<string> = vm?.ref.id ?? source ?? unknownBecause("the VM id is not known");
  return {
    ref: vm?.ref ?? item.ref,
    vm,
    vmName,
    vmId,
    subscriptionId: subscriptionOf(vm?.subscriptionId, parsed?.subscriptionId, vault?.subscriptionId, vault?.ref.id ? parseArmId(vault.ref.id).subscriptionId : undefined),
    resourceGroup: (vm ? vm.resourceGroup : undefined) ?? parsed?.resourceGroup ?? unknownBecause("the VM's resource group is not known"),
    location: vm && vm.location !== undefined ? vm.location : vault?.location ?? undefined,
  };
}

/** VMs with SQL Server databases protected (items or auto-protection intents): Azure Backup installs its workload extension there. */
export function sqlWorkloadHosts(ctx: RuleContext): BackupHost[] {
  const hosts = new Map<string, BackupHost>();
  const items: (ProtectedItem | ProtectionIntent)[] = [
    ...ctx.model.protectedItems.filter((i) => i.workload === "sqlDatabase"),
    ...ctx.model.protectionIntents.filter((i) => i.workload === "sqlInstance" || i.workload === "sqlDatabase"),
  ];
  for (const item of items) {
    const host = hostOf(ctx, item, ctx.index.vaultOfItem(item));
    const key = isUnknown(host.vmId) ? `?${host.vmName}` : host.vmId.toLowerCase();
    if (!hosts.has(key)) hosts.set(key, host);
  }
  return [...hosts.values()];
}

/** The name of the first resource group Azure Backup uses for a policy's instant-restore snapshots. */
export function instantRpGroupName(policy: BackupPolicy, location: Known<string | undefined>): { name: Known<string>; custom: boolean } {
  const prefix = policy.instantRpResourceGroup?.prefix;
  const suffix = policy.instantRpResourceGroup?.suffix;
  if (isUnknown(prefix)) return { name: unknownBecause("instantRPDetails.azureBackupRGNamePrefix is not known before deployment"), custom: true };
  if (prefix) {
    if (isUnknown(suffix)) return { name: unknownBecause("instantRPDetails.azureBackupRGNameSuffix is not known before deployment"), custom: true };
    return { name: `${prefix}1${suffix ?? ""}`, custom: true };
  }
  if (isUnknown(location)) return { name: unknownBecause("the VM's region is not known before deployment"), custom: false };
  if (!location) return { name: unknownBecause("the VM's region is not set in the source"), custom: false };
  return { name: `AzureBackupRG_${normalizeRegion(location)}_1`, custom: false };
}

const DEPLOYED = new Set(["state", "arm", "live"]);

/** A resource group the model already holds under that name: deployed (exists in Azure) or planned (Pulumi creates it). */
export interface ExistingGroup {
  group: ResourceGroup;
  deployed: boolean;
}

/** The model's resource group with that name in that subscription; UNKNOWN when a group with an unknown name might be it. */
export function findGroup(model: Model, subscriptionId: Known<string>, name: string): Known<ExistingGroup | undefined> {
  const inSubscription = (g: ResourceGroup) =>
    isUnknown(g.subscriptionId) || g.subscriptionId === undefined || isUnknown(subscriptionId) || g.subscriptionId.toLowerCase() === subscriptionId.toLowerCase();
  const matches = model.resourceGroups.filter((g) => inSubscription(g) && !isUnknown(g.resourceGroupName) && sameName(g.resourceGroupName, name));
  if (matches.length > 0) {
    const deployed = matches.find((g) => DEPLOYED.has(g.ref.source.adapter));
    const planned = matches.find((g) => !DEPLOYED.has(g.ref.source.adapter));
    return deployed ? { group: deployed, deployed: true } : { group: planned!, deployed: false };
  }
  if (model.resourceGroups.some((g) => inSubscription(g) && isUnknown(g.resourceGroupName))) {
    return unknownBecause(`a resource group whose name is not known before deployment may be ${name}`);
  }
  return undefined;
}

function tagsOf(group: ResourceGroup): Known<Tags> {
  return group.tags === undefined ? {} : group.tags;
}

/** The instant-restore resource group as the create request describes it (or as Pulumi will create it). */
export function snapshotGroupTarget(vm: BackupHost, name: Known<string>, existing: Known<ExistingGroup | undefined>): PolicyTarget {
  if (isUnknown(existing)) {
    return resourceGroupTarget({ subscriptionId: vm.subscriptionId, name, location: vm.location, tags: existing, description: `resource group ${isUnknown(name) ? "" : `${name} `}for restore points` });
  }
  if (existing) {
    return resourceGroupTarget({
      subscriptionId: vm.subscriptionId,
      name,
      location: existing.group.location,
      tags: tagsOf(existing.group),
      description: `resource group ${isUnknown(name) ? "(name not known)" : name} pre-created for restore points`,
    });
  }
  // Azure Backup creates it with only a location (and managedBy): no tags.
  return resourceGroupTarget({
    subscriptionId: vm.subscriptionId,
    name,
    location: vm.location,
    tags: {},
    description: `resource group ${isUnknown(name) ? "(name not known)" : name} that Azure Backup creates for restore points`,
  });
}

/** A restore point collection Azure Backup creates inside the snapshot resource group. */
export function restorePointCollectionTarget(vm: BackupHost, group: TargetEvaluation["target"]): PolicyTarget {
  return resourceTarget({
    type: RESTORE_POINT_COLLECTION_TYPE,
    name: unknownBecause("Azure Backup names restore point collections itself"),
    subscriptionId: vm.subscriptionId,
    resourceGroupName: group.name,
    location: vm.location,
    tags: unknownBecause("Azure Backup does not document the tags it puts on restore point collections"),
    description: `restore point collection for ${vm.vmName}`,
    containerGroup: { name: group.name, location: group.location, tags: group.tags, id: group.id },
  });
}

/** A VM extension Azure Backup installs. */
export function extensionTarget(vm: BackupHost, extension: { name: string; publisher: string; type: string } | undefined): PolicyTarget {
  const name: Known<string> = extension?.name ?? unknownBecause("the VM's OS is not known, so neither is the snapshot extension");
  return resourceTarget({
    type: EXTENSION_TYPE,
    name,
    subscriptionId: vm.subscriptionId,
    resourceGroupName: vm.resourceGroup,
    location: vm.location,
    parentId: vm.vmId,
    tags: unknownBecause("Azure Backup does not document the tags it puts on VM extensions"),
    description: `extension ${extension?.name ?? "(snapshot)"} on ${vm.vmName}`,
    fields: {
      [`${EXTENSION_TYPE}/publisher`]: extension?.publisher ?? unknownBecause("publisher depends on the OS"),
      [`${EXTENSION_TYPE}/type`]: extension?.type ?? unknownBecause("type depends on the OS"),
    },
  });
}

/** The snapshot extension for a VM's OS, or undefined when the OS is not known. */
export function snapshotExtension(vm: BackupHost): (typeof BACKUP_EXTENSIONS)["windows" | "linux"] | undefined {
  const os = vm.vm ? known(vm.vm.os) : undefined;
  if (os === "windows") return BACKUP_EXTENSIONS.windows;
  if (os === "linux") return BACKUP_EXTENSIONS.linux;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Wording

/** `assignment "x" (definition, effect Deny) at subscription …` */
export function describeVerdict(v: PolicyVerdict): string {
  const effect = isUnknown(v.effect) ? "" : `, effect ${v.effect}`;
  const member = v.referenceId ? ` in initiative "${v.setName ?? ""}" (member ${v.referenceId})` : "";
  return `assignment "${v.assignmentName}" ("${v.definitionLabel}"${effect}${member}) at ${describeScope(assignmentScopeOf(v.assignment))}`;
}

export function describeRequirements(v: PolicyVerdict): string {
  return v.requiredTags.length > 0 ? v.requiredTags.map(describeRequirement).join(", ") : "the tags its rule demands";
}

export function verdictData(v: PolicyVerdict): Record<string, unknown> {
  const data: Record<string, unknown> = {
    assignment: v.assignmentName,
    definition: v.definitionLabel,
    effect: isUnknown(v.effect) ? undefined : v.effect,
  };
  if (v.referenceId) data.referenceId = v.referenceId;
  if (v.requiredTags.length) data.requiredTags = v.requiredTags;
  if (v.exemptions.some((e) => e.expired)) data.expiredExemptions = v.exemptions.filter((e) => e.expired).map((e) => e.name);
  return data;
}

/** Groups protected VMs by (policy, snapshot group name, subscription): one snapshot group serves them all. */
export function groupBySnapshotGroup(vms: ProtectedVm[]): { key: string; name: Known<string>; custom: boolean; members: ProtectedVm[] }[] {
  const groups = new Map<string, { key: string; name: Known<string>; custom: boolean; members: ProtectedVm[] }>();
  for (const vm of vms) {
    const { name, custom } = instantRpGroupName(vm.policy, vm.location);
    // The same policy may come from the program and from state: key it by vault and policy name, not by URN or id.
    const policyName = isUnknown(vm.policy.policyName) ? undefined : vm.policy.policyName;
    const vaultName = isUnknown(vm.policy.vaultName) ? undefined : vm.policy.vaultName;
    const policyKey = policyName ? `${vaultName ?? ""}/${policyName}`.toLowerCase() : vm.policy.ref.urn ?? vm.policy.ref.id ?? vm.policy.ref.name;
    const nameKey = isUnknown(name) ? `?${vm.vmName}` : name.toLowerCase();
    const subKey = isUnknown(vm.subscriptionId) ? "?" : vm.subscriptionId.toLowerCase();
    const key = `${policyKey}|${nameKey}|${subKey}`;
    const g = groups.get(key) ?? { key, name, custom, members: [] };
    g.members.push(vm);
    groups.set(key, g);
  }
  // Report on what the deployment intends when both the intended and the deployed resources are loaded.
  const intendedFirst = (a: ProtectedVm, b: ProtectedVm) => Number(DEPLOYED.has(a.policy.ref.source.adapter)) - Number(DEPLOYED.has(b.policy.ref.source.adapter));
  for (const g of groups.values()) g.members.sort(intendedFirst);
  return [...groups.values()];
}

export function vmList(members: BackupHost[]): string {
  const names = [...new Set(members.map((m) => m.vmName))];
  return names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}
