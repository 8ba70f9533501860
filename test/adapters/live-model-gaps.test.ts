/**
 * The live audit maps what it reads with the ARM adapter: the fields the adapter now fills reach its model too —
 * the subscription's management groups (Resource Graph subscription rows), the vault's locked storage type
 * (backupstorageconfig) and multi-user authorization, a VM's provisioning state. An in-memory reader stands in for
 * Azure; the rows are Azure's REST examples where they exist.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { graphQueries, readLiveEstate } from "../../src/audit/live.js";
import type { AzureReader, Page, VaultAddress } from "../../src/audit/reader.js";
import { managementGroupsAbove } from "../../src/policy-eval/index.js";
import { sharedPath } from "../harness/shared.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const body = (relative: string): Json => structuredClone(JSON.parse(readFileSync(sharedPath("azure-rest-examples", relative), "utf8")).responses["200"].body);

const SUB = "00000000-0000-0000-0000-000000000000";
const TENANT = "72f988bf-0000-0000-0000-000000000000";
const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod`;
const NOW = new Date("2026-06-01T00:00:00Z");
const SHARED_DISK_ID = `/subscriptions/${SUB}/resourceGroups/rg-cluster/providers/Microsoft.Compute/disks/quorum`;

/** Resource Graph rows as the service returns them: lower-case type, subscriptionId and resourceGroup columns. */
function rows(): Json[] {
  const vault = { ...body("recoveryservices/GETVault.json"), id: VAULT_ID, name: "rsv-prod", type: "microsoft.recoveryservices/vaults", subscriptionId: SUB, resourceGroup: "rg-backup" };
  const vm: Json = { ...body("compute/virtualMachineExamples/VirtualMachine_Get.json"), id: `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app01`, name: "app01", type: "microsoft.compute/virtualmachines", subscriptionId: SUB, resourceGroup: "rg-app" };
  delete vm.resources;
  vm.properties.provisioningState = "Failed";
  vm.properties.storageProfile.dataDisks = [{ lun: 0, name: "quorum", createOption: "Attach", managedDisk: { id: SHARED_DISK_ID } }];
  const disk = { id: SHARED_DISK_ID, name: "quorum", type: "microsoft.compute/disks", subscriptionId: SUB, resourceGroup: "rg-cluster", location: "westus", properties: { diskSizeGB: 256, maxShares: 2 } };
  const subscription = {
    id: `/subscriptions/${SUB}`, name: "Production", type: "microsoft.resources/subscriptions", subscriptionId: SUB, tenantId: TENANT,
    properties: { state: "Enabled", managementGroupAncestorsChain: [{ name: "landingzones", displayName: "Landing zones" }, { name: "contoso", displayName: "Contoso" }, { name: TENANT, displayName: "Tenant Root Group" }] },
  };
  return [vault, vm, disk, subscription];
}

/** Answers each Resource Graph query with the rows whose type it names; the vault's backup lists are empty. */
class ExampleReader implements AzureReader {
  readonly queries: string[] = [];
  async *queryResourceGraph(query: string): AsyncIterable<Page> {
    this.queries.push(query);
    const named = [...query.matchAll(/'([^']+)'/g)].map((m) => m[1]!.toLowerCase());
    yield rows().filter((r) => named.includes(String(r.type).toLowerCase()));
  }
  async *listBackupPolicies(): AsyncIterable<Page> {}
  async *listProtectedItems(): AsyncIterable<Page> {}
  async *listProtectionIntents(): AsyncIterable<Page> {}
  async *listProtectionContainers(): AsyncIterable<Page> {}
  async getVaultConfig(v: VaultAddress): Promise<unknown> {
    return { ...body("recoveryservicesbackup/Common/BackupResourceVaultConfigs_Get.json"), id: `${VAULT_ID}/backupconfig/vaultconfig`, name: v.vaultName };
  }
  async getStorageConfig(): Promise<unknown> {
    return { ...body("recoveryservicesbackup/Common/BackupStorageConfig_Get.json"), id: `${VAULT_ID}/backupstorageconfig/vaultstorageconfig` };
  }
  async *listFailedJobs(): AsyncIterable<Page> {}
  async getJob(): Promise<unknown> {
    return undefined;
  }
  async *listRuleCollectionGroups(): AsyncIterable<Page> {}
}

describe("live audit: the fields the adapters fill reach the audited model", () => {
  it("asks Resource Graph for the subscriptions' management-group chain and for shared disks in any resource group", () => {
    const queries = graphQueries({ subscriptions: [SUB], resourceGroup: "rg-app", since: NOW, now: NOW });
    expect(queries.find((q) => q.collections.includes("managementGroups"))?.query).toContain("union (ResourceContainers | where type =~ 'microsoft.resources/subscriptions')");
    const vms = queries.find((q) => q.collections.includes("vms"))!.query;
    expect(vms).toMatch(/\| union \(Resources \| where type =~ 'microsoft\.compute\/disks' \| where toint\(properties\.maxShares\) > 1\)$/);
  });

  it("places the subscription in its management groups, and reads the vault and VM fields", async () => {
    const reader = new ExampleReader();
    const { model, gaps } = await readLiveEstate(reader, { subscriptions: [SUB], since: new Date("2026-05-31T00:00:00Z"), now: NOW });
    expect(gaps).toEqual([]);
    expect(managementGroupsAbove(model, SUB)).toEqual({ names: ["landingzones", "contoso", TENANT], complete: true });
    expect(model.managementGroups.every((g) => g.ref.source.adapter === "live")).toBe(true);
    expect(model.vaults[0]).toMatchObject({ storageRedundancy: "GeoRedundant", storageRedundancyLocked: true, multiUserAuthorization: "Disabled" });
    expect(model.vms[0]!.provisioningState).toBe("Failed");
    expect((model.vms[0]!.dataDisks as { maxShares?: unknown }[])[0]!.maxShares).toBe(2);
  });
});
