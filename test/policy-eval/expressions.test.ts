import { describe, expect, it } from "vitest";
import { evaluateValue, Unevaluable, type ExpressionScope } from "../../src/policy-eval/expressions.js";
import { UNKNOWN, isUnknown } from "../../src/model/unknown.js";

const params: Record<string, unknown> = { tagName: "costCenter", list: ["a", "b"], secretish: UNKNOWN };
const scope: ExpressionScope = {
  parameter: (name) => {
    if (name in params) return params[name];
    throw new Unevaluable(`no parameter ${name}`);
  },
  resourceGroup: () => ({ name: "rg-app", tags: { CostCenter: "42" } }),
  field: (path) => (path === "type" ? "Microsoft.Compute/restorePointCollections" : null),
};

describe("template expressions", () => {
  it("returns literals unchanged and unescapes [[", () => {
    expect(evaluateValue("deny", scope)).toBe("deny");
    expect(evaluateValue("[[not an expression]", scope)).toBe("[not an expression]");
    expect(evaluateValue(42, scope)).toBe(42);
  });

  it("resolves parameters() and concat()", () => {
    expect(evaluateValue("[parameters('tagName')]", scope)).toBe("costCenter");
    expect(evaluateValue("[concat('tags[', parameters('tagName'), ']')]", scope)).toBe("tags[costCenter]");
    expect(evaluateValue("[concat(parameters('list'), createArray('c'))]", scope)).toEqual(["a", "b", "c"]);
  });

  it("reads properties and indexes case-insensitively; a missing tag reads as empty", () => {
    expect(evaluateValue("[resourceGroup().tags[parameters('tagName')]]", scope)).toBe("42");
    expect(evaluateValue("[resourceGroup().tags['owner']]", scope)).toBe("");
    expect(evaluateValue("[resourceGroup().name]", scope)).toBe("rg-app");
  });

  it("evaluates string helpers, empty(), field() and escaped quotes", () => {
    expect(evaluateValue("[toLower('AzureBackupRG')]", scope)).toBe("azurebackuprg");
    expect(evaluateValue("[empty(parameters('list'))]", scope)).toBe(false);
    expect(evaluateValue("[field('type')]", scope)).toBe("Microsoft.Compute/restorePointCollections");
    expect(evaluateValue("[concat('it''s', ' ok')]", scope)).toBe("it's ok");
    expect(evaluateValue("[first(skip(split('/subscriptions/s1/resourceGroups/rg', '/'), 2))]", scope)).toBe("s1");
  });

  it("propagates unknown values, but short-circuits if/and/or", () => {
    expect(isUnknown(evaluateValue("[concat('x', parameters('secretish'))]", scope))).toBe(true);
    expect(evaluateValue("[if(equals(1, 1), 'yes', parameters('secretish'))]", scope)).toBe("yes");
    expect(evaluateValue("[or(true, parameters('secretish'))]", scope)).toBe(true);
    expect(isUnknown(evaluateValue("[and(true, parameters('secretish'))]", scope))).toBe(true);
  });

  it("throws Unevaluable for unsupported functions, missing parameters and bad syntax", () => {
    expect(() => evaluateValue("[requestContext().apiVersion]", scope)).toThrow(Unevaluable);
    expect(() => evaluateValue("[parameters('missing')]", scope)).toThrow(/missing/);
    expect(() => evaluateValue("[concat('a']", scope)).toThrow(Unevaluable);
    expect(evaluateValue("[concat('a'", scope)).toBe("[concat('a'"); // not bracketed: a literal
  });
});
