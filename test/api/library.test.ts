import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as backupguard from "../../src/index.js";
import { repoRoot, sharedPath } from "../harness/shared.js";

describe("the library entry point (package.json main)", () => {
  it("points package.json main at the compiled src/index", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { main: string };
    expect(pkg.main).toBe("dist/src/index.js");
  });

  it("builds a model from ARM JSON, runs the catalogue and renders a report", () => {
    const example = JSON.parse(
      readFileSync(sharedPath("azure-rest-examples", "recoveryservicesbackup", "AzureWorkload", "ProtectionPolicies_CreateOrUpdate_Complex.json"), "utf8"),
    ) as { responses: { "200": { body: unknown } } };
    const model = backupguard.fromArm(example.responses["200"].body, "policy.json");
    expect(model.backupPolicies).toHaveLength(1);
    const report = backupguard.runRules(model, backupguard.rules);
    expect(report.summary.error).toBe(0);
    expect(backupguard.failsAt(report, "error")).toBe(false);
    const json = JSON.parse(backupguard.reporters.json(report, { color: false })) as { version: number; tool: { name: string } };
    expect(json).toMatchObject({ version: 1, tool: { name: "backupguard" } });
  });
});
