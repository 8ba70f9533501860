import rule from "../../../checks/tags/snapshot-rg-denied-by-tag-policy.js";
import type { ResourceRef } from "../../../src/model/types.js";
import { build, ids, SUB, UNKNOWN } from "../../harness/build.js";
import { findingsOf, ruleTester } from "../../harness/rule-tester.js";
import { describe, expect, it } from "vitest";

const REQUIRE_TAG_ON_RG = "/providers/Microsoft.Authorization/policyDefinitions/96670d01-0a4d-4649-9c89-2d3abc0a5025";
const REQUIRE_TAG_ON_RESOURCES = "/providers/Microsoft.Authorization/policyDefinitions/871b6d14-10aa-478d-b590-94f262ecfa99";
const ADD_OR_REPLACE_TAG_ON_RG = "/providers/Microsoft.Authorization/policyDefinitions/d157c373-a6c4-483d-aaad-570756956268";

const deployed = <T extends { ref: ResourceRef }>(e: T): T => ({ ...e, ref: { ...e.ref, source: { adapter: "state" } } });

/** A protected VM whose policy uses the default resource group AzureBackupRG_eastus_1. */
const defaultGroupPolicy = () => build.vmPolicy({ instantRpResourceGroup: { prefix: undefined, suffix: undefined } });
const protectedVm = () => [build.vault(), build.vm("appvm01"), build.vmItem("appvm01")];
const denyCostCenter = () => [build.policyDefinition(), build.policyAssignment()];

/** Golden: the policy points instantRPDetails at rg-rp-1, which the program creates with the required tag. */
const golden = () => [...protectedVm(), build.vmPolicy(), build.resourceGroup("rg-rp-1", { tags: { costCenter: "4711" } }), ...denyCostCenter()];

