import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromPreview, loadPreviewFile } from "../../src/adapters/preview.js";
import { InputError } from "../../src/errors.js";
import { ModelIndex } from "../../src/model/lookups.js";
import { isUnknown } from "../../src/model/unknown.js";
import { repoRoot } from "../harness/shared.js";

const fixture = join(repoRoot, "test", "fixtures", "pulumi", "preview.json");

describe("preview adapter (pulumi preview --json)", () => {
  const model = loadPreviewFile(fixture);

  it("maps every live step once and skips the stack, the provider and deleted resources", () => {
    expect(model.vaults.map((v) => v.ref.name)).toEqual(["rsv-prod"]);
    expect(model.backupPolicies.map((p) => p.policyName)).toEqual(["sql-full-diff-log", "vm-enhanced-hourly"]);
    expect(model.vms).toHaveLength(1);
    expect(model.resourceGroups).toHaveLength(1);
    expect(model.otherResources).toEqual([]);
    const allTypes = JSON.stringify(model);
    expect(allTypes).not.toContain("pulumi:pulumi:Stack");
    expect(allTypes).not.toContain("StorageAccount");
  });

  it("keeps the replacement's new inputs and points at its step", () => {
    const vm = model.vms[0]!;
    expect(vm.vmName).toBe("sqlvm01");
    expect(vm.ref.source).toEqual({ adapter: "preview", file: fixture, pointer: "steps[11].newState" });
    expect(vm.os).toBe("windows");
    expect(vm.osDisk?.storageAccountType).toBe("Premium_LRS");
    expect(vm.provisionVmAgent).toBe(true);
    expect(isUnknown((vm.nicIds as unknown[])[0])).toBe(true);
  });

  it("turns the unknown sentinel into UNKNOWN, nested values too", () => {
    const vmPolicy = model.backupPolicies[1]!;
    expect(isUnknown(vmPolicy.retention?.daily?.duration.count)).toBe(true);
    expect(vmPolicy.retention?.daily?.duration.durationType).toBe("Days");
    expect(vmPolicy.schedule?.hourly).toEqual({ intervalHours: 4, windowStartTime: "2026-01-01T08:00:00Z", windowDurationHours: 12 });
  });

  it("names the vault of a policy whose vaultName is unknown through its propertyDependencies", () => {
    const vmPolicy = model.backupPolicies[1]!;
    expect(vmPolicy.vaultName).toBe("rsv-prod");
    expect(new ModelIndex(model).vaultOfPolicy(vmPolicy)?.ref.name).toBe("rsv-prod");
  });

  it("keeps an unknown vaultName unknown when no propertyDependency names the vault", () => {
    const digest = JSON.parse(readFileSync(fixture, "utf8")) as { steps: { newState?: { type: string; propertyDependencies?: Record<string, string[]> } }[] };
    for (const step of digest.steps) if (step.newState?.type.endsWith(":ProtectionPolicy")) delete step.newState.propertyDependencies;
    const policy = fromPreview(digest, "preview.json").backupPolicies[1]!;
    expect(isUnknown(policy.vaultName)).toBe(true);
  });

  it("never carries a secret value into the model", () => {
    const text = JSON.stringify(model);
    expect(text).not.toContain("[secret]");
    expect(text).not.toContain("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });

  it("joins an item and an intent to their policy through propertyDependencies when policyId is unknown", () => {
    const index = new ModelIndex(model);
    const item = model.protectedItems[0]!;
    expect(isUnknown(item.policyId)).toBe(true);
    expect(item.policyUrn).toBe("urn:pulumi:dev::backup-estate::azure-native:recoveryservices:ProtectionPolicy::sql-policy");
    expect(item.workload).toBe("sqlDatabase");
    expect([item.sqlInstance, item.sqlDatabase]).toEqual(["MSSQLSERVER", "sales"]);
    const policy = index.policyOf(item);
    expect(policy && !isUnknown(policy) ? policy.policyName : undefined).toBe("sql-full-diff-log");
    const intent = model.protectionIntents[0]!;
    expect(intent.workload).toBe("sqlInstance");
    expect(intent.sqlInstance).toBe("MSSQLSERVER");
    expect(intent.policyUrn).toBe(item.policyUrn);
  });

  it("joins a policy assignment to its definition through propertyDependencies", () => {
    const assignment = model.policyAssignments[0]!;
    expect(isUnknown(assignment.policyDefinitionId)).toBe(true);
    expect(assignment.policyDefinitionUrn).toBe("urn:pulumi:dev::backup-estate::azure-native:authorization:PolicyDefinition::require-costcenter");
    expect(assignment.parameters).toEqual({ tagName: "costCenter" });
  });

  it("merges a standalone SecurityRule into its NSG found through propertyDependencies", () => {
    const nsg = model.nsgs[0]!;
    expect(nsg.ref.id).toMatch(/networkSecurityGroups\/nsg-sql$/);
    const rules = nsg.securityRules as { name: string; ref?: { type: string }; destinationAddressPrefixes: unknown }[];
    expect(rules.map((r) => r.name)).toEqual(["deny-internet", "allow-azurebackup-443"]);
    expect(rules[1]!.ref?.type).toBe("azure-native:network:SecurityRule");
    expect(rules[1]!.destinationAddressPrefixes).toEqual(["AzureBackup", "Storage"]);
  });

  it("refuses two live steps creating the same URN, naming both", () => {
    const state = { urn: "urn:pulumi:dev::p::azure-native:recoveryservices:Vault::v", type: "azure-native:recoveryservices:Vault", inputs: {} };
    const digest = { steps: [{ op: "create", urn: state.urn, newState: state }, { op: "same", urn: state.urn, newState: state }] };
    expect(() => fromPreview(digest, "dup.json")).toThrow(/dup\.json at steps\[1\]\.newState: the URN .* already created by steps\[0\]\.newState/);
  });

  it("reports a wrong type with its path", () => {
    const digest = { steps: [{ op: "create", newState: { urn: "u::a::b::c", type: "t", inputs: [] } }] };
    try {
      fromPreview(digest, "bad.json");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).pointer).toBe("steps[0].newState.inputs");
    }
  });

  it("refuses a failed preview, whose step list is incomplete", () => {
    const dir = mkdtempSync(join(tmpdir(), "bg-preview-"));
    const file = join(dir, "failed.json");
    writeFileSync(file, JSON.stringify({ steps: [], diagnostics: [{ message: "error: program failed\nstack", severity: "error" }] }));
    expect(() => loadPreviewFile(file)).toThrow(/diagnostics\[0\]: the preview failed/);
  });
});
