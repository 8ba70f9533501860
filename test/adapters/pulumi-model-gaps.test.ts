/**
 * Pulumi adapters (program records, `pulumi preview --json`, `pulumi stack export`): the optional model fields later
 * rule families read, from azure-native input shapes (and outputs / a preview's old state where Azure alone knows
 * the value). Hand-written resources in azure-native v3's shapes.
 */
import { describe, expect, it } from "vitest";
import redundancyChange from "../../checks/vault/redundancy-change-after-protection.js";
import sharedDisks from "../../checks/vm/shared-disks.js";
import vmProvisioningFailed from "../../checks/vm/vm-provisioning-failed.js";
import { fromArm } from "../../src/adapters/arm.js";
import { fromPreview } from "../../src/adapters/preview.js";
import { fromPulumiResources, type PulumiResourceRecord } from "../../src/adapters/pulumi-resources.js";
import { fromStackExport } from "../../src/adapters/state.js";
import { runRules } from "../../src/engine/run.js";
import { mergeModels, type Model } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { evaluatePolicies, managementGroupsAbove } from "../../src/policy-eval/index.js";
import { resourceGroupTarget } from "../../src/policy-eval/targets.js";

const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SUB = "11111111-2222-3333-4444-555555555555";
const urn = (type: string, name: string) => `urn:pulumi:dev::estate::${type}::${name}`;
const program = { adapter: "program" as const };
const NOW = new Date("2026-06-01T00:00:00Z");

function record(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PulumiResourceRecord> = {}): PulumiResourceRecord {
  return { type, name, urn: urn(type, name), inputs, ...extra };
}

/** A `pulumi stack export` holding the given resources (inputs, outputs, id). */
function stackExport(resources: PulumiResourceRecord[]): unknown {
  return { version: 3, deployment: { manifest: { time: "2026-05-01T00:00:00Z", magic: "x", version: "v3.200.0" }, resources: resources.map((r) => ({ urn: r.urn, custom: true, type: r.type, id: r.id, inputs: r.inputs, outputs: r.outputs ?? {} })) } };
}

const VM = "azure-native:compute:VirtualMachine";
const ITEM = "azure-native:recoveryservices:ProtectedItem";
const POLICY = "azure-native:recoveryservices:ProtectionPolicy";
const VAULT = "azure-native:recoveryservices:Vault";
const DEFINITION = "azure-native:authorization:PolicyDefinition";
const ASSIGNMENT = "azure-native:authorization:PolicyAssignment";
const EXEMPTION = "azure-native:authorization:PolicyExemption";
const GROUP = "azure-native:management:ManagementGroup";
const GROUP_SUB = "azure-native:management:ManagementGroupSubscription";
const DISK = "azure-native:compute:Disk";

