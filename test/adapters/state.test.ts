import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromStackExport, loadStateFile } from "../../src/adapters/state.js";
import { ModelIndex } from "../../src/model/lookups.js";
import { isUnknown } from "../../src/model/unknown.js";
import { repoRoot } from "../harness/shared.js";

const fixture = join(repoRoot, "test", "fixtures", "pulumi", "stack-export.json");

describe("state adapter (pulumi stack export)", () => {
  const model = loadStateFile(fixture);

  it("maps live resources with their Azure ids, skipping the stack, providers and pending deletes", () => {
    expect(model.vaults[0]!.ref.id).toMatch(/vaults\/rsv-prod$/);
    expect(model.vaults[0]!.subscriptionId).toBe("00000000-0000-0000-0000-000000000001");
    expect(model.vms.map((v) => v.vmName)).toEqual(["sqlvm01"]);
    expect(model.vms[0]!.ref.source.pointer).toBe("deployment.resources[8]");
    expect(model.otherResources.map((r) => r.name)).toEqual(["vnet-prod"]);
  });

  it("reads desired values from inputs", () => {
    expect(model.vaults[0]).toMatchObject({ storageRedundancy: "ZoneRedundant", crossRegionRestore: false, immutability: "Locked", softDelete: { state: "Enabled", retentionDays: 14 } });
    expect(model.vms[0]!.os).toBe("windows");
  });

  it("never carries a secret into the model", () => {
    const text = JSON.stringify(model);
    expect(text).not.toContain("ciphertext");
    expect(text).not.toContain("v1:");
  });

  it("joins the SQL item to its policy by id, and reads Azure Backup's naming", () => {
    const item = model.protectedItems[0]!;
    expect([item.sqlInstance, item.sqlDatabase, item.containerName]).toEqual(["MSSQLSERVER", "sales", "VMAppContainer;Compute;rg-sql;sqlvm01"]);
    expect(item.policyUrn).toBeUndefined();
    const policy = new ModelIndex(model).policyOf(item);
    expect(policy && !isUnknown(policy) ? policy.ref.name : undefined).toBe("sql-policy");
  });

  it("gives inline subnets their ids from outputs and locks their scope from the lock id", () => {
    expect(model.subnets[0]!.ref.id).toMatch(/virtualNetworks\/vnet-prod\/subnets\/snet-sql$/);
    expect(model.locks[0]).toMatchObject({ scope: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-backup", level: "CanNotDelete", resourceGroupName: "rg-backup" });
    expect(model.policyAssignments[0]!.policyDefinitionId).toBe("/providers/Microsoft.Authorization/policyDefinitions/96670d01-0a4d-4649-9c89-2d3abc0a5025");
  });

  it("never prints a plaintext secret from a --show-secrets export, even in a full check report", async () => {
    const { main } = await import("../../src/cli/main.js");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const envelope = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: '"hunter2-plaintext"' };
    const exported = {
      version: 3,
      deployment: {
        resources: [
          { urn: "urn:pulumi:s::p::azure-native:recoveryservices:ProtectionPolicy::sql", type: "azure-native:recoveryservices:ProtectionPolicy", inputs: { vaultName: "rsv", policyName: "sql", properties: envelope } },
          { urn: "urn:pulumi:s::p::azure-native:compute:VirtualMachine::vm", type: "azure-native:compute:VirtualMachine", inputs: { vmName: envelope, osProfile: { adminPassword: envelope } } },
        ],
      },
    };
    const file = join(mkdtempSync(join(tmpdir(), "bg-state-")), "state.json");
    writeFileSync(file, JSON.stringify(exported));
    expect(JSON.stringify(loadStateFile(file))).not.toContain("hunter2");
    for (const format of ["text", "json", "sarif", "markdown", "junit"]) {
      let out = "";
      const code = await main(["check", "--state", file, "--format", format, "--fail-on", "never"], { stdout: (s) => (out += s), stderr: (s) => (out += s), isTTY: false, env: {} });
      expect(code).toBe(0);
      expect(out).not.toContain("hunter2");
    }
  });

  it("refuses a wrong envelope and duplicate URNs with their paths", () => {
    expect(() => fromStackExport({ version: 3, deployment: { resources: {} } }, "s.json")).toThrow("s.json at deployment.resources: expected an array, found an object");
    expect(() => fromStackExport({ deployment: {} }, "s.json")).toThrow("s.json at version: is required (a number)");
    const r = { urn: "urn:pulumi:s::p::azure-native:resources:ResourceGroup::rg", type: "azure-native:resources:ResourceGroup", inputs: {} };
    expect(() => fromStackExport({ version: 3, deployment: { resources: [r, r] } }, "s.json")).toThrow(/s\.json at deployment\.resources\[1\]: the URN .* is already at deployment\.resources\[0\]/);
  });
});
