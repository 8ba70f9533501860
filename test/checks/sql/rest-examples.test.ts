/**
 * Azure's own REST examples (vaults, policies, protected items, intents, containers) must load and give no SQL
 * failure — alone, and beside an inventory that describes the SQL VM they name with healthy user databases.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { sqlRules } from "../../../checks/sql/index.js";
import { fromArm } from "../../../src/adapters/arm.js";
import { runRules } from "../../../src/engine/run.js";
import { mergeModels } from "../../../src/model/types.js";
import { build } from "../../harness/build.js";
import { sharedPath } from "../../harness/shared.js";

const roots = [sharedPath("azure-rest-examples", "recoveryservicesbackup"), sharedPath("azure-rest-examples", "recoveryservices")];

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsonFiles(p) : f.endsWith(".json") ? [p] : [];
  });
}

/** Every response body of every example that describes resources (operation results and empty bodies are skipped). */
const bodies = roots.flatMap((root) =>
  jsonFiles(root).flatMap((file) => {
    const example = JSON.parse(readFileSync(file, "utf8")) as { responses?: Record<string, { body?: unknown }> };
    return Object.entries(example.responses ?? {})
      .filter(([status, r]) => (status === "200" || status === "201") && r.body && typeof r.body === "object")
      .map(([status, r]) => ({ where: `${relative(sharedPath("azure-rest-examples"), file)} ${status}`, body: r.body }));
  }),
);

function loadable(body: unknown, where: string) {
  try {
    return fromArm(body, where);
  } catch {
    return undefined; // not a resource shape the ARM adapter takes (e.g. an operation status); the adapter's own tests cover that
  }
}

/** The SQL VM the workload examples name, with system databases as SQL Server ships them and a FULL user database. */
const inventory = ["testVmName", "testSQL", "sqlserver-1"].flatMap((vm) => [
  build.inventoryVm(vm),
  build.sqlDatabase("sales", { vmName: vm }),
  build.sqlDatabase("model", { vmName: vm }),
]);

describe("sql rules on Azure's REST examples", () => {
  const models = bodies.map((b) => ({ ...b, model: loadable(b.body, b.where) })).filter((b) => b.model);

  it("loads the SQL workload examples", () => {
    const all = mergeModels(...models.map((m) => m.model!));
    expect(all.protectionIntents.length).toBeGreaterThan(0);
    expect(all.protectionContainers.length).toBeGreaterThan(0);
    expect(all.backupPolicies.some((p) => p.workload === "sql")).toBe(true);
  });

  it("joins Azure's auto-protection example to the inventory of its VM", () => {
    const intent = models.find((m) => m.where.includes("BackupProtectionIntent_Get"))!.model!;
    const simple = build.sqlDatabase("staging", { vmName: "testVmName", recoveryModel: "SIMPLE" });
    const report = runRules(mergeModels(intent, build.model(simple)), sqlRules, { now: new Date("2026-11-21T00:00:00Z") });
    // The example's policy (myPolicy) is not among the sources: the SIMPLE database is covered, the verdict unknown.
    expect(report.findings.map((f) => [f.ruleId, f.status, f.resource.name, f.data?.database])).toEqual([
      ["SQL-001", "unknown", "249D9B07-D2EF-4202-AA64-65F35418564E", "staging"],
    ]);
  });

  for (const { where, model } of models) {
    it(`no SQL failure: ${where}`, () => {
      const report = runRules(mergeModels(model!, build.model(...inventory)), sqlRules, { now: new Date("2026-11-21T00:00:00Z") });
      expect(report.findings.filter((f) => f.status === "fail").map((f) => `${f.ruleId} ${f.resource.name}: ${f.message}`)).toEqual([]);
    });
  }
});
