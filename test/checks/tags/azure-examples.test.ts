/**
 * The tag-policy rules over the real Azure REST examples in ../shared/azure-rest-examples/policy: a naming Deny
 * (ResourceNaming / EnforceNaming), its DoNotEnforce twin, an initiative assignment with effect overrides, and the
 * exemption examples.
 */
import { describe, expect, it } from "vitest";
import { tagsRules } from "../../../checks/tags/index.js";
import { runRules } from "../../../src/engine/run.js";
import type { Finding } from "../../../src/engine/types.js";
import type { Model } from "../../../src/model/types.js";
import { evaluatePolicies } from "../../../src/policy-eval/index.js";
import { resourceGroupTarget } from "../../../src/policy-eval/targets.js";
import { build } from "../../harness/build.js";
import { armExample } from "../../harness/policy-fixtures.js";

const NOW = new Date("2026-11-21T00:00:00Z");
const SUB = "ae640e6b-ba3e-4256-9d62-2993eecfa6f2"; // the examples' subscription
const vmId = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/${name}`;

const definition = () => armExample("policy/getPolicyDefinition.json").policyDefinitions[0]!;
const enforceNaming = () => armExample("policy/createPolicyAssignment.json", "201").policyAssignments[0]!;
const enforceNamingDoNotEnforce = () => armExample("policy/createPolicyAssignmentWithoutEnforcement.json", "201").policyAssignments[0]!;
/** The initiative assignment with its effect overrides, as the ARM adapter reads them. */
const costManagement = () => armExample("policy/getPolicyAssignmentWithOverrides.json").policyAssignments[0]!;

/** A Windows VM in westus protected with a VM policy, all in the examples' subscription. */
function protectedVm(instantRp: { prefix: string | undefined; suffix: string | undefined }) {
  const vault = build.vault({ subscriptionId: SUB, location: "westus", id: `/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod` });
  const vm = build.vm("appvm01", { subscriptionId: SUB, location: "westus", resourceGroup: "rg-app", id: vmId("appvm01") });
  const policy = build.vmPolicy({ instantRpResourceGroup: instantRp });
  const item = build.vmItem("appvm01", { sourceResourceId: vmId("appvm01") });
  return [vault, vm, policy, item];
}

function failures(model: Model): Finding[] {
  return runRules(model, tagsRules, { now: NOW }).findings.filter((f) => f.status === "fail");
}
const summary = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.messageId} ${f.resource.name}`).sort();

describe("Azure examples: naming Deny (ResourceNaming, EnforceNaming)", () => {
  it("reads the real definition and assignment", () => {
    const e = evaluatePolicies(
      build.model(definition(), enforceNaming()),
      resourceGroupTarget({ subscriptionId: SUB, name: "AzureBackupRG_westus_1", location: "westus", tags: {} }),
      { now: NOW },
    );
    expect(e.blocking.map((v) => [v.assignmentName, v.definitionLabel, v.effect])).toEqual([["EnforceNaming", "Naming Convention", "deny"]]);
    expect(e.blocking[0]!.inspectsTags).toBe(false);
  });

  it("predicts that the default snapshot group and the VMSnapshot extension are denied", () => {
    const fs = failures(build.model(...protectedVm({ prefix: undefined, suffix: undefined }), definition(), enforceNaming()));
    expect(summary(fs)).toEqual(["TAG-004 extensionDenied appvm01", "TAG-004 groupDenied vm-enhanced-daily"]);
    const group = fs.find((f) => f.messageId === "groupDenied")!;
    expect(group.azureErrorCodes).toContain("UserErrorRequestDisallowedByPolicy");
    expect(group.message).toMatch(/AzureBackupRG_westus_1/);
    expect(group.location).toBeUndefined(); // reported on the backup policy, a builder resource
  });

  it("a snapshot group pattern that fits the convention is accepted (the extension still is not)", () => {
    const fs = failures(build.model(...protectedVm({ prefix: "DeptA-azurebackup-", suffix: "-LC" }), definition(), enforceNaming()));
    expect(summary(fs)).toEqual(["TAG-004 extensionDenied appvm01"]);
  });

  it("the DoNotEnforce example denies nothing", () => {
    const fs = failures(build.model(...protectedVm({ prefix: undefined, suffix: undefined }), definition(), enforceNamingDoNotEnforce()));
    expect(fs).toEqual([]);
  });
});

