/**
 * Shared by the network rules: which VMs must reach what, through which path (public endpoints or the vault's
 * private endpoint), and how a verdict becomes a finding that reads like Network Watcher's IP flow verify.
 */
import type { RuleContext } from "../../src/engine/types.js";
import { parseArmId, sameId, sameName } from "../../src/model/ids.js";
import { parseContainerName, type ModelIndex } from "../../src/model/lookups.js";
import type { PrivateEndpoint, ProtectedItem, ProtectionIntent, Vault, VirtualMachine } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { privateEndpointCount } from "../vault/_vault.js";
import {
  anyOf,
  BACKUP_SERVICES,
  describeFix,
  describeNsgRule,
  destination,
  evaluateOutbound,
  ServiceTagCatalogue,
  type FirewallRuleRef,
  type OutboundResult,
  type ServiceName,
} from "../../src/network/index.js";

// ---------------------------------------------------------------------------------------------------------------
// The Service Tags file (`--service-tags`), passed by the check command in ctx.extras.serviceTags

const parsedTags = new WeakMap<object, ServiceTagCatalogue>();

export function serviceTagsOf(ctx: RuleContext): ServiceTagCatalogue | undefined {
  const raw = ctx.extras.serviceTags;
  if (raw === undefined || raw === null) return undefined;
  if (raw instanceof ServiceTagCatalogue) return raw;
  if (typeof raw !== "object") return undefined;
  let c = parsedTags.get(raw);
  if (!c) {
    c = ServiceTagCatalogue.fromJson(raw);
    parsedTags.set(raw, c);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------------------------
// Which VMs are protected, found from the items (one pass over the items rather than one per VM)

function vmsByName(index: ModelIndex): Map<string, VirtualMachine[]> {
  const map = new Map<string, VirtualMachine[]>();
  for (const vm of index.model.vms) {
    const name = isUnknown(vm.vmName) ? vm.ref.name : vm.vmName;
    const key = name.toLowerCase();
    map.set(key, [...(map.get(key) ?? []), vm]);
  }
  return map;
}

function vmsOfItem(index: ModelIndex, byName: Map<string, VirtualMachine[]>, item: ProtectedItem | ProtectionIntent): VirtualMachine[] {
  const candidates = new Set<VirtualMachine>();
  const src = isUnknown(item.sourceResourceId) ? undefined : item.sourceResourceId;
  if (src) {
    const byId = index.vmById(src);
    if (byId) candidates.add(byId);
    for (const vm of byName.get((parseArmId(src).name ?? "").toLowerCase()) ?? []) candidates.add(vm);
  }
  const container = "containerName" in item && !isUnknown(item.containerName) ? item.containerName : undefined;
  const parsed = container ? parseContainerName(container) : undefined;
  for (const vm of parsed ? (byName.get(parsed.vmName.toLowerCase()) ?? []) : []) candidates.add(vm);
  // The same test as ModelIndex.itemIsOnVm, so the answer equals sqlProtectionOnVm / vmBackupItemsOf.
  return [...candidates].filter((vm) => index.itemIsOnVm(item, vm));
}

/** VMs whose SQL databases are protected (items or auto-protection intents), with those items. */
export function sqlProtectedVms(index: ModelIndex): Map<VirtualMachine, (ProtectedItem | ProtectionIntent)[]> {
  const byName = vmsByName(index);
  const out = new Map<VirtualMachine, (ProtectedItem | ProtectionIntent)[]>();
  const items = [
    ...index.model.protectedItems.filter((it) => it.workload === "sqlDatabase"),
    ...index.model.protectionIntents.filter((it) => it.workload === "sqlInstance" || it.workload === "sqlDatabase"),
  ];
  for (const item of items) for (const vm of vmsOfItem(index, byName, item)) out.set(vm, [...(out.get(vm) ?? []), item]);
  return out;
}

/** VMs protected by Azure VM backup, with their items. */
export function vmBackupVms(index: ModelIndex): Map<VirtualMachine, ProtectedItem[]> {
  const byName = vmsByName(index);
  const out = new Map<VirtualMachine, ProtectedItem[]>();
  for (const item of index.model.protectedItems.filter((it) => it.workload === "vm")) {
    for (const vm of vmsOfItem(index, byName, item)) out.set(vm, [...(out.get(vm) ?? []), item]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The vault's private endpoints and public network access

export interface VaultAccess {
  vault: Vault | undefined;
  vaultName: string;
  /** Private endpoints for the vault's AzureBackup sub-resource found in the model. */
  endpoints: PrivateEndpoint[];
  /** yes: the vault has private endpoints; no: it has none; unknown: the model cannot say. */
  privateEndpoints: "yes" | "no" | "unknown";
  publicAccess: "Enabled" | "Disabled" | "unknown";
}

function endpointTargetsVault(pe: PrivateEndpoint, vault: Vault): boolean {
  if (isUnknown(pe.connections)) return false;
  return pe.connections.some((c) => {
    const target = c.privateLinkServiceId;
    const targetsVault = vault.ref.id ? sameId(target, vault.ref.id) : !isUnknown(target) && !!target && sameName(parseArmId(target).name, vault.vaultName);
    const groups = c.groupIds;
    const backupGroup = isUnknown(groups) || groups === undefined || groups.some((g) => isUnknown(g) || g.toLowerCase() === "azurebackup" || g.toLowerCase() === "azurebackup_secondary");
    return targetsVault && backupGroup;
  });
}

export function backupEndpointsOf(index: ModelIndex, vault: Vault): PrivateEndpoint[] {
  return index.model.privateEndpoints.filter((pe) => endpointTargetsVault(pe, vault));
}

export function vaultAccess(index: ModelIndex, vault: Vault | undefined, fallbackName: string): VaultAccess {
  if (!vault) return { vault, vaultName: fallbackName, endpoints: [], privateEndpoints: "unknown", publicAccess: "unknown" };
  const vaultName = isUnknown(vault.vaultName) ? vault.ref.name : vault.vaultName;
  const endpoints = backupEndpointsOf(index, vault);
  // An endpoint in the model settles it; otherwise count as the vault rules do (the vault's own connection list).
  const count = endpoints.length > 0 ? endpoints.length : privateEndpointCount(index.model, vault);
  const privateEndpoints = isUnknown(count) ? "unknown" : count > 0 ? "yes" : "no";
  const pna = vault.publicNetworkAccess;
  const publicAccess = isUnknown(pna) ? "unknown" : (pna ?? "Enabled").toLowerCase() === "disabled" ? "Disabled" : "Enabled";
  return { vault, vaultName, endpoints, privateEndpoints, publicAccess };
}

// ---------------------------------------------------------------------------------------------------------------
// Paths to a service

function peName(pe: PrivateEndpoint): string {
  return pe.ref.name;
}

function privatePaths(vm: VirtualMachine, service: ServiceName, index: ModelIndex, tags: ServiceTagCatalogue | undefined, access: VaultAccess): OutboundResult[] {
  const endpoints = access.endpoints.length > 0 ? access.endpoints : undefined;
  if (!endpoints) {
    const connections = access.vault && !isUnknown(access.vault.privateEndpointConnections) ? (access.vault.privateEndpointConnections ?? []) : [];
    const name = connections[0] ? (parseArmId(connections[0]).name ?? connections[0]) : `of vault ${access.vaultName}`;
    return [evaluateOutbound(vm, destination(service, { name }), index, tags)];
  }
  return endpoints.map((pe) => {
    const subnetId = isUnknown(pe.subnetId) ? undefined : pe.subnetId;
    return evaluateOutbound(vm, destination(service, subnetId ? { name: peName(pe), subnetId } : { name: peName(pe) }), index, tags);
  });
}

/** All alternatives agree, or the verdict depends on a fact the model lacks. */
function agree(results: OutboundResult[], question: string): OutboundResult {
  if (results.every((r) => r.verdict === results[0]!.verdict)) return results[0]!;
  const { decidingRule: _rule, decidedBy: _by, fix: _fix, fixes: _fixes, firewallRule: _fw, ...rest } = results.find((r) => r.verdict !== "allow")!;
  return { ...rest, verdict: "unknown", question };
}

/**
 * The SQL workload extension's paths (Microsoft Learn, "Private endpoints overview"): with private endpoints on the
 * vault, Azure Backup is reached through them (the extension tries the private name first); Azure Storage through
 * them or publicly (v1 endpoints include the storage accounts, v2 ones do not); Microsoft Entra ID always publicly.
 * Undefined when there is no network path to judge: a vault that refuses public traffic and has no private endpoint
 * is refused by the vault itself, whatever the network allows (VAULT-010 reports that on the vault).
 */
export function sqlServicePath(vm: VirtualMachine, service: ServiceName, index: ModelIndex, tags: ServiceTagCatalogue | undefined, access: VaultAccess): OutboundResult | undefined {
  const publicPath = () => evaluateOutbound(vm, destination(service), index, tags);
  if (service === "AzureActiveDirectory") return publicPath();
  const vault = `vault ${access.vaultName}`;
  if (service === "Storage") {
    if (access.privateEndpoints === "no") return publicPath();
    const results = [...privatePaths(vm, service, index, tags, access), publicPath()];
    return access.privateEndpoints === "yes"
      ? anyOf(results)
      : agree(results, `does ${vault} have a private endpoint (the model cannot say)? Storage is reached through it or through the public endpoints, and they give different verdicts`);
  }
  // AzureBackup
  if (access.privateEndpoints === "yes") return anyOf(privatePaths(vm, service, index, tags, access));
  if (access.privateEndpoints === "no") {
    if (access.publicAccess === "Disabled") return undefined;
    const pub = publicPath();
    if (access.publicAccess === "unknown" && pub.verdict === "allow") {
      return { ...pub, verdict: "unknown", question: `the public network access of ${vault} is computed at deployment; with it Disabled and no private endpoint, the VM cannot reach the vault` };
    }
    return pub;
  }
  const alternatives = [...privatePaths(vm, service, index, tags, access)];
  if (access.publicAccess !== "Disabled") alternatives.push(publicPath());
  return agree(alternatives, `does ${vault} have a private endpoint${access.vault ? "" : " (the vault is not in the model)"}? Its private endpoint and the public endpoints of Azure Backup give different verdicts`);
}

// ---------------------------------------------------------------------------------------------------------------
// Findings

function inPolicy(r: { ruleCollectionGroup?: string; policy?: string }): string {
  return r.policy ? ` of rule collection group ${r.ruleCollectionGroup ?? "(unnamed)"} in firewall policy ${r.policy}` : "";
}

function firewallFix(r: FirewallRuleRef & { fqdn: string }, service: ServiceName): string {
  const s = BACKUP_SERVICES[service];
  const what = s.fqdnTag ? `FQDN tag ${s.fqdnTag}` : `target FQDNs ${s.fqdns.join(", ")}`;
  const where = r.policy ? `firewall policy ${r.policy} of Azure Firewall ${r.firewall}` : `Azure Firewall ${r.firewall}`;
  if (r.kind === "network") {
    const group = r.policy ? ` (in rule collection group ${r.ruleCollectionGroup ?? "(unnamed)"} or one of lower priority)` : "";
    return `network rules are processed before application rules: add a network rule collection (Allow, TCP 443 to service tag ${s.serviceTag}) with a priority lower than ${r.priority ?? "the denying collection's"}${group} to ${where}`;
  }
  if (r.kind === "default" && r.suggest) {
    const item = s.fqdnTag ? `FQDN tag ${s.fqdnTag}` : `target FQDN ${r.fqdn}`;
    return `add a rule for ${item} (HTTPS 443) to application rule collection ${r.suggest.collection} (priority ${r.suggest.priority ?? "computed at deployment"})${inPolicy(r.suggest)}, which already allows other Azure Backup traffic`;
  }
  const below = r.kind === "application" && r.priority !== undefined ? ` with a priority lower than ${r.priority}${r.policy ? ` in rule collection group ${r.ruleCollectionGroup ?? "(unnamed)"}` : ""}` : "";
  return `add an application rule collection (Allow, HTTPS 443, ${what}) to ${where}${below}`;
}

function verdictWords(r: OutboundResult): string {
  if (r.decidedBy === "nsg" && r.decidingRule) {
    const d = r.decidingRule;
    return `Access denied by ${describeNsgRule({ nsg: d.nsg, rule: d.rule, priority: d.priority, access: d.access, isDefault: d.isDefault }, d.level)}`;
  }
  if (r.decidedBy === "firewall" && r.firewallRule) {
    const f = r.firewallRule;
    const who =
      f.kind === "default"
        ? `the default deny of Azure Firewall ${f.firewall} (no rule${f.policy ? ` of firewall policy ${f.policy}` : ""} allows ${f.fqdn})`
        : `${f.kind} rule ${f.rule} in collection ${f.collection} (priority ${f.priority ?? "computed at deployment"})${inPolicy(f)} of Azure Firewall ${f.firewall} (${f.fqdn})`;
    return `Access denied by ${who}, the next hop of forced-tunnelled traffic`;
  }
  if (r.decidedBy === "route" && r.route) return `Dropped by route ${r.route.route} (${r.route.addressPrefix} → None) of route table ${r.route.routeTable}`;
  return r.trace.find((t) => t.verdict === "deny")?.detail ?? "Access denied";
}

function fixWords(r: OutboundResult): string {
  if (r.fixes && r.fixes.length > 1) return r.fixes.map(describeFix).join("; and ");
  if (r.fix) return describeFix(r.fix);
  if (r.decidedBy === "firewall" && r.firewallRule) return firewallFix(r.firewallRule, r.service);
  if (r.decidedBy === "route" && r.route) return `remove route ${r.route.route} from route table ${r.route.routeTable}, or send the traffic to a firewall that allows it`;
  return "allow outbound TCP 443 to the service on this path";
}

/** Reports one (VM, destination) result: a failure for deny, unknown for unknown; returns true when allowed. */
export function reportResult(ctx: RuleContext, vm: VirtualMachine, r: OutboundResult, consequence: string): boolean {
  const data: Record<string, unknown> = { vm: r.vm, destination: r.destination, service: r.service, verdict: r.verdict };
  if (r.nic) data.nic = r.nic;
  if (r.subnet) data.subnet = r.subnet;
  if (r.decidingRule && r.verdict === "deny") {
    Object.assign(data, { nsg: r.decidingRule.nsg, rule: r.decidingRule.rule, priority: r.decidingRule.priority, level: r.decidingRule.level, isDefault: r.decidingRule.isDefault });
  }
  if (r.decidedBy) data.decidedBy = r.decidedBy;
  if (r.firewallRule && r.verdict === "deny") data.firewall = { ...r.firewallRule };
  if (r.route) data.route = { ...r.route };
  if (r.fix) data.fix = { ...r.fix };
  if (r.fixes && r.fixes.length > 1) data.fixes = r.fixes.map((f) => ({ ...f }));
  const head = `${r.vm} → ${r.destination} (TCP 443)`;
  if (r.verdict === "deny") {
    ctx.report({ resource: vm.ref, messageId: "blocked", message: `${head}: ${verdictWords(r)}. ${consequence} Fix: ${fixWords(r)}.`, data });
    return false;
  }
  if (r.verdict === "unknown") {
    data.question = r.question;
    ctx.unknown({ resource: vm.ref, messageId: "undecided", message: `${head}: cannot be decided from the inputs: ${r.question}`, data });
    return false;
  }
  return true;
}
