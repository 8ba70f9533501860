import rule from "../../../checks/tags/backup-deployment-denied-by-policy.js";
import { build, SUB, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const builtin = (guid: string) => `/providers/Microsoft.Authorization/policyDefinitions/${guid}`;
const APPROVED_EXTENSIONS = builtin("c0e996f8-39cf-4af9-9f45-83fbde810432");
const NOT_ALLOWED_TYPES = builtin("6c112d4e-5bc7-47ae-a041-ea2d9dccd749");
const RG_LOCATIONS = builtin("e765b5de-1225-4ba3-bd56-1ac6695af988");
const REQUIRE_TAG_ON_RESOURCES = builtin("871b6d14-10aa-478d-b590-94f262ecfa99");

/** Golden: a protected Windows VM; a naming Deny for resource groups that the pre-created snapshot group satisfies. */
const namingDefinition = build.policyDefinition("rg-naming", {
  policyRule: { if: { allOf: [{ field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" }, { not: { field: "name", like: "rg-*" } }] }, then: { effect: "deny" } },
});
const naming = () => [namingDefinition, build.policyAssignment("rg-naming", { policyDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/rg-naming` })];
const protectedVm = () => [build.vault(), build.vm("appvm01"), build.vmItem("appvm01")];
const golden = () => [...protectedVm(), build.vmPolicy(), build.resourceGroup("rg-rp-1", { tags: { costCenter: "4711" } }), ...naming()];
const defaultGroupPolicy = () => build.vmPolicy({ instantRpResourceGroup: { prefix: undefined, suffix: undefined } });
const approved = (list: unknown, effect: unknown = "Deny") => build.policyAssignment("approved-extensions", { policyDefinitionId: APPROVED_EXTENSIONS, parameters: { effect, approvedExtensions: list } });

ruleTester.run(rule, {
  valid: [
    { name: "naming policy satisfied by the custom snapshot group", model: build.model(...golden()) },
    { name: "approved-extension Deny lists VMSnapshot", model: build.model(...golden(), approved(["VMSnapshot", "VMSnapshotLinux"])) },
    { name: "approved-extension policy left at its default effect (Audit)", model: build.model(...golden(), build.policyAssignment("approved-extensions", { policyDefinitionId: APPROVED_EXTENSIONS, parameters: { approvedExtensions: [] } })) },
    { name: "not-allowed types list something else", model: build.model(...golden(), build.policyAssignment("no-classic", { policyDefinitionId: NOT_ALLOWED_TYPES, parameters: { listOfResourceTypesNotAllowed: ["Microsoft.ClassicCompute/virtualMachines"] } })) },
    { name: "resource-group locations include the VM's region", model: build.model(...golden(), build.policyAssignment("rg-locations", { policyDefinitionId: RG_LOCATIONS, parameters: { listOfAllowedLocations: ["eastus", "westus"] } })) },
    { name: "tag Deny on resource groups is TAG-001's", model: build.model(...protectedVm(), defaultGroupPolicy(), build.policyDefinition(), build.policyAssignment()) },
  ],
  invalid: [
    {
      name: "naming Deny rejects the default AzureBackupRG_<region>_1",
      model: build.model(...protectedVm(), defaultGroupPolicy(), ...naming()),
      errors: [{ messageId: "groupDenied", resource: "vm-enhanced-daily", data: { assignment: "rg-naming" } }],
    },
    {
      name: "resource-group locations exclude the VM's region",
      model: build.model(...golden(), build.policyAssignment("rg-locations", { policyDefinitionId: RG_LOCATIONS, parameters: { listOfAllowedLocations: ["westeurope"] } })),
      errors: [{ messageId: "groupDenied", data: { definition: "Allowed locations for resource groups" } }],
    },
    {
      name: "restore point collections are a not-allowed resource type",
      model: build.model(...golden(), build.policyAssignment("no-rpc", { policyDefinitionId: NOT_ALLOWED_TYPES, parameters: { listOfResourceTypesNotAllowed: ["Microsoft.Compute/restorePointCollections"] } })),
      errors: [{ messageId: "restorePointCollectionDenied", data: { assignment: "no-rpc", type: "Microsoft.Compute/restorePointCollections" } }],
    },
    {
      name: "approved-extension Deny without VMSnapshot",
      model: build.model(...golden(), approved(["MicrosoftMonitoringAgent"])),
      errors: [{ messageId: "extensionDenied", resource: "appvm01", data: { assignment: "approved-extensions" } }],
    },
    {
      name: "a Linux VM needs VMSnapshotLinux approved",
      model: build.model(build.vault(), build.vm("appvm01", { os: "linux" }), build.vmItem("appvm01"), build.vmPolicy(), build.resourceGroup("rg-rp-1"), approved(["VMSnapshot"])),
      errors: [{ messageId: "extensionDenied", resource: "appvm01" }],
    },
    {
      name: "a SQL VM needs AzureBackupWindowsWorkload approved",
      model: build.model(build.vault(), build.vm("sqlvm01"), build.sqlItem("sqlvm01", "sales"), build.sqlPolicy(), approved(["VMSnapshot"])),
      errors: [{ messageId: "extensionDenied", resource: "sqlvm01" }],
    },
  ],
  unknown: [
    { name: "the VM's OS is not known", model: build.model(build.vault(), build.vm("appvm01", { os: UNKNOWN }), build.vmItem("appvm01"), build.vmPolicy(), build.resourceGroup("rg-rp-1"), approved(["VMSnapshot"])), unknowns: [{ messageId: "extensionDeniedUnknown" }] },
    {
      name: "'Require a tag on resources': the tags Azure Backup puts on restore point collections and extensions are not documented",
      model: build.model(...protectedVm(), build.vmPolicy(), build.resourceGroup("rg-rp-1"), build.policyAssignment("require-owner", { policyDefinitionId: REQUIRE_TAG_ON_RESOURCES, parameters: { tagName: "owner" } })),
      unknowns: [{ messageId: "restorePointCollectionDeniedUnknown" }, { messageId: "extensionDeniedUnknown" }],
    },
    {
      name: "the not-allowed list is computed at preview",
      model: build.model(...golden(), build.policyAssignment("no-types", { policyDefinitionId: NOT_ALLOWED_TYPES, parameters: { listOfResourceTypesNotAllowed: UNKNOWN } })),
      unknowns: [{ messageId: "groupDeniedUnknown" }, { messageId: "restorePointCollectionDeniedUnknown" }, { messageId: "extensionDeniedUnknown" }],
    },
  ],
});
