/**
 * ESLint-style RuleTester on vitest: valid cases produce no `fail`, invalid cases produce exactly the listed
 * failures (matched on messageId, resource name and a subset of data), unknown cases produce `unknown` and no `fail`.
 */
import { describe, expect, it } from "vitest";
import type { RuleConfig } from "../../src/engine/config.js";
import { runRules } from "../../src/engine/run.js";
import type { Finding, Rule } from "../../src/engine/types.js";
import type { Model } from "../../src/model/types.js";

export interface ExpectedFinding {
  messageId: string;
  /** Resource name (Pulumi/ARM name) the finding is on. */
  resource?: string;
  /** A subset of the finding's data. */
  data?: Record<string, unknown>;
}

interface BaseCase {
  name: string;
  model: Model;
  now?: Date;
  config?: RuleConfig;
  extras?: Record<string, unknown>;
}
export interface InvalidCase extends BaseCase {
  errors: ExpectedFinding[];
}
export interface UnknownCase extends BaseCase {
  /** Optional: the unknown findings expected (default: at least one). */
  unknowns?: ExpectedFinding[];
}

export interface RuleTestCases {
  valid: BaseCase[];
  invalid: InvalidCase[];
  unknown?: UnknownCase[];
}

export function findingsOf(rule: Rule, c: BaseCase): Finding[] {
  return runRules(c.model, [rule], { now: c.now ?? new Date("2026-11-21T00:00:00Z"), config: c.config, extras: c.extras }).findings;
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `  ${f.status} ${f.messageId} on ${f.resource.name}: ${f.message}`).join("\n") || "  (none)";
}

function expectMatches(actual: Finding[], expected: ExpectedFinding[], label: string): void {
  const remaining = [...actual];
  for (const e of expected) {
    const i = remaining.findIndex(
      (f) =>
        f.messageId === e.messageId &&
        (e.resource === undefined || f.resource.name === e.resource) &&
        (e.data === undefined || Object.entries(e.data).every(([k, v]) => JSON.stringify(f.data?.[k]) === JSON.stringify(v))),
    );
    expect(i, `expected ${label} ${JSON.stringify(e)} among:\n${describeFindings(actual)}`).toBeGreaterThanOrEqual(0);
    remaining.splice(i, 1);
  }
  expect(remaining, `unexpected ${label}s:\n${describeFindings(remaining)}`).toEqual([]);
}

export const ruleTester = {
  run(rule: Rule, cases: RuleTestCases): void {
    describe(`${rule.id} ${rule.name}`, () => {
      it("has at least one valid and one invalid case", () => {
        expect(cases.valid.length).toBeGreaterThan(0);
        expect(cases.invalid.length).toBeGreaterThan(0);
      });
      for (const c of cases.valid) {
        it(`valid: ${c.name}`, () => {
          const findings = findingsOf(rule, c).filter((f) => f.status === "fail");
          expect(findings, `expected no failure, got:\n${describeFindings(findings)}`).toEqual([]);
        });
      }
      for (const c of cases.invalid) {
        it(`invalid: ${c.name}`, () => {
          expect(c.errors.length, "an invalid case lists its expected errors").toBeGreaterThan(0);
          const findings = findingsOf(rule, c).filter((f) => f.status === "fail");
          expectMatches(findings, c.errors, "failure");
        });
      }
      for (const c of cases.unknown ?? []) {
        it(`unknown: ${c.name}`, () => {
          const findings = findingsOf(rule, c);
          const fails = findings.filter((f) => f.status === "fail");
          expect(fails, `an unknown value must never fail:\n${describeFindings(fails)}`).toEqual([]);
          const unknowns = findings.filter((f) => f.status === "unknown");
          if (c.unknowns) expectMatches(unknowns, c.unknowns, "unknown");
          else expect(unknowns.length, "expected at least one unknown finding").toBeGreaterThan(0);
        });
      }
    });
  },
};