const vmId = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/${name}`;
const vmInputs = (name: string, dataDisks: unknown[] = []) => ({
  resourceGroupName: "rg-app",
  vmName: name,
  location: "westeurope",
  hardwareProfile: { vmSize: "Standard_D4s_v5" },
  storageProfile: { osDisk: { createOption: "FromImage", osType: "Windows", managedDisk: { storageAccountType: "Premium_LRS" } }, dataDisks },
  osProfile: { computerName: name, adminUsername: "azureuser", adminPassword: "[secret]", windowsConfiguration: { provisionVMAgent: true } },
  networkProfile: { networkInterfaces: [{ id: `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Network/networkInterfaces/${name}-nic` }] },
});

describe("VM provisioning state (VM-012)", () => {
  it("a stack export's outputs say how Azure left the VM", () => {
    const vm = record(VM, "app01", vmInputs("app01"), { id: vmId("app01"), outputs: { id: vmId("app01"), name: "app01", provisioningState: "Failed" } });
    expect(fromStackExport(stackExport([vm]), "state.json").vms[0]!.provisioningState).toBe("Failed");
  });

  it("a program's inputs do not have it: VM-012 has nothing to check", () => {
    expect(fromPulumiResources([record(VM, "app01", vmInputs("app01"))], program).vms[0]!.provisioningState).toBeUndefined();
  });

  it("end to end on a stack export: VM-012 fails the protected VM", () => {
    const vm = record(VM, "app01", vmInputs("app01"), { id: vmId("app01"), outputs: { id: vmId("app01"), provisioningState: "Failed" } });
    const item = record(ITEM, "app01-backup", {
      resourceGroupName: "rg-backup", vaultName: "rsv-prod", fabricName: "Azure", containerName: "IaasVMContainer;iaasvmcontainerv2;rg-app;app01", protectedItemName: "VM;iaasvmcontainerv2;rg-app;app01",
      properties: { protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId: vmId("app01"), policyId: `/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod/backupPolicies/vm-daily` },
    });
    const findings = runRules(fromStackExport(stackExport([vm, item]), "state.json"), [vmProvisioningFailed]).findings;
    expect(findings.map((f) => [f.ruleId, f.status, f.data])).toEqual([["VM-012", "fail", { value: "Failed" }]]);
  });
});

describe("selective disk backup (VM-009)", () => {
  const item = (exclusion: unknown) =>
    record(ITEM, "app01-backup", {
      resourceGroupName: "rg-backup", vaultName: "rsv-prod", fabricName: "Azure", containerName: "IaasVMContainer;iaasvmcontainerv2;rg-app;app01", protectedItemName: "VM;iaasvmcontainerv2;rg-app;app01",
      properties: { protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId: vmId("app01"), extendedProperties: { diskExclusionProperties: exclusion } },
    });

  it("reads extendedProperties.diskExclusionProperties from the item's properties", () => {
    expect(fromPulumiResources([item({ diskLunList: [1], isInclusionList: false })], program).protectedItems[0]!.diskExclusion).toEqual({ luns: [1], isInclusionList: false });
  });

  it("a LUN computed at preview stays unknown; so does a whole unknown setting", () => {
    const partly = fromPulumiResources([item({ diskLunList: [0, U], isInclusionList: true })], program).protectedItems[0]!.diskExclusion;
    expect(partly && !isUnknown(partly) && isUnknown(partly.luns[1])).toBe(true);
    expect(isUnknown(fromPulumiResources([item(U)], program).protectedItems[0]!.diskExclusion)).toBe(true);
  });
});

describe("shared disks: maxShares of the disk resource folds into the VM's data disk", () => {
  const diskId = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/disks/${name}`;
  const disk = (name: string, maxShares: number, extra: Partial<PulumiResourceRecord> = {}) =>
    record(DISK, name, { resourceGroupName: "rg-app", diskName: name, location: "westeurope", sku: { name: "Premium_LRS" }, diskSizeGB: 256, maxShares, creationData: { createOption: "Empty" } }, extra);

  it("by managedDisk.id in a stack export", () => {
    const vm = record(VM, "app01", vmInputs("app01", [{ lun: 0, name: "quorum", createOption: "Attach", managedDisk: { id: diskId("quorum") } }]), { id: vmId("app01") });
    const model = fromStackExport(stackExport([disk("quorum", 2, { id: diskId("quorum") }), vm]), "state.json");
    expect((model.vms[0]!.dataDisks as { maxShares?: unknown }[])[0]!.maxShares).toBe(2);
    expect(model.otherResources.map((r) => r.type)).toEqual([DISK]);
  });

  it("by name when the disk id is computed at preview; unknown when nothing matches but a shared disk exists", () => {
    const attached = (name: string) => vmInputs("app01", [{ lun: 1, name, createOption: "Attach", managedDisk: { id: U } }]);
    const byName = fromPulumiResources([disk("quorum", 2), record(VM, "app01", attached("quorum"))], program);
    expect((byName.vms[0]!.dataDisks as { maxShares?: unknown }[])[0]!.maxShares).toBe(2);
    const unnamed = fromPulumiResources([disk("quorum", 2), record(VM, "app01", attached(U))], program);
    expect(isUnknown((unnamed.vms[0]!.dataDisks as { maxShares?: unknown }[])[0]!.maxShares)).toBe(true);
    const notShared = fromPulumiResources([disk("logs", 1), record(VM, "app01", attached(U))], program);
    expect((notShared.vms[0]!.dataDisks as { maxShares?: unknown }[])[0]!.maxShares).toBeUndefined();
  });

  it("end to end: VM-009 reports the shared disk a Standard-policy VM backs up", () => {
    const vm = record(VM, "app01", vmInputs("app01", [{ lun: 0, name: "quorum", createOption: "Attach", managedDisk: { id: U } }]));
    const policy = record(POLICY, "vm-daily", {
      resourceGroupName: "rg-backup", vaultName: "rsv-prod", policyName: "vm-daily",
      properties: { backupManagementType: "AzureIaasVM", policyType: "V1", schedulePolicy: { schedulePolicyType: "SimpleSchedulePolicy", scheduleRunFrequency: "Daily", scheduleRunTimes: ["2026-01-01T02:00:00Z"] }, retentionPolicy: { retentionPolicyType: "LongTermRetentionPolicy", dailySchedule: { retentionTimes: ["2026-01-01T02:00:00Z"], retentionDuration: { count: 30, durationType: "Days" } } } },
    });
    const item = record(ITEM, "app01-backup", {
      resourceGroupName: "rg-backup", vaultName: "rsv-prod", fabricName: "Azure", containerName: "IaasVMContainer;iaasvmcontainerv2;rg-app;app01", protectedItemName: "VM;iaasvmcontainerv2;rg-app;app01",
      properties: { protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId: vmId("app01"), policyId: `/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod/backupPolicies/vm-daily` },
    });
    const findings = runRules(fromPulumiResources([disk("quorum", 2), vm, policy, item], program), [sharedDisks]).findings;
    expect(findings.map((f) => [f.ruleId, f.status, f.messageId])).toEqual([["VM-009", "fail", "standardPolicy"]]);
  });
});

