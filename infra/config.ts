/**
 * The stack configuration of the backup program: every `backupguard:<key>` of `Pulumi.<stack>.yaml`, validated
 * strictly with precise messages (key path, what was expected, what was found).
 *
 * The schema checks the SHAPE the program needs to build resources (types, enums, references between entries).
 * Azure's own limits (retention ranges, log frequencies, soft-delete days, ...) are deliberately not enforced here:
 * `backupguard check` reports them with the Azure error each one would cause, so a stack can be checked before
 * anything is deployed.
 *
 * `backupguard check --program` imports this schema to validate a stack file before it runs the program.
 */
import { z } from "zod";
import { parseVmId, serviceTagRegion } from "./azure-names";
import { backupRulePriority } from "./network-plan";

/** The Pulumi project name, hence the config namespace: `backupguard:vault`. */
export const CONFIG_NAMESPACE = "backupguard";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const WEEKS_OF_MONTH = ["First", "Second", "Third", "Fourth", "Last"] as const;
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const name = z.string().trim().min(1, "expected a non-empty name");
const wholeNumber = z.number().int("expected a whole number");
const count = wholeNumber.positive("expected a whole number of at least 1");
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day "HH:MM" (24-hour clock)');
const weekday = z.enum(WEEKDAYS);
const weekdays = z.array(weekday).min(1, "expected at least one weekday");
const tags = z.record(z.string().min(1), z.string());

const armId = (what: string, pattern: RegExp) => z.string().regex(pattern, `expected ${what}`);
const subnetId = armId(
  "a subnet resource ID (/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)",
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i,
);
const privateDnsZoneId = armId(
  "a private DNS zone resource ID (/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/<zone>)",
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/[^/]+$/i,
);
const vmId = z
  .string()
  .refine((v) => parseVmId(v) !== undefined, "expected a virtual machine resource ID (/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<vm>)");

/** Long-term retention: how long the daily, weekly, monthly and yearly recovery points are kept. */
const longTermRetention = z.strictObject({
  /** Days a daily point is kept. */
  daily: count.optional(),
  weekly: z.strictObject({ weeks: count, days: weekdays }).optional(),
  monthly: z.strictObject({ months: count, weeks: z.array(z.enum(WEEKS_OF_MONTH)).min(1), days: weekdays }).optional(),
  yearly: z
    .strictObject({ years: count, months: z.array(z.enum(MONTHS)).min(1), weeks: z.array(z.enum(WEEKS_OF_MONTH)).min(1), days: weekdays })
    .optional(),
});

const vmSchedule = z.discriminatedUnion("frequency", [
  z.strictObject({ frequency: z.literal("Daily"), time: timeOfDay }),
  z.strictObject({ frequency: z.literal("Weekly"), time: timeOfDay, days: weekdays }),
  z.strictObject({ frequency: z.literal("Hourly"), intervalHours: count, windowStart: timeOfDay, windowHours: count }),
]);

const vmPolicy = z.strictObject({
  name,
  /** Enhanced (V2) by default: the only type that protects Trusted Launch, Ultra and Premium SSD v2 VMs. */
  type: z.enum(["Enhanced", "Standard"]).default("Enhanced"),
  timeZone: z.string().min(1).default("UTC"),
  schedule: vmSchedule,
  /** Instant-restore snapshot days; defaults to 7 (Enhanced), 2 (Standard daily) or 5 (Standard weekly). */
  instantRestoreDays: count.optional(),
  retention: longTermRetention,
  /** Crash-consistent snapshots only (`OnlyCrashConsistent`); application-consistent when absent. */
  crashConsistentOnly: z.boolean().default(false),
});

const sqlFull = z.discriminatedUnion("frequency", [
  z.strictObject({ frequency: z.literal("Daily"), time: timeOfDay, retention: longTermRetention }),
  z.strictObject({ frequency: z.literal("Weekly"), time: timeOfDay, days: weekdays, retention: longTermRetention }),
]);

