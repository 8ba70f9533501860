import { describe, expect, it } from "vitest";
import { analyseDays, onHalfHour, timeOfDay } from "../../../checks/policy/_policy-helpers.js";
import { policyRules } from "../../../checks/policy/index.js";
import { runRules } from "../../../src/engine/run.js";
import { build, UNKNOWN } from "../../harness/build.js";

describe("policy helpers", () => {
  it("reads the time of day of ISO date-times as written", () => {
    expect(timeOfDay("2018-01-24T10:00:00Z")).toMatchObject({ hour: 10, minute: 0, second: 0, text: "10:00" });
    expect(timeOfDay("2021-12-17T08:30:00+00:00")).toMatchObject({ hour: 8, minute: 30, text: "08:30" });
    expect(timeOfDay("2021-12-17T08:30:00.000+05:30")).toMatchObject({ minute: 30, millisecond: 0 });
    expect(timeOfDay("2026-01-01T02:00")).toMatchObject({ hour: 2, minute: 0, second: 0 });
    expect(timeOfDay("2026-01-01T02:00:00.5Z")).toMatchObject({ millisecond: 500 });
  });

  it("refuses values that are not date-times", () => {
    for (const v of ["02:00", "10:00:00", "2026-01-01", "2026-01-01 02:00:00", "2026-01-01T25:00:00Z", "tomorrow"]) expect(timeOfDay(v), v).toBeUndefined();
  });

  it("accepts :00 and :30 without seconds only", () => {
    expect(onHalfHour(timeOfDay("2026-01-01T02:00:00Z")!)).toBe(true);
    expect(onHalfHour(timeOfDay("2026-01-01T02:30:00Z")!)).toBe(true);
    expect(onHalfHour(timeOfDay("2026-01-01T02:15:00Z")!)).toBe(false);
    expect(onHalfHour(timeOfDay("2026-01-01T02:00:01Z")!)).toBe(false);
    expect(onHalfHour(timeOfDay("2026-01-01T02:00:00.250Z")!)).toBe(false);
  });

  it("sorts weekday lists into valid, invalid and repeated", () => {
    expect(analyseDays(["sunday", "Monday", "SUNDAY", "Sun", "Funday"])).toEqual({ days: ["Sunday", "Monday"], invalid: ["Sun", "Funday"], duplicates: ["Sunday"] });
  });
});

describe("policies whose workload is not known before deployment", () => {
  const run = (policy: ReturnType<typeof build.sqlPolicy>) =>
    runRules(build.model(policy), policyRules, { now: new Date("2026-11-21T00:00:00Z") }).findings.map((f) => `${f.status} ${f.ruleId}`);

  it("an unknown management type: every policy rule reports unknown, none fails", () => {
    expect(run(build.sqlPolicy({ workload: "unknown", backupManagementType: UNKNOWN }))).toEqual(policyRules.map((r) => `unknown ${r.id}`));
  });

  it("AzureWorkload with an unknown workload type: only the rules for SQL Server policies report unknown", () => {
    const ids = policyRules.filter((r) => r.id <= "POLICY-007").map((r) => `unknown ${r.id}`);
    expect(run(build.sqlPolicy({ workload: "unknown", workloadType: UNKNOWN }))).toEqual(ids);
  });

  it("a workload of another kind (SAP HANA) is left alone", () => {
    expect(run(build.sqlPolicy({ workload: "other", workloadType: "SAPHanaDatabase" }))).toEqual([]);
  });
});