describe("policy assignment overrides and resource selectors; exemptions", () => {
  const definition = record(DEFINITION, "require-costcenter", {
    policyDefinitionName: "require-costcenter",
    policyType: "Custom",
    mode: "All",
    parameters: { effect: { type: "String", allowedValues: ["Audit", "Deny", "Disabled"], defaultValue: "Deny" } },
    policyRule: {
      if: { allOf: [{ field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" }, { field: "tags['costCenter']", exists: "false" }] },
      then: { effect: "[parameters('effect')]" },
    },
  }, { id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/require-costcenter` });
  const assignment = (extra: Record<string, unknown>, more: Partial<PulumiResourceRecord> = {}) =>
    record(ASSIGNMENT, "require-costcenter", {
      policyAssignmentName: "require-costcenter",
      scope: `/subscriptions/${SUB}`,
      policyDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/require-costcenter`,
      enforcementMode: "Default",
      ...extra,
    }, more);
  const target = resourceGroupTarget({ subscriptionId: SUB, name: "AzureBackupRG_westeurope_1", location: "westeurope", tags: {} });
  const verdicts = (model: Model) => {
    const e = evaluatePolicies(model, target, { now: NOW });
    return { blocking: e.blocking.map((v) => v.assignmentName), uncertain: e.uncertain.map((v) => v.assignmentName) };
  };

  it("reads overrides and resource selectors from the assignment's inputs", () => {
    const overrides = [{ kind: "policyEffect", value: "Audit" }];
    const resourceSelectors = [{ name: "eu", selectors: [{ kind: "resourceLocation", in: ["westeurope"] }] }];
    const mapped = fromPulumiResources([assignment({ overrides, resourceSelectors })], program).policyAssignments[0]!;
    expect(mapped.overrides).toEqual(overrides);
    expect(mapped.resourceSelectors).toEqual(resourceSelectors);
  });

  it("an override turns the Deny into Audit: nothing blocks any more", () => {
    expect(verdicts(fromPulumiResources([definition, assignment({})], program))).toEqual({ blocking: ["require-costcenter"], uncertain: [] });
    expect(verdicts(fromPulumiResources([definition, assignment({ overrides: [{ kind: "policyEffect", value: "Audit" }] })], program))).toEqual({ blocking: [], uncertain: [] });
  });

  it("an override whose value is computed at preview makes the whole list unknown: uncertain, never a Deny", () => {
    const mapped = fromPulumiResources([definition, assignment({ overrides: [{ kind: "policyEffect", value: U }] })], program);
    expect(isUnknown(mapped.policyAssignments[0]!.overrides)).toBe(true);
    expect(verdicts(mapped)).toEqual({ blocking: [], uncertain: ["require-costcenter"] });
  });

  it("an exemption whose assignment id is computed at preview joins it through propertyDependencies", () => {
    const exemption = record(EXEMPTION, "backup-waiver", {
      policyExemptionName: "backup-waiver",
      scope: `/subscriptions/${SUB}`,
      policyAssignmentId: U,
      exemptionCategory: "Waiver",
    }, { propertyDependencies: { policyAssignmentId: [urn(ASSIGNMENT, "require-costcenter")], scope: [] } });
    const model = fromPulumiResources([definition, assignment({ policyDefinitionId: U }, { propertyDependencies: { policyDefinitionId: [urn(DEFINITION, "require-costcenter")] } }), exemption], program);
    expect(model.policyExemptions[0]!.policyAssignmentUrn).toBe(urn(ASSIGNMENT, "require-costcenter"));
    expect(verdicts(model)).toEqual({ blocking: [], uncertain: [] });
    // Without the join, the exemption names an assignment that is not known: uncertain.
    const unjoined = fromPulumiResources([definition, assignment({}), { ...exemption, propertyDependencies: {} }], program);
    expect(unjoined.policyExemptions[0]!.policyAssignmentUrn).toBeUndefined();
    expect(verdicts(unjoined)).toEqual({ blocking: [], uncertain: ["require-costcenter"] });
  });

  it("reads an exemption's resource selectors", () => {
    const exemption = record(EXEMPTION, "eu-only", { scope: `/subscriptions/${SUB}`, policyAssignmentId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/require-costcenter`, exemptionCategory: "Mitigated", resourceSelectors: [{ name: "eu", selectors: [{ kind: "resourceLocation", in: ["westeurope"] }] }] });
    expect(fromPulumiResources([exemption], program).policyExemptions[0]!.resourceSelectors).toEqual([{ name: "eu", selectors: [{ kind: "resourceLocation", in: ["westeurope"] }] }]);
  });
});

describe("management groups", () => {
  const MG = "/providers/Microsoft.Management/managementGroups";
  const group = (name: string, parent: unknown, extra: Partial<PulumiResourceRecord> = {}) =>
    record(GROUP, name, { groupId: name, displayName: name, ...(parent === undefined ? {} : { details: { parent: { id: parent } } }) }, extra);

  it("reads a group and its parent id", () => {
    const model = fromPulumiResources([group("landingzones", `${MG}/contoso`)], program);
    expect(model.managementGroups.map((g) => [g.groupName, g.parentName, g.subscriptionIds])).toEqual([["landingzones", "contoso", undefined]]);
    expect(model.managementGroups[0]!.ref).toMatchObject({ kind: "managementGroup", urn: urn(GROUP, "landingzones") });
  });

  it("a parent created by the same program (its id unknown at preview) is found through propertyDependencies", () => {
    const child = group("landingzones", U, { propertyDependencies: { details: [urn(GROUP, "contoso")] } });
    const model = fromPulumiResources([child, group("contoso", `${MG}/root`)], program);
    expect(model.managementGroups.map((g) => [g.groupName, g.parentName])).toEqual([["landingzones", "contoso"], ["contoso", "root"]]);
  });

  it("without a parent, Azure places the group under the tenant root: unknown by name in a program, read from a stack export's outputs", () => {
    expect(isUnknown(fromPulumiResources([group("contoso", undefined)], program).managementGroups[0]!.parentName)).toBe(true);
    const deployed = group("contoso", undefined, {
      id: `${MG}/contoso`,
      outputs: { name: "contoso", tenantId: "tenant-1", details: { parent: { id: `${MG}/tenant-1`, name: "tenant-1" } }, children: [{ id: `/subscriptions/${SUB}`, name: SUB, type: "/subscriptions", displayName: "Prod" }] },
    });
    const model = fromStackExport(stackExport([deployed]), "state.json");
    expect(model.managementGroups.map((g) => [g.groupName, g.parentName, g.subscriptionIds])).toEqual([["contoso", "tenant-1", [SUB]]]);
  });

  it("places subscriptions with ManagementGroupSubscription: by groupId, or through the group it depends on", () => {
    const placements = [
      record(GROUP_SUB, "prod-in-lz", { groupId: "landingzones", subscriptionId: SUB }),
      record(GROUP_SUB, "dev-in-lz", { groupId: U, subscriptionId: "22222222-2222-2222-2222-222222222222" }, { propertyDependencies: { groupId: [urn(GROUP, "landingzones")] } }),
    ];
    const model = fromPulumiResources([...placements, group("landingzones", `${MG}/contoso`)], program);
    expect(model.managementGroups.map((g) => [g.groupName, g.subscriptionIds])).toEqual([["landingzones", [SUB, "22222222-2222-2222-2222-222222222222"]]]);
    expect(model.otherResources.map((r) => r.name)).toEqual(["prod-in-lz", "dev-in-lz"]);
    expect(managementGroupsAbove(model, SUB)).toEqual({ names: ["landingzones", "contoso"], complete: false });
  });

  it("a group whose name is computed at preview places nothing by name: its children's parent and its members stay unknown", () => {
    const unnamed = record(GROUP, "lz", { groupId: U, displayName: "Landing zones", details: { parent: { id: `${MG}/contoso` } } });
    const child = group("corp", U, { propertyDependencies: { details: [urn(GROUP, "lz")] } });
    const placement = record(GROUP_SUB, "prod-in-lz", { groupId: U, subscriptionId: SUB }, { propertyDependencies: { groupId: [urn(GROUP, "lz")] } });
    const model = fromPulumiResources([unnamed, child, placement], program);
    expect(model.managementGroups.map((g) => [g.groupName, isUnknown(g.parentName) ? "unknown" : g.parentName, g.subscriptionIds])).toEqual([
      ["lz", "contoso", undefined],
      ["corp", "unknown", undefined],
    ]);
    expect(managementGroupsAbove(model, SUB)).toBeUndefined();
  });

  it("a placement without subscriptionId uses the provider's subscription: an unknown member", () => {
    const model = fromPulumiResources([group("landingzones", `${MG}/contoso`), record(GROUP_SUB, "here", { groupId: "landingzones" })], program);
    const subs = model.managementGroups[0]!.subscriptionIds as unknown[];
    expect(subs).toHaveLength(1);
    expect(isUnknown(subs[0])).toBe(true);
    // In a stack export, the placement's name output is the subscription.
    const deployed = record(GROUP_SUB, "here", { groupId: "landingzones" }, { id: `${MG}/landingzones/subscriptions/${SUB}`, outputs: { name: SUB } });
    expect(fromStackExport(stackExport([group("landingzones", `${MG}/contoso`), deployed]), "s.json").managementGroups[0]!.subscriptionIds).toEqual([SUB]);
  });
});

describe("vault: multi-user authorization and the redundancy Azure already has", () => {
  const vaultInputs = (redundancy: string) => ({
    resourceGroupName: "rg-backup", vaultName: "rsv-prod", location: "westeurope", sku: { name: "RS0", tier: "Standard" },
    properties: { publicNetworkAccess: "Enabled", redundancySettings: { standardTierStorageRedundancy: redundancy, crossRegionRestore: "Disabled" } },
  });
  const vaultUrn = urn(VAULT, "rsv-prod");
  const vaultState = (redundancy: string, extra: Record<string, unknown> = {}) => ({
    urn: vaultUrn, type: VAULT, custom: true, id: `/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod`,
    inputs: vaultInputs(redundancy),
    outputs: { name: "rsv-prod", properties: { redundancySettings: { standardTierStorageRedundancy: redundancy }, securitySettings: { multiUserAuthorization: "Enabled" } }, ...extra },
  });
  const digest = (op: string, from: string, to: string) => ({
    steps: [{ op, urn: vaultUrn, oldState: vaultState(from), newState: { ...vaultState(to), outputs: undefined } }],
    changeSummary: { [op]: 1 },
  });

  it("reads the read-only securitySettings.multiUserAuthorization from a stack export's outputs", () => {
    expect(fromStackExport({ version: 3, deployment: { resources: [vaultState("GeoRedundant")] } }, "s.json").vaults[0]!.multiUserAuthorization).toBe("Enabled");
    expect(fromPulumiResources([record(VAULT, "rsv-prod", vaultInputs("GeoRedundant"))], program).vaults[0]!.multiUserAuthorization).toBeUndefined();
  });

  it("a preview's old state gives the redundancy the vault has now; a new or replaced vault has none", () => {
    const updated = fromPreview(digest("update", "GeoRedundant", "LocallyRedundant"), "p.json").vaults[0]!;
    expect(updated).toMatchObject({ storageRedundancy: "LocallyRedundant", deployedStorageRedundancy: "GeoRedundant" });
    expect(fromPreview(digest("create-replacement", "GeoRedundant", "LocallyRedundant"), "p.json").vaults[0]!.deployedStorageRedundancy).toBeUndefined();
    const created = { steps: [{ op: "create", urn: vaultUrn, newState: { ...vaultState("LocallyRedundant"), outputs: undefined } }] };
    expect(fromPreview(created, "p.json").vaults[0]!.deployedStorageRedundancy).toBeUndefined();
  });

  it("refuses an old state of the wrong shape, naming its path", () => {
    const bad = digest("update", "GeoRedundant", "LocallyRedundant");
    (bad.steps[0]!.oldState.outputs as Record<string, unknown>).properties = { redundancySettings: { standardTierStorageRedundancy: 3 } };
    expect(() => fromPreview(bad, "p.json")).toThrow("p.json at steps[0].oldState.outputs.properties.redundancySettings.standardTierStorageRedundancy: expected a string, found number 3");
  });

  it("end to end: VAULT-006 rejects the change once Azure reports a protected item in the vault", () => {
    const preview = fromPreview(digest("update", "GeoRedundant", "LocallyRedundant"), "p.json");
    const run = (model: Model) => runRules(model, [redundancyChange]).findings.map((f) => [f.ruleId, f.status, f.messageId, f.data]);
    expect(run(preview)).toEqual([["VAULT-006", "unknown", "itemsUnknown", { from: "GeoRedundant", to: "LocallyRedundant" }]]);
    const item = {
      id: `/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-app;app01/protectedItems/VM;iaasvmcontainerv2;rg-app;app01`,
      name: "VM;iaasvmcontainerv2;rg-app;app01",
      type: "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems",
      properties: { protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId: vmId("app01"), protectionState: "Protected" },
    };
    expect(run(mergeModels(preview, fromArm(item, "items.json")))).toEqual([["VAULT-006", "fail", "changeRejected", { from: "GeoRedundant", to: "LocallyRedundant" }]]);
  });
});
