/**
 * Shared joins for the sql rules: which protected items and protection intents cover an inventory database, the policy
 * each one applies and the backup types that policy schedules. Rules read this, never the raw joins.
 *
 * Azure Backup facts behind the joins (see checks/sql/*.md for the sources):
 * - A standalone database is the item `SQLDataBase;<instance>;<database>` in container `VMAppContainer;Compute;<rg>;<vm>`.
 * - A database in an Always On availability group is the item `SQLDataBase;<availability group>;<database>`, registered
 *   under the group's own container (`SQLAGWorkLoadContainer;<guid>`), not under one VM.
 * - Auto-protection on an instance (or an availability group) covers every database in it, existing and future;
 *   Azure's docs allow no exclusions. tempdb is never protectable, so it is never covered.
 */
import type { RuleContext } from "../../src/engine/types.js";
import { normalizeId, parseArmId, sameName } from "../../src/model/ids.js";
import { parseContainerName, parseSqlItemName, type ModelIndex } from "../../src/model/lookups.js";
import type {
  AvailabilityGroup,
  BackupPolicy,
  ProtectedItem,
  ProtectionContainer,
  ProtectionIntent,
  ResourceRef,
  SqlDatabase,
  VirtualMachine,
} from "../../src/model/types.js";
import { isUnknown, UNKNOWN, type Known } from "../../src/model/unknown.js";

export type SqlBackupType = "Full" | "Differential" | "Log" | "CopyOnlyFull";
export const SQL_BACKUP_TYPES: readonly SqlBackupType[] = ["Full", "Differential", "Log", "CopyOnlyFull"];

export type Protector = ProtectedItem | ProtectionIntent;

/** How a protector reaches a database. */
export type CoverageKind = "item" | "autoProtection" | "databaseIntent";

export interface DatabaseProtection {
  db: SqlDatabase;
  protector: Protector;
  via: CoverageKind;
  /** True when the item is the availability group's item (`SQLDataBase;<group>;<db>`), shared by every replica. */
  viaAvailabilityGroup: boolean;
  /** False when the join rests on a value unknown at preview (the VM an item or intent is on). */
  certain: boolean;
}

function knownString(v: Known<string | undefined> | undefined): string | undefined {
  return v === undefined || isUnknown(v) ? undefined : v;
}

/** `instance` and `database` an item names, from its item name or the fields the source set. */
export function itemDatabase(item: ProtectedItem): Known<{ instance: string; database: string } | undefined> {
  const name = knownString(item.itemName);
  const parsed = name ? parseSqlItemName(name) : undefined;
  if (parsed) return parsed;
  const instance = item.sqlInstance;
  const database = item.sqlDatabase;
  if (isUnknown(item.itemName) || isUnknown(instance) || isUnknown(database)) {
    if (knownString(instance) && knownString(database)) return { instance: instance as string, database: database as string };
    return UNKNOWN;
  }
  if (instance && database) return { instance, database };
  return undefined;
}

/** The last segment of a protectable item id: `SQLInstance;MSSQLSERVER` → { type: "sqlinstance", name: "MSSQLSERVER" }. */
function protectableOf(itemId: Known<string | undefined>): { type: string; name: string } | undefined {
  const id = knownString(itemId);
  if (!id) return undefined;
  const last = id.split("/").filter(Boolean).at(-1);
  if (!last) return undefined;
  const parts = last.split(";");
  if (parts.length < 2) return undefined;
  return { type: parts[0]!.toLowerCase(), name: parts.at(-1)! };
}

/** The instance (or availability group) an intent covers. */
export function intentTarget(intent: ProtectionIntent): Known<string | undefined> {
  const explicit = intent.sqlInstance;
  if (knownString(explicit)) return explicit;
  const fromId = protectableOf(intent.itemId);
  if (fromId && (fromId.type === "sqlinstance" || fromId.type === "sqlavailabilitygroupcontainer")) return fromId.name;
  if (isUnknown(explicit) || isUnknown(intent.itemId)) return UNKNOWN;
  return undefined;
}

/** True when the intent names an availability group rather than an instance. */
function intentIsForAvailabilityGroup(intent: ProtectionIntent): boolean {
  return protectableOf(intent.itemId)?.type === "sqlavailabilitygroupcontainer";
}

