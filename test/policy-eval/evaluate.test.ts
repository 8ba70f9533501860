import { describe, expect, it } from "vitest";
import { evaluatePolicies, type TargetEvaluation } from "../../src/policy-eval/evaluate.js";
import { resourceGroupTarget, resourceTarget } from "../../src/policy-eval/targets.js";
import type { PolicyTarget } from "../../src/policy-eval/types.js";
import type { Model } from "../../src/model/types.js";
import { build, ids, SUB, UNKNOWN } from "../harness/build.js";

const NOW = new Date("2026-11-21T00:00:00Z");
const backupRg = resourceGroupTarget({ subscriptionId: SUB, name: "AzureBackupRG_eastus_1", location: "eastus", tags: {}, description: "resource group AzureBackupRG_eastus_1" });
const builtin = (guid: string) => `/providers/Microsoft.Authorization/policyDefinitions/${guid}`;
const REQUIRE_TAG_ON_RG = builtin("96670d01-0a4d-4649-9c89-2d3abc0a5025");
const REQUIRE_TAG_ON_RESOURCES = builtin("871b6d14-10aa-478d-b590-94f262ecfa99");
const ADD_OR_REPLACE_TAG_ON_RG = builtin("d157c373-a6c4-483d-aaad-570756956268");

function run(model: Model, target: PolicyTarget = backupRg, action: "write" | "delete" = "write"): TargetEvaluation {
  return evaluatePolicies(model, target, { now: NOW, action });
}
const blockers = (e: TargetEvaluation) => e.blocking.map((v) => v.assignmentName);
const uncertain = (e: TargetEvaluation) => e.uncertain.map((v) => v.assignmentName);

/** The golden deny: custom definition, assigned at the subscription. */
const golden = () => [build.policyDefinition(), build.policyAssignment()];

describe("policy evaluation: scope", () => {
  it("a subscription-scope Deny blocks an untagged resource group in that subscription", () => {
    const e = run(build.model(...golden()));
    expect(blockers(e)).toEqual(["require-costcenter"]);
    expect(e.blocking[0]!.inspectsTags).toBe(true);
    expect(e.blocking[0]!.requiredTags).toEqual([{ tag: "costCenter" }]);
  });

  it("does not block when the request carries the tag", () => {
    expect(blockers(run(build.model(...golden()), { ...backupRg, tags: { CostCenter: "42" } }))).toEqual([]);
  });

  it("ignores an assignment in another subscription or on another resource group", () => {
    expect(blockers(run(build.model(build.policyDefinition(), build.policyAssignment("other-sub", { scope: "/subscriptions/99999999-0000-0000-0000-000000000000" }))))).toEqual([]);
    expect(blockers(run(build.model(build.policyDefinition(), build.policyAssignment("rg-only", { scope: ids.resourceGroup("rg-app") }))))).toEqual([]);
    expect(blockers(run(build.model(build.policyDefinition(), build.policyAssignment("on-target", { scope: ids.resourceGroup("azurebackuprg_EASTUS_1") }))))).toEqual(["on-target"]);
  });

  it("derives the scope from the assignment id when scope is not set", () => {
    expect(blockers(run(build.model(build.policyDefinition(), build.policyAssignment("from-id", { scope: undefined }))))).toEqual(["from-id"]);
  });

  it("places management-group scopes through the model's management groups, else unknown", () => {
    const mgScope = "/providers/Microsoft.Management/managementGroups/contoso";
    const atMg = build.policyAssignment("at-mg", { scope: mgScope });
    const noHierarchy = run(build.model(build.policyDefinition(), atMg));
    expect(blockers(noHierarchy)).toEqual([]);
    expect(uncertain(noHierarchy)).toEqual(["at-mg"]);
    expect(noHierarchy.uncertain[0]!.reasons.join()).toMatch(/management group/);

    const landingZones = build.managementGroup("contoso-landingzones", { parentName: "contoso" });
    const root = build.managementGroup("contoso", { subscriptionIds: [] });
    expect(blockers(run(build.model(build.policyDefinition(), atMg, landingZones, root)))).toEqual(["at-mg"]);

    const elsewhere = build.managementGroup("sandbox", { subscriptionIds: [SUB] });
    expect(blockers(run(build.model(build.policyDefinition(), atMg, elsewhere, root)))).toEqual([]);
    expect(uncertain(run(build.model(build.policyDefinition(), atMg, build.managementGroup("sandbox", { parentName: "missing-parent" }))))).toEqual(["at-mg"]);
  });

  it("honours notScopes, including a notScope on the resource group itself", () => {
    const excluded = build.policyAssignment("excluded", { notScopes: [ids.resourceGroup("AzureBackupRG_eastus_1")] });
    expect(blockers(run(build.model(build.policyDefinition(), excluded)))).toEqual([]);
    const elsewhere = build.policyAssignment("still-applies", { notScopes: [ids.resourceGroup("rg-app")] });
    expect(blockers(run(build.model(build.policyDefinition(), elsewhere)))).toEqual(["still-applies"]);
    const unknownNotScope = build.policyAssignment("maybe", { notScopes: [UNKNOWN] });
    expect(uncertain(run(build.model(build.policyDefinition(), unknownNotScope)))).toEqual(["maybe"]);
  });

  it("treats unknown scopes and resource selectors as unknown, never as a pass", () => {
    expect(uncertain(run(build.model(build.policyDefinition(), build.policyAssignment("unknown-scope", { scope: UNKNOWN }))))).toEqual(["unknown-scope"]);
    const selectors = build.policyAssignment("selectors", { resourceSelectors: [{ name: "eu", selectors: [{ kind: "resourceLocation", in: ["westeurope"] }] }] });
    expect(uncertain(run(build.model(build.policyDefinition(), selectors)))).toEqual(["selectors"]);
  });
});