const sqlPolicy = z.strictObject({
  name,
  timeZone: z.string().min(1).default("UTC"),
  /** Azure Backup's compression switch for SQL backups (overrides the instance default). */
  compression: z.boolean().default(false),
  full: sqlFull,
  differential: z.strictObject({ days: weekdays, time: timeOfDay, retentionDays: count }).optional(),
  log: z.strictObject({ frequencyMinutes: count, retentionDays: count }).optional(),
});

const vault = z.strictObject({
  name,
  /** Defaults to `backupguard:resourceGroup`. */
  resourceGroup: name.optional(),
  storageRedundancy: z.enum(["LocallyRedundant", "ZoneRedundant", "GeoRedundant"]).default("GeoRedundant"),
  /** Defaults to true when the vault is geo-redundant (Azure requires geo-redundancy for it). */
  crossRegionRestore: z.boolean().optional(),
  /** AlwaysON cannot be turned off again: deleted backup data is always kept for the retention days. */
  softDelete: z.enum(["AlwaysON", "Enabled", "Disabled"]).default("AlwaysON"),
  softDeleteRetentionDays: wholeNumber.default(14),
  /** Unlocked can still be disabled; Locked is irreversible. */
  immutability: z.enum(["Disabled", "Unlocked", "Locked"]).default("Unlocked"),
  publicNetworkAccess: z.enum(["Enabled", "Disabled"]).default("Disabled"),
  /**
   * Multi-user authorization: the resource guard (usually in a security team's subscription) that must approve
   * critical operations such as disabling soft delete or reducing retention.
   */
  resourceGuardId: armId(
    "a resource guard resource ID (/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.DataProtection/resourceGuards/<name>)",
    /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.DataProtection\/resourceGuards\/[^/]+$/i,
  ).optional(),
  privateEndpoint: z
    .strictObject({
      subnetId,
      /** privatelink.<geo>.backup.windowsazure.com, privatelink.blob.core.windows.net, privatelink.queue.core.windows.net */
      privateDnsZoneIds: z.array(privateDnsZoneId).default([]),
    })
    .optional(),
});

const securityRule = z.strictObject({
  name,
  priority: wholeNumber,
  direction: z.enum(["Inbound", "Outbound"]),
  access: z.enum(["Allow", "Deny"]),
  protocol: z.enum(["Tcp", "Udp", "Icmp", "Esp", "Ah", "*"]).default("*"),
  sourceAddressPrefix: z.string().min(1).default("*"),
  sourcePortRange: z.string().min(1).default("*"),
  destinationAddressPrefix: z.string().min(1).default("*"),
  destinationPortRange: z.string().min(1).default("*"),
  description: z.string().optional(),
});

const network = z.strictObject({
  nsg: z.discriminatedUnion("mode", [
    z.strictObject({
      mode: z.literal("create"),
      name,
      /** Defaults to `backupguard:resourceGroup`. */
      resourceGroup: name.optional(),
      /** Adds `DenyInternetOutbound` (priority 4000): only what the allow rules name leaves the subnet. */
      denyInternetOutbound: z.boolean().default(true),
      /** Your own rules on the new NSG, kept beside the backup rules. */
      rules: z.array(securityRule).default([]),
    }),
    z.strictObject({ mode: z.literal("existing"), name, resourceGroup: name }),
  ]),
  /**
   * Priority of the first Azure Backup rule (the others follow in steps of 10). Required for an existing NSG, whose
   * deny rules the program cannot see: pick a number below the NSG's first outbound Deny. For a new NSG the program
   * places the rules before its first outbound Deny when this is absent.
   */
  priority: wholeNumber.optional(),
  /** Regional tags (`AzureBackup.WestEurope`, `Storage.WestEurope`) instead of the global ones. */
  regionalServiceTags: z.boolean().default(false),
  /** The region suffix of regional tags, when the location is not in the program's table. */
  serviceTagRegion: z.string().regex(/^[A-Za-z0-9]+$/, 'expected a region suffix such as "WestEurope"').optional(),
});

