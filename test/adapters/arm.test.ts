import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rules } from "../../checks/index.js";
import { fromArm, typeFromId } from "../../src/adapters/arm.js";
import { runRules } from "../../src/engine/run.js";
import { InputError } from "../../src/errors.js";
import { ModelIndex } from "../../src/model/lookups.js";
import { mergeModels, type EntityCollection } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { build } from "../harness/build.js";
import { sharedPath } from "../harness/shared.js";

/** The response body of a REST example (`{ parameters, responses: { "200": { body } } }`). */
function exampleBody(relative: string): unknown {
  const example = JSON.parse(readFileSync(sharedPath("azure-rest-examples", relative), "utf8")) as { responses: Record<string, { body?: unknown }> };
  const code = ["200", "201"].find((c) => example.responses[c]?.body !== undefined);
  if (!code) throw new Error(`${relative} has no 200/201 body`);
  return example.responses[code]!.body;
}

/** Every example the ARM adapter must load, with the collection it must fill. Listed explicitly: the test cannot pass on zero files. */
const EXAMPLES: [string, EntityCollection, number][] = [
  ["recoveryservices/GETVault.json", "vaults", 1],
  ["recoveryservices/ListBySubscriptionIds.json", "vaults", 3],
  ["recoveryservices/ListResources.json", "vaults", 3],
  ["recoveryservices/PUTVault.json", "vaults", 1],
  ["recoveryservices/PUTVault_ResourceGuardEnabled.json", "vaults", 1],
  ["recoveryservices/PUTVault_WithRedundancySettings.json", "vaults", 1],
  ["recoveryservicesbackup/AzureIaasVm/BackupPolicies_List.json", "backupPolicies", 2],
  ["recoveryservicesbackup/AzureIaasVm/ProtectionPolicies_CreateOrUpdate_Complex.json", "backupPolicies", 1],
  ["recoveryservicesbackup/AzureIaasVm/ProtectionPolicies_CreateOrUpdate_Simple.json", "backupPolicies", 1],
  ["recoveryservicesbackup/AzureIaasVm/ProtectionPolicies_Get.json", "backupPolicies", 1],
  ["recoveryservicesbackup/AzureIaasVm/V2Policy/IaaS_v2_daily.json", "backupPolicies", 1],
  ["recoveryservicesbackup/AzureIaasVm/V2Policy/IaaS_v2_hourly.json", "backupPolicies", 1],
  ["recoveryservicesbackup/AzureIaasVm/V2Policy/v2-Get-Policy.json", "backupPolicies", 1],
  ["recoveryservicesbackup/AzureIaasVm/V2Policy/v2-List-Policies.json", "backupPolicies", 3],
  ["recoveryservicesbackup/AzureWorkload/BackupPolicies_List.json", "backupPolicies", 1],
  ["recoveryservicesbackup/AzureWorkload/ProtectionPolicies_CreateOrUpdate_Complex.json", "backupPolicies", 1],
  ["recoveryservicesbackup/AzureIaasVm/BackupProtectedItems_List.json", "protectedItems", 1],
  ["recoveryservicesbackup/AzureIaasVm/ClassicCompute_ProtectedItem_Get.json", "protectedItems", 1],
  ["recoveryservicesbackup/AzureIaasVm/Compute_ProtectedItem_Get.json", "protectedItems", 1],
  ["recoveryservicesbackup/AzureIaasVm/ConfigureProtection.json", "protectedItems", 1],
  ["recoveryservicesbackup/AzureIaasVm/StopProtection.json", "protectedItems", 1],
  ["recoveryservicesbackup/AzureIaasVm/ProtectionIntent_CreateOrUpdate.json", "protectionIntents", 1],
  ["recoveryservicesbackup/AzureWorkload/BackupProtectionIntent_Get.json", "protectionIntents", 1],
  ["recoveryservicesbackup/AzureWorkload/BackupProtectionIntent_List.json", "protectionIntents", 1],
  ["recoveryservicesbackup/AzureWorkload/ProtectionContainers_Get.json", "protectionContainers", 1],
  ["recoveryservicesbackup/Common/GetJobDetails.json", "backupJobs", 1],
  ["recoveryservicesbackup/Common/ListJobs.json", "backupJobs", 2],
  ["recoveryservicesbackup/Common/ListJobsWithAllSupportedFilters.json", "backupJobs", 1],
  ["recoveryservicesbackup/Common/ListJobsWithStartTimeAndEndTimeFilters.json", "backupJobs", 2],
  ["compute/virtualMachineExamples/VirtualMachine_Get.json", "vms", 1],
  ["network/NetworkInterfaceGet.json", "nics", 1],
  ["network/NetworkSecurityGroupGet.json", "nsgs", 1],
  ["network/NetworkSecurityGroupCreateWithRule.json", "nsgs", 1],
  ["network/RouteTableGet.json", "routeTables", 1],
  ["network/SubnetGet.json", "subnets", 1],
  ["policy/createOrUpdatePolicyDefinition.json", "policyDefinitions", 1],
  ["policy/getPolicyDefinition.json", "policyDefinitions", 1],
  ["policy/createPolicyAssignment.json", "policyAssignments", 1],
  ["policy/createPolicyAssignmentNonComplianceMessages.json", "policyAssignments", 1],
  ["policy/createPolicyAssignmentWithoutEnforcement.json", "policyAssignments", 1],
  ["policy/getPolicyAssignment.json", "policyAssignments", 1],
  ["policy/getPolicyAssignmentWithOverrides.json", "policyAssignments", 1],
  ["policy/createOrUpdatePolicyExemption.json", "policyExemptions", 1],
  ["policy/listPolicyExemptionsForSubscription.json", "policyExemptions", 2],
  ["resourcegraph/ResourcesBasicQuery.json", "nics", 1],
  ["recoveryservicesbackup/Common/BackupStorageConfig_Get.json", "vaults", 0],
  ["recoveryservicesbackup/Common/BackupResourceVaultConfigs_Get.json", "vaults", 0],
];