describe("policy evaluation: enforcement and exemptions", () => {
  it("DoNotEnforce never denies", () => {
    const e = run(build.model(build.policyDefinition(), build.policyAssignment("audit-only", { enforcementMode: "DoNotEnforce" })));
    expect(blockers(e)).toEqual([]);
    expect(uncertain(e)).toEqual([]);
    expect(e.verdicts[0]!.reasons.join()).toMatch(/DoNotEnforce/);
  });

  it("an unknown enforcement mode is unknown", () => {
    expect(uncertain(run(build.model(build.policyDefinition(), build.policyAssignment("x", { enforcementMode: UNKNOWN }))))).toEqual(["x"]);
  });

  it("Waiver and Mitigated exemptions both lift the deny", () => {
    for (const category of ["Waiver", "Mitigated"]) {
      const e = run(build.model(...golden(), build.policyExemption("exempt", { exemptionCategory: category })));
      expect(blockers(e)).toEqual([]);
      expect(e.verdicts[0]!.exemptions).toEqual([{ name: "exempt", category, expired: false }]);
    }
  });

  it("an expired exemption no longer applies; one expiring later still does", () => {
    const expired = run(build.model(...golden(), build.policyExemption("expired", { expiresOn: "2026-01-01T00:00:00Z" })));
    expect(blockers(expired)).toEqual(["require-costcenter"]);
    expect(expired.blocking[0]!.exemptions).toEqual([{ name: "expired", category: "Waiver", expiresOn: "2026-01-01T00:00:00Z", expired: true }]);
    expect(blockers(run(build.model(...golden(), build.policyExemption("current", { expiresOn: "2027-01-01T00:00:00Z" }))))).toEqual([]);
  });

  it("an exemption for another assignment or another scope does not apply", () => {
    const other = build.policyExemption("other", { policyAssignmentId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/something-else` });
    expect(blockers(run(build.model(...golden(), other)))).toEqual(["require-costcenter"]);
    const narrow = build.policyExemption("narrow", { scope: ids.resourceGroup("rg-app") });
    expect(blockers(run(build.model(...golden(), narrow)))).toEqual(["require-costcenter"]);
  });

  it("an exemption whose assignment id or expiry is unknown makes the verdict unknown", () => {
    expect(uncertain(run(build.model(...golden(), build.policyExemption("pending", { policyAssignmentId: UNKNOWN }))))).toEqual(["require-costcenter"]);
    expect(uncertain(run(build.model(...golden(), build.policyExemption("pending", { expiresOn: UNKNOWN }))))).toEqual(["require-costcenter"]);
  });

  it("matches an exemption to a Pulumi assignment by URN when the id is computed", () => {
    const assignment = build.policyAssignment("require-costcenter", { urn: "urn:pulumi:dev::p::azure-native:authorization:PolicyAssignment::require-costcenter" });
    const exemption = build.policyExemption("exempt", { policyAssignmentId: UNKNOWN, policyAssignmentUrn: assignment.ref.urn! });
    expect(blockers(run(build.model(build.policyDefinition(), assignment, exemption)))).toEqual([]);
  });
});

describe("policy evaluation: built-ins, modes and effects", () => {
  it("recognises the built-in 'Require a tag on resource groups' by id, with the tag from the assignment", () => {
    const a = build.policyAssignment("rg-tag", { policyDefinitionId: REQUIRE_TAG_ON_RG, parameters: { tagName: "owner" } });
    const e = run(build.model(a));
    expect(blockers(e)).toEqual(["rg-tag"]);
    expect(e.blocking[0]!.definitionLabel).toBe("Require a tag on resource groups");
    expect(e.blocking[0]!.requiredTags).toEqual([{ tag: "owner" }]);
    expect(blockers(run(build.model(a), { ...backupRg, tags: { Owner: "team" } }))).toEqual([]);
  });

  it("Indexed mode ('Require a tag on resources') does not evaluate resource groups, but does evaluate resources", () => {
    const a = build.policyAssignment("res-tag", { policyDefinitionId: REQUIRE_TAG_ON_RESOURCES, parameters: { tagName: "owner" } });
    const e = run(build.model(a));
    expect(blockers(e)).toEqual([]);
    expect(e.verdicts[0]!.reasons.join()).toMatch(/Indexed/);
    const rpc = resourceTarget({ type: "Microsoft.Compute/restorePointCollections", name: "rpc", subscriptionId: SUB, resourceGroupName: "AzureBackupRG_eastus_1", location: "eastus", tags: {}, description: "restore point collection" });
    expect(blockers(run(build.model(a), rpc))).toEqual(["res-tag"]);
  });

  it("a definition without a mode is Indexed, as Azure stores it", () => {
    const def = build.policyDefinition("no-mode", { mode: undefined });
    const a = build.policyAssignment("no-mode", { policyDefinitionId: def.definitionId as string });
    expect(blockers(run(build.model(def, a)))).toEqual([]);
  });

  it("a missing required parameter makes the verdict unknown", () => {
    const e = run(build.model(build.policyAssignment("no-param", { policyDefinitionId: REQUIRE_TAG_ON_RG, parameters: {} })));
    expect(uncertain(e)).toEqual(["no-param"]);
    expect(e.uncertain[0]!.reasons.join()).toMatch(/tagName/);
  });

  it("an unknown parameter value makes the verdict unknown", () => {
    expect(uncertain(run(build.model(build.policyAssignment("pending", { policyDefinitionId: REQUIRE_TAG_ON_RG, parameters: { tagName: UNKNOWN } }))))).toEqual(["pending"]);
  });

  it("resolves [parameters('effect')]: Deny blocks, Audit and Disabled do not", () => {
    const def = build.policyDefinition("param-effect", {
      parameters: { effect: { type: "String", defaultValue: "Audit" } },
      policyRule: { if: { field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" }, then: { effect: "[parameters('effect')]" } },
    });
    const assign = (name: string, parameters: Record<string, unknown>) => build.policyAssignment(name, { policyDefinitionId: def.definitionId as string, parameters });
    expect(blockers(run(build.model(def, assign("deny", { effect: "Deny" }))))).toEqual(["deny"]);
    expect(blockers(run(build.model(def, assign("default-audit", {}))))).toEqual([]);
    expect(blockers(run(build.model(def, assign("disabled", { effect: "Disabled" }))))).toEqual([]);
    expect(uncertain(run(build.model(def, assign("pending", { effect: UNKNOWN }))))).toEqual(["pending"]);
  });

  it("applies assignment overrides of the effect", () => {
    const a = build.policyAssignment("overridden", { overrides: [{ kind: "policyEffect", value: "Audit" }] });
    expect(blockers(run(build.model(build.policyDefinition(), a)))).toEqual([]);
  });

  it("an assignment whose definition is not in the model is unknown, not a pass", () => {
    const e = run(build.model(build.policyAssignment("mystery", { policyDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/not-here` })));
    expect(uncertain(e)).toEqual(["mystery"]);
    expect(e.uncertain[0]!.reasons.join()).toMatch(/not in the model/);
    const unknownBuiltin = run(build.model(build.policyAssignment("other-builtin", { policyDefinitionId: builtin("00000000-1111-2222-3333-444444444444") })));
    expect(unknownBuiltin.uncertain[0]!.reasons.join()).toMatch(/not one backupguard carries/);
  });

  it("an unknown policy rule is unknown", () => {
    expect(uncertain(run(build.model(build.policyDefinition("require-costcenter-on-rg", { policyRule: UNKNOWN }), build.policyAssignment())))).toEqual(["require-costcenter"]);
  });
});

