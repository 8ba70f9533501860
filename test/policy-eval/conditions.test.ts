import { describe, expect, it } from "vitest";
import { evaluateCondition, likeMatches, matchMatches } from "../../src/policy-eval/conditions.js";
import { Unevaluable } from "../../src/policy-eval/expressions.js";
import { resourceGroupTarget, resourceTarget } from "../../src/policy-eval/targets.js";
import type { PolicyTarget } from "../../src/policy-eval/types.js";
import { UNKNOWN } from "../../src/model/unknown.js";

const rg = resourceGroupTarget({ subscriptionId: "s1", name: "AzureBackupRG_eastus_1", location: "eastus", tags: { env: "prod" } });
const params: Record<string, unknown> = { tagName: "costCenter", allowed: ["eastus", "westeurope"] };

function evaluate(cond: unknown, target: PolicyTarget = rg): { value: unknown; unknowns: string[] } {
  const unknowns: string[] = [];
  const value = evaluateCondition(cond, {
    target,
    unknowns,
    scope: {
      parameter: (n) => {
        if (n in params) return params[n];
        throw new Unevaluable(`no parameter ${n}`);
      },
    },
  });
  return { value, unknowns };
}

describe("policy conditions", () => {
  it("tests type, name and location case-insensitively", () => {
    expect(evaluate({ field: "type", equals: "microsoft.resources/subscriptions/resourcegroups" }).value).toBe(true);
    expect(evaluate({ field: "name", like: "azurebackuprg_*" }).value).toBe(true);
    expect(evaluate({ field: "location", notIn: "[parameters('allowed')]" }).value).toBe(false);
  });

  it("treats a missing tag as absent: exists false holds, equals fails, notEquals holds", () => {
    expect(evaluate({ field: "[concat('tags[', parameters('tagName'), ']')]", exists: "false" }).value).toBe(true);
    expect(evaluate({ field: "tags['costCenter']", equals: "42" }).value).toBe(false);
    expect(evaluate({ field: "tags.costCenter", notEquals: "42" }).value).toBe(true);
    expect(evaluate({ field: "tags[env]", in: ["PROD", "test"] }).value).toBe(true);
    expect(evaluate({ field: "tags", containsKey: "ENV" }).value).toBe(true);
  });

  it("combines allOf, anyOf and not", () => {
    const rule = { allOf: [{ field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" }, { not: { field: "tags['env']", equals: "prod" } }] };
    expect(evaluate(rule).value).toBe(false);
    expect(evaluate({ anyOf: [{ field: "name", equals: "x" }, { field: "tags['env']", exists: true }] }).value).toBe(true);
  });

  it("returns unknown, with a reason, when a tag value or the tags are unknown", () => {
    const unknownTags = { ...rg, tags: UNKNOWN };
    const r = evaluate({ field: "tags['costCenter']", exists: "false" }, unknownTags);
    expect(r.value).toBe("unknown");
    expect(r.unknowns.join()).toMatch(/tags/);
    const unknownValue = { ...rg, tags: { costCenter: UNKNOWN } };
    expect(evaluate({ field: "tags['costCenter']", exists: "true" }, unknownValue).value).toBe(true);
    expect(evaluate({ field: "tags['costCenter']", equals: "42" }, unknownValue).value).toBe("unknown");
  });

  it("keeps a decisive false even when another branch is unknown", () => {
    const unknownTags = { ...rg, tags: UNKNOWN };
    expect(evaluate({ allOf: [{ field: "type", equals: "Microsoft.Compute/virtualMachines" }, { field: "tags['x']", exists: false }] }, unknownTags).value).toBe(false);
  });

  it("evaluates aliases of the target type and treats other types' aliases as absent", () => {
    const ext = resourceTarget({
      type: "Microsoft.Compute/virtualMachines/extensions",
      name: "VMSnapshot",
      subscriptionId: "s1",
      resourceGroupName: "rg",
      location: "eastus",
      tags: {},
      description: "extension VMSnapshot",
      fields: { "Microsoft.Compute/virtualMachines/extensions/type": "VMSnapshot" },
    });
    expect(evaluate({ field: "Microsoft.Compute/virtualMachines/extensions/type", notIn: ["VMSnapshot"] }, ext).value).toBe(false);
    expect(evaluate({ field: "Microsoft.Storage/storageAccounts/minimumTlsVersion", equals: "TLS1_2" }, ext).value).toBe(false);
    expect(evaluate({ field: "Microsoft.Compute/virtualMachines/extensions/typeHandlerVersion", equals: "1.9" }, ext).value).toBe("unknown");
  });

  it("leaves count and unsupported operators unknown", () => {
    expect(evaluate({ count: { field: "tags[*]" }, greater: 0 }).value).toBe("unknown");
    expect(evaluate({ field: "name", startsWithSomething: "x" }).value).toBe("unknown");
  });

  it("implements like and match patterns", () => {
    expect(likeMatches("DeptA-app-LC", "depta*-lc")).toBe(true);
    expect(likeMatches("AzureBackupRG_eastus_1", "DeptA*-LC")).toBe(false);
    expect(matchMatches("rg-01", "??-##", false)).toBe(true);
    expect(matchMatches("RG-01", "rg-##", false)).toBe(false);
    expect(matchMatches("RG-01", "rg-##", true)).toBe(true);
  });
});
