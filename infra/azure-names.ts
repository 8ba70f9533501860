/**
 * Azure resource IDs and the names Azure Backup gives its containers and items.
 * infra/ is the product users deploy, so it carries its own small helpers instead of importing the checker's.
 */
import { createHash } from "node:crypto";

export interface VmRef {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

const VM_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i;

/** Parses `/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>`. */
export function parseVmId(id: string): VmRef | undefined {
  const m = VM_ID.exec(id.trim());
  return m ? { id: id.trim(), subscriptionId: m[1]!, resourceGroup: m[2]!, name: m[3]! } : undefined;
}

/** Azure Backup's container for a VM protected as a whole: `iaasvmcontainer;iaasvmcontainerv2;<rg>;<vm>`. */
export function vmContainerName(vm: VmRef): string {
  return `iaasvmcontainer;iaasvmcontainerv2;${vm.resourceGroup};${vm.name}`;
}

/** Azure Backup's protected item name for a whole VM: `vm;iaasvmcontainerv2;<rg>;<vm>`. */
export function vmItemName(vm: VmRef): string {
  return `vm;iaasvmcontainerv2;${vm.resourceGroup};${vm.name}`;
}

/** Azure Backup's container for the SQL workload on a VM: `VMAppContainer;Compute;<rg>;<vm>`. */
export function sqlContainerName(vm: VmRef): string {
  return `VMAppContainer;Compute;${vm.resourceGroup};${vm.name}`;
}

/** Azure Backup's protected item name for a SQL database: `SQLDataBase;<instance>;<database>`. */
export function sqlItemName(instance: string, database: string): string {
  return `SQLDataBase;${instance};${database}`;
}

/** The protectable item an auto-protection intent targets: `SQLInstance;<instance>` (Azure lower-cases it). */
export function sqlInstanceItemName(instance: string): string {
  return `SQLInstance;${instance}`.toLowerCase();
}

/**
 * A stable GUID derived from a string (the RFC 4122 name-based layout over SHA-1), for resources whose Azure name
 * must be a GUID: role assignments, protection intents. Stable names keep `pulumi up` from replacing them.
 */
export function stableGuid(...parts: string[]): string {
  const hash = createHash("sha1").update(parts.join("|").toLowerCase()).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Service-tag region suffixes (`AzureBackup.WestEurope`) for the regions people deploy to most. Others can be given
 * explicitly with `network.serviceTagRegion`.
 */
export const SERVICE_TAG_REGIONS: Readonly<Record<string, string>> = {
  australiacentral: "AustraliaCentral",
  australiaeast: "AustraliaEast",
  australiasoutheast: "AustraliaSoutheast",
  brazilsouth: "BrazilSouth",
  canadacentral: "CanadaCentral",
  canadaeast: "CanadaEast",
  centralindia: "CentralIndia",
  centralus: "CentralUS",
  eastasia: "EastAsia",
  eastus: "EastUS",
  eastus2: "EastUS2",
  francecentral: "FranceCentral",
  germanywestcentral: "GermanyWestCentral",
  italynorth: "ItalyNorth",
  japaneast: "JapanEast",
  japanwest: "JapanWest",
  koreacentral: "KoreaCentral",
  northcentralus: "NorthCentralUS",
  northeurope: "NorthEurope",
  norwayeast: "NorwayEast",
  polandcentral: "PolandCentral",
  southafricanorth: "SouthAfricaNorth",
  southcentralus: "SouthCentralUS",
  southeastasia: "SoutheastAsia",
  southindia: "SouthIndia",
  swedencentral: "SwedenCentral",
  switzerlandnorth: "SwitzerlandNorth",
  uaenorth: "UAENorth",
  uksouth: "UKSouth",
  ukwest: "UKWest",
  westcentralus: "WestCentralUS",
  westeurope: "WestEurope",
  westus: "WestUS",
  westus2: "WestUS2",
  westus3: "WestUS3",
};

/** `westeurope` → `WestEurope`; undefined when the region is not in the table. */
export function serviceTagRegion(location: string): string | undefined {
  return SERVICE_TAG_REGIONS[location.replace(/\s+/g, "").toLowerCase()];
}
