/**
 * Reads the live estate in scope through an `AzureReader` and maps it with the ARM adapter into one model.
 * Every read that fails becomes a `ReadGap` (what could not be read, why, and which part of the model it leaves
 * incomplete); whatever was read before the failure (earlier pages) is kept.
 */
import { isRestError } from "@azure/core-rest-pipeline";
import { applyVaultConfigs, fromArm } from "../adapters/arm.js";
import { foldSharedDisks } from "../adapters/disks.js";
import { foldManagementGroups } from "../adapters/management-groups.js";
import { InputError } from "../errors.js";
import { parseArmId } from "../model/ids.js";
import { allRefs, emptyModel, mergeModels, type EntityCollection, type Model } from "../model/types.js";
import type { AzureReader, Page, VaultAddress } from "./reader.js";

export interface AuditScope {
  subscriptions: string[];
  resourceGroup?: string;
  vault?: string;
  /** Failed backup jobs that started at or after this time are read. */
  since: Date;
  now: Date;
}

/** The part of the model a failed read leaves incomplete. */
export interface GapScope {
  collections: EntityCollection[];
  subscriptionIds?: string[];
  resourceGroup?: string;
  vaultName?: string;
}

export interface ReadGap {
  /** What could not be read, e.g. `backup jobs of vault rsv-prod (resource group rg-backup)`. */
  what: string;
  reason: "permission-denied" | "throttled" | "unavailable" | "not-found" | "timed-out" | "unreadable" | "failed";
  /** One line for the user: status, Azure's error code and what to do. */
  detail: string;
  statusCode?: number;
  code?: string;
  scope: GapScope;
}

export interface LiveEstate {
  model: Model;
  gaps: ReadGap[];
  /** The vaults whose backup data was read (or attempted). */
  vaults: VaultAddress[];
}

/** Resource Graph takes at most 300 subscriptions per query comfortably (MS guidance: group, don't fan out). */
export const SUBSCRIPTION_BATCH = 300;
/** Failed jobs without error details in the list get one detail read each, up to this many per vault. */
const MAX_JOB_DETAIL_READS = 25;
/** Vaults (or firewall policies) read at the same time: enough to be quick, few enough not to trip ARM's per-principal throttling. */
const VAULT_CONCURRENCY = 4;

const NETWORK_TYPES = [
  "microsoft.network/networksecuritygroups",
  "microsoft.network/virtualnetworks",
  "microsoft.network/routetables",
  "microsoft.network/azurefirewalls",
  "microsoft.network/firewallpolicies",
  "microsoft.network/privateendpoints",
];
const NETWORK_COLLECTIONS: EntityCollection[] = ["nsgs", "subnets", "routeTables", "firewalls", "firewallPolicies", "privateEndpoints"];
const POLICY_TYPES = [
  "microsoft.authorization/policyassignments",
  "microsoft.authorization/policydefinitions",
  "microsoft.authorization/policysetdefinitions",
  "microsoft.authorization/policyexemptions",
];
const POLICY_COLLECTIONS: EntityCollection[] = ["policyAssignments", "policyDefinitions", "policySetDefinitions", "policyExemptions"];

