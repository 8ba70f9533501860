/**
 * Microsoft's own example policies (azure-rest-api-specs, api-version 2025-08-01) must pass every policy rule, and
 * one wrong value in one of them must give exactly one error finding.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { policyRules } from "../../../checks/policy/index.js";
import { runRules } from "../../../src/engine/run.js";
import { build } from "../../harness/build.js";
import { sharedPath } from "../../harness/shared.js";
import { examplePolicies, jsonFilesUnder, policyFromArm } from "./_arm-policy.js";

const root = sharedPath("azure-rest-examples", "recoveryservicesbackup");
const all = jsonFilesUnder(root).flatMap((f) => examplePolicies(f, root));
const now = new Date("2026-11-21T00:00:00Z");

function fails(resource: Record<string, unknown>) {
  const report = runRules(build.model(policyFromArm(resource)), policyRules, { now });
  return { report, fails: report.findings.filter((f) => f.status === "fail") };
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function exampleBody(file: string): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return clone(JSON.parse(readFileSync(sharedPath("azure-rest-examples", "recoveryservicesbackup", file), "utf8")).responses["200"].body);
}

describe("policy rules on Azure's REST example policies", () => {
  it("finds the example policies (SQL and VM, Standard and Enhanced, hourly and weekly)", () => {
    expect(all.length).toBeGreaterThanOrEqual(15);
    const kinds = new Set(all.map((e) => `${e.resource.properties.backupManagementType}/${e.resource.properties.policyType ?? "-"}`));
    expect(kinds).toEqual(new Set(["AzureWorkload/-", "AzureIaasVM/-", "AzureIaasVM/V2"]));
  });

  for (const example of all) {
    it(`no failure: ${example.where}`, () => {
      const { report, fails: failures } = fails(example.resource);
      expect(failures.map((f) => `${f.ruleId} ${f.messageId} ${f.path}: ${f.message}`)).toEqual([]);
      expect(report.findings.filter((f) => f.status === "unknown")).toEqual([]);
      // Every policy rule for the workload checked the policy and passed it: SQL 001–007, VM 006–011.
      const sql = example.resource.properties.backupManagementType === "AzureWorkload";
      const expected = policyRules.filter((r) => (sql ? r.id <= "POLICY-007" : r.id >= "POLICY-006")).map((r) => r.id);
      expect(report.passes.map((p) => p.ruleId)).toEqual(expected);
    });
  }

  it("the SQL Complex policy with scheduleFrequencyInMins 10 gives exactly one error finding", () => {
    const body = exampleBody("AzureWorkload/ProtectionPolicies_CreateOrUpdate_Complex.json");
    body.properties.subProtectionPolicy[2].schedulePolicy.scheduleFrequencyInMins = 10;
    const { fails: failures } = fails(body);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      ruleId: "POLICY-004",
      severity: "error",
      messageId: "notAllowed",
      path: "subPolicies[2].schedule.frequencyInMinutes",
      resource: { name: "testPolicy1" },
      data: { value: 10 },
      azureErrorCodes: ["BMSUserErrorInvalidPolicyInput"],
    });
  });

  const oneMistake: { name: string; file: string; change: (b: Record<string, any>) => void; ruleId: string; messageId: string }[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    {
      name: "SQL differential moved onto the full backup's Sunday",
      file: "AzureWorkload/ProtectionPolicies_CreateOrUpdate_Complex.json",
      change: (b) => (b.properties.subProtectionPolicy[1].schedulePolicy.scheduleRunDays = ["Sunday"]),
      ruleId: "POLICY-003",
      messageId: "sameDayAsFull",
    },
    {
      name: "SQL log retention of 40 days",
      file: "AzureWorkload/ProtectionPolicies_CreateOrUpdate_Complex.json",
      change: (b) => (b.properties.subProtectionPolicy[2].retentionPolicy.retentionDuration.count = 40),
      ruleId: "POLICY-005",
      messageId: "outOfRange",
    },
    {
      name: "SQL full run time at 10:15",
      file: "AzureWorkload/ProtectionPolicies_CreateOrUpdate_Complex.json",
      change: (b) => (b.properties.subProtectionPolicy[0].schedulePolicy.scheduleRunTimes = ["2018-01-24T10:15:00Z"]),
      ruleId: "POLICY-006",
      messageId: "notHalfHour",
    },
    {
      name: "Enhanced hourly policy every 5 hours",
      file: "AzureIaasVm/V2Policy/IaaS_v2_hourly.json",
      change: (b) => (b.properties.schedulePolicy.hourlySchedule.interval = 5),
      ruleId: "POLICY-009",
      messageId: "interval",
    },
    {
      name: "Enhanced daily policy with 31 days of snapshots",
      file: "AzureIaasVm/V2Policy/IaaS_v2_daily.json",
      change: (b) => (b.properties.instantRpRetentionRangeInDays = 31),
      ruleId: "POLICY-010",
      messageId: "outOfRange",
    },
    {
      name: "Standard weekly policy with 2 days of snapshots",
      file: "AzureIaasVm/ProtectionPolicies_CreateOrUpdate_Complex.json",
      change: (b) => (b.properties.instantRpRetentionRangeInDays = 2),
      ruleId: "POLICY-010",
      messageId: "weeklyNeedsFive",
    },
    {
      name: "Enhanced hourly policy turned Standard",
      file: "AzureIaasVm/V2Policy/IaaS_v2_hourly.json",
      change: (b) => (b.properties.policyType = "V1"),
      ruleId: "POLICY-008",
      messageId: "hourlyNeedsEnhanced",
    },
    {
      name: "Standard weekly policy with a yearly retention of 120 years",
      file: "AzureIaasVm/ProtectionPolicies_CreateOrUpdate_Complex.json",
      change: (b) => (b.properties.retentionPolicy.yearlySchedule.retentionDuration.count = 120),
      ruleId: "POLICY-011",
      messageId: "outOfRange",
    },
    {
      name: "Standard weekly policy keeping Friday backups monthly",
      file: "AzureIaasVm/ProtectionPolicies_CreateOrUpdate_Complex.json",
      change: (b) => (b.properties.retentionPolicy.monthlySchedule.retentionScheduleWeekly.daysOfTheWeek = ["Friday"]),
      ruleId: "POLICY-007",
      messageId: "dayNotScheduled",
    },
  ];
  for (const m of oneMistake) {
    it(`one mistake, one finding: ${m.name}`, () => {
      const body = exampleBody(m.file);
      m.change(body);
      const { fails: failures } = fails(body);
      expect(failures.map((f) => `${f.ruleId} ${f.messageId}`)).toEqual([`${m.ruleId} ${m.messageId}`]);
    });
  }
});