/**
 * The VM a protector (or container) sits on, by name: from its source resource id, else its container name, else the
 * container segment of its item id. UNKNOWN when every one of those is unknown; undefined when none names a VM
 * (an availability group's container).
 */
export function vmNameOf(entity: Protector | ProtectionContainer): Known<{ name: string; resourceGroup?: string } | undefined> {
  let sawUnknown = false;
  const src = entity.sourceResourceId;
  if (isUnknown(src)) sawUnknown = true;
  else if (src) {
    const parsed = parseArmId(src);
    if (parsed.name && /virtualmachines/i.test(src)) return { name: parsed.name, ...(parsed.resourceGroup ? { resourceGroup: parsed.resourceGroup } : {}) };
  }
  const containers: Known<string | undefined>[] = [];
  if ("containerName" in entity) containers.push(entity.containerName);
  if ("itemId" in entity) {
    const id = entity.itemId;
    if (isUnknown(id)) containers.push(UNKNOWN);
    else if (id) {
      const m = /protectioncontainers?\/([^/]+)/i.exec(id);
      if (m) containers.push(m[1]);
    }
  }
  for (const c of containers) {
    if (isUnknown(c)) {
      sawUnknown = true;
      continue;
    }
    if (!c) continue;
    const parsed = parseContainerName(c);
    if (parsed) return { name: parsed.vmName, resourceGroup: parsed.resourceGroup };
    // `VMAppContainer;Compute;<vm>` without the resource group (as in some of Azure's own examples)
    const short = /^vmappcontainer;compute;([^;]+)$/i.exec(c);
    if (short) return { name: short[1]! };
    // iaasvmcontainerv2;<rg>;<vm> (VM backup containers)
    const iaas = /^iaasvmcontainer(?:v2)?;([^;]+);([^;]+)$/i.exec(c);
    if (iaas) return { name: iaas[2]!, resourceGroup: iaas[1]! };
  }
  return sawUnknown ? UNKNOWN : undefined;
}

/** Is the protector on this VM? true / false / UNKNOWN (its VM is computed at preview). */
export function isOnVm(index: ModelIndex, entity: Protector | ProtectionContainer, vmName: string, vmId?: string): Known<boolean> {
  const vm = vmId ? index.vmById(vmId) : index.vmNamed(vmName);
  const src = knownString(entity.sourceResourceId);
  if (src && vm?.ref.id && normalizeId(src) === normalizeId(vm.ref.id)) return true;
  if (src && vmId && normalizeId(src) === normalizeId(vmId)) return true;
  const on = vmNameOf(entity);
  if (isUnknown(on)) return UNKNOWN;
  if (!on) return false;
  if (!sameName(on.name, vmName)) return false;
  const rg = vm ? knownString(vm.resourceGroup) : vmId ? parseArmId(vmId).resourceGroup : undefined;
  return rg === undefined || on.resourceGroup === undefined || sameName(on.resourceGroup, rg);
}

export function isSqlItem(item: ProtectedItem): boolean {
  return item.workload === "sqlDatabase";
}

function isSqlIntent(intent: ProtectionIntent): boolean {
  return intent.workload === "sqlInstance" || intent.workload === "sqlDatabase";
}

/** Every protected item and intent that covers the inventory database. */
export function protectionsOf(index: ModelIndex, db: SqlDatabase): DatabaseProtection[] {
  const out: DatabaseProtection[] = [];
  const model = index.model;
  const group = db.availabilityGroup;

  for (const item of model.protectedItems) {
    if (!isSqlItem(item)) continue;
    const named = itemDatabase(item);
    if (isUnknown(named) || !named || !sameName(named.database, db.databaseName)) continue;
    if (group && sameName(named.instance, group)) {
      out.push({ db, protector: item, via: "item", viaAvailabilityGroup: true, certain: true });
      continue;
    }
    if (!sameName(named.instance, db.instanceName)) continue;
    const on = isOnVm(index, item, db.vmName, db.vmId);
    if (on === false) continue;
    out.push({ db, protector: item, via: "item", viaAvailabilityGroup: false, certain: on === true });
  }

  for (const intent of model.protectionIntents) {
    if (!isSqlIntent(intent)) continue;
    const target = intentTarget(intent);
    if (intent.workload === "sqlDatabase") {
      const database = intent.sqlDatabase;
      if (isUnknown(database) || !sameName(database, db.databaseName)) continue;
    } else if (db.databaseName.toLowerCase() === "tempdb") continue;
    const via: CoverageKind = intent.workload === "sqlDatabase" ? "databaseIntent" : "autoProtection";
    if (!isUnknown(target) && group && sameName(target, group)) {
      out.push({ db, protector: intent, via, viaAvailabilityGroup: true, certain: true });
      continue;
    }
    if (!isUnknown(target) && !sameName(target, db.instanceName)) continue;
    const on = isOnVm(index, intent, db.vmName, db.vmId);
    if (on === false) continue;
    out.push({ db, protector: intent, via, viaAvailabilityGroup: false, certain: on === true && !isUnknown(target) });
  }
  return out;
}

