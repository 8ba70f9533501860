/** The tags rules stay fast on a large estate: many protected VMs, many assignments (definitions resolved once). */
import { describe, expect, it } from "vitest";
import { tagsRules } from "../../checks/tags/index.js";
import { runRules } from "../../src/engine/run.js";
import { build, SUB } from "../harness/build.js";

describe("policy evaluation at scale", () => {
  it("2,000 protected VMs under 40 assignments in well under the test timeout", () => {
    const vms = Array.from({ length: 2000 }, (_, i) => build.vm(`vm${i}`, { location: i % 2 ? "eastus" : "westeurope" }));
    const items = Array.from({ length: 2000 }, (_, i) => build.vmItem(`vm${i}`));
    const definitions = Array.from({ length: 20 }, (_, i) =>
      build.policyDefinition(`def-${i}`, {
        policyRule: { if: { allOf: [{ field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" }, { field: `tags['tag${i}']`, exists: "false" }] }, then: { effect: "audit" } },
      }),
    );
    const assignments = Array.from({ length: 40 }, (_, i) =>
      build.policyAssignment(`assign-${i}`, { policyDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/def-${i % 20}` }),
    );
    const model = build.model(build.vault(), build.vmPolicy({ instantRpResourceGroup: { prefix: undefined, suffix: undefined } }), ...vms, ...items, ...definitions, ...assignments);
    const started = performance.now();
    const report = runRules(model, tagsRules, { now: new Date("2026-11-21T00:00:00Z") });
    const elapsed = performance.now() - started;
    expect(report.findings.filter((f) => f.status === "fail")).toEqual([]); // audit-only policies block nothing
    expect(elapsed).toBeLessThan(20_000);
  });
});
