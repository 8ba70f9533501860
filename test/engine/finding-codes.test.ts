import { describe, expect, it } from "vitest";
import { defineRule } from "../../src/engine/define-rule.js";
import { runRules } from "../../src/engine/run.js";
import type { ReportInput } from "../../src/engine/types.js";
import { build } from "../harness/build.js";

/** A rule that reports the golden VM once with the given codes (or none). */
const reporting = (id: string, prevents: string[], azureErrorCodes?: string[]) =>
  defineRule({
    id,
    name: "reports-once",
    title: "reports once",
    severity: "error",
    prevents,
    remediation: "none needed",
    check(ctx) {
      const vm = ctx.model.vms[0]!;
      const input: ReportInput = { resource: vm.ref, messageId: "bad", message: "bad" };
      if (azureErrorCodes) input.azureErrorCodes = azureErrorCodes;
      ctx.report(input);
    },
  });

const codesOf = (rule: ReturnType<typeof reporting>) => runRules(build.model(build.vm()), [rule]).findings.map((f) => f.azureErrorCodes);

describe("a finding's azureErrorCodes", () => {
  it("are the rule's prevents when the rule names none", () => {
    expect(codesOf(reporting("VM-901", ["CodeA", "CodeB"]))).toEqual([["CodeA", "CodeB"]]);
  });

  it("narrow to the codes the rule names for the finding", () => {
    expect(codesOf(reporting("VM-902", ["CodeA", "CodeB"], ["CodeB"]))).toEqual([["CodeB"]]);
  });

  it("never widen: a code outside prevents is a programming error naming the rule and the code", () => {
    expect(() => codesOf(reporting("VM-903", ["CodeA"], ["CodeA", "Stray-Code"]))).toThrow(/VM-903.*Stray-Code/);
    expect(() => codesOf(reporting("VM-904", [], ["CodeA"]))).toThrow(/VM-904.*CodeA/);
  });

  it("may be any code Azure returned for a failed job (JOB- rules, empty prevents)", () => {
    expect(codesOf(reporting("JOB-901", [], ["400094", "BCMV2VMNotFound"]))).toEqual([["400094", "BCMV2VMNotFound"]]);
  });
});
