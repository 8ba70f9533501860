/**
 * The network rules find protected VMs in one pass over the items; the answer must equal ModelIndex's
 * per-VM lookups (sqlProtectionOnVm, vmBackupItemsOf), which the brief defines them by.
 */
import { describe, expect, it } from "vitest";
import { sqlProtectedVms, vmBackupVms } from "../../checks/network/_connectivity.js";
import { ModelIndex } from "../../src/model/lookups.js";
import { UNKNOWN } from "../../src/model/unknown.js";
import { build, ids } from "../harness/build.js";

const model = build.model(
  build.vm("sqlvm01"),
  build.vm("sqlvm02"),
  build.vm("sqlvm03", { id: ids.vm("sqlvm03", "rg-other"), resourceGroup: "rg-other" }),
  build.vm("appvm01"),
  build.vm("appvm02", { id: undefined }),
  build.vm("idle01"),
  build.sqlItem("sqlvm01", "sales"),
  build.sqlItem("sqlvm01", "hr"),
  // Known only by its container name (source id computed at preview).
  build.sqlItem("sqlvm02", "crm", { sourceResourceId: UNKNOWN }),
  // Source id spelled in another case, in another resource group.
  build.sqlItem("sqlvm03", "erp", { sourceResourceId: ids.vm("SQLVM03", "RG-OTHER"), containerName: "VMAppContainer;Compute;rg-other;sqlvm03" }),
  build.sqlAutoProtectIntent("sqlvm02"),
  build.vmItem("appvm01"),
  build.vmItem("appvm02"),
  build.vmItem("sqlvm01"),
);

describe("protected VMs", () => {
  const index = new ModelIndex(model);

  it("SQL-protected VMs equal the VMs with ModelIndex.sqlProtectionOnVm non-empty, with the same items", () => {
    const found = sqlProtectedVms(index);
    const expected = model.vms.filter((vm) => index.sqlProtectionOnVm(vm).length > 0);
    expect([...found.keys()].map((v) => v.ref.name).sort()).toEqual(expected.map((v) => v.ref.name).sort());
    for (const vm of expected) expect(new Set(found.get(vm))).toEqual(new Set(index.sqlProtectionOnVm(vm)));
    expect(found.size).toBe(3);
  });

  it("VM-backup VMs equal the VMs with ModelIndex.vmBackupItemsOf non-empty", () => {
    const found = vmBackupVms(index);
    const expected = model.vms.filter((vm) => index.vmBackupItemsOf(vm).length > 0);
    expect([...found.keys()].map((v) => v.ref.name).sort()).toEqual(expected.map((v) => v.ref.name).sort());
    expect(found.size).toBe(3);
  });
});
