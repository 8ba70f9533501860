/**
 * Backup policies: VM policies (Enhanced by default, Standard on request) and SQL Server in Azure VM policies
 * (Full, optional Differential, optional Log).
 */
import * as pulumi from "@pulumi/pulumi";
import * as recoveryservices from "@pulumi/azure-native/recoveryservices";
import type * as types from "@pulumi/azure-native/types/input";
import type { SqlPolicyConfig, VmPolicyConfig } from "../config";
import { isoTime, longTermRetention, simpleRetentionDays } from "./schedule";

type Weekday = "Sunday" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday";

export interface VaultRef {
  vaultName: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
}

export interface VmBackupPolicyArgs extends VaultRef {
  policy: VmPolicyConfig;
  /** Where Azure Backup keeps instant-restore snapshots: `<prefix>1<suffix>`, `<prefix>2<suffix>`, ... */
  snapshotResourceGroup?: { prefix: string; suffix: string };
}

/** Instant-restore days when the stack does not say: Azure's defaults, and 5 for a weekly Standard policy. */
export function defaultInstantRestoreDays(policy: VmPolicyConfig): number {
  if (policy.type === "Enhanced") return 7;
  return policy.schedule.frequency === "Weekly" ? 5 : 2;
}

function vmSchedule(policy: VmPolicyConfig): types.recoveryservices.SimpleSchedulePolicyArgs | types.recoveryservices.SimpleSchedulePolicyV2Args {
  const s = policy.schedule;
  if (policy.type === "Standard") {
    // Standard policies take the classic schedule. An hourly Standard policy is passed through as written:
    // Azure rejects it, and `backupguard check` says so before deployment.
    const schedule: types.recoveryservices.SimpleSchedulePolicyArgs = { schedulePolicyType: "SimpleSchedulePolicy", scheduleRunFrequency: s.frequency };
    if (s.frequency === "Hourly") {
      schedule.hourlySchedule = { interval: s.intervalHours, scheduleWindowStartTime: isoTime(s.windowStart), scheduleWindowDuration: s.windowHours };
    } else {
      schedule.scheduleRunTimes = [isoTime(s.time)];
      if (s.frequency === "Weekly") schedule.scheduleRunDays = s.days as Weekday[];
    }
    return schedule;
  }
  const schedule: types.recoveryservices.SimpleSchedulePolicyV2Args = { schedulePolicyType: "SimpleSchedulePolicyV2", scheduleRunFrequency: s.frequency };
  if (s.frequency === "Hourly") {
    schedule.hourlySchedule = { interval: s.intervalHours, scheduleWindowStartTime: isoTime(s.windowStart), scheduleWindowDuration: s.windowHours };
  } else if (s.frequency === "Daily") {
    schedule.dailySchedule = { scheduleRunTimes: [isoTime(s.time)] };
  } else {
    schedule.weeklySchedule = { scheduleRunDays: s.days as Weekday[], scheduleRunTimes: [isoTime(s.time)] };
  }
  return schedule;
}

/** A VM backup policy (`AzureIaasVM`). */
export class VmBackupPolicy extends pulumi.ComponentResource {
  readonly policy: recoveryservices.ProtectionPolicy;
  readonly policyId: pulumi.Output<string>;

  constructor(name: string, args: VmBackupPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("backupguard:infra:VmBackupPolicy", name, {}, opts);
    const p = args.policy;
    const time = p.schedule.frequency === "Hourly" ? p.schedule.windowStart : p.schedule.time;
    const properties: types.recoveryservices.AzureIaaSVMProtectionPolicyArgs = {
      backupManagementType: "AzureIaasVM",
      policyType: p.type === "Enhanced" ? "V2" : "V1",
      timeZone: p.timeZone,
      schedulePolicy: vmSchedule(p),
      retentionPolicy: longTermRetention(p.retention, time),
      instantRpRetentionRangeInDays: p.instantRestoreDays ?? defaultInstantRestoreDays(p),
    };
    if (args.snapshotResourceGroup) {
      properties.instantRPDetails = {
        azureBackupRGNamePrefix: args.snapshotResourceGroup.prefix,
        ...(args.snapshotResourceGroup.suffix ? { azureBackupRGNameSuffix: args.snapshotResourceGroup.suffix } : {}),
      };
    }
    if (p.crashConsistentOnly) properties.snapshotConsistencyType = "OnlyCrashConsistent";
    this.policy = new recoveryservices.ProtectionPolicy(
      p.name,
      { policyName: p.name, vaultName: args.vaultName, resourceGroupName: args.resourceGroupName, properties },
      { parent: this },
    );
    this.policyId = this.policy.id;
    this.registerOutputs({ policyId: this.policyId });
  }
}

export interface SqlBackupPolicyArgs extends VaultRef {
  policy: SqlPolicyConfig;
}

function sqlSubPolicies(p: SqlPolicyConfig): types.recoveryservices.SubProtectionPolicyArgs[] {
  const full = p.full;
  const subs: types.recoveryservices.SubProtectionPolicyArgs[] = [
    {
      policyType: "Full",
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: full.frequency,
        scheduleRunTimes: [isoTime(full.time)],
        ...(full.frequency === "Weekly" ? { scheduleRunDays: full.days as Weekday[] } : {}),
      },
      retentionPolicy: longTermRetention(full.retention, full.time),
    },
  ];
  if (p.differential) {
    subs.push({
      policyType: "Differential",
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Weekly",
        scheduleRunTimes: [isoTime(p.differential.time)],
        scheduleRunDays: p.differential.days as Weekday[],
      },
      retentionPolicy: simpleRetentionDays(p.differential.retentionDays),
    });
  }
  if (p.log) {
    subs.push({
      policyType: "Log",
      schedulePolicy: { schedulePolicyType: "LogSchedulePolicy", scheduleFrequencyInMins: p.log.frequencyMinutes },
      retentionPolicy: simpleRetentionDays(p.log.retentionDays),
    });
  }
  return subs;
}

/** A SQL Server in Azure VM backup policy (`AzureWorkload`, `SQLDataBase`). */
export class SqlBackupPolicy extends pulumi.ComponentResource {
  readonly policy: recoveryservices.ProtectionPolicy;
  readonly policyId: pulumi.Output<string>;
  /** The backup types this policy schedules. */
  readonly backupTypes: readonly ("Full" | "Differential" | "Log")[];

  constructor(name: string, args: SqlBackupPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("backupguard:infra:SqlBackupPolicy", name, {}, opts);
    const p = args.policy;
    const subProtectionPolicy = sqlSubPolicies(p);
    this.backupTypes = subProtectionPolicy.map((s) => s.policyType as "Full" | "Differential" | "Log");
    this.policy = new recoveryservices.ProtectionPolicy(
      p.name,
      {
        policyName: p.name,
        vaultName: args.vaultName,
        resourceGroupName: args.resourceGroupName,
        properties: {
          backupManagementType: "AzureWorkload",
          workLoadType: "SQLDataBase",
          settings: { timeZone: p.timeZone, issqlcompression: p.compression, isCompression: p.compression },
          subProtectionPolicy,
        },
      },
      { parent: this },
    );
    this.policyId = this.policy.id;
    this.registerOutputs({ policyId: this.policyId });
  }
}