/** Resources the adapter keeps only as counted "other" resources. */
const OTHER_ONLY = [
  "recoveryservices/GETVaultExtendedInfo.json",
  "recoveryservicesbackup/BackupResourceEncryptionConfig_Get.json",
  "recoveryservicesbackup/Dpm/BackupEngines_List.json",
  "resourcegraph/ResourcesFirstPageQuery.json",
  "resourcegraph/ResourcesNextPageQuery.json",
  "network/ServiceTagsList.json",
];

const policyRules = rules.filter((r) => r.area === "policy");

describe("ARM adapter on the real REST examples", () => {
  it.each(EXAMPLES)("%s loads into %s", (file, collection, count) => {
    const model = fromArm(exampleBody(file), file);
    expect(model[collection]).toHaveLength(count);
    for (const entity of model[collection] as { ref: { source: { adapter: string; file?: string } } }[]) {
      expect(entity.ref.source).toMatchObject({ adapter: "arm", file });
    }
    // No example is a misconfiguration of the kind the policy-area rules look for.
    const report = runRules(model, policyRules);
    expect(report.findings.filter((f) => f.status === "fail")).toEqual([]);
  });

  it.each(OTHER_ONLY)("%s loads as other resources", (file) => {
    const model = fromArm(exampleBody(file), file);
    expect(model.otherResources.length).toBeGreaterThan(0);
    expect(model.otherResources.every((r) => r.kind === "other")).toBe(true);
  });

  it("reads a vault's redundancy, CRR, identity and tags", () => {
    const vault = fromArm(exampleBody("recoveryservices/PUTVault_WithRedundancySettings.json"), "v.json").vaults[0]!;
    expect(vault).toMatchObject({
      vaultName: "swaggerExample",
      resourceGroup: "Default-RecoveryServices-ResourceGroup",
      subscriptionId: "77777777-b0c6-47a2-b37c-d8e65a629c18",
      location: "westus",
      skuName: "RS0",
      storageRedundancy: "GeoRedundant",
      crossRegionRestore: true,
      publicNetworkAccess: "Enabled",
      identityType: "SystemAssigned",
      tags: { TestUpdatedKey: "TestUpdatedValue" },
    });
    expect(vault.ref).toMatchObject({ kind: "vault", name: "swaggerExample", type: "Microsoft.RecoveryServices/vaults", source: { pointer: "" } });
  });

  it("reads a SQL policy's sub-policies and a list pointer", () => {
    const model = fromArm(exampleBody("recoveryservicesbackup/AzureWorkload/BackupPolicies_List.json"), "p.json");
    const policy = model.backupPolicies[0]!;
    expect(policy.ref.source.pointer).toBe("value[0]");
    expect(policy).toMatchObject({ policyName: "HourlyLogBackup", vaultName: "NetSDKTestRsVault", workload: "sql", workloadType: "SQLDataBase", timeZone: "UTC", sqlCompression: false });
    const subs = policy.subPolicies as { policyType: string; schedule?: { frequency?: unknown; frequencyInMinutes?: unknown } }[];
    expect(subs.map((s) => s.policyType)).toEqual(["Full", "Log"]);
    expect(subs[0]!.schedule?.frequency).toBe("Daily");
    expect(subs[1]!.schedule?.frequencyInMinutes).toBe(60);
  });

  it("reads an enhanced hourly VM policy", () => {
    const policy = fromArm(exampleBody("recoveryservicesbackup/AzureIaasVm/V2Policy/IaaS_v2_hourly.json"), "h.json").backupPolicies[0]!;
    expect(policy.workload).toBe("vm");
    expect(policy.vmPolicyType).toBe("V2");
    expect(policy.schedule?.type).toBe("SimpleSchedulePolicyV2");
    expect(policy.schedule?.frequency).toBe("Hourly");
    expect(policy.schedule?.hourly?.intervalHours).toEqual(expect.any(Number));
  });

  it("reads a VM protected item with its container and policy, and joins it to the policy", () => {
    const item = fromArm(exampleBody("recoveryservicesbackup/AzureIaasVm/Compute_ProtectedItem_Get.json"), "i.json").protectedItems[0]!;
    expect(item).toMatchObject({
      workload: "vm",
      vaultName: "PySDKBackupTestRsVault",
      containerName: "IaasVMContainer;iaasvmcontainerv2;iaasvm-rg;iaasvm-1",
      itemName: "VM;iaasvmcontainerv2;iaasvm-rg;iaasvm-1",
      protectionState: "Protected",
    });
    // Its policy, spelled with a different case (Azure compares ids case-insensitively).
    const policyId = (item.policyId as string).toUpperCase();
    const policies = fromArm({ id: policyId, name: "testPolicy1", type: "Microsoft.RecoveryServices/vaults/backupPolicies", properties: { backupManagementType: "AzureIaasVM" } }, "p.json");
    const policy = new ModelIndex(mergeModels(policies, { ...policies, backupPolicies: [], protectedItems: [item] })).policyOf(item);
    expect(policy === undefined || isUnknown(policy) ? undefined : policy.ref.source.file).toBe("p.json");
  });

  it("reads SQL auto-protection intents and VM intents", () => {
    const sql = fromArm(exampleBody("recoveryservicesbackup/AzureWorkload/BackupProtectionIntent_Get.json"), "s.json").protectionIntents[0]!;
    expect(sql).toMatchObject({ workload: "sqlInstance", sqlInstance: "MSSQLSERVER", vaultName: "myVault" });
    const vm = fromArm(exampleBody("recoveryservicesbackup/AzureIaasVm/ProtectionIntent_CreateOrUpdate.json"), "v.json").protectionIntents[0]!;
    expect(vm.workload).toBe("vm");
  });

  it("reads backup jobs", () => {
    const jobs = fromArm(exampleBody("recoveryservicesbackup/Common/ListJobs.json"), "j.json").backupJobs;
    expect(jobs.map((j) => [j.operation, j.status, j.entityFriendlyName, j.vaultName])).toEqual([
      ["Backup", "InProgress", "testvm", "NetSDKTestRsVault"],
      ["ConfigureBackup", "Completed", "testvm", "NetSDKTestRsVault"],
    ]);
    expect(jobs[1]!.endTime).toBe("2017-08-03T05:31:03.7553376Z");
    // The rule builders' job has the same fields as what the adapter produces.
    expect(Object.keys(jobs[1]!).sort()).toEqual(Object.keys(build.backupJob()).sort());
  });

  it("reads job error details, numeric codes included", () => {
    const job = {
      id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupJobs/j1",
      name: "j1",
      type: "Microsoft.RecoveryServices/vaults/backupJobs",
      properties: {
        jobType: "AzureIaaSVMJob", operation: "Backup", status: "Failed", entityFriendlyName: "vm1",
        errorDetails: [{ errorCode: 400090, errorTitle: "UserErrorVmNotShutDown", errorString: "VM is not in a state that allows backups.", recommendations: ["Shut down the VM"] }],
      },
    };
    expect(fromArm(job, "j.json").backupJobs[0]!.errors).toEqual([
      { code: "400090", title: "UserErrorVmNotShutDown", message: "VM is not in a state that allows backups.", recommendations: ["Shut down the VM"] },
    ]);
  });

  it("keeps NSG default rules out of securityRules", () => {
    const nsg = fromArm(exampleBody("network/NetworkSecurityGroupGet.json"), "n.json").nsgs[0]!;
    const rules = nsg.securityRules as { name: string; priority: unknown; destinationPortRanges: unknown }[];
    expect(rules.map((r) => [r.name, r.priority, r.destinationPortRanges])).toEqual([["rule1", 130, ["80"]]]);
  });

  it("reads a NIC's ip configurations and NSG", () => {
    const nic = fromArm(exampleBody("network/NetworkInterfaceGet.json"), "n.json").nics[0]!;
    const configs = nic.ipConfigurations as { name: unknown; subnetId: unknown }[];
    expect(configs.map((c) => c.name)).toEqual(["ipconfig1", "ipconfig2"]);
    expect(configs[0]!.subnetId).toMatch(/virtualNetworks\/rg1-vnet\/subnets\/default$/);
    expect(typeof nic.nsgId).toBe("string");
    expect(nic.primary).toBe(true);
  });

  it("reads a subnet whose body has no type, from its id", () => {
    const subnet = fromArm(exampleBody("network/SubnetGet.json"), "s.json").subnets[0]!;
    expect(subnet).toMatchObject({ subnetName: "subnet1", vnetName: "vnetname", resourceGroup: "subnet-test", addressPrefixes: ["10.0.0.0/16"] });
    expect(subnet.ref.type).toBe("Microsoft.Network/virtualNetworks/subnets");
  });

  it("reads a VM with an instance view (what az vm get-instance-view prints): power state and agent version", () => {
    const vm = exampleBody("compute/virtualMachineExamples/VirtualMachine_Get.json") as { properties: Record<string, unknown> };
    const instanceView = exampleBody("compute/virtualMachineExamples/VirtualMachine_Get_InstanceView.json") as Record<string, unknown>;
    const withView = { ...vm, properties: { ...vm.properties, instanceView } };
    const mapped = fromArm(withView, "vm.json").vms[0]!;
    expect(mapped.agentVersion).toBe("2.7.41491.949");
    expect(mapped.powerState).toBe("VM running");
    expect(mapped.os).toBe("windows");
    expect(Array.isArray(mapped.nicIds) && mapped.nicIds.length).toBeGreaterThan(0);
  });

  it("refuses a bare instance view with a hint, naming the file", () => {
    expect(() => fromArm(exampleBody("compute/virtualMachineExamples/VirtualMachine_Get_InstanceView.json"), "iv.json")).toThrow(/iv\.json: expected an Azure resource with an "id" or a "type" \(a VM instance view/);
  });

  it("unwraps policy assignment parameters", () => {
    const assignment = fromArm(exampleBody("policy/createPolicyAssignment.json"), "a.json").policyAssignments[0]!;
    expect(typeof assignment.scope).toBe("string");
    expect(assignment.parameters && !isUnknown(assignment.parameters) ? Object.values(assignment.parameters).every((v) => typeof v !== "object" || v === null || !("value" in (v as object))) : false).toBe(true);
  });
});

describe("ARM envelopes", () => {
  const vm = (name: string, extra: Record<string, unknown> = {}) => ({
    id: `/subscriptions/s1/resourceGroups/rg-sql/providers/Microsoft.Compute/virtualMachines/${name}`,
    name,
    type: "microsoft.compute/virtualmachines",
    ...extra,
  });

  it("reads a Resource Graph result with data as an array, lower-case types and top-level columns", () => {
    const model = fromArm({ totalRecords: 1, count: 1, data: [vm("vm1", { resourceGroup: "rg-sql", subscriptionId: "s1", properties: { extended: { instanceView: { powerState: { code: "PowerState/deallocated" } } } } })] }, "g.json");
    expect(model.vms[0]).toMatchObject({ vmName: "vm1", resourceGroup: "rg-sql", subscriptionId: "s1", powerState: "VM deallocated" });
    expect(model.vms[0]!.ref.source.pointer).toBe("data[0]");
  });

  it("reads the older SDK's dictionary-shaped data", () => {
    const model = fromArm({ data: { "0": vm("vm1"), "1": vm("vm2") } }, "g.json");
    expect(model.vms.map((v) => [v.vmName, v.ref.source.pointer])).toEqual([
      ["vm1", 'data["0"]'],
      ["vm2", 'data["1"]'],
    ]);
  });

  it("reads a bare array and a {value, nextLink} list", () => {
    expect(fromArm([vm("a"), vm("b")], "a.json").vms).toHaveLength(2);
    expect(fromArm({ value: [vm("a")], nextLink: "https://management.azure.com/next" }, "l.json").vms[0]!.ref.source.pointer).toBe("value[0]");
  });

  it("reads the multi-user authorization state Azure reports on a vault (read-only securitySettings.multiUserAuthorization)", () => {
    expect(fromArm(exampleBody("recoveryservices/GETVault.json"), "v.json").vaults[0]!.multiUserAuthorization).toBe("Disabled");
    const guarded = { id: "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv", name: "rsv", type: "Microsoft.RecoveryServices/vaults", properties: { securitySettings: { multiUserAuthorization: "Enabled" } } };
    expect(fromArm(guarded, "v.json").vaults[0]!.multiUserAuthorization).toBe("Enabled");
    const silent = { ...guarded, properties: {} };
    expect(fromArm(silent, "v.json").vaults[0]).not.toHaveProperty("multiUserAuthorization");
  });

  it("folds backup storage and backup config into the vault, also across files", () => {
    const vaultId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv";
    const vaultBody = { id: vaultId, name: "rsv", type: "Microsoft.RecoveryServices/vaults", properties: {} };
    const storage = { id: `${vaultId}/backupstorageconfig/vaultstorageconfig`, name: "vaultstorageconfig", type: "Microsoft.RecoveryServices/vaults/backupstorageconfig", properties: { storageModelType: "LocallyRedundant", crossRegionRestoreFlag: false } };
    const config = { id: `${vaultId}/backupconfig/vaultconfig`, name: "vaultconfig", type: "Microsoft.RecoveryServices/vaults/backupconfig", properties: { softDeleteFeatureState: "Enabled", softDeleteRetentionPeriodInDays: 14, enhancedSecurityState: "Enabled" } };
    const same = fromArm([vaultBody, storage, config], "all.json").vaults[0]!;
    expect(same).toMatchObject({ storageRedundancy: "LocallyRedundant", crossRegionRestore: false, softDelete: { state: "Enabled", retentionDays: 14, enhancedSecurityState: "Enabled" } });
  });

  it("merges a standalone security rule into the NSG in the same file", () => {
    const nsgId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg";
    const model = fromArm(
      [
        { id: nsgId, name: "nsg", type: "Microsoft.Network/networkSecurityGroups", properties: { securityRules: [] } },
        { id: `${nsgId}/securityRules/r1`, name: "r1", type: "Microsoft.Network/networkSecurityGroups/securityRules", properties: { priority: 100, direction: "Outbound", access: "Allow", protocol: "Tcp", destinationAddressPrefix: "AzureBackup", destinationPortRange: "443" } },
      ],
      "n.json",
    );
    const rules = model.nsgs[0]!.securityRules as { name: string }[];
    expect(rules.map((r) => r.name)).toEqual(["r1"]);
  });

  it("reads the Azure CLI's flattened output (az vm show, az network nsg show, az policy assignment show)", () => {
    const model = fromArm(
      [
        {
          id: "/subscriptions/s1/resourceGroups/rg-sql/providers/Microsoft.Compute/virtualMachines/vm1", name: "vm1", type: "Microsoft.Compute/virtualMachines", resourceGroup: "rg-sql",
          hardwareProfile: { vmSize: "Standard_D4s_v5" }, storageProfile: { osDisk: { osType: "Linux", managedDisk: { storageAccountType: "Premium_LRS" } } },
          networkProfile: { networkInterfaces: [{ id: "/subscriptions/s1/resourceGroups/rg-sql/providers/Microsoft.Network/networkInterfaces/vm1-nic", resourceGroup: "rg-sql" }] },
          instanceView: { vmAgent: { vmAgentVersion: "2.10.0.8" }, statuses: [{ code: "PowerState/running", displayStatus: "VM running" }] },
        },
        {
          id: "/subscriptions/s1/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/nsg", name: "nsg", type: "Microsoft.Network/networkSecurityGroups",
          securityRules: [{ name: "allow-backup", access: "Allow", direction: "Outbound", priority: 100, protocol: "Tcp", destinationAddressPrefix: "AzureBackup", destinationPortRange: "443", sourceAddressPrefix: "*", sourcePortRange: "*" }],
          defaultSecurityRules: [{ name: "DenyAllOutBound", access: "Deny", direction: "Outbound", priority: 65500, protocol: "*" }],
        },
        {
          id: "/subscriptions/s1/providers/Microsoft.Authorization/policyAssignments/a1", name: "a1", type: "Microsoft.Authorization/policyAssignments",
          scope: "/subscriptions/s1", policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/d1", enforcementMode: "Default", parameters: { tagName: { value: "costCenter" } },
        },
      ],
      "az.json",
    );
    expect(model.vms[0]).toMatchObject({ vmName: "vm1", os: "linux", vmSize: "Standard_D4s_v5", agentVersion: "2.10.0.8", powerState: "VM running" });
    const rules = model.nsgs[0]!.securityRules as { name: string; destinationAddressPrefixes: unknown }[];
    expect(rules.map((r) => [r.name, r.destinationAddressPrefixes])).toEqual([["allow-backup", ["AzureBackup"]]]);
    expect(model.policyAssignments[0]).toMatchObject({ scope: "/subscriptions/s1", enforcementMode: "Default", parameters: { tagName: "costCenter" } });
  });

  it("derives types from ids", () => {
    expect(typeFromId("/subscriptions/s/resourceGroups/rg")).toBe("Microsoft.Resources/resourceGroups");
    expect(typeFromId("/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupPolicies/p")).toBe("Microsoft.RecoveryServices/vaults/backupPolicies");
  });

  it("reports wrong shapes with the file and the path", () => {
    const policy = {
      value: [
        { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupPolicies/p", name: "p", type: "Microsoft.RecoveryServices/vaults/backupPolicies",
          properties: { backupManagementType: "AzureWorkload", workLoadType: "SQLDataBase", subProtectionPolicy: { policyType: "Full" } } },
      ],
    };
    expect(() => fromArm(policy, "p.json")).toThrow("p.json at value[0].properties.subProtectionPolicy: expected an array, found an object");
    expect(() => fromArm({ value: {} }, "v.json")).toThrow(InputError);
    expect(() => fromArm("text", "t.json")).toThrow(/t\.json: expected an ARM resource/);
    expect(() => fromArm([{ id: 5 }], "n.json")).toThrow("n.json at [0].id: expected a string, found number 5");
  });
});

describe("Azure CLI spellings of ARM properties", () => {
  // `az vm show` / `az network nic show` print the Python SDK's attribute names, which differ in case from ARM's.
  const sub = "/subscriptions/5b8e2f1a-0c3d-4e5f-8a9b-1c2d3e4f5a6b/resourceGroups/rg-sql/providers";
  const vmShow = (disk: Record<string, unknown>, agent: Record<string, unknown>) => ({
    id: `${sub}/Microsoft.Compute/virtualMachines/sqlvm01`,
    name: "sqlvm01",
    type: "Microsoft.Compute/virtualMachines",
    location: "westeurope",
    osProfile: { computerName: "sqlvm01", windowsConfiguration: agent },
    storageProfile: { osDisk: { osType: "Windows", name: "os", ...disk }, dataDisks: [{ lun: 0, name: "data", ...disk }] },
  });

  it("reads diskSizeGb and provisionVmAgent (az vm show) as diskSizeGB and provisionVMAgent (ARM)", () => {
    for (const [disk, agent] of [
      [{ diskSizeGb: 65536 }, { provisionVmAgent: false }],
      [{ diskSizeGB: 65536 }, { provisionVMAgent: false }],
    ] as const) {
      const vm = fromArm(vmShow(disk, agent), "vm.json").vms[0]!;
      expect(vm.osDisk?.sizeGb).toBe(65536);
      expect(vm.dataDisks).toEqual([expect.objectContaining({ lun: 0, sizeGb: 65536 })]);
      expect(vm.provisionVmAgent).toBe(false);
    }
  });

  it("reads a NIC's privateIpAddress (az network nic show)", () => {
    const nic = fromArm(
      {
        id: `${sub}/Microsoft.Network/networkInterfaces/sqlvm01-nic`,
        name: "sqlvm01-nic",
        type: "Microsoft.Network/networkInterfaces",
        ipConfigurations: [{ name: "ipconfig1", privateIpAddress: "10.1.2.4", subnet: { id: "/x/subnets/sql" } }],
      },
      "nic.json",
    ).nics[0]!;
    expect(nic.ipConfigurations).toEqual([expect.objectContaining({ privateIpAddress: "10.1.2.4" })]);
  });
});
