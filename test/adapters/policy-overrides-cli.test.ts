/**
 * End to end through `check --arm`: what the ARM adapter now reads from policy assignments changes what the tag
 * rules predict. An initiative member that denies resource groups without a costCenter tag yields TAG-001 for the
 * snapshot resource group Azure Backup creates; an assignment override to Audit (the shape of Azure's
 * getPolicyAssignmentWithOverrides example) lifts it; resource selectors and a management-group scope are placed
 * (or reported uncertain) rather than read as absent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";
import { sharedPath } from "../harness/shared.js";

const SUB = "00000000-0000-0000-0000-000000000000";
const TENANT = "72f988bf-0000-0000-0000-000000000000";
const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod`;
const VM_ID = `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app01`;
const POLICY_ID = `${VAULT_ID}/backupPolicies/vm-daily`;
const DEFINITION_ID = `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/require-costcenter-on-rgs`;
const INITIATIVE_ID = `/subscriptions/${SUB}/providers/Microsoft.Authorization/policySetDefinitions/tagging`;
const MG = "/providers/Microsoft.Management/managementGroups";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const body = (relative: string, status = "200"): Json => structuredClone(JSON.parse(readFileSync(sharedPath("azure-rest-examples", relative), "utf8")).responses[status].body);

/** Azure's own vault, VM, Enhanced VM policy (default snapshot group) and protected item, joined. */
function protectedVm(): Json[] {
  const vault = { ...body("recoveryservices/GETVault.json"), id: VAULT_ID, name: "rsv-prod" };
  const vm: Json = { ...body("compute/virtualMachineExamples/VirtualMachine_Get.json"), id: VM_ID, name: "app01" };
  delete vm.resources;
  const policy = body("recoveryservicesbackup/AzureIaasVm/V2Policy/v2-Get-Policy.json");
  Object.assign(policy, { id: POLICY_ID, name: "vm-daily" });
  const item = body("recoveryservicesbackup/AzureIaasVm/Compute_ProtectedItem_Get.json");
  Object.assign(item, {
    id: `${VAULT_ID}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-app;app01/protectedItems/VM;iaasvmcontainerv2;rg-app;app01`,
    name: "VM;iaasvmcontainerv2;rg-app;app01",
  });
  Object.assign(item.properties, { friendlyName: "app01", virtualMachineId: VM_ID, sourceResourceId: VM_ID, policyId: POLICY_ID, containerName: "iaasvmcontainerv2;rg-app;app01" });
  return [vault, vm, policy, item];
}

