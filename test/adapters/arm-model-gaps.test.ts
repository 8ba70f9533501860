/**
 * ARM adapter: the optional model fields later rule families read (VM provisioning state, selective disk backup,
 * assignment overrides and resource selectors, exemption selectors, management groups, the vault's locked storage
 * type and multi-user authorization, monthly/yearly retention days). Real REST example bodies where they carry the
 * field; otherwise hand-written bodies in the shapes azure-rest-api-specs documents.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import sharedDisks from "../../checks/vm/shared-disks.js";
import vmProvisioningFailed from "../../checks/vm/vm-provisioning-failed.js";
import { applyVaultConfigs, fromArm } from "../../src/adapters/arm.js";
import { foldSharedDisks } from "../../src/adapters/disks.js";
import { foldManagementGroups } from "../../src/adapters/management-groups.js";
import { runRules } from "../../src/engine/run.js";
import { mergeModels, type Model } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { evaluatePolicies, managementGroupsAbove } from "../../src/policy-eval/index.js";
import { resourceGroupTarget } from "../../src/policy-eval/targets.js";
import { sharedPath } from "../harness/shared.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A REST example's request (`parameters`) and response bodies. */
function example(relative: string): { parameters: Json; responses: Record<string, { body?: Json }> } {
  return JSON.parse(readFileSync(sharedPath("azure-rest-examples", relative), "utf8"));
}
const body = (relative: string, status = "200"): Json => structuredClone(example(relative).responses[status]!.body!);

const SUB = "00000000-0000-0000-0000-000000000000";
const VM_ID = `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app01`;

describe("VM provisioning state (VM-012)", () => {
  const vmBody = (): Json => {
    const vm: Json = { ...body("compute/virtualMachineExamples/VirtualMachine_Get.json"), id: VM_ID, name: "app01" };
    delete vm.resources;
    return vm;
  };

  it("reads properties.provisioningState of the real VM example", () => {
    expect(fromArm(body("compute/virtualMachineExamples/VirtualMachine_Get.json"), "vm.json").vms[0]!.provisioningState).toBe("Succeeded");
  });

  it("reads the instance view's ProvisioningState status (az vm get-instance-view)", () => {
    const vm = vmBody();
    delete vm.properties.provisioningState;
    vm.properties.instanceView = body("compute/virtualMachineExamples/VirtualMachine_Get_InstanceView.json");
    expect(fromArm(vm, "vm.json").vms[0]!.provisioningState).toBe("Succeeded");
  });

  it("a failed instance-view status (ProvisioningState/failed/<code>) wins and reads as Failed", () => {
    const vm = vmBody();
    const view = body("compute/virtualMachineExamples/VirtualMachine_Get_InstanceView.json");
    view.statuses[0] = { code: "ProvisioningState/failed/VMExtensionProvisioningError", level: "Error", displayStatus: "Provisioning failed" };
    vm.properties.instanceView = view;
    expect(fromArm(vm, "vm.json").vms[0]!.provisioningState).toBe("Failed");
  });

  it("reads the CLI's flattened top-level provisioningState (az vm show -d)", () => {
    const flat = { id: VM_ID, name: "app01", type: "Microsoft.Compute/virtualMachines", provisioningState: "Updating", powerState: "VM running" };
    expect(fromArm(flat, "vm.json").vms[0]!.provisioningState).toBe("Updating");
  });

  it("leaves it out when the source does not have it", () => {
    expect("provisioningState" in fromArm({ id: VM_ID, name: "app01", type: "Microsoft.Compute/virtualMachines", properties: {} }, "vm.json").vms[0]!).toBe(false);
  });

  it("end to end: VM-012 fails a protected VM whose provisioning failed", () => {
    const vm = vmBody();
    vm.properties.provisioningState = "Failed";
    const item = body("recoveryservicesbackup/AzureIaasVm/Compute_ProtectedItem_Get.json");
    Object.assign(item.properties, { sourceResourceId: VM_ID, virtualMachineId: VM_ID });
    const report = runRules(fromArm([vm, item], "estate.json"), [vmProvisioningFailed]);
    expect(report.findings.map((f) => [f.ruleId, f.status, f.messageId])).toEqual([["VM-012", "fail", "provisioningFailed"]]);
  });
});

