/**
 * A healthy live estate built from Azure's REST examples in shared/azure-rest-examples: one Recovery Services vault
 * (GETVault) with the VM and SQL example policies, the example protected items and intent, vault configs and jobs,
 * plus an example NSG — rebased onto one subscription so that ids agree, as they do in a real estate.
 */
import { readFileSync } from "node:fs";
import { sharedPath } from "../harness/shared.js";
import type { Estate, VaultContent } from "./fake-arm.js";

export const SUB = "00000000-0000-0000-0000-000000000000";
export const RG = "SwaggerTestRg";
export const VAULT = "NetSDKTestRsVault";
export const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/${VAULT}`;
export const NET_RG = "rg-net";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function example(path: string, status = "200"): Json {
  const doc = JSON.parse(readFileSync(sharedPath("azure-rest-examples", ...path.split("/")), "utf8")) as Json;
  return JSON.parse(JSON.stringify(doc.responses[status].body)) as Json;
}

/** Rewrites every `/subscriptions/<from>/resourceGroups/<rg>` (any case) in a body to the estate's subscription and group. */
function rebase<T>(value: T, fromSub: string, fromGroup: string, toGroup: string): T {
  const text = JSON.stringify(value).replace(
    new RegExp(`/subscriptions/${fromSub}/resourceGroups/${fromGroup}`, "gi"),
    `/subscriptions/${SUB}/resourceGroups/${toGroup}`,
  );
  return JSON.parse(text) as T;
}

/** Resource Graph rows carry the lower-case type, the subscription and the resource group at the top level. */
function graphRow(resource: Json, resourceGroup: string): Json {
  return { ...resource, type: String(resource.type).toLowerCase(), subscriptionId: SUB, resourceGroup };
}

export function vaultRow(): Json {
  const vault = example("recoveryservices/GETVault.json");
  vault.id = VAULT_ID;
  vault.name = VAULT;
  return graphRow(vault, RG);
}

export function nsgRow(): Json {
  return graphRow(rebase(example("network/NetworkSecurityGroupGet.json"), "subid", "rg1", NET_RG), NET_RG);
}

export function routeTableRow(): Json {
  return graphRow(rebase(example("network/RouteTableGet.json"), "subid", "rg1", NET_RG), NET_RG);
}

export function vaultContent(): VaultContent {
  const policies = [
    ...example("recoveryservicesbackup/AzureIaasVm/BackupPolicies_List.json").value,
    ...example("recoveryservicesbackup/AzureWorkload/BackupPolicies_List.json").value,
  ];
  const vaultConfig = example("recoveryservicesbackup/Common/BackupResourceVaultConfigs_Get.json");
  vaultConfig.id = `${VAULT_ID}/backupconfig/vaultconfig`;
  vaultConfig.properties = { ...vaultConfig.properties, softDeleteFeatureState: "Enabled", softDeleteRetentionPeriodInDays: 14 };
  const storageConfig = example("recoveryservicesbackup/Common/BackupStorageConfig_Get.json");
  storageConfig.id = `${VAULT_ID}/backupstorageconfig/vaultstorageconfig`;
  return {
    policies,
    protectedItems: example("recoveryservicesbackup/AzureIaasVm/BackupProtectedItems_List.json").value,
    intents: [],
    containers: [],
    vaultConfig,
    storageConfig,
    jobs: example("recoveryservicesbackup/Common/ListJobs.json").value.map((j: Json, i: number) => ({ ...j, id: `${VAULT_ID}/backupJobs/job-${i}`, name: `job-${i}` })),
  };
}

export function healthyEstate(): Estate {
  return {
    graph: { Resources: [vaultRow(), nsgRow(), routeTableRow()], ResourceContainers: [], PolicyResources: [] },
    vaults: { [VAULT_ID.toLowerCase()]: vaultContent() },
  };
}

/** A failed job as the Jobs API reports one: the example job, failed, with Azure's error details. */
export function failedJob(name: string, startTime: string, errors: { errorCode: string | number; errorString?: string; errorTitle?: string; recommendations?: string[] }[], over: Json = {}): Json {
  const job = example("recoveryservicesbackup/Common/GetJobDetails.json");
  job.id = `${VAULT_ID}/backupJobs/${name}`;
  job.name = name;
  job.properties = { ...job.properties, status: "Failed", startTime, endTime: startTime, errorDetails: errors, ...over };
  delete job.properties.extendedInfo;
  return job;
}
