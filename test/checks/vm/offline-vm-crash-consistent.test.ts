import rule from "../../../checks/vm/offline-vm-crash-consistent.js";
import { expect, it } from "vitest";
import type { Model } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { findingsOf, ruleTester } from "../../harness/rule-tester.js";
import { estate, exampleEstate, VM_NAME } from "./_estate.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: VM running", model: estate() },
    { name: "Azure's REST example VM (PowerState/running)", model: exampleEstate() },
    { name: "power state code form", model: estate({ vm: { powerState: "PowerState/running" } }) },
    { name: "planned VM without an instance view", model: estate({ vm: { powerState: undefined } }) },
  ],
  invalid: [
    { name: "VM deallocated", model: estate({ vm: { powerState: "VM deallocated" } }), errors: [{ messageId: "vmOffline", resource: VM_NAME, data: { value: "VM deallocated" } }] },
    { name: "VM stopped (code form)", model: estate({ vm: { powerState: "PowerState/stopped" } }), errors: [{ messageId: "vmOffline", data: { value: "PowerState/stopped" } }] },
  ],
  unknown: [{ name: "power state computed at preview", model: estate({ vm: { powerState: UNKNOWN } }), unknowns: [{ messageId: "stateUnknown" }] }],
});

/** A VM whose SQL Server databases Azure Backup protects, with no VM backup of its own. */
const sqlOnly = (vm: Parameters<typeof build.vm>[1]) => build.model(build.vault(), build.sqlPolicy(), build.vm(VM_NAME, vm), build.sqlItem(VM_NAME));

ruleTester.run(rule, {
  valid: [{ name: "SQL-only VM running", model: sqlOnly({ powerState: "VM running" }) }],
  invalid: [
    {
      name: "SQL-only VM deallocated: its SQL backups fail",
      model: sqlOnly({ powerState: "VM deallocated" }),
      errors: [{ messageId: "vmOffline", resource: VM_NAME, data: { value: "VM deallocated", vmBackup: false, sqlBackup: true } }],
    },
  ],
  unknown: [{ name: "SQL-only VM, power state computed at preview", model: sqlOnly({ powerState: UNKNOWN }), unknowns: [{ messageId: "stateUnknown" }] }],
});

it("names VMNotInRunningStateUserError only when the stopped VM has SQL protection", () => {
  const codes = (model: Model) => findingsOf(rule, { name: "", model }).map((f) => f.azureErrorCodes);
  expect(codes(estate({ vm: { powerState: "VM deallocated" } }))).toEqual([[]]);
  expect(codes(sqlOnly({ powerState: "VM deallocated" }))).toEqual([["VMNotInRunningStateUserError"]]);
  expect(codes(estate({ vm: { powerState: "VM stopped" }, extra: [build.sqlItem(VM_NAME)] }))).toEqual([["VMNotInRunningStateUserError"]]);
  // Stopped SQL protection does not run backups, so it does not fail.
  expect(codes(build.model(build.vault(), build.vm(VM_NAME, { powerState: "VM deallocated" }), build.sqlItem(VM_NAME, "sales", { protectionState: "ProtectionStopped" })))).toEqual([]);
});