describe("selective disk backup on a VM protected item (VM-009)", () => {
  const item = (exclusion: unknown): Json => {
    const b = body("recoveryservicesbackup/AzureIaasVm/Compute_ProtectedItem_Get.json");
    b.properties.extendedProperties = { diskExclusionProperties: exclusion };
    return b;
  };

  it("reads diskLunList and isInclusionList", () => {
    expect(fromArm(item({ diskLunList: [0, 2], isInclusionList: false }), "i.json").protectedItems[0]!.diskExclusion).toEqual({ luns: [0, 2], isInclusionList: false });
    expect(fromArm(item({ diskLunList: [], isInclusionList: true }), "i.json").protectedItems[0]!.diskExclusion).toEqual({ luns: [], isInclusionList: true });
  });

  it("an item without the setting backs up every disk", () => {
    expect(fromArm(body("recoveryservicesbackup/AzureIaasVm/Compute_ProtectedItem_Get.json"), "i.json").protectedItems[0]!.diskExclusion).toBeUndefined();
    expect(fromArm(item({}), "i.json").protectedItems[0]!.diskExclusion).toBeUndefined();
  });

  it("LUNs without isInclusionList cannot be read either way: unknown direction", () => {
    const exclusion = fromArm(item({ diskLunList: [1] }), "i.json").protectedItems[0]!.diskExclusion;
    expect(exclusion && !isUnknown(exclusion) && isUnknown(exclusion.isInclusionList)).toBe(true);
  });

  it("refuses a wrong shape with the path", () => {
    expect(() => fromArm(item({ diskLunList: "1,2", isInclusionList: false }), "i.json")).toThrow("i.json at properties.extendedProperties.diskExclusionProperties.diskLunList: expected an array");
  });

  it("end to end: VM-009 passes once the shared disk's LUN is excluded, and fails while it is backed up", () => {
    const diskId = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/disks/${name}`;
    const vm = {
      id: VM_ID, name: "app01", type: "Microsoft.Compute/virtualMachines", location: "westus",
      properties: { storageProfile: { osDisk: { osType: "Windows", name: "os" }, dataDisks: [
        { lun: 0, name: "data0", createOption: "Attach", managedDisk: { id: diskId("data0") } },
        { lun: 1, name: "shared1", createOption: "Attach", managedDisk: { id: diskId("SHARED1") } },
      ] } },
    };
    // `az disk show`: maxShares is a property of the disk, not of the VM's data disk.
    const disk = (name: string, maxShares: number) => ({ id: diskId(name), name, type: "Microsoft.Compute/disks", location: "westus", sku: { name: "Premium_LRS" }, properties: { diskSizeGB: 256, maxShares, creationData: { createOption: "Empty" } } });
    const policy = body("recoveryservicesbackup/AzureIaasVm/V2Policy/v2-Get-Policy.json");
    const protectedItem = (exclusion: unknown) => {
      const b = item(exclusion);
      Object.assign(b.properties, { sourceResourceId: VM_ID, virtualMachineId: VM_ID, policyId: policy.id });
      return b;
    };
    const run = (exclusion: unknown) => {
      const model = fromArm([vm, disk("data0", 1), disk("shared1", 2), policy, protectedItem(exclusion)], "estate.json");
      const report = runRules(model, [sharedDisks]);
      return { findings: report.findings.map((f) => [f.status, f.messageId]), passed: report.passes.length };
    };
    expect(run({ diskLunList: [1], isInclusionList: false })).toEqual({ findings: [], passed: 1 });
    expect(run({ diskLunList: [0], isInclusionList: true })).toEqual({ findings: [], passed: 1 });
    expect(run({ diskLunList: [0], isInclusionList: false })).toEqual({ findings: [["fail", "sharedDiskIncluded"]], passed: 0 });
    expect(run({ diskLunList: [1] })).toEqual({ findings: [["unknown", "exclusionUnknown"]], passed: 0 });
  });
});

describe("shared disks: maxShares of the disk resource folds into the VM's data disk", () => {
  const diskId = `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/disks/quorum`;
  const vm = { id: VM_ID, name: "app01", type: "Microsoft.Compute/virtualMachines", properties: { storageProfile: { dataDisks: [{ lun: 0, name: "quorum", createOption: "Attach", managedDisk: { id: diskId.toUpperCase(), storageAccountType: "Premium_LRS" } }] } } };
  const disk = { id: diskId, name: "quorum", type: "Microsoft.Compute/disks", location: "westus", properties: { diskSizeGB: 256, maxShares: 3 } };
  const shares = (model: Model) => (model.vms[0]!.dataDisks as { maxShares?: unknown }[])[0]!.maxShares;

  it("joins by managedDisk.id (case-insensitive) in one file; the disk stays a counted other resource", () => {
    const model = fromArm([vm, disk], "a.json");
    expect(shares(model)).toBe(3);
    expect(model.otherResources.map((r) => r.type)).toEqual(["Microsoft.Compute/disks"]);
  });

  it("joins across --arm files once merged, and says nothing without the disk", () => {
    expect(shares(fromArm(vm, "vm.json"))).toBeUndefined();
    const merged = mergeModels(fromArm(vm, "vm.json"), fromArm({ value: [disk] }, "disks.json"));
    foldSharedDisks(merged);
    expect(shares(merged)).toBe(3);
  });
});

describe("policy assignment overrides and resource selectors", () => {
  it("reads the overrides of getPolicyAssignmentWithOverrides as Azure wrote them", () => {
    const file = "policy/getPolicyAssignmentWithOverrides.json";
    const assignment = fromArm(body(file), file).policyAssignments[0]!;
    expect(assignment.overrides).toEqual(body(file).properties.overrides);
    expect(assignment.overrides).toEqual([{ kind: "policyEffect", value: "Audit", selectors: [{ kind: "policyDefinitionReferenceId", in: ["Limit_Skus", "Limit_Locations"] }] }]);
  });

  it("reads resource selectors, and leaves both out when the assignment has none", () => {
    const assignment = body("policy/createPolicyAssignment.json", "201");
    expect(fromArm(assignment, "a.json").policyAssignments[0]!.overrides).toBeUndefined();
    expect(fromArm(assignment, "a.json").policyAssignments[0]!.resourceSelectors).toBeUndefined();
    assignment.properties.resourceSelectors = [{ name: "SDPRegions", selectors: [{ kind: "resourceLocation", in: ["eastus"] }] }];
    assignment.properties.overrides = [];
    const mapped = fromArm(assignment, "a.json").policyAssignments[0]!;
    expect(mapped.resourceSelectors).toEqual([{ name: "SDPRegions", selectors: [{ kind: "resourceLocation", in: ["eastus"] }] }]);
    expect(mapped.overrides).toEqual([]);
  });

  it("refuses an override list that is not a list of objects", () => {
    const assignment = body("policy/createPolicyAssignment.json", "201");
    assignment.properties.overrides = { kind: "policyEffect", value: "Audit" };
    expect(() => fromArm(assignment, "a.json")).toThrow("a.json at properties.overrides: expected an array, found an object");
    assignment.properties.overrides = ["Audit"];
    expect(() => fromArm(assignment, "a.json")).toThrow("a.json at properties.overrides[0]: expected an object");
  });

  it("reads an exemption's resource selectors", () => {
    const exemption = body("policy/createOrUpdatePolicyExemption.json", "201");
    expect(fromArm(exemption, "e.json").policyExemptions[0]!.resourceSelectors).toBeUndefined();
    exemption.properties.resourceSelectors = [{ name: "onlyEastUs", selectors: [{ kind: "resourceLocation", in: ["eastus"] }] }];
    expect(fromArm(exemption, "e.json").policyExemptions[0]!.resourceSelectors).toEqual([{ name: "onlyEastUs", selectors: [{ kind: "resourceLocation", in: ["eastus"] }] }]);
  });
});

describe("vault: multi-user authorization and the locked storage type", () => {
  it("reads securitySettings.multiUserAuthorization from the real vault GET", () => {
    expect(fromArm(body("recoveryservices/GETVault.json"), "v.json").vaults[0]!.multiUserAuthorization).toBe("Disabled");
    expect(fromArm(body("recoveryservices/PUTVault.json"), "v.json").vaults[0]!.multiUserAuthorization).toBeUndefined();
  });

  it("reads resourceGuardOperationRequests from the PUT request of a vault with MUA", () => {
    const request = example("recoveryservices/PUTVault_ResourceGuardEnabled.json").parameters.vault as Json;
    const vault = fromArm({ ...request, id: body("recoveryservices/PUTVault_ResourceGuardEnabled.json").id, type: "Microsoft.RecoveryServices/vaults" }, "v.json").vaults[0]!;
    expect(vault.resourceGuardOperationRequests).toEqual([
      "/subscriptions/38304e13-357e-405e-9e9a-220351dcce8c/resourcegroups/ankurResourceGuard1/providers/Microsoft.DataProtection/resourceGuards/ResourceGuard38-1/modifyEncryptionSettings/default",
    ]);
  });

  it("folds storageTypeState (Locked / Unlocked) of backupstorageconfig into the vault, also across files", () => {
    const locked = body("recoveryservicesbackup/Common/BackupStorageConfig_Get.json");
    const unlocked = body("recoveryservicesbackup/Common/BackupStorageConfig_Put.json");
    const vaultId = (locked.id as string).replace(/\/backupstorageconfig\/.*$/, "");
    const vault = { id: vaultId, name: "PySDKBackupTestRsVault", type: "Microsoft.RecoveryServices/vaults", location: "westus", properties: {} };
    expect(fromArm([vault, locked], "a.json").vaults[0]).toMatchObject({ storageRedundancy: "GeoRedundant", storageRedundancyLocked: true });
    expect(fromArm([vault, unlocked], "a.json").vaults[0]).toMatchObject({ storageRedundancy: "LocallyRedundant", storageRedundancyLocked: false });
    expect(fromArm([vault], "a.json").vaults[0]!.storageRedundancyLocked).toBeUndefined();
    // Two --arm files: the vault in one, its storage config in the other (what loadSources does after merging).
    const merged = mergeModels(fromArm(vault, "vault.json"), fromArm(locked, "storage.json"));
    expect(merged.vaults[0]!.storageRedundancyLocked).toBeUndefined();
    applyVaultConfigs(merged);
    expect(merged.vaults[0]!.storageRedundancyLocked).toBe(true);
  });

  it("an Invalid storage type state says nothing", () => {
    const invalid = body("recoveryservicesbackup/Common/BackupStorageConfig_Get.json");
    invalid.properties.storageTypeState = "Invalid";
    const vaultId = (invalid.id as string).replace(/\/backupstorageconfig\/.*$/, "");
    const model = fromArm([{ id: vaultId, name: "v", type: "Microsoft.RecoveryServices/vaults", properties: {} }, invalid], "a.json");
    expect(model.vaults[0]!.storageRedundancyLocked).toBeUndefined();
  });
});

describe("monthly and yearly retention: which backups each bucket keeps", () => {
  it("reads retentionScheduleWeekly from the real complex VM policy", () => {
    const policy = fromArm(body("recoveryservicesbackup/AzureIaasVm/ProtectionPolicies_CreateOrUpdate_Complex.json"), "p.json").backupPolicies[0]!;
    expect(policy.retention?.monthly).toMatchObject({ format: "Weekly", daysOfTheWeek: ["Wednesday", "Thursday"], weeksOfTheMonth: ["First", "Third"] });
    expect(policy.retention?.yearly).toMatchObject({ format: "Weekly", daysOfTheWeek: ["Monday", "Thursday"] });
    expect(policy.retention?.monthly?.daysOfTheMonth).toBeUndefined();
  });

  it("reads retentionScheduleDaily.daysOfTheMonth (a null weekly schedule is absent)", () => {
    const policy = body("recoveryservicesbackup/AzureIaasVm/V2Policy/v2-Get-Policy.json");
    policy.properties.retentionPolicy.monthlySchedule = {
      retentionScheduleFormatType: "Daily",
      retentionScheduleDaily: { daysOfTheMonth: [{ date: 1, isLast: false }, { date: 0, isLast: true }] },
      retentionScheduleWeekly: null,
      retentionTimes: ["2021-12-17T08:00:00+00:00"],
      retentionDuration: { count: 12, durationType: "Months" },
    };
    const monthly = fromArm(policy, "p.json").backupPolicies[0]!.retention?.monthly;
    expect(monthly?.daysOfTheMonth).toEqual([{ date: 1, isLast: false }, { date: 0, isLast: true }]);
    expect(monthly?.daysOfTheWeek).toBeUndefined();
  });
});

describe("management groups", () => {
  const MG = "/providers/Microsoft.Management/managementGroups";
  const TENANT = "20000000-0000-0000-0000-000000000000";
  // The body of ManagementGroups_Get (azure-rest-api-specs, managementgroups 2023-04-01 GetManagementGroup.json).
  const group1 = (): Json => ({
    id: `${MG}/20000000-0001-0000-0000-000000000000`,
    type: "Microsoft.Management/managementGroups",
    name: "20000000-0001-0000-0000-000000000000",
    properties: {
      tenantId: TENANT,
      displayName: "Group 1 Tenant 2",
      details: { version: 1, updatedTime: "2018-01-01T00:00:00.00Z", updatedBy: "16b8ef21-5c9f-420c-bcc9-e4f8c9f30b4b", parent: { id: `${MG}/RootGroup`, name: "RootGroup", displayName: "RootGroup" } },
    },
  });
  // AddManagementGroupSubscription.json's response body (its id starts with a space, as in the spec).
  const placement = (group: string, sub: string): Json => ({
    name: sub,
    id: ` ${MG}/${group}/subscriptions/${sub}`,
    type: "Microsoft.Management/managementGroups/subscriptions",
    properties: { displayName: group, parent: { id: `${MG}/${group}` }, state: "Active", tenant: "e751ac82-623b-4913-8d74-22637c832373" },
  });

  it("reads a group and its parent (GET)", () => {
    const model = fromArm(group1(), "mg.json");
    expect(model.managementGroups).toHaveLength(1);
    expect(model.managementGroups[0]).toMatchObject({ groupName: "20000000-0001-0000-0000-000000000000", parentName: "RootGroup", subscriptionIds: undefined });
    expect(model.managementGroups[0]!.ref).toMatchObject({ kind: "managementGroup", id: `${MG}/20000000-0001-0000-0000-000000000000`, source: { adapter: "arm", file: "mg.json" } });
  });

  it("the tenant root group has no parent; a listed group without details has an unknown one", () => {
    const root = { id: `${MG}/${TENANT}`, type: "Microsoft.Management/managementGroups", name: TENANT, properties: { tenantId: TENANT, displayName: "Tenant Root Group", details: { version: 1 } } };
    expect(fromArm(root, "r.json").managementGroups[0]!.parentName).toBeUndefined();
    // ManagementGroups_List returns ManagementGroupInfo: no details.
    const listed = { value: [{ id: `${MG}/Group`, type: "Microsoft.Management/managementGroups", name: "Group", properties: { tenantId: TENANT, displayName: "Group" } }] };
    expect(isUnknown(fromArm(listed, "l.json").managementGroups[0]!.parentName)).toBe(true);
  });

  it("reads an expanded, recursive group (az account management-group show --expand --recurse)", () => {
    const shown = {
      id: `${MG}/contoso`, name: "contoso", type: "Microsoft.Management/managementGroups", tenantId: TENANT, displayName: "Contoso",
      details: { parent: { id: `${MG}/${TENANT}`, name: TENANT, displayName: "Tenant Root Group" } },
      children: [
        { id: "/subscriptions/11111111-1111-1111-1111-111111111111", name: "11111111-1111-1111-1111-111111111111", type: "/subscriptions", displayName: "Shared", children: null },
        {
          id: `${MG}/contoso-landingzones`, name: "contoso-landingzones", type: "Microsoft.Management/managementGroups", displayName: "Landing zones",
          children: [
            { id: `/subscriptions/${SUB}`, name: SUB, type: "/subscriptions", displayName: "Prod" },
            { id: `${MG}/corp`, name: "corp", type: "Microsoft.Management/managementGroups", displayName: "Corp", children: null },
          ],
        },
      ],
    };
    const model = fromArm(shown, "tree.json");
    expect(model.managementGroups.map((g) => [g.groupName, g.parentName, g.subscriptionIds])).toEqual([
      ["contoso", TENANT, ["11111111-1111-1111-1111-111111111111"]],
      ["contoso-landingzones", "contoso", [SUB]],
      ["corp", "contoso-landingzones", undefined],
    ]);
    expect(model.managementGroups[1]!.ref.source.pointer).toBe("children[1]");
    expect(managementGroupsAbove(model, SUB)).toEqual({ names: ["contoso-landingzones", "contoso", TENANT.toLowerCase()], complete: false });
  });

  it("places a subscription through its managementGroups/subscriptions resource, in the same file or another", () => {
    const same = fromArm([group1(), placement("20000000-0001-0000-0000-000000000000", SUB)], "a.json");
    expect(same.managementGroups).toHaveLength(1);
    expect(same.managementGroups[0]!.subscriptionIds).toEqual([SUB]);
    expect(same.otherResources.map((r) => r.type)).toEqual(["Microsoft.Management/managementGroups/subscriptions"]);
    // The group in one --arm file, the placement in another: folded once the files are merged.
    const merged = mergeModels(fromArm(group1(), "mg.json"), fromArm(placement("20000000-0001-0000-0000-000000000000", SUB), "sub.json"));
    foldManagementGroups(merged);
    expect(merged.managementGroups).toHaveLength(1);
    expect(merged.managementGroups[0]).toMatchObject({ groupName: "20000000-0001-0000-0000-000000000000", parentName: "RootGroup", subscriptionIds: [SUB] });
    // The placement file first: the group's own resource still names the merged group.
    const reversed = mergeModels(fromArm(placement("20000000-0001-0000-0000-000000000000", SUB), "sub.json"), fromArm(group1(), "mg.json"));
    foldManagementGroups(reversed);
    expect(reversed.managementGroups).toHaveLength(1);
    expect(reversed.managementGroups[0]).toMatchObject({ parentName: "RootGroup", subscriptionIds: [SUB], ref: { source: { file: "mg.json" } } });
  });

  it("a placement alone still says which group holds the subscription (its parent unknown)", () => {
    const model = fromArm(placement("Group", "728bcbe4-8d56-4510-86c2-4921b8beefbc"), "sub.json");
    expect(model.managementGroups.map((g) => [g.groupName, g.subscriptionIds])).toEqual([["Group", ["728bcbe4-8d56-4510-86c2-4921b8beefbc"]]]);
    expect(isUnknown(model.managementGroups[0]!.parentName)).toBe(true);
  });

  it("reads Resource Graph subscription rows' managementGroupAncestorsChain into one chain", () => {
    const row = (sub: string, chain: string[]) => ({
      id: `/subscriptions/${sub}`, name: `sub ${sub}`, type: "microsoft.resources/subscriptions", subscriptionId: sub, tenantId: TENANT,
      properties: { state: "Enabled", managementGroupAncestorsChain: chain.map((name) => ({ name, displayName: name })) },
    });
    const model = fromArm({ totalRecords: 2, count: 2, data: [row(SUB, ["corp", "contoso", TENANT]), row("22222222-2222-2222-2222-222222222222", ["contoso", TENANT])] }, "graph.json");
    expect(model.managementGroups.map((g) => [g.groupName, g.parentName, g.subscriptionIds])).toEqual([
      ["corp", "contoso", [SUB]],
      ["contoso", TENANT, ["22222222-2222-2222-2222-222222222222"]],
      [TENANT, undefined, undefined],
    ]);
    expect(managementGroupsAbove(model, SUB)).toEqual({ names: ["corp", "contoso", TENANT.toLowerCase()], complete: true });
    expect(model.otherResources).toHaveLength(2);
  });

  it("end to end: an assignment at a management group is placed once the groups are in the model", () => {
    const assignment = {
      id: `${MG}/contoso/providers/Microsoft.Authorization/policyAssignments/require-costcenter`,
      name: "require-costcenter",
      type: "Microsoft.Authorization/policyAssignments",
      properties: { scope: `${MG}/contoso`, policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/96670d01-0a4d-4649-9c89-2d3abc0a5025", parameters: { tagName: { value: "costCenter" } }, enforcementMode: "Default" },
    };
    const target = resourceGroupTarget({ subscriptionId: SUB, name: "AzureBackupRG_westus_1", location: "westus", tags: {} });
    const verdicts = (model: Model) => {
      const e = evaluatePolicies(model, target, { now: new Date("2026-06-01T00:00:00Z") });
      return { blocking: e.blocking.map((v) => v.assignmentName), uncertain: e.uncertain.map((v) => v.assignmentName) };
    };
    expect(verdicts(fromArm([assignment], "a.json"))).toEqual({ blocking: [], uncertain: ["require-costcenter"] });
    const row = { id: `/subscriptions/${SUB}`, name: "Prod", type: "microsoft.resources/subscriptions", subscriptionId: SUB, properties: { managementGroupAncestorsChain: [{ name: "contoso-landingzones" }, { name: "contoso" }, { name: TENANT }] } };
    expect(verdicts(fromArm([assignment, row], "a.json"))).toEqual({ blocking: ["require-costcenter"], uncertain: [] });
    const elsewhere = { ...row, properties: { managementGroupAncestorsChain: [{ name: "sandbox" }, { name: TENANT }] } };
    expect(verdicts(fromArm([assignment, elsewhere], "a.json"))).toEqual({ blocking: [], uncertain: [] });
  });
});