ruleTester.run(rule, {
  valid: [
    { name: "pre-created snapshot group carries the required tag", model: build.model(...golden()) },
    { name: "no tag policy at all", model: build.model(...protectedVm(), defaultGroupPolicy()) },
    {
      name: "a Modify policy adds the tag to the group Azure Backup creates",
      model: build.model(...protectedVm(), defaultGroupPolicy(), ...denyCostCenter(),
        build.policyAssignment("add-costcenter", { policyDefinitionId: ADD_OR_REPLACE_TAG_ON_RG, parameters: { tagName: "costCenter", tagValue: "4711" }, identityType: "SystemAssigned" })),
    },
    { name: "the Deny assignment is DoNotEnforce", model: build.model(...protectedVm(), defaultGroupPolicy(), build.policyDefinition(), build.policyAssignment("require-costcenter", { enforcementMode: "DoNotEnforce" })) },
    { name: "a Waiver exemption covers the subscription", model: build.model(...protectedVm(), defaultGroupPolicy(), ...denyCostCenter(), build.policyExemption("backup-waiver", { expiresOn: "2027-06-30T00:00:00Z" })) },
    {
      name: "notScopes excludes the snapshot group",
      model: build.model(...protectedVm(), defaultGroupPolicy(), build.policyDefinition(), build.policyAssignment("require-costcenter", { notScopes: [ids.resourceGroup("AzureBackupRG_eastus_1")] })),
    },
    { name: "the assignment covers another resource group only", model: build.model(...protectedVm(), defaultGroupPolicy(), build.policyDefinition(), build.policyAssignment("require-costcenter", { scope: ids.resourceGroup("rg-app") })) },
    { name: "the snapshot group already exists in Azure", model: build.model(...protectedVm(), defaultGroupPolicy(), ...denyCostCenter(), deployed(build.resourceGroup("AzureBackupRG_eastus_1", { tags: {} }))) },
    { name: "'Require a tag on resources' (Indexed) does not evaluate resource groups", model: build.model(...protectedVm(), defaultGroupPolicy(), build.policyAssignment("require-owner", { policyDefinitionId: REQUIRE_TAG_ON_RESOURCES, parameters: { tagName: "owner" } })) },
    {
      name: "a naming Deny is not a tag policy (TAG-004 reports it)",
      model: build.model(...protectedVm(), defaultGroupPolicy(),
        build.policyDefinition("naming", { policyRule: { if: { not: { field: "name", like: "rg-*" } }, then: { effect: "deny" } } }),
        build.policyAssignment("naming", { policyDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/naming` })),
    },
  ],
  invalid: [
    {
      name: "default AzureBackupRG_<region>_1 under a subscription-wide Deny",
      model: build.model(...protectedVm(), defaultGroupPolicy(), ...denyCostCenter()),
      errors: [{ messageId: "snapshotGroupDenied", resource: "vm-enhanced-daily", data: { resourceGroup: "AzureBackupRG_eastus_1", assignment: "require-costcenter", requiredTags: [{ tag: "costCenter" }], vms: ["appvm01"], precreated: false } }],
    },
    {
      name: "assignment of the built-in 'Require a tag on resource groups' by id",
      model: build.model(...protectedVm(), defaultGroupPolicy(), build.policyAssignment("rg-owner", { policyDefinitionId: REQUIRE_TAG_ON_RG, parameters: { tagName: "owner" } })),
      errors: [{ messageId: "snapshotGroupDenied", data: { definition: "Require a tag on resource groups", requiredTags: [{ tag: "owner" }] } }],
    },
    {
      name: "custom prefix, but the group is not pre-created",
      model: build.model(...protectedVm(), build.vmPolicy(), ...denyCostCenter()),
      errors: [{ messageId: "snapshotGroupDenied", data: { resourceGroup: "rg-rp-1" } }],
    },
    {
      name: "pre-created group lacks the tag",
      model: build.model(...protectedVm(), build.vmPolicy(), build.resourceGroup("rg-rp-1", { tags: { env: "prod" } }), ...denyCostCenter()),
      errors: [{ messageId: "precreatedGroupDenied", resource: "rg-rp-1", data: { precreated: true } }],
    },
    {
      name: "an expired exemption no longer helps",
      model: build.model(...protectedVm(), defaultGroupPolicy(), ...denyCostCenter(), build.policyExemption("old-waiver", { expiresOn: "2026-03-31T00:00:00Z" })),
      errors: [{ messageId: "snapshotGroupDenied", data: { expiredExemptions: ["old-waiver"] } }],
    },
    {
      name: "the Deny sits in an initiative assigned at a management group above the subscription",
      model: build.model(...protectedVm(), defaultGroupPolicy(), build.policyDefinition(),
        build.policySetDefinition("tagging", { policyDefinitions: [{ policyDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/require-costcenter-on-rg`, referenceId: "rgCostCenter", parameters: undefined }] }),
        build.policyAssignment("tagging", { scope: "/providers/Microsoft.Management/managementGroups/contoso", policyDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policySetDefinitions/tagging` }),
        build.managementGroup("contoso-landingzones", { parentName: "contoso" }), build.managementGroup("contoso", { subscriptionIds: [] })),
      errors: [{ messageId: "snapshotGroupDenied", data: { referenceId: "rgCostCenter" } }],
    },
    {
      name: "two VMs on one policy share one finding",
      model: build.model(build.vault(), build.vm("appvm01"), build.vm("appvm02"), build.vmItem("appvm01"), build.vmItem("appvm02"), defaultGroupPolicy(), ...denyCostCenter()),
      errors: [{ messageId: "snapshotGroupDenied", data: { vms: ["appvm01", "appvm02"] } }],
    },
    {
      name: "policy and item loaded from the program and from state give one finding, on the program's policy",
      model: build.model(...protectedVm(), deployed(build.vmItem("appvm01")), { ...defaultGroupPolicy(), ref: { ...defaultGroupPolicy().ref, id: undefined, urn: "urn:pulumi:dev::p::azure-native:recoveryservices:ProtectionPolicy::vm-enhanced-daily" } }, deployed(defaultGroupPolicy()), ...denyCostCenter()),
      errors: [{ messageId: "snapshotGroupDenied", resource: "vm-enhanced-daily", data: { vms: ["appvm01"] } }],
    },
    {
      name: "the VM is not in the model: the vault's region names the group",
      model: build.model(build.vault({ location: "westeurope" }), build.vmItem("appvm01"), defaultGroupPolicy(), ...denyCostCenter()),
      errors: [{ messageId: "snapshotGroupDenied", data: { resourceGroup: "AzureBackupRG_westeurope_1" } }],
    },
  ],
  unknown: [
    {
      name: "the tag name parameter is computed at preview",
      model: build.model(...protectedVm(), defaultGroupPolicy(), build.policyAssignment("rg-tag", { policyDefinitionId: REQUIRE_TAG_ON_RG, parameters: { tagName: UNKNOWN } })),
      unknowns: [{ messageId: "maybeDenied" }],
    },
    {
      name: "management-group assignment and no management groups in the model",
      model: build.model(...protectedVm(), defaultGroupPolicy(), build.policyDefinition(), build.policyAssignment("at-mg", { scope: "/providers/Microsoft.Management/managementGroups/contoso" })),
      unknowns: [{ messageId: "maybeDenied" }],
    },
    {
      name: "the instantRPDetails prefix is computed at preview",
      model: build.model(...protectedVm(), build.vmPolicy({ instantRpResourceGroup: { prefix: UNKNOWN, suffix: undefined } }), ...denyCostCenter()),
      unknowns: [{ messageId: "maybeDenied" }],
    },
    {
      name: "the item's policy id is computed at preview",
      model: build.model(...protectedVm().slice(0, 2), build.vmItem("appvm01", { policyId: UNKNOWN }), ...denyCostCenter()),
      unknowns: [{ messageId: "policyUnknown" }],
    },
    {
      name: "the assignment's definition is not in the model",
      model: build.model(...protectedVm(), defaultGroupPolicy(), build.policyAssignment()),
      unknowns: [{ messageId: "maybeDenied" }],
    },
  ],
});

describe("the codes each finding predicts", () => {
  const codes = (...entities: Parameters<typeof build.model>) => findingsOf(rule, { name: "", model: build.model(...entities) }).map((f) => [f.messageId, f.azureErrorCodes]);
  it("Azure Backup's own group: only the snapshot failure", () => {
    expect(codes(...protectedVm(), defaultGroupPolicy(), ...denyCostCenter())).toEqual([["snapshotGroupDenied", ["UserErrorRequestDisallowedByPolicy"]]]);
  });
  it("a group the program pre-creates: its deployment is denied first, then the snapshots fail", () => {
    expect(codes(...protectedVm(), build.vmPolicy(), build.resourceGroup("rg-rp-1", { tags: { env: "prod" } }), ...denyCostCenter())).toEqual([
      ["precreatedGroupDenied", ["RequestDisallowedByPolicy", "UserErrorRequestDisallowedByPolicy"]],
    ]);
  });
});