/** KQL string literal. Names are validated before they get here; escaping is a second line of defence. */
function kql(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
const typeList = (types: string[]) => `(${types.map(kql).join(", ")})`;

/** The Resource Graph queries of an audit, each with the part of the model it fills. */
export function graphQueries(scope: AuditScope): { what: string; query: string; collections: EntityCollection[] }[] {
  const inGroup = scope.resourceGroup ? `\n| where resourceGroup =~ ${kql(scope.resourceGroup)}` : "";
  const vaultFilter = scope.vault ? `\n| where type !~ 'microsoft.recoveryservices/vaults' or name =~ ${kql(scope.vault)}` : "";
  return [
    {
      // Shared disks (maxShares > 1), wherever they sit: a VM's data disks do not say they are shared, the disk does.
      what: "vaults, virtual machines, network interfaces and shared disks",
      query:
        `Resources\n| where type in~ ${typeList(["microsoft.recoveryservices/vaults", "microsoft.compute/virtualmachines", "microsoft.network/networkinterfaces"])}${inGroup}${vaultFilter}` +
        `\n| union (Resources | where type =~ 'microsoft.compute/disks' | where toint(properties.maxShares) > 1)`,
      collections: ["vaults", "vms", "nics"],
    },
    {
      // Network dependencies often live in a hub or network resource group: read them for the whole subscription.
      what: "network security groups, virtual networks, route tables, firewalls, firewall policies and private endpoints",
      query: `Resources\n| where type in~ ${typeList(NETWORK_TYPES)}`,
      collections: NETWORK_COLLECTIONS,
    },
    {
      // Subscription rows carry managementGroupAncestorsChain: where assignments at management groups apply.
      what: "resource groups, management locks and the subscriptions' management groups",
      query: `ResourceContainers\n| where type =~ 'microsoft.resources/subscriptions/resourcegroups'${inGroup}\n| union (Resources | where type =~ 'microsoft.authorization/locks')\n| union (ResourceContainers | where type =~ 'microsoft.resources/subscriptions')`,
      collections: ["resourceGroups", "locks", "managementGroups"],
    },
    {
      what: "Azure Policy assignments, definitions and exemptions",
      query: `PolicyResources\n| where type in~ ${typeList(POLICY_TYPES)}`,
      collections: POLICY_COLLECTIONS,
    },
  ];
}

/** Turns a failed read into a gap the report can name. Never includes request headers (tokens). */
export function gapOf(what: string, scope: GapScope, error: unknown): ReadGap {
  if (error instanceof InputError) return { what, reason: "unreadable", detail: `Azure returned JSON the audit could not interpret: ${error.message}`, scope };
  if (isRestError(error)) {
    const status = error.statusCode;
    const code = error.code;
    const tag = [status !== undefined ? `HTTP ${status}` : undefined, code].filter(Boolean).join(" ");
    const base: Pick<ReadGap, "statusCode" | "code"> = { ...(status !== undefined ? { statusCode: status } : {}), ...(code ? { code } : {}) };
    if (status === 401 || status === 403)
      return { what, reason: "permission-denied", detail: `permission denied (${tag}): the identity needs Reader and Backup Reader on this scope`, scope, ...base };
    if (status === 429) return { what, reason: "throttled", detail: `throttled by Azure (${tag}) after every retry; run the audit again later or narrow its scope`, scope, ...base };
    if (status === 404) return { what, reason: "not-found", detail: `not found (${tag}): it may have been deleted while the audit ran`, scope, ...base };
    if (status !== undefined && status >= 500) return { what, reason: "unavailable", detail: `Azure kept failing (${tag}) after every retry`, scope, ...base };
    if (code === "REQUEST_SEND_ERROR" || /timeout|timed out|aborted/i.test(error.message))
      return { what, reason: "timed-out", detail: `no response from Azure (${firstLine(error.message)})`, scope, ...base };
    return { what, reason: "failed", detail: `${tag || "request failed"}: ${firstLine(error.message)}`, scope, ...base };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout|timed out|aborted/i.test(message)) return { what, reason: "timed-out", detail: `no response from Azure (${firstLine(message)})`, scope };
  return { what, reason: "failed", detail: firstLine(message), scope };
}

function firstLine(s: string): string {
  const line = s.split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Vault description used in gap messages. */
function vaultLabel(v: VaultAddress): string {
  return `vault ${v.vaultName} (resource group ${v.resourceGroup}, subscription ${v.subscriptionId})`;
}

function vaultScope(v: VaultAddress, collections: EntityCollection[]): GapScope {
  return { collections, subscriptionIds: [v.subscriptionId], resourceGroup: v.resourceGroup, vaultName: v.vaultName };
}

class LiveMapper {
  readonly models: Model[] = [];
  constructor(private readonly gaps: ReadGap[]) {}

  /** Maps one page with the ARM adapter; a page it cannot interpret is a gap, not a crash. */
  add(label: string, what: string, scope: GapScope, value: unknown): Model | undefined {
    try {
      const model = fromArm(value, `live:${label}`);
      this.models.push(model);
      return model;
    } catch (e) {
      if (e instanceof InputError) {
        this.gaps.push(gapOf(what, scope, e));
        return undefined;
      }
      throw e;
    }
  }
}

export async function readLiveEstate(reader: AzureReader, scope: AuditScope): Promise<LiveEstate> {
  const gaps: ReadGap[] = [];
  const mapper = new LiveMapper(gaps);

  // 1. Breadth from Resource Graph, in batches of subscriptions.
  for (let i = 0; i < scope.subscriptions.length; i += SUBSCRIPTION_BATCH) {
    const batch = scope.subscriptions.slice(i, i + SUBSCRIPTION_BATCH);
    for (const q of graphQueries(scope)) {
      const gapScope: GapScope = { collections: q.collections, subscriptionIds: batch };
      const label = batch.length === 1 ? `subscription ${batch[0]}` : `${batch.length} subscriptions`;
      try {
        for await (const page of reader.queryResourceGraph(q.query, batch)) mapper.add(`resource-graph`, `${q.what} in ${label}`, gapScope, page);
      } catch (e) {
        gaps.push(gapOf(`${q.what} in ${label} (Resource Graph)`, gapScope, e));
      }
    }
  }

  // 2. The vaults in scope. When Resource Graph could not list them but the user named one vault, read it directly.
  const graphModel = mergeModels(...mapper.models);
  const vaults: VaultAddress[] = [];
  for (const v of graphModel.vaults) {
    const address = vaultAddressOf(v.ref.id);
    if (address && !vaults.some((x) => sameVault(x, address))) vaults.push(address);
  }
  const vaultListGap = gaps.some((g) => g.scope.collections.includes("vaults"));
  if (vaultListGap && scope.vault && scope.resourceGroup) {
    for (const subscriptionId of scope.subscriptions) {
      const address = { subscriptionId, resourceGroup: scope.resourceGroup, vaultName: scope.vault };
      if (!vaults.some((x) => sameVault(x, address))) vaults.push(address);
    }
  }

  // 3. Depth per vault from the backup client.
  await eachConcurrently(vaults, (v) => readVault(reader, v, scope, mapper, gaps));

  // 4. The rule collection groups of every firewall policy (Resource Graph does not index them): without them a
  //    forced-tunnelled VM's path through a policy-managed Azure Firewall cannot be decided.
  const policyIds = uniqueIds(graphModel.firewallPolicies.map((p) => p.ref.id));
  await eachConcurrently(policyIds, (id) => readRuleCollectionGroups(reader, id, mapper, gaps));

  const model = mergeModels(emptyModel(), ...mapper.models);
  // Vault settings arrive in their own documents (backupconfig, backupstorageconfig): fold them into the vaults.
  applyVaultConfigs(model);
  foldManagementGroups(model);
  foldSharedDisks(model);
  for (const ref of allRefs(model)) ref.source = { adapter: "live" };
  return { model, gaps, vaults };
}

async function eachConcurrently<T>(items: T[], read: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await read(item);
  };
  await Promise.all(Array.from({ length: Math.min(VAULT_CONCURRENCY, queue.length) }, worker));
}

function uniqueIds(ids: (string | undefined)[]): string[] {
  const seen = new Map<string, string>();
  for (const id of ids) if (id && !seen.has(id.toLowerCase())) seen.set(id.toLowerCase(), id);
  return [...seen.values()];
}

async function readRuleCollectionGroups(reader: AzureReader, policyId: string, mapper: LiveMapper, gaps: ReadGap[]): Promise<void> {
  const { name, resourceGroup, subscriptionId } = parseArmId(policyId);
  const what = `rule collection groups of firewall policy ${name ?? policyId} (resource group ${resourceGroup ?? "?"}, subscription ${subscriptionId ?? "?"})`;
  const gapScope: GapScope = { collections: ["firewallRuleCollectionGroups"], ...(subscriptionId ? { subscriptionIds: [subscriptionId] } : {}), ...(resourceGroup ? { resourceGroup } : {}) };
  try {
    for await (const page of reader.listRuleCollectionGroups(policyId)) mapper.add(name ?? "firewall-policy", what, gapScope, page);
  } catch (e) {
    gaps.push(gapOf(what, gapScope, e));
  }
}

async function readVault(reader: AzureReader, v: VaultAddress, scope: AuditScope, mapper: LiveMapper, gaps: ReadGap[]): Promise<void> {
  const label = vaultLabel(v);
  const lists: { what: string; collections: EntityCollection[]; pages: () => AsyncIterable<Page> }[] = [
    { what: `backup policies of ${label}`, collections: ["backupPolicies"], pages: () => reader.listBackupPolicies(v) },
    { what: `protected items of ${label}`, collections: ["protectedItems"], pages: () => reader.listProtectedItems(v) },
    { what: `protection intents of ${label}`, collections: ["protectionIntents"], pages: () => reader.listProtectionIntents(v) },
    { what: `registered containers of ${label}`, collections: ["protectionContainers"], pages: () => reader.listProtectionContainers(v) },
  ];
  for (const list of lists) {
    const gapScope = vaultScope(v, list.collections);
    try {
      for await (const page of list.pages()) mapper.add(v.vaultName, list.what, gapScope, page);
    } catch (e) {
      gaps.push(gapOf(list.what, gapScope, e));
    }
  }

  for (const [what, get] of [
    [`soft delete settings of ${label}`, () => reader.getVaultConfig(v)],
    [`storage redundancy of ${label}`, () => reader.getStorageConfig(v)],
  ] as const) {
    const gapScope = vaultScope(v, ["vaults"]);
    try {
      mapper.add(v.vaultName, what, gapScope, await get());
    } catch (e) {
      gaps.push(gapOf(what, gapScope, e));
    }
  }

  await readFailedJobs(reader, v, scope, mapper, gaps);
}

async function readFailedJobs(reader: AzureReader, v: VaultAddress, scope: AuditScope, mapper: LiveMapper, gaps: ReadGap[]): Promise<void> {
  const what = `failed backup jobs of ${vaultLabel(v)}`;
  const gapScope = vaultScope(v, ["backupJobs"]);
  const rows: unknown[] = [];
  try {
    for await (const page of reader.listFailedJobs(v, scope.since, scope.now)) rows.push(...page);
  } catch (e) {
    gaps.push(gapOf(what, gapScope, e));
  }
  // The service filters by whole days: keep exactly the jobs that started in the window.
  const inWindow = rows.filter((row) => {
    const start = Date.parse(String(propertiesOf(row)?.startTime ?? ""));
    return Number.isNaN(start) || start >= scope.since.getTime();
  });
  let detailReads = 0;
  const detailed: unknown[] = [];
  for (const row of inWindow) {
    const props = propertiesOf(row);
    const hasErrors = Array.isArray(props?.errorDetails) && props.errorDetails.length > 0;
    const name = typeof (row as { name?: unknown }).name === "string" ? (row as { name: string }).name : undefined;
    if (hasErrors || !name || detailReads >= MAX_JOB_DETAIL_READS) {
      detailed.push(row);
      continue;
    }
    detailReads++;
    try {
      detailed.push(await reader.getJob(v, name));
    } catch (e) {
      // The job itself is known to have failed; only its error detail is missing.
      detailed.push(row);
      gaps.push(gapOf(`error details of job ${name} in ${vaultLabel(v)}`, gapScope, e));
    }
  }
  if (detailed.length) mapper.add(v.vaultName, what, gapScope, detailed);
}

function propertiesOf(row: unknown): Record<string, unknown> | undefined {
  const p = (row as { properties?: unknown } | null)?.properties;
  return typeof p === "object" && p !== null ? (p as Record<string, unknown>) : undefined;
}

export function vaultAddressOf(id: string | undefined): VaultAddress | undefined {
  const m = id ? /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.RecoveryServices\/vaults\/([^/]+)$/i.exec(id.replace(/\/+$/, "")) : null;
  return m ? { subscriptionId: m[1]!, resourceGroup: m[2]!, vaultName: m[3]! } : undefined;
}

function sameVault(a: VaultAddress, b: VaultAddress): boolean {
  return (
    a.subscriptionId.toLowerCase() === b.subscriptionId.toLowerCase() &&
    a.resourceGroup.toLowerCase() === b.resourceGroup.toLowerCase() &&
    a.vaultName.toLowerCase() === b.vaultName.toLowerCase()
  );
}
