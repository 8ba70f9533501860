/**
 * Shared reading of Azure VM protection for the vm and linux rules: which model VMs Azure Backup protects, with which
 * item, policy and vault, plus small readers for disks, policy type and power state that keep `Known` values honest.
 */
import type { RuleContext } from "../../src/engine/types.js";
import { normalizeId } from "../../src/model/ids.js";
import type { BackupPolicy, Disk, InventoryVm, ProtectedItem, ProtectionIntent, Vault, VirtualMachine } from "../../src/model/types.js";
import { isUnknown, UNKNOWN, type Known } from "../../src/model/unknown.js";

/** One VM protected by one item (or VM protection intent). */
export interface VmProtection {
  vm: VirtualMachine;
  item: ProtectedItem | ProtectionIntent;
  /** UNKNOWN when the policy id is computed at preview; undefined when the policy is not in the model. */
  policy: Known<BackupPolicy | undefined>;
  vault: Vault | undefined;
}

/** Protection states in which Azure Backup no longer takes backups of the item. */
const INACTIVE_STATES = new Set(["protectionstopped", "backupssuspended"]);

/** True unless the item's protection is known to be stopped (an unknown state counts as active). */
export function isActive(item: ProtectedItem | ProtectionIntent): boolean {
  const state = item.protectionState;
  return isUnknown(state) || state === undefined || !INACTIVE_STATES.has(state.toLowerCase());
}

/** Per model: every VM protection, stopped ones included (rules filter). The model does not change during a run. */
const cache = new WeakMap<object, VmProtection[]>();

/** Every VM-backup item or VM protection intent in the model joined to its VM (items whose VM is not in the model are left out). */
export function vmProtections(ctx: RuleContext, options: { includeInactive?: boolean } = {}): VmProtection[] {
  let all = cache.get(ctx.model);
  if (!all) {
    all = [];
    const items: (ProtectedItem | ProtectionIntent)[] = [
      ...ctx.model.protectedItems.filter((it) => it.workload === "vm"),
      ...ctx.model.protectionIntents.filter((it) => it.workload === "vm"),
    ];
    for (const item of items) {
      // The id lookup is a map hit in the common case; the scan covers items that name their VM only by container.
      const vm = ctx.index.vmById(item.sourceResourceId) ?? ctx.model.vms.find((v) => ctx.index.itemIsOnVm(item, v));
      if (vm) all.push({ vm, item, policy: ctx.index.policyOf(item), vault: ctx.index.vaultOfItem(item) });
    }
    cache.set(ctx.model, all);
  }
  return options.includeInactive ? all : all.filter((p) => isActive(p.item));
}

interface InventoryJoin {
  byId: Map<string, InventoryVm>;
  /** Inventory entries without an id, by lower-case name. */
  byNameWithoutId: Map<string, InventoryVm>;
  byName: Map<string, InventoryVm>;
  vmsByName: Map<string, VirtualMachine[]>;
}
const inventoryCache = new WeakMap<object, InventoryJoin>();

function inventoryJoin(ctx: RuleContext): InventoryJoin {
  let join = inventoryCache.get(ctx.model);
  if (!join) {
    join = { byId: new Map(), byNameWithoutId: new Map(), byName: new Map(), vmsByName: new Map() };
    for (const inv of ctx.model.inventoryVms) {
      const name = inv.vmName.toLowerCase();
      if (inv.vmId && !join.byId.has(normalizeId(inv.vmId))) join.byId.set(normalizeId(inv.vmId), inv);
      if (!inv.vmId && !join.byNameWithoutId.has(name)) join.byNameWithoutId.set(name, inv);
      if (!join.byName.has(name)) join.byName.set(name, inv);
    }
    for (const vm of ctx.model.vms) {
      const name = vmLabel(vm).toLowerCase();
      join.vmsByName.set(name, [...(join.vmsByName.get(name) ?? []), vm]);
    }
    inventoryCache.set(ctx.model, join);
  }
  return join;
}

/**
 * The inventory facts about a model VM: by resource id when both sides have one, else by name — the join
 * `ModelIndex.inventoryOfVm` makes, through maps so that large estates stay linear.
 */
export function inventoryOf(ctx: RuleContext, vm: VirtualMachine): InventoryVm | undefined {
  const join = inventoryJoin(ctx);
  const name = typeof vm.vmName === "string" ? vm.vmName.toLowerCase() : undefined;
  if (vm.ref.id) return join.byId.get(normalizeId(vm.ref.id)) ?? (name ? join.byNameWithoutId.get(name) : undefined);
  return name ? join.byName.get(name) : undefined;
}

/** The model VM an inventory entry describes: by id, else by name (as `ModelIndex.vmOfInventory`). */
export function vmOfInventory(ctx: RuleContext, inv: InventoryVm): VirtualMachine | undefined {
  const byId = inv.vmId ? ctx.index.vmById(inv.vmId) : undefined;
  return byId ?? inventoryJoin(ctx).vmsByName.get(inv.vmName.toLowerCase())?.[0];
}

/** The protected VMs, each once, with every active protection it has. */
export function protectedVms(ctx: RuleContext): { vm: VirtualMachine; protections: VmProtection[] }[] {
  const byVm = new Map<VirtualMachine, VmProtection[]>();
  for (const p of vmProtections(ctx)) {
    const list = byVm.get(p.vm) ?? [];
    list.push(p);
    byVm.set(p.vm, list);
  }
  return [...byVm].map(([vm, protections]) => ({ vm, protections }));
}

/**
 * The VMs whose backups run through the VM agent: every VM protected by an active VM-backup item (with its
 * protections), plus every VM whose SQL Server databases Azure Backup protects (items or auto-protection intents)
 * without a VM backup. `sql` tells the rules to name the SQL workload's error codes too.
 */
