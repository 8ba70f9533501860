/**
 * Shared reading helpers for the backup-policy limit rules (POLICY-*): walking the policies of one workload,
 * reading Known values (recording `unknown` once per path), sub-policies, times of day, weekdays, retention buckets,
 * and the numeric limits themselves, so that every rule states a limit in one place.
 */
import type { RuleContext } from "../../src/engine/types.js";
import type { BackupPolicy, RetentionDuration, RetentionPolicy, SchedulePolicy, SubProtectionPolicy } from "../../src/model/types.js";
import { isUnknown, type Known } from "../../src/model/unknown.js";

/** The catch-all code the Recovery Services API answers a policy PUT with when a value breaks a limit. */
export const INVALID_POLICY_INPUT = "BMSUserErrorInvalidPolicyInput";

/** A value that could not be read because it is unknown before deployment (already recorded as `unknown`). */
export const UNREAD: unique symbol = Symbol("unread");
export type Unread = typeof UNREAD;

export interface Range {
  min: number;
  max: number;
}

/** The limits, with their units. Sources are cited in each rule's doc. */
export const LIMITS = {
  /** SQL log backup every N minutes (`scheduleFrequencyInMins`). */
  sqlLogFrequencyMinutes: [15, 30, 60, 120, 240, 480, 720, 1440],
  sqlLogRetentionDays: { min: 7, max: 35 },
  sqlDifferentialRetentionDays: { min: 7, max: 180 },
  /** Long-term retention buckets, SQL full backups and VM policies alike. */
  dailyRetentionDays: { min: 7, max: 9999 },
  weeklyRetentionWeeks: { min: 1, max: 5163 },
  monthlyRetentionMonths: { min: 1, max: 1188 },
  yearlyRetentionYears: { min: 1, max: 99 },
  /** VM Enhanced hourly schedule. */
  vmHourlyIntervalHours: [4, 6, 8, 12, 24],
  vmHourlyWindowHours: { min: 4, max: 24 },
  /** `instantRpRetentionRangeInDays`. */
  instantRestoreDays: { standard: { min: 1, max: 5 }, enhanced: { min: 1, max: 30 }, weeklySchedule: 5 },
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Walking policies

export interface PolicyCheck {
  readonly policy: BackupPolicy;
  /** The name findings show: the Pulumi or Azure resource name. */
  readonly name: string;
  fail(messageId: string, message: string, path: string, data: Record<string, unknown>): void;
  /** Records that the value at `path` is unknown before deployment. */
  unknown(path: string, what: string): void;
  /** The rule left this policy to another rule (its value is checked there): neither pass nor finding. */
  skip(): void;
  /** Reads a Known value; records `unknown` and returns UNREAD when it is not known. */
  read<T>(value: Known<T>, path: string, what: string): T | Unread;
  /** Reads a list of Known strings; UNREAD when the list or any element is unknown. */
  readList(value: Known<Known<string>[] | undefined> | undefined, path: string, what: string): string[] | undefined | Unread;
}

/**
 * Runs `check` on every policy of the workload(s). A policy whose workload cannot be told before deployment is reported
 * `unknown`; a policy the rule checked without finding anything is passed.
 */
export function eachPolicy(ctx: RuleContext, workloads: "sql" | "vm" | readonly ("sql" | "vm")[], check: (p: PolicyCheck) => void): void {
  const wanted: readonly string[] = typeof workloads === "string" ? [workloads] : workloads;
  for (const policy of ctx.model.backupPolicies) {
    if (policy.workload === "unknown") {
      if (!possibleWorkloads(policy).some((w) => wanted.includes(w))) continue;
      ctx.unknown({
        resource: policy.ref,
        messageId: "unknownWorkload",
        message: `Backup policy "${policy.ref.name}": its ${isUnknown(policy.backupManagementType) ? "backup management type" : "workload type"} is not known before deployment, so its limits cannot be checked yet.`,
        path: isUnknown(policy.backupManagementType) ? "backupManagementType" : "workloadType",
      });
      continue;
    }
    if (!wanted.includes(policy.workload)) continue;
    let outcomes = 0;
    const p: PolicyCheck = {
      policy,
      name: policy.ref.name,
      fail(messageId, message, path, data) {
        outcomes++;
        ctx.report({ resource: policy.ref, messageId, message, path, data });
      },
      unknown(path, what) {
        outcomes++;
        ctx.unknown({
          resource: policy.ref,
          messageId: "unknownValue",
          message: `Backup policy "${policy.ref.name}": the ${what} (${path}) is not known before deployment; it is checked once it is.`,
          path,
          data: { path },
        });
      },
      skip() {
        outcomes++;
      },
      read(value, path, what) {
        if (isUnknown(value)) {
          p.unknown(path, what);
          return UNREAD;
        }
        return value;
      },
      readList(value, path, what) {
        if (isUnknown(value)) {
          p.unknown(path, what);
          return UNREAD;
        }
        if (value === undefined) return undefined;
        const out: string[] = [];
        for (const [i, v] of value.entries()) {
          if (isUnknown(v)) {
            p.unknown(`${path}[${i}]`, what);
            return UNREAD;
          }
          out.push(v);
        }
        return out;
      },
    };
    check(p);
    if (outcomes === 0) ctx.pass(policy.ref);
  }
}

/** For a policy whose workload the model could not settle: which of ours it may still be, from what is known. */
function possibleWorkloads(policy: BackupPolicy): ("sql" | "vm")[] {
  const bmt = knownOrUndefined(policy.backupManagementType);
  if (bmt === undefined) return ["sql", "vm"];
  if (sameText(bmt, "AzureIaasVM")) return ["vm"];
  if (sameText(bmt, "AzureWorkload")) {
    const workloadType = knownOrUndefined(policy.workloadType);
    return workloadType === undefined || sameText(workloadType, "SQLDataBase") ? ["sql"] : [];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// SQL sub-policies

export type SqlBackupType = "Full" | "Differential" | "Log";
const SQL_TYPES: readonly SqlBackupType[] = ["Full", "Differential", "Log"];

export interface IndexedSubPolicy {
  sub: SubProtectionPolicy;
  index: number;
  /** `subPolicies[i]` */
  path: string;
  /** The policyType as written. */
  type: string;
  /** Full | Differential | Log, matched case-insensitively; undefined for any other type. */
  sqlType: SqlBackupType | undefined;
}

/** The sub-policies of a SQL policy with their types; UNREAD when the list or a type is unknown. */
export function readSubPolicies(p: PolicyCheck): IndexedSubPolicy[] | Unread {
  const subs = p.read(p.policy.subPolicies, "subPolicies", "list of sub-policies");
  if (subs === UNREAD) return UNREAD;
  const out: IndexedSubPolicy[] = [];
  for (const [index, sub] of (subs ?? []).entries()) {
    const path = `subPolicies[${index}]`;
    const type = p.read(sub.policyType, `${path}.policyType`, "backup type of a sub-policy");
    if (type === UNREAD) return UNREAD;
    const written = type ?? "";
    out.push({ sub, index, path, type: written, sqlType: SQL_TYPES.find((t) => t.toLowerCase() === written.toLowerCase()) });
  }
  return out;
}

/** Sub-policies of one SQL backup type. */
export function subsOfType(subs: IndexedSubPolicy[], type: SqlBackupType): IndexedSubPolicy[] {
  return subs.filter((s) => s.sqlType === type);
}

// ---------------------------------------------------------------------------------------------------------------
// Schedules

export function sameText(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Daily | Weekly | Hourly matched case-insensitively, as written otherwise. */
export function frequencyName(value: string | undefined): "Daily" | "Weekly" | "Hourly" | undefined | string {
  if (value === undefined) return undefined;
  return (["Daily", "Weekly", "Hourly"] as const).find((f) => sameText(value, f)) ?? value;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  /** Fraction of a second, as a number of milliseconds. */
  millisecond: number;
  /** "HH:MM" */
  text: string;
}

// Azure takes schedule and retention times as ISO 8601 date-times; only the time of day matters.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** The time of day of an ISO date-time as written (no zone shift); undefined when the value is not one. */
export function timeOfDay(value: string): TimeOfDay | undefined {
  const m = ISO_DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return undefined;
  const second = m[3] === undefined ? 0 : Number(m[3]);
  const millisecond = m[4] === undefined ? 0 : Number(`0.${m[4]}`) * 1000;
  return { hour, minute, second, millisecond, text: `${m[1]}:${m[2]}` };
}

/** On the hour or on the half hour, with no seconds. */
export function onHalfHour(t: TimeOfDay): boolean {
  return t.minute % 30 === 0 && t.second === 0 && t.millisecond === 0;
}

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export interface DayList {
  /** Valid weekdays in canonical spelling, without duplicates, in the order written. */
  days: string[];
  /** Values that are not weekday names. */
  invalid: string[];
  /** Weekdays written more than once. */
  duplicates: string[];
}

export function analyseDays(values: string[]): DayList {
  const days: string[] = [];
  const invalid: string[] = [];
  const duplicates: string[] = [];
  for (const v of values) {
    const day = WEEKDAYS.find((d) => sameText(v, d));
    if (!day) invalid.push(v);
    else if (days.includes(day)) {
      if (!duplicates.includes(day)) duplicates.push(day);
    } else days.push(day);
  }
  return { days, invalid, duplicates };
}

/**
 * Checks the run days of a Weekly schedule: at least one, all weekday names, none twice (one finding per problem).
 * Returns the days when they are usable for comparisons, UNREAD when unknown, undefined when they are not usable.
 */
export function checkWeeklyRunDays(p: PolicyCheck, schedule: SchedulePolicy, path: string, label: string): string[] | undefined | Unread {
  const raw = p.readList(schedule.runDays, `${path}.runDays`, `${label} run days`);
  if (raw === UNREAD) return UNREAD;
  const list = analyseDays(raw ?? []);
  if (list.invalid.length > 0) {
    p.fail("invalidDay", `Backup policy "${p.name}": the ${label} runs on ${list.invalid.map((d) => `"${d}"`).join(", ")}, which is not a day of the week. Use Sunday … Saturday.`, `${path}.runDays`, {
      value: list.invalid,
    });
    return undefined;
  }
  if (list.days.length === 0) {
    p.fail("noRunDays", `Backup policy "${p.name}": the ${label} is Weekly but names no day to run on. List at least one day in scheduleRunDays.`, `${path}.runDays`, { value: raw ?? [] });
    return undefined;
  }
  if (list.duplicates.length > 0) {
    p.fail("duplicateDay", `Backup policy "${p.name}": the ${label} lists ${list.duplicates.join(", ")} more than once in scheduleRunDays; Azure rejects repeated days. List each day once.`, `${path}.runDays`, {
      value: list.duplicates,
    });
    return undefined;
  }
  return list.days;
}

// ---------------------------------------------------------------------------------------------------------------
// Retention

export type Bucket = "daily" | "weekly" | "monthly" | "yearly";
export const BUCKET_UNIT: Record<Bucket, string> = { daily: "Days", weekly: "Weeks", monthly: "Months", yearly: "Years" };
export const BUCKET_LIMIT: Record<Bucket, Range> = {
  daily: LIMITS.dailyRetentionDays,
  weekly: LIMITS.weeklyRetentionWeeks,
  monthly: LIMITS.monthlyRetentionMonths,
  yearly: LIMITS.yearlyRetentionYears,
};
const SCHEDULE_FIELD: Record<Bucket, string> = { daily: "dailySchedule", weekly: "weeklySchedule", monthly: "monthlySchedule", yearly: "yearlySchedule" };

/** The buckets a long-term retention policy sets. */
export function presentBuckets(retention: RetentionPolicy): Bucket[] {
  return (["daily", "weekly", "monthly", "yearly"] as const).filter((b) => retention[b] !== undefined);
}

/** True when the retention policy is a LongTermRetentionPolicy (explicitly, or by its buckets when the type is absent). */
export function isLongTerm(type: string | undefined, retention: RetentionPolicy): boolean {
  if (type !== undefined) return sameText(type, "LongTermRetentionPolicy");
  return presentBuckets(retention).length > 0;
}

export interface DurationCheck {
  /** Where the duration sits, e.g. `subPolicies[1].retention.simple`. */
  path: string;
  /** What it is, for messages: "log backup retention". */
  label: string;
  /** The unit the limit is in: Days | Weeks | Months | Years. */
  unit: string;
  range: Range;
  /** A value that is below the minimum but still accepted (legacy), not reported. */
  tolerated?: number;
  /** Extra sentence for a value below the minimum. */
  belowMinimumHint?: string;
}

/** Checks one retention duration against its unit and range; one finding at most. */
export function checkDuration(p: PolicyCheck, duration: RetentionDuration, c: DurationCheck): void {
  const count = p.read(duration.count, `${c.path}.count`, `length of the ${c.label}`);
  const unit = p.read(duration.durationType, `${c.path}.durationType`, `unit of the ${c.label}`);
  if (count === UNREAD || unit === UNREAD) return;
  if (unit !== undefined && !sameText(unit, c.unit)) {
    p.fail("wrongUnit", `Backup policy "${p.name}": the ${c.label} is counted in ${unit}; Azure expects ${c.unit} here. Set durationType to "${c.unit}".`, `${c.path}.durationType`, {
      value: unit,
      expected: c.unit,
    });
    return;
  }
  if (count === undefined) {
    p.fail("missingCount", `Backup policy "${p.name}": the ${c.label} has no count. Set a count between ${c.range.min} and ${c.range.max} ${c.unit.toLowerCase()}.`, `${c.path}.count`, {
      min: c.range.min,
      max: c.range.max,
      unit: c.unit,
    });
    return;
  }
  if (count === c.tolerated) return;
  if (!Number.isInteger(count) || count < c.range.min || count > c.range.max) {
    p.fail(
      "outOfRange",
      `Backup policy "${p.name}": the ${c.label} is ${count} ${c.unit.toLowerCase()}; Azure accepts ${c.range.min} to ${c.range.max}.${c.belowMinimumHint && count < c.range.min ? ` ${c.belowMinimumHint}` : ""} Set a count in that range.`,
      `${c.path}.count`,
      { value: count, min: c.range.min, max: c.range.max, unit: c.unit },
    );
  }
}

/**
 * Checks every long-term retention bucket against its unit and range (daily 7–9999 days, weekly ≤ 5163 weeks,
 * monthly ≤ 1188 months, yearly ≤ 99 years).
 */
export function checkLongTermRanges(p: PolicyCheck, retention: RetentionPolicy, basePath: string, who: string, options: { toleratedDailyCount?: number } = {}): void {
  for (const bucket of presentBuckets(retention)) {
    const schedule = retention[bucket]!;
    const check: DurationCheck = {
      path: `${basePath}.${bucket}.duration`,
      label: `${bucket} retention of the ${who}`,
      unit: BUCKET_UNIT[bucket],
      range: BUCKET_LIMIT[bucket],
    };
    if (bucket === "daily") check.belowMinimumHint = "Azure no longer accepts fewer than 7 daily recovery points on create or update.";
    if (bucket === "daily" && options.toleratedDailyCount !== undefined) check.tolerated = options.toleratedDailyCount;
    checkDuration(p, schedule.duration, check);
  }
}

/** `retention.weekly` → `weeklySchedule`, for messages that name Azure's property. */
export function bucketField(bucket: Bucket): string {
  return SCHEDULE_FIELD[bucket];
}

// ---------------------------------------------------------------------------------------------------------------
// VM policies

export type VmTier = "standard" | "enhanced";

/**
 * Standard (V1) or Enhanced (V2). Azure reads a missing policyType as V1, but a list response may omit it for a
 * policy whose schedule is SimpleSchedulePolicyV2, so the schedule type decides then. `conflict` when the policy type
 * is invalid, or disagrees with its schedule type, or is Standard with an Hourly schedule: POLICY-008 reports it, and
 * rules that depend on the tier leave the policy alone.
 */
export function vmTier(p: PolicyCheck): VmTier | "conflict" | Unread {
  const policyType = p.read(p.policy.vmPolicyType, "policyType", "policy type (V1 Standard / V2 Enhanced)");
  if (policyType === UNREAD) return UNREAD;
  const scheduleType = knownOrUndefined(p.policy.schedule?.type);
  const frequency = frequencyName(knownOrUndefined(p.policy.schedule?.frequency));
  let tier: VmTier;
  if (policyType === undefined) tier = sameText(scheduleType, "SimpleSchedulePolicyV2") ? "enhanced" : "standard";
  else if (sameText(policyType, "V2")) tier = "enhanced";
  else if (sameText(policyType, "V1")) tier = "standard";
  else return "conflict";
  if (tier === "standard" && (frequency === "Hourly" || sameText(scheduleType, "SimpleSchedulePolicyV2"))) return "conflict";
  if (tier === "enhanced" && sameText(scheduleType, "SimpleSchedulePolicy")) return "conflict";
  return tier;
}

/** The value when known, undefined otherwise (for decisions where another rule reports the unknown). */
export function knownOrUndefined<T>(value: Known<T> | undefined): T | undefined {
  return value === undefined || isUnknown(value) ? undefined : value;
}