/** A custom tag policy with a parameterized effect, in an initiative, as landing zones usually ship it. */
function tagging(): Json[] {
  const definition = {
    id: DEFINITION_ID,
    name: "require-costcenter-on-rgs",
    type: "Microsoft.Authorization/policyDefinitions",
    properties: {
      displayName: "Require a costCenter tag on resource groups",
      policyType: "Custom",
      mode: "All",
      parameters: { effect: { type: "String", allowedValues: ["Audit", "Deny", "Disabled"], defaultValue: "Deny" } },
      policyRule: {
        if: { allOf: [{ field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" }, { field: "tags['costCenter']", exists: "false" }] },
        then: { effect: "[parameters('effect')]" },
      },
    },
  };
  const initiative = {
    id: INITIATIVE_ID,
    name: "tagging",
    type: "Microsoft.Authorization/policySetDefinitions",
    properties: { displayName: "Tagging", policyType: "Custom", policyDefinitions: [{ policyDefinitionId: DEFINITION_ID, policyDefinitionReferenceId: "RequireCostCenter", parameters: {} }] },
  };
  return [definition, initiative];
}

function assignment(properties: Json = {}, scope = `/subscriptions/${SUB}`): Json {
  return {
    id: `${scope}/providers/Microsoft.Authorization/policyAssignments/tagging`,
    name: "tagging",
    type: "Microsoft.Authorization/policyAssignments",
    properties: { scope, policyDefinitionId: INITIATIVE_ID, enforcementMode: "Default", notScopes: [], parameters: {}, ...properties },
  };
}

const dir = mkdtempSync(join(tmpdir(), "bg-overrides-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function write(value: unknown): string {
  const file = join(dir, `arm-${n++}.json`);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

async function tagFindings(...files: Json[][]): Promise<Json[]> {
  const args = files.flatMap((f) => ["--arm", write(f)]);
  const r = await runCli(["check", ...args, "--format", "json", "--fail-on", "never"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout).findings as Json[]).filter((f) => f.ruleId.startsWith("TAG-"));
}
const summary = (findings: Json[]) => findings.map((f) => [f.ruleId, f.status, f.messageId]);

describe("check --arm: assignment overrides and resource selectors reach the tag rules", () => {
  it("without overrides, the initiative's Deny yields TAG-001 for AzureBackupRG_westus_1", async () => {
    const findings = await tagFindings([...protectedVm(), ...tagging(), assignment()]);
    expect(summary(findings)).toEqual([["TAG-001", "fail", "snapshotGroupDenied"]]);
    expect(findings[0]!.data).toMatchObject({ resourceGroup: "AzureBackupRG_westus_1", assignment: "tagging", referenceId: "RequireCostCenter" });
  });

  it("an effect override to Audit for that member: no TAG-001", async () => {
    const overrides = [{ kind: "policyEffect", value: "Audit", selectors: [{ kind: "policyDefinitionReferenceId", in: ["RequireCostCenter"] }] }];
    expect(await tagFindings([...protectedVm(), ...tagging(), assignment({ overrides })])).toEqual([]);
  });

  it("an override without selectors applies to every member: no TAG-001", async () => {
    expect(await tagFindings([...protectedVm(), ...tagging(), assignment({ overrides: [{ kind: "policyEffect", value: "Disabled" }] })])).toEqual([]);
  });

  it("an override for another member leaves the Deny in place", async () => {
    const overrides = [{ kind: "policyEffect", value: "Audit", selectors: [{ kind: "policyDefinitionReferenceId", in: ["LimitSkus"] }] }];
    expect(summary(await tagFindings([...protectedVm(), ...tagging(), assignment({ overrides })]))).toEqual([["TAG-001", "fail", "snapshotGroupDenied"]]);
  });

  it("resource selectors narrow the assignment: uncertain, not a false error", async () => {
    const resourceSelectors = [{ name: "eastOnly", selectors: [{ kind: "resourceLocation", in: ["eastus"] }] }];
    expect(summary(await tagFindings([...protectedVm(), ...tagging(), assignment({ resourceSelectors })]))).toEqual([["TAG-001", "unknown", "maybeDenied"]]);
  });

  it("an assignment at a management group: uncertain alone, a failure once another --arm file places the subscription under it", async () => {
    const atGroup = assignment({}, `${MG}/contoso`);
    expect(summary(await tagFindings([...protectedVm(), ...tagging(), atGroup]))).toEqual([["TAG-001", "unknown", "maybeDenied"]]);
    const group = { id: `${MG}/contoso`, name: "contoso", type: "Microsoft.Management/managementGroups", properties: { tenantId: TENANT, displayName: "Contoso", details: { parent: { id: `${MG}/${TENANT}` } } } };
    const placement = { id: `${MG}/contoso/subscriptions/${SUB}`, name: SUB, type: "Microsoft.Management/managementGroups/subscriptions", properties: { parent: { id: `${MG}/contoso` }, state: "Active" } };
    expect(summary(await tagFindings([...protectedVm(), ...tagging(), atGroup], [group], [placement]))).toEqual([["TAG-001", "fail", "snapshotGroupDenied"]]);
    const elsewhere = { ...placement, id: `${MG}/sandbox/subscriptions/${SUB}`, properties: { parent: { id: `${MG}/sandbox` } } };
    const sandbox = { ...group, id: `${MG}/sandbox`, name: "sandbox" };
    // Under another group whose chain stops short of the tenant root: contoso may still be above it.
    expect(summary(await tagFindings([...protectedVm(), ...tagging(), atGroup], [group, sandbox], [elsewhere]))).toEqual([["TAG-001", "unknown", "maybeDenied"]]);
    // With the tenant root group (named after the tenant, no parent) the chain is complete: contoso is not above it.
    const root = { id: `${MG}/${TENANT}`, name: TENANT, type: "Microsoft.Management/managementGroups", properties: { tenantId: TENANT, displayName: "Tenant Root Group", details: {} } };
    expect(await tagFindings([...protectedVm(), ...tagging(), atGroup], [group, sandbox, root], [elsewhere])).toEqual([]);
  });
});