const tagGovernance = z.strictObject({
  /**
   * Modify adds or replaces the required tags on every resource group (including the ones Azure Backup creates for
   * restore points). Deny rejects untagged resource groups, which breaks VM backups unless Azure Backup is pointed
   * at a pre-created, tagged group.
   */
  effect: z.enum(["Modify", "Deny"]).default("Modify"),
  /** The tags to require; defaults to `backupguard:tags`. */
  requiredTags: tags.optional(),
  /** The resource group Azure Backup puts restore point collections in: `<prefix>1<suffix>`, `<prefix>2<suffix>`, ... */
  snapshotResourceGroup: z
    .strictObject({
      prefix: z.string().regex(/^[-\w.()]+$/, "expected letters, digits, '.', '_', '-', '(' or ')'"),
      suffix: z.string().regex(/^[-\w.()]*$/, "expected letters, digits, '.', '_', '-', '(' or ')'").default(""),
      /** Pre-create `<prefix>1<suffix>` with the required tags (recommended). */
      create: z.boolean().default(true),
    })
    .optional(),
});

const sqlDatabase = z.strictObject({ name, policy: name });
const sqlInstance = z.strictObject({
  name: name.default("MSSQLSERVER"),
  /** Auto-protect every database of the instance, present and future, with this SQL policy. */
  autoProtectPolicy: name.optional(),
  databases: z.array(sqlDatabase).default([]),
});

const protectedVm = z.strictObject({
  id: vmId,
  /** Back the whole VM up with this VM policy. */
  backupPolicy: name.optional(),
  /** Register the VM for SQL Server backup and protect databases on it. */
  sql: z.strictObject({ instances: z.array(sqlInstance).min(1, "expected at least one SQL Server instance") }).optional(),
});

const availabilityGroup = z.strictObject({
  /** The availability group's name, as SQL Server knows it. */
  name,
  /**
   * The container Azure Backup creates for the group once a node is registered, `SQLAGWorkLoadContainer;<guid>`
   * (`az backup container list --backup-management-type AzureWorkload`). Absent on the first deployment.
   */
  containerName: z
    .string()
    .regex(/^SQLAGWorkLoadContainer;[0-9a-f-]{36}$/i, 'expected the container name Azure Backup lists for the group, "SQLAGWorkLoadContainer;<guid>"')
    .optional(),
  autoProtectPolicy: name.optional(),
  databases: z.array(sqlDatabase).default([]),
});

const stackConfigObject = z.strictObject({
  /** Azure region of everything the program creates. */
  location: name,
  /** Resource group of the vault (and of a new NSG); created unless `createResourceGroup` is false. */
  resourceGroup: name,
  createResourceGroup: z.boolean().default(true),
  /** Tags put on every resource the program creates. */
  tags: tags.default({}),
  vault,
  vmPolicies: z.array(vmPolicy).default([]),
  sqlPolicies: z.array(sqlPolicy).default([]),
  vms: z.array(protectedVm).default([]),
  /** Always On availability groups whose databases are protected (their nodes are listed in `vms` with `sql`). */
  availabilityGroups: z.array(availabilityGroup).default([]),
  network: network.optional(),
  tagGovernance: tagGovernance.optional(),
  /** Read by `backupguard check`, not by the program: the workload inventory of the protected VMs. */
  inventory: z.string().min(1).optional(),
  /** Read by `backupguard check`, not by the program: ARM JSON describing the existing VMs, NICs and subnets. */
  arm: z.array(z.string().min(1)).default([]),
});