describe("policy evaluation: Modify and Append run before Deny", () => {
  const addCostCenter = (o: Parameters<typeof build.policyAssignment>[1] = {}) =>
    build.policyAssignment("add-costcenter", { policyDefinitionId: ADD_OR_REPLACE_TAG_ON_RG, parameters: { tagName: "costCenter", tagValue: "4711" }, identityType: "SystemAssigned", ...o });

  it("a Modify policy that adds the required tag prevents the Deny", () => {
    const e = run(build.model(...golden(), addCostCenter()));
    expect(blockers(e)).toEqual([]);
    expect(e.modifiedTags).toEqual({ costCenter: "4711" });
    expect(e.target.tags).toEqual({ costCenter: "4711" });
  });

  it("a Modify assignment in DoNotEnforce mode changes nothing, so the Deny still blocks", () => {
    expect(blockers(run(build.model(...golden(), addCostCenter({ enforcementMode: "DoNotEnforce" }))))).toEqual(["require-costcenter"]);
  });

  it("a Modify that may or may not apply leaves the Deny unknown", () => {
    expect(uncertain(run(build.model(...golden(), addCostCenter({ scope: UNKNOWN }))))).toEqual(["require-costcenter"]);
  });

  it("the built-in Append policy for resource groups also adds the tag", () => {
    const append = build.policyAssignment("append", { policyDefinitionId: builtin("49c88fc8-6fd1-46fd-a676-f12d1d3a4c71"), parameters: { tagName: "costCenter", tagValue: "4711" } });
    expect(blockers(run(build.model(...golden(), append)))).toEqual([]);
  });

  it("'Inherit a tag from the resource group' copies the pre-created group's tag onto a restore point collection", () => {
    const inherit = build.policyAssignment("inherit", { policyDefinitionId: builtin("cd3aa116-8754-49c9-a813-ad46512ece54"), parameters: { tagName: "owner" } });
    const requireOnResources = build.policyAssignment("require-owner", { policyDefinitionId: REQUIRE_TAG_ON_RESOURCES, parameters: { tagName: "owner" } });
    const rpc = (groupTags: Record<string, string>) =>
      resourceTarget({
        type: "Microsoft.Compute/restorePointCollections",
        name: "rpc",
        subscriptionId: SUB,
        resourceGroupName: "rg-rp-1",
        location: "eastus",
        tags: {},
        description: "restore point collection",
        containerGroup: { name: "rg-rp-1", location: "eastus", tags: groupTags, id: ids.resourceGroup("rg-rp-1") },
      });
    expect(blockers(run(build.model(inherit, requireOnResources), rpc({ owner: "platform" })))).toEqual([]);
    expect(blockers(run(build.model(inherit, requireOnResources), rpc({})))).toEqual(["require-owner"]);
  });
});

