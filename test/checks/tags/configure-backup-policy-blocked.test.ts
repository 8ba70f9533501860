import rule from "../../../checks/tags/configure-backup-policy-blocked.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const builtin = (guid: string) => `/providers/Microsoft.Authorization/policyDefinitions/${guid}`;
const NEW_VAULT_WITHOUT_TAG = builtin("98d0b9f8-fd90-49c9-88e2-d3baf3b0dd86");
const DENY_PUBLIC_ACCESS = builtin("9ebbbba3-4d65-4da9-bb67-b22cfaaff090");
const EXISTING_VAULT = builtin("09ce66bc-1220-4153-8104-e3f51c936913");

const deployVmBackup = (o: Parameters<typeof build.policyAssignment>[1] = {}) =>
  build.policyAssignment("deploy-vm-backup", { policyDefinitionId: NEW_VAULT_WITHOUT_TAG, parameters: {}, identityType: "SystemAssigned", ...o });
const denyPublicVaults = (effect: unknown = "Deny", o: Parameters<typeof build.policyAssignment>[1] = {}) =>
  build.policyAssignment("rsv-no-public-access", { policyDefinitionId: DENY_PUBLIC_ACCESS, parameters: { effect }, ...o });
/** Golden: the configure-backup policy and the public-network-access policy at its default effect (Audit). */
const golden = () => [build.vm("appvm01"), deployVmBackup(), denyPublicVaults("Audit")];

ruleTester.run(rule, {
  valid: [
    { name: "public-network-access policy only audits", model: build.model(...golden()) },
    { name: "the configure-backup assignment only audits", model: build.model(build.vm("appvm01"), deployVmBackup({ parameters: { effect: "AuditIfNotExists" } }), denyPublicVaults()) },
    { name: "the configure-backup assignment is DoNotEnforce", model: build.model(build.vm("appvm01"), deployVmBackup({ enforcementMode: "DoNotEnforce" }), denyPublicVaults()) },
    { name: "the VM's resource group is exempt from the Deny", model: build.model(build.vm("appvm01"), deployVmBackup(), denyPublicVaults("Deny", { notScopes: [ids.resourceGroup("rg-sql")] })) },
    { name: "the existing-vault variant deploys no vault", model: build.model(build.vm("appvm01"), deployVmBackup({ policyDefinitionId: EXISTING_VAULT }), denyPublicVaults()) },
    { name: "the VM already has a backup item, so the policy never remediates it", model: build.model(build.vm("appvm01"), build.vault(), build.vmPolicy(), build.vmItem("appvm01"), deployVmBackup(), denyPublicVaults()) },
    { name: "the VM is outside the configure-backup scope", model: build.model(build.vm("appvm01"), deployVmBackup({ scope: ids.resourceGroup("rg-other") }), denyPublicVaults()) },
  ],
  invalid: [
    {
      name: "Deny on public network access rejects the vault the remediation deploys",
      model: build.model(build.vm("appvm01"), build.vm("appvm02"), deployVmBackup(), denyPublicVaults()),
      errors: [{ messageId: "remediationVaultDenied", resource: "deploy-vm-backup", data: { assignment: "rsv-no-public-access", vms: ["appvm01", "appvm02"] } }],
    },
    {
      name: "a tag Deny on all resources rejects the untagged vault",
      model: build.model(build.vm("appvm01"), deployVmBackup(), build.policyAssignment("require-owner", { policyDefinitionId: builtin("871b6d14-10aa-478d-b590-94f262ecfa99"), parameters: { tagName: "owner" } })),
      errors: [{ messageId: "remediationVaultDenied", data: { requiredTags: [{ tag: "owner" }] } }],
    },
  ],
  unknown: [
    { name: "the configure-backup effect is computed at preview", model: build.model(build.vm("appvm01"), deployVmBackup({ parameters: { effect: UNKNOWN } }), denyPublicVaults()), unknowns: [{ messageId: "effectUnknown" }] },
    { name: "the Deny's effect is computed at preview", model: build.model(build.vm("appvm01"), deployVmBackup(), denyPublicVaults(UNKNOWN)), unknowns: [{ messageId: "remediationVaultMaybeDenied" }] },
  ],
});