export const stackConfigSchema = stackConfigObject.superRefine((c, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

  const seen = new Map<string, string>();
  const notePolicy = (policyName: string, path: (string | number)[]) => {
    const key = policyName.toLowerCase();
    if (seen.has(key)) issue(path, `the policy name "${policyName}" is already used at ${seen.get(key)}; names are unique per vault`);
    else seen.set(key, path.join("."));
  };
  c.vmPolicies.forEach((p, i) => notePolicy(p.name, ["vmPolicies", i, "name"]));
  c.sqlPolicies.forEach((p, i) => notePolicy(p.name, ["sqlPolicies", i, "name"]));
  const vmPolicyNames = c.vmPolicies.map((p) => p.name.toLowerCase());
  const sqlPolicyNames = c.sqlPolicies.map((p) => p.name.toLowerCase());
  const expectPolicy = (names: string[], kind: string, value: string, path: (string | number)[]) => {
    if (!names.includes(value.toLowerCase())) {
      const known = kind === "VM" ? c.vmPolicies.map((p) => p.name) : c.sqlPolicies.map((p) => p.name);
      issue(path, `expected the name of a ${kind} policy (${known.length ? known.map((n) => `"${n}"`).join(", ") : `none defined in ${kind === "VM" ? "vmPolicies" : "sqlPolicies"}`}), found "${value}"`);
    }
  };

  const vmIds = new Map<string, number>();
  c.vms.forEach((vm, i) => {
    const key = vm.id.toLowerCase();
    if (vmIds.has(key)) issue(["vms", i, "id"], `the VM is already listed at vms[${vmIds.get(key)}]`);
    else vmIds.set(key, i);
    if (vm.backupPolicy) expectPolicy(vmPolicyNames, "VM", vm.backupPolicy, ["vms", i, "backupPolicy"]);
    if (!vm.backupPolicy && !vm.sql) issue(["vms", i], "expected `backupPolicy` (VM backup), `sql` (SQL Server backup) or both");
    const instances = new Set<string>();
    vm.sql?.instances.forEach((inst, j) => {
      const path = ["vms", i, "sql", "instances", j];
      if (instances.has(inst.name.toLowerCase())) issue([...path, "name"], `the instance "${inst.name}" is listed twice on this VM`);
      instances.add(inst.name.toLowerCase());
      if (inst.autoProtectPolicy) expectPolicy(sqlPolicyNames, "SQL", inst.autoProtectPolicy, [...path, "autoProtectPolicy"]);
      if (!inst.autoProtectPolicy && inst.databases.length === 0) issue(path, "expected `autoProtectPolicy`, `databases` or both");
      const dbs = new Set<string>();
      inst.databases.forEach((db, k) => {
        if (dbs.has(db.name.toLowerCase())) issue([...path, "databases", k, "name"], `the database "${db.name}" is listed twice on this instance`);
        dbs.add(db.name.toLowerCase());
        expectPolicy(sqlPolicyNames, "SQL", db.policy, [...path, "databases", k, "policy"]);
      });
    });
  });

  const groups = new Set<string>();
  c.availabilityGroups.forEach((g, i) => {
    const path = ["availabilityGroups", i];
    if (groups.has(g.name.toLowerCase())) issue([...path, "name"], `the availability group "${g.name}" is listed twice`);
    groups.add(g.name.toLowerCase());
    if (g.autoProtectPolicy) expectPolicy(sqlPolicyNames, "SQL", g.autoProtectPolicy, [...path, "autoProtectPolicy"]);
    if (!g.autoProtectPolicy && g.databases.length === 0) issue(path, "expected `autoProtectPolicy`, `databases` or both");
    g.databases.forEach((db, k) => expectPolicy(sqlPolicyNames, "SQL", db.policy, [...path, "databases", k, "policy"]));
    if (!c.vms.some((vm) => vm.sql)) issue(path, "expected the group's nodes in `vms` with `sql`: Azure discovers the group through their registration");
  });

  if (c.network) {
    const nsg = c.network.nsg;
    if (nsg.mode === "existing" && c.network.priority === undefined) {
      issue(["network", "priority"], "expected the priority of the Azure Backup rules on the existing NSG (a number below its first outbound Deny rule): the program cannot see that NSG's rules");
    }
    if (c.network.regionalServiceTags && !c.network.serviceTagRegion && !serviceTagRegion(c.location)) {
      issue(["network", "serviceTagRegion"], `expected the service-tag region suffix for location "${c.location}" (e.g. "WestEurope"): the program does not know it`);
    }
    const placed = backupRulePriority(c.network);
    if (nsg.mode === "create" && "error" in placed) issue(["network", "priority"], placed.error);
    if (nsg.mode === "create") {
      const names = new Set<string>();
      nsg.rules.forEach((r, i) => {
        if (names.has(r.name.toLowerCase())) issue(["network", "nsg", "rules", i, "name"], `the rule name "${r.name}" is used twice`);
        names.add(r.name.toLowerCase());
      });
    }
  }

  const gov = c.tagGovernance;
  if (gov && Object.keys(gov.requiredTags ?? c.tags).length === 0) {
    issue(["tagGovernance", "requiredTags"], "expected at least one required tag (here or in `backupguard:tags`)");
  }
});