export function vmsWithAgentBackups(ctx: RuleContext): { vm: VirtualMachine; protections: VmProtection[]; sql: boolean }[] {
  const byVm = new Map(protectedVms(ctx).map(({ vm, protections }) => [vm, protections]));
  const out: { vm: VirtualMachine; protections: VmProtection[]; sql: boolean }[] = [];
  for (const vm of ctx.model.vms) {
    const protections = byVm.get(vm) ?? [];
    const sql = ctx.index.sqlProtectionOnVm(vm).some(isActive);
    if (protections.length > 0 || sql) out.push({ vm, protections, sql });
  }
  return out;
}

/** Finding data for a VM from vmsWithAgentBackups: marks a SQL-protected VM, and one without a VM backup (plain VM backups add nothing). */
export function backupsOnVm(vmBackup: boolean, sql: boolean): { vmBackup?: false; sqlBackup?: true } {
  return { ...(vmBackup ? {} : { vmBackup: false as const }), ...(sql ? { sqlBackup: true as const } : {}) };
}

/** The VM's name for messages (the Azure name when known, else the resource name). */
export function vmLabel(vm: VirtualMachine): string {
  return typeof vm.vmName === "string" ? vm.vmName : vm.ref.name;
}

/** The policy's name for messages; "its policy" when the policy is unknown or not in the model. */
export function policyLabel(policy: Known<BackupPolicy | undefined>): string {
  if (isUnknown(policy) || policy === undefined) return "its policy";
  return typeof policy.policyName === "string" ? policy.policyName : policy.ref.name;
}

export function vaultLabel(vault: Vault): string {
  return typeof vault.vaultName === "string" ? vault.vaultName : vault.ref.name;
}

/**
 * Whether the policy is Enhanced (V2). Azure reads a missing `policyType` as V1 (Standard).
 * UNKNOWN when the policy or its type is computed at preview.
 */
export function isEnhancedPolicy(policy: Known<BackupPolicy | undefined>): Known<boolean> | undefined {
  if (isUnknown(policy)) return UNKNOWN;
  if (policy === undefined) return undefined;
  const type = policy.vmPolicyType;
  if (isUnknown(type)) return UNKNOWN;
  return type !== undefined && type.toUpperCase() === "V2";
}

export interface LabelledDisk {
  disk: Disk;
  /** `osDisk` or `dataDisks[i]`, for finding paths. */
  path: string;
  label: string;
}

/**
 * The VM's disks with their paths. UNKNOWN when the data disk list is computed at preview; a VM without an OS disk
 * in the model simply has none listed.
 */
export function disksOf(vm: VirtualMachine): Known<LabelledDisk[]> {
  if (isUnknown(vm.dataDisks)) return UNKNOWN;
  const out: LabelledDisk[] = [];
  if (vm.osDisk) out.push({ disk: vm.osDisk, path: "osDisk", label: diskLabel(vm.osDisk, "OS disk") });
  (vm.dataDisks ?? []).forEach((disk, i) => {
    const lun = typeof disk.lun === "number" ? `LUN ${disk.lun}` : `data disk ${i}`;
    out.push({ disk, path: `dataDisks[${i}]`, label: diskLabel(disk, lun) });
  });
  return out;
}

/**
 * Whether the item's selective disk backup (diskExclusionProperties) leaves the data disk at `lun` out. UNKNOWN when the
 * exclusion settings are computed at preview; false when the item backs up every disk. The OS disk (no LUN) is always
 * backed up.
 */
export function isDiskExcluded(item: ProtectedItem | ProtectionIntent, lun: Known<number | undefined> | undefined): Known<boolean> {
  const exclusion = "diskExclusion" in item ? item.diskExclusion : undefined;
  if (exclusion === undefined) return false;
  if (isUnknown(exclusion)) return UNKNOWN;
  if (lun === undefined) return false; // the OS disk, or a disk without a LUN: it cannot be listed
  const inclusion = exclusion.isInclusionList;
  if (isUnknown(inclusion) || isUnknown(lun) || exclusion.luns.some((l) => isUnknown(l))) return UNKNOWN;
  const listed = exclusion.luns.includes(lun);
  return inclusion ? !listed : listed;
}

/** Whether every given protection of a VM leaves the disk out of the backup (UNKNOWN when one cannot say). */
export function isDiskExcludedEverywhere(protections: { item: ProtectedItem | ProtectionIntent }[], lun: Known<number | undefined> | undefined): Known<boolean> {
  let undecided = false;
  for (const { item } of protections) {
    const excluded = isDiskExcluded(item, lun);
    if (excluded === false) return false;
    if (isUnknown(excluded)) undecided = true;
  }
  return undecided ? UNKNOWN : protections.length > 0;
}

function diskLabel(disk: Disk, fallback: string): string {
  return typeof disk.name === "string" && disk.name ? `${fallback} "${disk.name}"` : fallback;
}

/** Normalizes an Azure region for comparison: "East US" and "eastus" are the same region. */
export function normalizeRegion(location: string): string {
  return location.replace(/[\s_-]/g, "").toLowerCase();
}

/**
 * The power state without its prefix: "VM running" and "PowerState/running" both read "running".
 * Values: running, starting, stopping, stopped, deallocating, deallocated, unknown.
 */
export function powerStateCode(state: string): string {
  return state
    .trim()
    .replace(/^powerstate\//i, "")
    .replace(/^vm\s+/i, "")
    .toLowerCase();
}

/** A stable key for a VM (its id, else its name), for counting distinct VMs. */
export function vmKey(vm: VirtualMachine): string {
  return vm.ref.id ? normalizeId(vm.ref.id) : `name:${vmLabel(vm).toLowerCase()}`;
}