describe("Azure examples: initiative assignment with overrides, and exemptions", () => {
  // The examples reference initiative CostManagement without its body: this is a plausible one with the two members
  // the examples name (Limit_Skus, Limit_Locations).
  const limitLocations = build.policyDefinition("limit-rg-locations", {
    id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/limit-rg-locations`,
    definitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/limit-rg-locations`,
    parameters: { allowed: { type: "Array" } },
    policyRule: { if: { allOf: [{ field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" }, { field: "location", notIn: "[parameters('allowed')]" }] }, then: { effect: "deny" } },
  });
  const limitSkus = build.policyDefinition("limit-everything", {
    id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/limit-everything`,
    definitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/limit-everything`,
    policyRule: { if: { field: "type", like: "*" }, then: { effect: "deny" } },
  });
  const initiative = build.policySetDefinition("CostManagement", {
    id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policySetDefinitions/CostManagement`,
    definitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policySetDefinitions/CostManagement`,
    policyDefinitions: [
      { policyDefinitionId: limitSkus.definitionId as string, referenceId: "Limit_Skus", parameters: undefined },
      { policyDefinitionId: limitLocations.definitionId as string, referenceId: "Limit_Locations", parameters: { allowed: { value: ["westeurope"] } } },
    ],
  });
  const rg = (name: string) => resourceGroupTarget({ subscriptionId: SUB, name, location: "westus", tags: {} });
  const blockers = (model: Model, name: string) => evaluatePolicies(model, rg(name), { now: NOW }).blocking.map((v) => v.referenceId);

  it("the overrides in getPolicyAssignmentWithOverrides turn both members into Audit", () => {
    expect(blockers(build.model(limitSkus, limitLocations, initiative, costManagement()), "AzureBackupRG_westus_1")).toEqual([]);
    const withoutOverrides = { ...costManagement(), overrides: undefined };
    expect(blockers(build.model(limitSkus, limitLocations, initiative, withoutOverrides), "AzureBackupRG_westus_1")).toEqual(["Limit_Skus", "Limit_Locations"]);
  });

  it("createOrUpdatePolicyExemption lifts Limit_Skus on resource group demoCluster only", () => {
    const assignment = { ...costManagement(), overrides: undefined };
    const exemption = armExample("policy/createOrUpdatePolicyExemption.json", "201").policyExemptions[0]!;
    const model = build.model(limitSkus, limitLocations, initiative, assignment, exemption);
    expect(blockers(model, "demoCluster")).toEqual(["Limit_Locations"]);
    expect(blockers(model, "AzureBackupRG_westus_1")).toEqual(["Limit_Skus", "Limit_Locations"]);
  });

  it("listPolicyExemptionsForSubscription: subscription exemptions for management-group assignments", () => {
    const exemptions = armExample("policy/listPolicyExemptionsForSubscription.json").policyExemptions;
    expect(exemptions.map((e) => e.scope)).toEqual([`/subscriptions/${SUB}`, `/subscriptions/${SUB}`]);
    const atDevOrg = { ...costManagement(), overrides: undefined, scope: "/providers/Microsoft.Management/managementGroups/DevOrg" };
    atDevOrg.ref = { ...atDevOrg.ref, id: "/providers/Microsoft.Management/managementGroups/DevOrg/providers/Microsoft.Authorization/policyAssignments/CostManagement" };
    const devOrg = build.managementGroup("DevOrg", { subscriptionIds: [SUB] });
    expect(blockers(build.model(limitSkus, limitLocations, initiative, atDevOrg, devOrg, ...exemptions), "AzureBackupRG_westus_1")).toEqual(["Limit_Locations"]);
    // Without the management groups in the model, the assignment cannot be placed: unknown, never a pass
    // (Limit_Skus stays lifted: the subscription exemption covers it wherever the assignment sits).
    const unplaced = evaluatePolicies(build.model(limitSkus, limitLocations, initiative, atDevOrg, ...exemptions), rg("AzureBackupRG_westus_1"), { now: NOW });
    expect(unplaced.blocking).toEqual([]);
    expect(unplaced.uncertain.map((v) => v.referenceId)).toEqual(["Limit_Locations"]);
  });
});
