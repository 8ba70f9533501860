/** Azure's own REST example VM, protected in a vault of its region, passes every vm rule: checked, not skipped. */
import { describe, expect, it } from "vitest";
import { vmRules } from "../../../checks/vm/index.js";
import { runRules } from "../../../src/engine/run.js";
import { exampleEstate } from "./_estate.js";

describe("REST example VirtualMachine_Get.json under the vm rules", () => {
  const report = runRules(exampleEstate(), vmRules, { now: new Date("2026-11-21T00:00:00Z") });

  it("has no failure and no unknown", () => {
    expect(report.findings.map((f) => `${f.ruleId} ${f.status} ${f.message}`)).toEqual([]);
  });

  it("is checked by the agent, region, disk and state rules", () => {
    const passed = new Set(report.passes.map((p) => p.ruleId));
    for (const id of ["VM-001", "VM-002", "VM-003", "VM-004", "VM-006", "VM-007", "VM-009", "VM-010", "VM-011", "VM-012", "VM-013", "VM-014"])
      expect(passed, `${id} passes the example VM`).toContain(id);
  });
});
