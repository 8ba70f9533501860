/**
 * A healthy live estate built from Azure's REST examples in shared/azure-rest-examples: one Recovery Services vault
 * (GETVault) with the VM and SQL example policies, the example protected items and intent, vault configs and jobs,
 * plus an example NSG — rebased onto one subscription so that ids agree, as they do in a real estate.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, sharedPath } from "../harness/shared.js";
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

// ---------------------------------------------------------------------------------------------------------------
// A forced-tunnelled SQL VM behind a policy-managed Azure Firewall, from the `az ... show` dumps of the network e2e
// scenario (test/fixtures/e2e/network), turned into what Resource Graph and ARM return: REST shape, `properties`.

export const HUB_SUB = "5b8e2f1a-0c3d-4e5f-8a9b-1c2d3e4f5a6b";
export const FW_POLICY_ID = `/subscriptions/${HUB_SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/afwp-hub`;
const HUB_VAULT_ID = `/subscriptions/${HUB_SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod`;

function networkFixture(name: string): Json {
  return JSON.parse(readFileSync(join(repoRoot, "test", "fixtures", "e2e", "network", name), "utf8")) as Json;
}

/** The Azure CLI flattens `properties` to the top; ARM and Resource Graph keep them nested. */
const ENVELOPE = new Set(["id", "name", "type", "location", "tags", "etag", "zones", "identity", "resourceGroup", "properties"]);
function restShape(flat: Json): Json {
  if (flat.properties) return flat;
  const out: Json = { properties: {} };
  for (const [k, v] of Object.entries(flat)) (ENVELOPE.has(k) ? out : out.properties)[k] = v;
  return out;
}

function hubRow(resource: Json): Json {
  const r = restShape(resource);
  const resourceGroup = /\/resourceGroups\/([^/]+)/i.exec(String(r.id))![1]!;
  return { ...r, type: String(r.type).toLowerCase(), subscriptionId: HUB_SUB, resourceGroup };
}

/** The rule collection groups as ARM lists them (REST shape). */
export function hubRuleCollectionGroups(): Json[] {
  return (networkFixture("firewall-policy-rcg-list.json") as unknown as Json[]).map((g) => {
    const { id, name, type, etag, resourceGroup: _rg, ...properties } = g;
    return { id, name, type, etag, properties };
  });
}

export function forcedTunnelEstate(): Estate {
  const subnet = networkFixture("subnet-show.json");
  const { id: subnetId, name: subnetName, type: _t, resourceGroup: _g, ...subnetProps } = subnet;
  const vnet = {
    id: String(subnetId).replace(/\/subnets\/[^/]+$/, ""),
    name: "vnet-hub-spoke",
    type: "Microsoft.Network/virtualNetworks",
    location: "westeurope",
    properties: { addressSpace: { addressPrefixes: ["10.20.0.0/16"] }, subnets: [{ id: subnetId, name: subnetName, properties: subnetProps }] },
  };
  const firewall = networkFixture("firewall.json");
  delete firewall.properties.applicationRuleCollections;
  delete firewall.properties.networkRuleCollections;
  firewall.properties.firewallPolicy = { id: FW_POLICY_ID };
  const vault = networkFixture("vault-show.json");
  const Resources = [
    hubRow(vault),
    hubRow(networkFixture("vm-show.json")),
    hubRow(networkFixture("nic-show.json")),
    hubRow(vnet),
    hubRow(networkFixture("nsg-nic-show.json")),
    hubRow(networkFixture("nsg-subnet-show.json")),
    hubRow(networkFixture("route-table-show.json")),
    hubRow(firewall),
    hubRow(networkFixture("firewall-policy-show.json")),
  ];
  const content = vaultContent();
  const rebased: VaultContent = {
    ...content,
    policies: [],
    protectedItems: networkFixture("backup-items.json") as unknown as Json[],
    jobs: [],
    vaultConfig: { ...(content.vaultConfig as Json), id: `${HUB_VAULT_ID}/backupconfig/vaultconfig` },
    storageConfig: { ...(content.storageConfig as Json), id: `${HUB_VAULT_ID}/backupstorageconfig/vaultstorageconfig` },
  };
  return {
    graph: { Resources, ResourceContainers: [], PolicyResources: [] },
    vaults: { [HUB_VAULT_ID.toLowerCase()]: rebased },
    ruleCollectionGroups: { [FW_POLICY_ID.toLowerCase()]: hubRuleCollectionGroups() },
  };
}
