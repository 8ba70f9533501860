import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromArm } from "../../src/adapters/arm.js";
import { fromPulumiResources } from "../../src/adapters/pulumi-resources.js";
import { UNKNOWN } from "../../src/model/unknown.js";
import { repoRoot } from "../harness/shared.js";

const KV = "/subscriptions/s1/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv1";
const fixture = (f: string) => JSON.parse(readFileSync(join(repoRoot, "test", "fixtures", "e2e", "coverage", "vm", f), "utf8"));

describe("Azure Disk Encryption and key vaults", () => {
  it("reads ADE from the extension `az vm show` lists and a key vault from `az keyvault show`", () => {
    const vm = fromArm(fixture("vm-show-ade.json"), "vm.json").vms[0]!;
    expect(vm.diskEncryption).toMatchObject({ usesKek: true, from: "extension", secretVaultId: expect.stringMatching(/vaults\/kv-ade-prod$/), kekVaultId: expect.stringMatching(/kv-ade-prod$/) });
    const kv = fromArm(fixture("keyvault-show-ade.json"), "kv.json").keyVaults[0]!;
    expect(kv).toMatchObject({ vaultName: "kv-ade-prod", resourceGroup: "rg-sec", enableRbacAuthorization: false });
    expect(kv.accessPolicies).toHaveLength(2);
    expect(kv.accessPolicies).toContainEqual(expect.objectContaining({ secrets: ["get", "list", "backup"] }));
  });

  it("reads ADE from storageProfile.osDisk.encryptionSettings (BEK only) and ignores a VM without it", () => {
    const vm = (osDisk: Record<string, unknown>) =>
      fromArm({ id: "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", properties: { storageProfile: { osDisk } } }, "vm.json").vms[0]!;
    const settings = { enabled: true, diskEncryptionKey: { secretUrl: "https://kv1.vault.azure.net/secrets/bek/1", sourceVault: { id: KV } } };
    expect(vm({ encryptionSettings: settings }).diskEncryption).toEqual({ secretVaultId: KV, kekVaultId: undefined, usesKek: false, from: "osDisk.encryptionSettings" });
    expect(vm({ encryptionSettings: { ...settings, enabled: false } }).diskEncryption).toBeUndefined();
    expect(vm({ name: "os" }).diskEncryption).toBeUndefined();
  });

  it("maps azure-native:keyvault:Vault and keeps computed access policies unknown", () => {
    const model = fromPulumiResources(
      [{ type: "azure-native:keyvault:Vault", name: "kv", urn: "urn:pulumi:dev::p::azure-native:keyvault:Vault::kv", inputs: { resourceGroupName: "rg-sec", vaultName: "kv1", properties: { enableRbacAuthorization: true, accessPolicies: UNKNOWN } } }],
      { adapter: "program" },
    );
    expect(model.keyVaults[0]).toMatchObject({ vaultName: "kv1", resourceGroup: "rg-sec", enableRbacAuthorization: true, accessPolicies: UNKNOWN });
  });
});