/**
 * The backup types a SQL policy schedules. UNKNOWN when the sub-policies (or one of their types) are computed at
 * preview. A policy that is not a SQL workload policy schedules nothing SQL-specific: an empty set.
 */
export function backupTypesOf(policy: BackupPolicy): Known<Set<SqlBackupType>> {
  const subs = policy.subPolicies;
  if (isUnknown(subs)) return UNKNOWN;
  const types = new Set<SqlBackupType>();
  for (const sub of subs ?? []) {
    const t = sub.policyType;
    if (isUnknown(t)) return UNKNOWN;
    const match = SQL_BACKUP_TYPES.find((b) => b.toLowerCase() === (t ?? "").toLowerCase());
    if (match) types.add(match);
  }
  return types;
}

export type PolicyResolution =
  | { kind: "policy"; policy: BackupPolicy; types: Set<SqlBackupType> }
  | { kind: "unknown"; reason: string }
  | { kind: "none" };

/** The policy a protector applies, and its backup types, or why they cannot be known. */
export function resolvePolicy(index: ModelIndex, protector: Protector): PolicyResolution {
  const policy = index.policyOf(protector);
  if (isUnknown(policy)) return { kind: "unknown", reason: "its policyId is computed at preview and no dependency names the policy" };
  if (!policy) {
    const pid = protector.policyId;
    if (pid === undefined || pid === "") return { kind: "none" };
    return { kind: "unknown", reason: `its policy ${String(pid)} is not among the sources given` };
  }
  const types = backupTypesOf(policy);
  if (isUnknown(types)) return { kind: "unknown", reason: `the backup types of policy ${describePolicy(policy)} are computed at preview` };
  return { kind: "policy", policy, types };
}

export function describePolicy(policy: BackupPolicy): string {
  return knownString(policy.policyName) ?? policy.ref.name;
}

/** "database sales on sqlvm01/MSSQLSERVER" or "database sales in availability group ag-sales". */
export function describeDatabase(p: Pick<DatabaseProtection, "db" | "viaAvailabilityGroup">): string {
  const { db } = p;
  if (p.viaAvailabilityGroup && db.availabilityGroup) return `database "${db.databaseName}" in availability group ${db.availabilityGroup}`;
  return `database "${db.databaseName}" on ${db.vmName}/${db.instanceName}`;
}

export function describeProtector(p: Pick<DatabaseProtection, "via">): string {
  return p.via === "autoProtection" ? "auto-protection" : "protection";
}

/** Facts every database finding carries. */
export function databaseData(p: DatabaseProtection): Record<string, unknown> {
  return {
    database: p.db.databaseName,
    instance: p.db.instanceName,
    vm: p.db.vmName,
    ...(p.db.availabilityGroup ? { availabilityGroup: p.db.availabilityGroup } : {}),
    via: p.via,
  };
}

/**
 * Every (database, protector) pair once: an availability group's item covers the same database on every replica in
 * the inventory, and one finding per item is enough.
 */
