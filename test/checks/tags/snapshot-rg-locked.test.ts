import rule from "../../../checks/tags/snapshot-rg-locked.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const DENY_DELETE = "/providers/Microsoft.Authorization/policyDefinitions/78460a36-508a-49a4-b2b2-2f5ec564f4bb";
/** Golden: a protected VM whose snapshots go to rg-rp-1; the golden lock protects rg-sql (the VM's group). */
const golden = () => [build.vault(), build.vm("appvm01"), build.vmItem("appvm01"), build.vmPolicy(), build.lock()];

ruleTester.run(rule, {
  valid: [
    { name: "lock on the VM's own resource group only", model: build.model(...golden()) },
    { name: "no locks", model: build.model(build.vault(), build.vm("appvm01"), build.vmItem("appvm01"), build.vmPolicy()) },
    { name: "lock in another subscription", model: build.model(...golden(), build.lock("other", { scope: "/subscriptions/99999999-0000-0000-0000-000000000000" })) },
    {
      name: "DenyAction on deleting VMs does not cover restore point collections",
      model: build.model(...golden(), build.policyAssignment("no-vm-delete", { policyDefinitionId: DENY_DELETE, parameters: { listOfResourceTypesDisallowedForDeletion: ["Microsoft.Compute/virtualMachines"] } })),
    },
  ],
  invalid: [
    {
      name: "CanNotDelete lock on the snapshot resource group",
      model: build.model(...golden(), build.lock("lock-rp", { scope: ids.resourceGroup("rg-rp-1") })),
      errors: [{ messageId: "locked", resource: "lock-rp", data: { level: "CanNotDelete", resourceGroup: "rg-rp-1", vms: ["appvm01"] } }],
    },
    {
      name: "ReadOnly lock on the subscription also covers the default group",
      model: build.model(build.vault(), build.vm("appvm01"), build.vmItem("appvm01"), build.vmPolicy({ instantRpResourceGroup: { prefix: undefined, suffix: undefined } }), build.lock("sub-lock", { scope: ids.subscription(), level: "ReadOnly" })),
      errors: [{ messageId: "locked", data: { level: "ReadOnly", resourceGroup: "AzureBackupRG_eastus_1" } }],
    },
    {
      name: "lock scope taken from the lock's id",
      model: build.model(...golden(), build.lock("lock-by-id", { scope: undefined, id: `${ids.resourceGroup("RG-RP-1")}/providers/Microsoft.Authorization/locks/lock-by-id` })),
      errors: [{ messageId: "locked", resource: "lock-by-id" }],
    },
    {
      name: "a Pulumi resource-group lock names the snapshot group (its scope id is computed at preview)",
      model: build.model(...golden(), build.lock("lock-rp-pulumi", { scope: UNKNOWN, resourceGroupName: "rg-rp-1" })),
      errors: [{ messageId: "locked", resource: "lock-rp-pulumi", data: { scope: "resource group rg-rp-1" } }],
    },
    {
      name: "DenyAction on deleting restore point collections",
      model: build.model(...golden(), build.policyAssignment("no-rpc-delete", { policyDefinitionId: DENY_DELETE, parameters: { listOfResourceTypesDisallowedForDeletion: ["Microsoft.Compute/restorePointCollections"] } })),
      errors: [{ messageId: "denyActionDelete", resource: "vm-enhanced-daily", data: { assignment: "no-rpc-delete" } }],
    },
  ],
  unknown: [
    { name: "lock scope computed at preview", model: build.model(...golden(), build.lock("pending", { scope: UNKNOWN })), unknowns: [{ messageId: "lockUnknown" }] },
    { name: "lock level computed at preview", model: build.model(...golden(), build.lock("pending", { scope: ids.resourceGroup("rg-rp-1"), level: UNKNOWN })), unknowns: [{ messageId: "lockUnknown" }] },
    {
      name: "DenyAction list computed at preview",
      model: build.model(...golden(), build.policyAssignment("pending", { policyDefinitionId: DENY_DELETE, parameters: { listOfResourceTypesDisallowedForDeletion: UNKNOWN } })),
      unknowns: [{ messageId: "denyActionUnknown" }],
    },
  ],
});
