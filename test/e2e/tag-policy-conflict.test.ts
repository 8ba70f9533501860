/**
 * Issue 6 end to end: `check --arm` on an estate assembled from Azure's own REST examples (vault, VM, V2 VM policy,
 * protected item) plus the built-in "Require a tag on resource groups" assigned to the subscription. backupguard
 * predicts UserErrorRequestDisallowedByPolicy before deployment, and each of the two documented fixes clears it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";
import { sharedPath } from "../harness/shared.js";

const SUB = "00000000-0000-0000-0000-000000000000";
const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod`;
const VM_ID = `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app01`;
const POLICY_ID = `${VAULT_ID}/backupPolicies/vm-daily`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const body = (relative: string): Json => structuredClone(JSON.parse(readFileSync(sharedPath("azure-rest-examples", relative), "utf8")).responses["200"].body);

function estate(policyProperties: Json = {}): Json[] {
  const vault = { ...body("recoveryservices/GETVault.json"), id: VAULT_ID, name: "rsv-prod" };
  const vm: Json = { ...body("compute/virtualMachineExamples/VirtualMachine_Get.json"), id: VM_ID, name: "app01" };
  delete vm.resources;
  const policy = body("recoveryservicesbackup/AzureIaasVm/V2Policy/v2-Get-Policy.json");
  Object.assign(policy, { id: POLICY_ID, name: "vm-daily" });
  Object.assign(policy.properties, policyProperties);
  const item = body("recoveryservicesbackup/AzureIaasVm/Compute_ProtectedItem_Get.json");
  Object.assign(item, {
    id: `${VAULT_ID}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-app;app01/protectedItems/VM;iaasvmcontainerv2;rg-app;app01`,
    name: "VM;iaasvmcontainerv2;rg-app;app01",
  });
  Object.assign(item.properties, { friendlyName: "app01", virtualMachineId: VM_ID, sourceResourceId: VM_ID, policyId: POLICY_ID, containerName: "iaasvmcontainerv2;rg-app;app01" });
  const requireTag = {
    id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/require-costcenter-on-rgs`,
    name: "require-costcenter-on-rgs",
    type: "Microsoft.Authorization/policyAssignments",
    properties: {
      scope: `/subscriptions/${SUB}`,
      policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/96670d01-0a4d-4649-9c89-2d3abc0a5025",
      parameters: { tagName: { value: "costCenter" } },
      enforcementMode: "Default",
      notScopes: [],
    },
  };
  return [vault, vm, policy, item, requireTag];
}

const addTagAssignment = {
  id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/add-costcenter-to-rgs`,
  name: "add-costcenter-to-rgs",
  type: "Microsoft.Authorization/policyAssignments",
  identity: { type: "SystemAssigned" },
  properties: {
    scope: `/subscriptions/${SUB}`,
    policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/d157c373-a6c4-483d-aaad-570756956268",
    parameters: { tagName: { value: "costCenter" }, tagValue: { value: "4711" } },
    enforcementMode: "Default",
  },
};

const dir = mkdtempSync(join(tmpdir(), "bg-e2e-tags-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function write(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}
async function tagFindings(resources: Json[]) {
  const r = await runCli(["check", "--arm", write(`estate-${resources.length}-${Math.random()}.json`, resources), "--format", "json", "--fail-on", "never"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout).findings as Json[]).filter((f) => f.ruleId.startsWith("TAG-"));
}

describe("check --arm: the tag-policy conflict, found before deployment", () => {
  it("predicts UserErrorRequestDisallowedByPolicy for AzureBackupRG_westus_1", async () => {
    const findings = await tagFindings(estate());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: "TAG-001",
      severity: "error",
      status: "fail",
      resource: { name: "vm-daily", id: POLICY_ID },
      azureErrorCodes: ["UserErrorRequestDisallowedByPolicy"],
      data: { resourceGroup: "AzureBackupRG_westus_1", assignment: "require-costcenter-on-rgs", requiredTags: [{ tag: "costCenter" }], vms: ["app01"] },
    });
    expect(findings[0]!.message).toMatch(/Modify/);
    expect(findings[0]!.message).toMatch(/instantRPDetails/);
  });

  it("fix 1: a Modify assignment that adds the tag", async () => {
    expect(await tagFindings([...estate(), addTagAssignment])).toEqual([]);
  });

  it("fix 2: instantRPDetails pointing at a resource group that exists with the tag", async () => {
    const group = { id: `/subscriptions/${SUB}/resourceGroups/rg-azurebackup-westus-1`, name: "rg-azurebackup-westus-1", type: "Microsoft.Resources/resourceGroups", location: "westus", tags: { costCenter: "4711" } };
    const fixed = estate({ instantRPDetails: { azureBackupRGNamePrefix: "rg-azurebackup-westus-" } });
    expect(await tagFindings([...fixed, group])).toEqual([]);
  });
});
