/**
 * Test-only reading of Azure's backup-policy JSON (api-version 2025-08-01 examples) into the model, so that the
 * policy rules can be run on Microsoft's own example policies. It reads only what the policy rules need; the real
 * ARM adapter lives in src/adapters.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { BackupPolicy, RetentionDuration, RetentionPolicy, SchedulePolicy, SubProtectionPolicy } from "../../../src/model/types.js";
import { ref } from "../../harness/build.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function duration(d: Json | undefined): RetentionDuration {
  return { count: d?.count, durationType: d?.durationType };
}

function monthDays(b: Json): Pick<NonNullable<RetentionPolicy["monthly"]>, "daysOfTheWeek" | "weeksOfTheMonth" | "daysOfTheMonth"> {
  return {
    daysOfTheWeek: b.retentionScheduleWeekly?.daysOfTheWeek,
    weeksOfTheMonth: b.retentionScheduleWeekly?.weeksOfTheMonth,
    daysOfTheMonth: b.retentionScheduleDaily?.daysOfTheMonth?.map((d: Json) => ({ date: d.date, isLast: d.isLast })),
  };
}

export function scheduleFromArm(s: Json | undefined): SchedulePolicy | undefined {
  if (!s) return undefined;
  const out: SchedulePolicy = {
    type: s.schedulePolicyType,
    frequency: s.scheduleRunFrequency,
    runTimes: s.scheduleRunTimes ?? s.dailySchedule?.scheduleRunTimes ?? s.weeklySchedule?.scheduleRunTimes,
    runDays: s.scheduleRunDays ?? s.weeklySchedule?.scheduleRunDays,
  };
  if (s.hourlySchedule) {
    out.hourly = {
      intervalHours: s.hourlySchedule.interval,
      windowStartTime: s.hourlySchedule.scheduleWindowStartTime,
      windowDurationHours: s.hourlySchedule.scheduleWindowDuration,
    };
  }
  if (s.scheduleFrequencyInMins !== undefined) out.frequencyInMinutes = s.scheduleFrequencyInMins;
  return out;
}

export function retentionFromArm(r: Json | undefined): RetentionPolicy | undefined {
  if (!r) return undefined;
  const out: RetentionPolicy = { type: r.retentionPolicyType };
  if (r.retentionDuration) out.simple = duration(r.retentionDuration);
  if (r.dailySchedule) out.daily = { retentionTimes: r.dailySchedule.retentionTimes, duration: duration(r.dailySchedule.retentionDuration) };
  if (r.weeklySchedule)
    out.weekly = { daysOfTheWeek: r.weeklySchedule.daysOfTheWeek, retentionTimes: r.weeklySchedule.retentionTimes, duration: duration(r.weeklySchedule.retentionDuration) };
  if (r.monthlySchedule)
    out.monthly = {
      format: r.monthlySchedule.retentionScheduleFormatType,
      retentionTimes: r.monthlySchedule.retentionTimes,
      duration: duration(r.monthlySchedule.retentionDuration),
      ...monthDays(r.monthlySchedule),
    };
  if (r.yearlySchedule)
    out.yearly = {
      format: r.yearlySchedule.retentionScheduleFormatType,
      monthsOfYear: r.yearlySchedule.monthsOfYear,
      retentionTimes: r.yearlySchedule.retentionTimes,
      duration: duration(r.yearlySchedule.retentionDuration),
      ...monthDays(r.yearlySchedule),
    };
  return out;
}

/** A backup policy resource (`{ id?, name, properties }`) as the model holds it. */
export function policyFromArm(resource: Json, source = "arm"): BackupPolicy {
  const props: Json = resource.properties;
  const bmt: string | undefined = props.backupManagementType;
  const workloadType: string | undefined = props.workLoadType;
  const workload = bmt === "AzureIaasVM" ? "vm" : bmt === "AzureWorkload" && workloadType === "SQLDataBase" ? "sql" : "other";
  const r = ref("backupPolicy", resource.name, "Microsoft.RecoveryServices/vaults/backupPolicies", resource.id);
  r.source = { adapter: "arm", file: source };
  const policy: BackupPolicy = {
    ref: r,
    policyName: resource.name,
    vaultName: undefined,
    resourceGroup: undefined,
    backupManagementType: bmt,
    workload,
    workloadType,
    timeZone: props.timeZone ?? props.settings?.timeZone,
  };
  if (workload === "vm") {
    policy.vmPolicyType = props.policyType;
    policy.schedule = scheduleFromArm(props.schedulePolicy);
    policy.retention = retentionFromArm(props.retentionPolicy);
    policy.instantRpRetentionDays = props.instantRpRetentionRangeInDays;
  }
  if (workload === "sql") {
    policy.sqlCompression = props.settings?.issqlcompression;
    policy.subPolicies = (props.subProtectionPolicy as Json[] | undefined)?.map(
      (s): SubProtectionPolicy => ({ policyType: s.policyType, schedule: scheduleFromArm(s.schedulePolicy), retention: retentionFromArm(s.retentionPolicy) }),
    );
  }
  return policy;
}

export interface ExamplePolicy {
  /** `AzureWorkload/ProtectionPolicies_CreateOrUpdate_Complex.json#responses.200.body` */
  where: string;
  resource: Json;
}

/** Every backup policy in an example file: the request body of a PUT and every policy in its responses. */
export function examplePolicies(file: string, root: string): ExamplePolicy[] {
  const doc: Json = JSON.parse(readFileSync(file, "utf8"));
  const rel = relative(root, file);
  const out: ExamplePolicy[] = [];
  const params: Json = doc.parameters ?? {};
  if (isPolicy(params.parameters)) {
    out.push({ where: `${rel}#parameters.parameters`, resource: { name: params.policyName ?? "example", ...params.parameters } });
  }
  for (const [status, response] of Object.entries<Json>(doc.responses ?? {})) {
    const body: Json | undefined = response.body;
    if (!body) continue;
    const items: Json[] = Array.isArray(body.value) ? body.value : [body];
    items.forEach((item, i) => {
      if (isPolicy(item)) out.push({ where: `${rel}#responses.${status}.body${Array.isArray(body.value) ? `.value[${i}]` : ""}`, resource: item });
    });
  }
  return out;
}

/** A backup policy (jobs and protected items also carry backupManagementType). */
function isPolicy(resource: Json | undefined): boolean {
  const props = resource?.properties;
  return Boolean(props?.backupManagementType && (props.schedulePolicy || props.subProtectionPolicy));
}

export function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = join(dir, f);
    return statSync(full).isDirectory() ? jsonFilesUnder(full) : f.endsWith(".json") ? [full] : [];
  });
}
