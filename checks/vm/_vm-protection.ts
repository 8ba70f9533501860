/**
 * Shared reading of Azure VM protection for the vm and linux rules: which model VMs Azure Backup protects, with which
 * item, policy and vault, plus small readers for disks, policy type and power state that keep `Known` values honest.
 */
import type { RuleContext } from "../../src/engine/types.js";
import { normalizeId } from "../../src/model/ids.js";
import type { BackupPolicy, Disk, ProtectedItem, ProtectionIntent, Vault, VirtualMachine } from "../../src/model/types.js";
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

/** Every VM-backup item or VM protection intent in the model joined to its VM (items whose VM is not in the model are left out). */
export function vmProtections(ctx: RuleContext, options: { includeInactive?: boolean } = {}): VmProtection[] {
  const out: VmProtection[] = [];
  const items: (ProtectedItem | ProtectionIntent)[] = [
    ...ctx.model.protectedItems.filter((it) => it.workload === "vm"),
    ...ctx.model.protectionIntents.filter((it) => it.workload === "vm"),
  ];
  for (const item of items) {
    if (!options.includeInactive && !isActive(item)) continue;
    const vm = ctx.model.vms.find((v) => ctx.index.itemIsOnVm(item, v));
    if (!vm) continue;
    out.push({ vm, item, policy: ctx.index.policyOf(item), vault: ctx.index.vaultOfItem(item) });
  }
  return out;
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

/** The VM's name for messages (the Azure name when known, else the resource name). */
export function vmLabel(vm: VirtualMachine): string {
  return typeof vm.vmName === "string" ? vm.vmName : vm.ref.name;
}

export function policyLabel(policy: BackupPolicy): string {
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