export type StackConfig = z.output<typeof stackConfigSchema>;
export type VmPolicyConfig = StackConfig["vmPolicies"][number];
export type SqlPolicyConfig = StackConfig["sqlPolicies"][number];
export type LongTermRetentionConfig = z.output<typeof longTermRetention>;
export type SecurityRuleConfig = z.output<typeof securityRule>;
export type ProtectedVmConfig = StackConfig["vms"][number];

/** One problem in the stack configuration, located by its key path inside `config:`. */
export interface ConfigProblem {
  /** e.g. `backupguard:vault.softDeleteRetentionDays` */
  key: string;
  message: string;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return `${typeof value} ${String(value)}`;
}

/** `["vault", "softDeleteRetentionDays"]` → `backupguard:vault.softDeleteRetentionDays`; `["vms", 0, "id"]` → `backupguard:vms[0].id`. */
export function configKeyPath(path: readonly PropertyKey[]): string {
  const [first, ...rest] = path;
  let out = `${CONFIG_NAMESPACE}:${first === undefined ? "" : String(first)}`;
  for (const p of rest) out += typeof p === "number" ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`;
  return out;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const found = "input" in issue ? issue.input : undefined;
  switch (issue.code) {
    case "invalid_type": {
      const expected = { object: "a map", array: "a list", int: "a whole number" }[issue.expected as string] ?? issue.expected;
      if (found === undefined) return `missing: expected ${expected}`;
      return `expected ${expected}, found ${describe(found)}`;
    }
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, found ${describe(found)}`;
    case "unrecognized_keys":
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_union":
      if ("options" in issue && Array.isArray(issue.options)) {
        return `expected one of ${(issue.options as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, found ${describe(found && typeof found === "object" ? (found as Record<string, unknown>)[String(issue.path.at(-1))] : found)}`;
      }
      return issue.message;
    default: {
      // Our own messages already say "expected …"; add what was found when zod kept it.
      const msg = issue.message;
      return found !== undefined && !/found /.test(msg) && typeof found !== "object" ? `${msg}, found ${describe(found)}` : msg;
    }
  }
}

/**
 * Validates the `backupguard:*` values of a stack (keys without the namespace, values already parsed from YAML/JSON).
 * Returns the typed configuration, or every problem with its key path.
 */
export function parseStackConfig(values: Record<string, unknown>): { ok: true; config: StackConfig } | { ok: false; problems: ConfigProblem[] } {
  const result = stackConfigSchema.safeParse(values, { reportInput: true });
  if (result.success) return { ok: true, config: result.data };
  const problems = result.error.issues.map((issue) => {
    // A missing top-level key reads better as "backupguard:vault: missing" than as a path into nothing.
    const path = issue.code === "unrecognized_keys" && issue.path.length === 0 ? [issue.keys[0]!] : issue.path;
    const message = issue.code === "unrecognized_keys" && issue.path.length === 0 ? `unknown key (the program reads ${Object.keys(stackConfigObject.shape).map((k) => `${CONFIG_NAMESPACE}:${k}`).join(", ")})` : issueMessage(issue);
    return { key: configKeyPath(path), message };
  });
  return { ok: false, problems };
}

/** The known top-level keys, e.g. for documentation. */
export const CONFIG_KEYS: readonly string[] = Object.keys(stackConfigObject.shape);

/** One line per problem, for `pulumi up` and for the checker's exit-2 message. */
export function formatConfigProblems(file: string, problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${file}: config.${p.key}: ${p.message}`).join("\n");
}

/** Reads a Pulumi config value the way the language host passes it: objects and lists arrive as JSON text. */
export function decodeConfigValue(raw: string): unknown {
  const trimmed = raw.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return raw;
    }
  }
  // Top-level values are strings except `createResourceGroup`; numbers only occur inside maps and lists.
  if (trimmed === "true") return true;
  if (trimmed === "false") return false;
  return raw;
}