describe("policy evaluation: initiatives", () => {
  const member = build.policyDefinition("require-tag-generic", {
    parameters: { tagName: { type: "String" } },
    policyRule: { if: { allOf: [{ field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" }, { field: "[concat('tags[', parameters('tagName'), ']')]", exists: "false" }] }, then: { effect: "deny" } },
  });
  const initiative = build.policySetDefinition("tagging-initiative", {
    parameters: { rgTag: { type: "String", defaultValue: "costCenter" } },
    policyDefinitions: [
      { policyDefinitionId: member.definitionId as string, referenceId: "rgCostCenter", parameters: { tagName: { value: "[parameters('rgTag')]" } } },
      { policyDefinitionId: REQUIRE_TAG_ON_RG, referenceId: "rgOwner", parameters: { tagName: { value: "owner" } } },
    ],
  });
  const assign = (o: Parameters<typeof build.policyAssignment>[1] = {}) =>
    build.policyAssignment("tagging", { policyDefinitionId: initiative.definitionId as string, ...o });

  it("evaluates every member, passing the initiative's parameters down (defaults and assignment values)", () => {
    const e = run(build.model(member, initiative, assign()));
    expect(e.blocking.map((v) => [v.referenceId, v.requiredTags])).toEqual([
      ["rgCostCenter", [{ tag: "costCenter" }]],
      ["rgOwner", [{ tag: "owner" }]],
    ]);
    const custom = run(build.model(member, initiative, assign({ parameters: { rgTag: "department" } })));
    expect(custom.blocking[0]!.requiredTags).toEqual([{ tag: "department" }]);
  });

  it("an exemption with policyDefinitionReferenceIds lifts only the listed members", () => {
    const exemption = build.policyExemption("only-owner", {
      policyAssignmentId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/tagging`,
      policyDefinitionReferenceIds: ["rgOwner"],
    });
    const e = run(build.model(member, initiative, assign(), exemption));
    expect(e.blocking.map((v) => v.referenceId)).toEqual(["rgCostCenter"]);
  });

  it("an unknown member list is unknown", () => {
    const pending = build.policySetDefinition("tagging-initiative", { policyDefinitions: UNKNOWN });
    expect(uncertain(run(build.model(pending, assign())))).toEqual(["tagging"]);
  });
});

describe("policy evaluation: DenyAction on delete", () => {
  const rpcType = "Microsoft.Compute/restorePointCollections";
  const rpc = resourceTarget({ type: rpcType, name: "rpc", subscriptionId: SUB, resourceGroupName: "AzureBackupRG_eastus_1", location: "eastus", tags: {}, description: "restore point collection" });
  const noDelete = build.policyAssignment("no-delete", { policyDefinitionId: builtin("78460a36-508a-49a4-b2b2-2f5ec564f4bb"), parameters: { listOfResourceTypesDisallowedForDeletion: [rpcType] } });

  it("blocks deleting the listed type, and only deletes", () => {
    expect(blockers(run(build.model(noDelete), rpc, "delete"))).toEqual(["no-delete"]);
    expect(blockers(run(build.model(noDelete), rpc, "write"))).toEqual([]);
    expect(blockers(run(build.model(build.policyDefinition(), build.policyAssignment()), backupRg, "delete"))).toEqual([]);
  });
});
