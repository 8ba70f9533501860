/**
 * Golden protected-VM estates for the vm and linux rule tests: vault + Enhanced VM policy + VM + its protected item,
 * each replaceable with an override, plus a VM read from Azure's own REST examples.
 */
import { readFileSync } from "node:fs";
import type { Disk, InventoryVm, Model, ProtectedItem, ResourceRef, VirtualMachine } from "../../../src/model/types.js";
import { build, ids } from "../../harness/build.js";
import { sharedPath } from "../../harness/shared.js";

type VmOverrides = Parameters<typeof build.vm>[1];
type ItemOverrides = Parameters<typeof build.vmItem>[1];
type PolicyOverrides = Parameters<typeof build.vmPolicy>[0];
type VaultOverrides = Parameters<typeof build.vault>[0];
type InventoryOverrides = Parameters<typeof build.inventoryVm>[1];

export const VM_NAME = "appvm01";

export interface EstateOptions {
  vm?: VmOverrides;
  item?: ItemOverrides;
  policy?: PolicyOverrides;
  vault?: VaultOverrides;
  /** Workload inventory facts for the VM; none by default. */
  inventory?: InventoryOverrides;
  /** More entities (a second vault, another VM, ...). */
  extra?: { ref: ResourceRef }[];
}

/** One Windows VM protected by the golden Enhanced policy in the golden vault. */
export function estate(o: EstateOptions = {}): Model {
  const entities: { ref: ResourceRef }[] = [
    build.vault(o.vault),
    build.vmPolicy(o.policy),
    build.vm(VM_NAME, o.vm),
    build.vmItem(VM_NAME, o.item),
  ];
  if (o.inventory) entities.push(build.inventoryVm(VM_NAME, o.inventory));
  entities.push(...(o.extra ?? []));
  return build.model(...entities);
}

/** The golden estate protected by a Standard (V1) policy instead. */
export function standardPolicyEstate(o: EstateOptions = {}): Model {
  return estate({
    ...o,
    item: { policyId: ids.policy("vm-standard-daily"), ...o.item },
    policy: { name: "vm-standard-daily", policyName: "vm-standard-daily", vmPolicyType: "V1", schedule: { type: "SimpleSchedulePolicy", frequency: "Daily", runTimes: ["2026-01-01T02:00:00Z"], runDays: undefined }, instantRpRetentionDays: 2, ...o.policy },
  });
}

/** A protected Linux VM with the golden pre/post-script framework in its inventory. */
export function linuxEstate(o: EstateOptions & { app?: InventoryVm["linuxAppConsistency"] } = {}): Model {
  return estate({
    ...o,
    vm: { os: "linux", ...o.vm },
    inventory: { os: "linux", agentVersion: "2.9.1.1", linuxAppConsistency: o.app ?? build.linuxAppConsistency(), ...o.inventory },
  });
}

export function dataDisk(lun: number, o: Partial<Disk> = {}): Disk {
  return { name: `${VM_NAME}-data${lun}`, lun, sizeGb: 1024, storageAccountType: "Premium_LRS", managed: true, maxShares: 1, ...o };
}

/** `count` VM backup items in the golden vault, for limit tests. */
export function manyVmItems(count: number, o: ItemOverrides = {}, prefix = "bulkvm"): ProtectedItem[] {
  return Array.from({ length: count }, (_, i) => build.vmItem(`${prefix}${String(i).padStart(4, "0")}`, o));
}

interface ArmDisk {
  name?: string;
  lun?: number;
  diskSizeGB?: number;
  managedDisk?: { storageAccountType?: string };
}

/**
 * The VM of Azure's REST example `compute/virtualMachineExamples/VirtualMachine_Get.json` (with its instance view
 * from `VirtualMachine_Get_InstanceView.json`), read field by field into the model. Not an adapter: just what the
 * vm rules read, so that tests prove a real, compliant Azure VM passes.
 */
export function exampleVm(): VirtualMachine {
  const read = (file: string) => JSON.parse(readFileSync(sharedPath("azure-rest-examples", "compute", "virtualMachineExamples", file), "utf8"));
  const body = read("VirtualMachine_Get.json").responses["200"].body;
  const view = read("VirtualMachine_Get_InstanceView.json").responses["200"].body;
  const storage = body.properties.storageProfile;
  const disk = (d: ArmDisk): Disk => ({
    name: d.name,
    lun: d.lun,
    sizeGb: d.diskSizeGB,
    storageAccountType: d.managedDisk?.storageAccountType,
    managed: d.managedDisk !== undefined,
    maxShares: undefined,
    ephemeral: false,
  });
  const power = (view.statuses as { code: string; displayStatus: string }[]).find((s) => s.code.startsWith("PowerState/"));
  return {
    ref: build.vm(body.name, { id: body.id }).ref,
    vmName: body.name,
    resourceGroup: "myResourceGroup",
    subscriptionId: "{subscription-id}",
    location: body.location,
    tags: body.tags,
    os: storage.osDisk.osType === "Windows" ? "windows" : "linux",
    vmSize: body.properties.hardwareProfile.vmSize,
    osDisk: disk(storage.osDisk),
    dataDisks: (storage.dataDisks as ArmDisk[]).map(disk),
    nicIds: [],
    securityType: body.properties.securityProfile?.securityType,
    powerState: power?.displayStatus,
    provisioningState: body.properties.provisioningState,
    provisionVmAgent: body.properties.osProfile.windowsConfiguration.provisionVMAgent,
    agentVersion: view.vmAgent.vmAgentVersion,
  };
}

/** The example VM protected by the golden Enhanced policy in a vault of its own region and subscription. */
export function exampleEstate(): Model {
  const vm = exampleVm();
  return build.model(
    build.vault({ location: "westus", subscriptionId: "{subscription-id}" }),
    build.vmPolicy(),
    vm,
    build.vmItem("myVM", { sourceResourceId: vm.ref.id }),
  );
}
