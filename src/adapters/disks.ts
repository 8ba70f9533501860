/**
 * Shared disks: `maxShares` is a property of the managed disk resource (ARM `Microsoft.Compute/disks`, azure-native
 * `compute:Disk`), not of the VM's `storageProfile.dataDisks`. The disk resources stay counted as other resources;
 * their `maxShares` is folded into the VM data disks that attach them, by `managedDisk.id` (case-insensitive), or,
 * when the id is computed at preview, by the data disk's name. Runs per source and again once every source is merged.
 */
import { normalizeId, sameName } from "../model/ids.js";
import type { Disk, Model, ResourceRef } from "../model/types.js";
import { isUnknown, type Known } from "../model/unknown.js";

/** `managedDisk.id` of each mapped VM disk (the model's Disk does not keep it). */
const attachedIds = new WeakMap<Disk, Known<string>>();

export function rememberAttachedDisk(disk: Disk, managedDiskId: Known<string | undefined>): void {
  if (managedDiskId !== undefined) attachedIds.set(disk, managedDiskId);
}

export interface ManagedDiskFacts {
  /** The disk's Azure id, when known. */
  id: string | undefined;
  /** The disk's Azure name. */
  name: Known<string | undefined>;
  resourceGroup: Known<string | undefined>;
  maxShares: Known<number | undefined>;
}

const disksByCarrier = new WeakMap<ResourceRef, ManagedDiskFacts>();

export function recordManagedDisk(carrier: ResourceRef, facts: ManagedDiskFacts): void {
  disksByCarrier.set(carrier, facts);
}

export function foldSharedDisks(model: Model): void {
  const disks = model.otherResources.map((r) => disksByCarrier.get(r)).filter((d): d is ManagedDiskFacts => d !== undefined);
  if (disks.length === 0) return;
  const byId = new Map<string, ManagedDiskFacts>();
  for (const d of disks) if (d.id) byId.set(normalizeId(d.id), d);
  for (const vm of model.vms) {
    if (vm.dataDisks === undefined || isUnknown(vm.dataDisks)) continue;
    for (const disk of vm.dataDisks) {
      if (disk.maxShares !== undefined) continue;
      const id = attachedIds.get(disk);
      if (id === undefined) continue;
      let match: ManagedDiskFacts | undefined;
      if (typeof id === "string") match = byId.get(normalizeId(id));
      else {
        // The id is computed at preview: a disk of the same name in the same resource group (names are unique there).
        const named = disks.filter((d) => sameName(d.name, disk.name) && (isUnknown(d.resourceGroup) || isUnknown(vm.resourceGroup) || d.resourceGroup === undefined || vm.resourceGroup === undefined || sameName(d.resourceGroup, vm.resourceGroup)));
        if (named.length === 1) match = named[0];
        // Not matched, but a shared disk could be the one attached: unknown rather than "not shared".
        else if (disks.some((d) => isUnknown(d.maxShares) || (typeof d.maxShares === "number" && d.maxShares > 1))) {
          disk.maxShares = { $unknown: true, reason: "the attached disk is computed at preview and a shared disk is defined" };
        }
      }
      if (match && match.maxShares !== undefined) disk.maxShares = match.maxShares;
    }
  }
}
