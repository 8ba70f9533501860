import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromInventory, loadInventoryFile } from "../../src/adapters/inventory.js";
import { InputError } from "../../src/errors.js";
import { ModelIndex } from "../../src/model/lookups.js";
import { mergeModels } from "../../src/model/types.js";
import { build, ids } from "../harness/build.js";
import { repoRoot } from "../harness/shared.js";

const fixture = join(repoRoot, "test", "fixtures", "inventory", "inventory.yaml");

/** The valid inventory as a plain object, to change one thing per case. */
function golden(): Record<string, any> {
  return {
    version: 1,
    vms: [
      { name: "sqlvm01", os: "windows", sqlInstances: [{ name: "MSSQLSERVER", databases: [{ name: "sales", recoveryModel: "FULL", availabilityGroup: "ag" }, { name: "hr", recoveryModel: "SIMPLE" }] }] },
      { name: "sqlvm02", os: "windows", sqlInstances: [{ name: "MSSQLSERVER", databases: [] }] },
    ],
    availabilityGroups: [{ name: "ag", backupPreference: "Primary", replicas: [{ vm: "sqlvm01", instance: "MSSQLSERVER", role: "PRIMARY" }, { vm: "sqlvm02", instance: "MSSQLSERVER", role: "SECONDARY" }] }],
  };
}

function errorOf(value: unknown): InputError {
  try {
    fromInventory(value, "inv.yaml");
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("inventory adapter", () => {
  it("loads the contract's YAML into VMs, instances, databases and availability groups", () => {
    const model = loadInventoryFile(fixture);
    expect(model.inventoryVms.map((v) => [v.vmName, v.os, v.agentVersion])).toEqual([
      ["sqlvm01", "windows", "2.7.41491.1102"],
      ["sqlvm02", "windows", undefined],
      ["appvm01", "linux", "2.10.0.8"],
    ]);
    expect(model.inventoryVms[0]!.vmId).toMatch(/virtualMachines\/sqlvm01$/);
    expect(model.inventoryVms[2]!.linuxAppConsistency?.scripts?.map((s) => s.mode)).toEqual(["700", "700"]);
    expect(model.sqlInstances.map((i) => i.ref.name)).toEqual(["sqlvm01/MSSQLSERVER", "sqlvm02/MSSQLSERVER"]);
    expect(model.sqlDatabases.map((d) => [d.ref.name, d.recoveryModel, d.availabilityGroup])).toEqual([
      ["sqlvm01/MSSQLSERVER/sales", "FULL", "ag-sales"],
      ["sqlvm01/MSSQLSERVER/reporting", "SIMPLE", undefined],
      ["sqlvm02/MSSQLSERVER/sales", "FULL", "ag-sales"],
    ]);
    expect(model.sqlDatabases[1]!.ref.source).toEqual({ adapter: "inventory", file: fixture, pointer: "vms[0].sqlInstances[0].databases[1]" });
    expect(model.availabilityGroups[0]).toMatchObject({ groupName: "ag-sales", backupPreference: "Primary" });
  });

  it("joins inventory databases to protected items by Azure Backup naming", () => {
    const model = mergeModels(loadInventoryFile(fixture), build.model(build.vm("sqlvm01"), build.sqlItem("sqlvm01", "SALES")));
    const index = new ModelIndex(model);
    const sales = model.sqlDatabases[0]!;
    expect(index.protectionOfDatabase(sales).items).toHaveLength(1);
    expect(index.protectionOfDatabase(model.sqlDatabases[1]!).items).toHaveLength(0);
    expect(index.vmOfInventory(model.inventoryVms[0]!)?.ref.id).toBe(ids.vm("sqlvm01"));
  });

  it("loads the same inventory written as JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "bg-inv-"));
    const file = join(dir, "inventory.json");
    writeFileSync(file, JSON.stringify(golden()));
    expect(loadInventoryFile(file).sqlDatabases).toHaveLength(2);
  });

  it.each([
    ["an unknown key", (v: any) => (v.vms[0].sqlInstances[0].databases[1].recovery = "FULL"), "vms[0].sqlInstances[0].databases[1].recovery", /unknown key "recovery"/],
    ["a bad enum value", (v: any) => (v.vms[0].sqlInstances[0].databases[1].recoveryModel = "full"), "vms[0].sqlInstances[0].databases[1].recoveryModel", /expected one of "FULL", "BULK_LOGGED", "SIMPLE", found "full"/],
    ["a wrong type", (v: any) => (v.vms[0].sqlInstances[0].databases[0].readOnly = "no"), "vms[0].sqlInstances[0].databases[0].readOnly", /expected a boolean, found "no"/],
    ["a missing name", (v: any) => delete v.vms[1].name, "vms[1].name", /is required/],
    ["a wrong version", (v: any) => (v.version = 2), "version", /expected 1, found number 2/],
    ["a bad OS", (v: any) => (v.vms[0].os = "Windows Server"), "vms[0].os", /expected one of "windows", "linux"/],
    ["an undeclared availability group", (v: any) => (v.vms[0].sqlInstances[0].databases[0].availabilityGroup = "ag-other"), "vms[0].sqlInstances[0].databases[0].availabilityGroup", /"ag-other", which availabilityGroups does not declare/],
    ["a database in a group its instance is not a replica of", (v: any) => (v.availabilityGroups[0].replicas = [v.availabilityGroups[0].replicas[1]]), "vms[0].sqlInstances[0].databases[0].availabilityGroup", /sqlvm01\/MSSQLSERVER is not one of its replicas/],
    ["a replica on an unlisted VM", (v: any) => (v.availabilityGroups[0].replicas[1].vm = "sqlvm09"), "availabilityGroups[0].replicas[1].vm", /"sqlvm09", which vms does not list/],
    ["a replica on an unlisted instance", (v: any) => (v.availabilityGroups[0].replicas[1].instance = "NAMED"), "availabilityGroups[0].replicas[1].instance", /"NAMED", which VM "sqlvm02" does not list/],
    ["two primaries", (v: any) => (v.availabilityGroups[0].replicas[1].role = "PRIMARY"), "availabilityGroups[0].replicas[1].role", /second PRIMARY/],
    ["duplicate VMs", (v: any) => (v.vms[1].name = "SQLVM01"), "vms[1].name", /duplicate VM "SQLVM01" \(already at vms\[0\]\.name\)/],
    ["duplicate databases", (v: any) => (v.vms[0].sqlInstances[0].databases[1].name = "Sales"), "vms[0].sqlInstances[0].databases[1].name", /duplicate database/],
    ["an id naming another VM", (v: any) => (v.vms[0].id = ids.vm("othervm")), "vms[0].id", /names VM "othervm"/],
    ["an id that is not a VM id", (v: any) => (v.vms[0].id = "/subscriptions/x/resourceGroups/y"), "vms[0].id", /expected a VM resource id/],
  ])("refuses %s, naming the path", (_label, change, pointer, message) => {
    const value = golden();
    change(value);
    const error = errorOf(value);
    expect(error.file).toBe("inv.yaml");
    expect(error.pointer).toBe(pointer);
    expect(error.problem).toMatch(message);
  });

  it("refuses a document that is not an object", () => {
    expect(errorOf([1, 2]).problem).toMatch(/expected an object, found an array of 2/);
  });
});