export function eachProtection(ctx: RuleContext, filter: (db: SqlDatabase) => boolean = () => true): DatabaseProtection[] {
  const seen = new Set<string>();
  const out: DatabaseProtection[] = [];
  for (const db of ctx.model.sqlDatabases) {
    if (!filter(db)) continue;
    for (const p of protectionsOf(ctx.index, db)) {
      const key = p.viaAvailabilityGroup
        ? `${refKey(p.protector.ref)}|ag|${db.availabilityGroup?.toLowerCase()}|${db.databaseName.toLowerCase()}`
        : `${refKey(p.protector.ref)}|${db.vmName.toLowerCase()}|${db.instanceName.toLowerCase()}|${db.databaseName.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

export function refKey(ref: ResourceRef): string {
  return ref.urn ?? (ref.id ? normalizeId(ref.id) : `${ref.kind}:${ref.name}`);
}

export interface BackupTypeCheck {
  /** The database facts that make some backup types unsupported (e.g. SIMPLE recovery). */
  applies(db: SqlDatabase): boolean;
  /** The backup types that fail or get skipped for such a database. */
  unsupported: readonly SqlBackupType[];
  messageId: string;
  /** The failure message, given the offending types the policy schedules. */
  message(p: DatabaseProtection, policy: BackupPolicy, offending: SqlBackupType[]): string;
}

/**
 * The common shape of the backup-type rules: for each database the check applies to and each protection covering it,
 * fail when the policy schedules an unsupported type; unknown when the policy, its types or the join is not known
 * before deployment; pass otherwise.
 */
export function checkBackupTypes(ctx: RuleContext, check: BackupTypeCheck): void {
  for (const p of eachProtection(ctx, check.applies)) {
    const resolved = resolvePolicy(ctx.index, p.protector);
    if (resolved.kind === "none") continue;
    if (resolved.kind === "unknown") {
      ctx.unknown({
        resource: p.protector.ref,
        messageId: check.messageId,
        message: `Cannot tell which backup types the ${describeProtector(p)} of ${describeDatabase(p)} schedules: ${resolved.reason}.`,
        data: { ...databaseData(p), reason: resolved.reason },
      });
      continue;
    }
    const offending = check.unsupported.filter((t) => resolved.types.has(t));
    if (offending.length === 0) {
      if (p.certain) ctx.pass(p.protector.ref);
      continue;
    }
    const data = { ...databaseData(p), policy: describePolicy(resolved.policy), backupTypes: offending, unsupported: [...check.unsupported] };
    if (!p.certain) {
      ctx.unknown({
        resource: p.protector.ref,
        messageId: check.messageId,
        message: `${capitalize(describeProtector(p))} ${p.protector.ref.name} may cover ${describeDatabase(p)}, but the VM it is on is computed at preview; if it does: ${check.message(p, resolved.policy, offending)}`,
        data,
      });
      continue;
    }
    ctx.report({ resource: p.protector.ref, messageId: check.messageId, message: check.message(p, resolved.policy, offending), data });
  }
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function listTypes(types: readonly string[]): string {
  if (types.length <= 1) return types.join("");
  return `${types.slice(0, -1).join(", ")} and ${types.at(-1)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// VM-level joins (inventory VMs are joined by name; they need not be in the model)

export interface VmProtection {
  protector: Protector;
  certain: boolean;
}

/** Availability groups (from the inventory) with a replica on this VM. */
export function groupsWithReplicaOn(ctx: RuleContext, vmName: string): AvailabilityGroup[] {
  return ctx.model.availabilityGroups.filter((ag) => ag.replicas.some((r) => sameName(r.vm, vmName)));
}

/** SQL protection that runs on a VM: its own items and intents, and the items of availability groups it is a replica of. */
export function sqlProtectionOnVm(ctx: RuleContext, vmName: string, vmId?: string): VmProtection[] {
  const out: VmProtection[] = [];
  const groups = groupsWithReplicaOn(ctx, vmName).map((g) => g.groupName);
  for (const item of ctx.model.protectedItems) {
    if (!isSqlItem(item)) continue;
    const named = itemDatabase(item);
    if (!isUnknown(named) && named && groups.some((g) => sameName(g, named.instance))) {
      out.push({ protector: item, certain: true });
      continue;
    }
    const on = isOnVm(ctx.index, item, vmName, vmId);
    if (on !== false) out.push({ protector: item, certain: on === true });
  }
  for (const intent of ctx.model.protectionIntents) {
    if (!isSqlIntent(intent)) continue;
    const target = intentTarget(intent);
    if (!isUnknown(target) && groups.some((g) => sameName(g, target)) && intentIsForAvailabilityGroup(intent)) {
      out.push({ protector: intent, certain: true });
      continue;
    }
    const on = isOnVm(ctx.index, intent, vmName, vmId);
    if (on !== false) out.push({ protector: intent, certain: on === true });
  }
  return out;
}

/** The model VM an inventory or replica VM name refers to. */
export function modelVm(ctx: RuleContext, vmName: string, vmId?: string): VirtualMachine | undefined {
  return (vmId ? ctx.index.vmById(vmId) : undefined) ?? ctx.index.vmNamed(vmName);
}

/** A stable key for the vault a protector or container belongs to, even when the vault itself is not in the model. */
export function vaultKeyOf(entity: { vaultName: Known<string | undefined>; ref: ResourceRef }): Known<string | undefined> {
  const name = entity.vaultName;
  if (isUnknown(name)) return UNKNOWN;
  if (name) return name.toLowerCase();
  const fromId = entity.ref.id ? /\/vaults\/([^/]+)/i.exec(entity.ref.id)?.[1] : undefined;
  return fromId?.toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Availability groups

/** The items (`SQLDataBase;<group>;<db>`) and auto-protection intents that protect an availability group's databases. */
export function protectorsOfGroup(ctx: RuleContext, group: AvailabilityGroup): Protector[] {
  const items = ctx.model.protectedItems.filter((item) => {
    if (!isSqlItem(item)) return false;
    const named = itemDatabase(item);
    return !isUnknown(named) && !!named && sameName(named.instance, group.groupName);
  });
  const intents = ctx.model.protectionIntents.filter((intent) => {
    if (!isSqlIntent(intent)) return false;
    const target = intentTarget(intent);
    return !isUnknown(target) && sameName(target, group.groupName);
  });
  return [...items, ...intents];
}

/** Protectors grouped by the vault they belong to (vaults whose name is computed at preview are grouped under UNKNOWN). */
export function byVault(protectors: Protector[]): Map<string, Protector[]> {
  const map = new Map<string, Protector[]>();
  for (const p of protectors) {
    const key = vaultKeyOf(p);
    const k = isUnknown(key) ? "<unknown>" : (key ?? "<none>");
    map.set(k, [...(map.get(k) ?? []), p]);
  }
  return map;
}

/**
 * Is a VM registered to the vault (as a SQL workload container)? Evidence: a protection container for the VM in the
 * vault, or a SQL item or intent of the vault that sits on the VM. UNKNOWN when the model shows no registrations in the
 * vault at all, or when some registration's VM is computed at preview.
 */
export function isRegisteredToVault(ctx: RuleContext, vmName: string, vaultKey: string): Known<boolean> {
  let sawUnknown = false;
  let sawContainer = false;
  const inVault = (entity: { vaultName: Known<string | undefined>; ref: ResourceRef }): Known<boolean> => {
    const key = vaultKeyOf(entity);
    return isUnknown(key) ? UNKNOWN : key === vaultKey;
  };
  for (const c of ctx.model.protectionContainers) {
    const here = inVault(c);
    if (isUnknown(here)) {
      sawUnknown = true;
      continue;
    }
    if (!here) continue;
    sawContainer = true;
    const status = knownString(c.registrationStatus)?.toLowerCase();
    const on = vmNameOf(c);
    if (isUnknown(on)) {
      sawUnknown = true;
      continue;
    }
    if (on && sameName(on.name, vmName) && status !== "notregistered" && status !== "unregistered") return true;
  }
  for (const p of [...ctx.model.protectedItems.filter(isSqlItem), ...ctx.model.protectionIntents.filter(isSqlIntent)]) {
    const here = inVault(p);
    if (here !== true) continue;
    const on = vmNameOf(p);
    if (isUnknown(on)) sawUnknown = true;
    else if (on && sameName(on.name, vmName)) return true;
  }
  if (sawUnknown || !sawContainer) return UNKNOWN;
  return false;
}

/** Azure locations compare without case and spaces ("East US" is "eastus"). */
export function sameLocation(a: string, b: string): boolean {
  return a.replace(/\s+/g, "").toLowerCase() === b.replace(/\s+/g, "").toLowerCase();
}
