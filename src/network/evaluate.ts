/**
 * evaluateOutbound: can this VM open TCP 443 to this backup destination? The same question Network Watcher's
 * IP flow verify answers on a live VM, answered from the model before deployment:
 *
 * 1. the NIC's NSG, then the subnet's NSG (outbound order); the flow passes only if every NSG present allows it;
 * 2. the subnet's routes: forced tunnelling (0.0.0.0/0 to an appliance or gateway) sends it through a device,
 *    which must allow it too — an Azure Firewall in the model is evaluated, anything else is a question;
 * 3. the verdict names the rule that decided, as IP flow verify does, and a fix that wins.
 */
import type { ModelIndex } from "../model/lookups.js";
import { normalizeId, parseArmId } from "../model/ids.js";
import type { Firewall, NetworkInterface, NetworkSecurityGroup, RouteTable, Subnet, VirtualMachine } from "../model/types.js";
import { isUnknown, type Known } from "../model/unknown.js";
import { destinationLabel, type Destination, type ServiceName } from "./destinations.js";
import { FirewallPolicyIndex } from "./firewall-policy.js";
import { evaluateFirewall, type FirewallOutcome, type FirewallRuleRef } from "./firewall.js";
import { IPv4Set, parseIPv4Range } from "./ipv4.js";
import { tokensOf, type FlowEnv, type SourceInfo, type Target, type VnetInfo } from "./match.js";
import { CompiledNsg, type NsgLevel, type NsgOutcome, type NsgRuleRef } from "./nsg.js";
import type { Remaining, Verdict } from "./ordered-rules.js";
import { resolveRoutes, type Leg, type RouteRef, type RouteTableState } from "./routes.js";
import { normalizeRegion, ServiceTagCatalogue, type ServiceSpace } from "./service-tags.js";

export type { Verdict } from "./ordered-rules.js";

/** The rule that decided, with what IP flow verify reports about it. */
export interface DecidingRule {
  nsg: string;
  nsgId?: string;
  rule: string;
  priority: number | undefined;
  level: NsgLevel;
  isDefault: boolean;
  access: "Allow" | "Deny" | "unknown";
}

/** An allow rule to add so that the flow passes: a free priority lower than every rule that denies it. */
export interface NsgFix {
  nsg: string;
  nsgId?: string;
  level: NsgLevel;
  name: string;
  /** undefined when no free priority exists below the blocking rules (renumber them). */
  priority: number | undefined;
  /** The priority the new rule must beat. */
  below: number;
  destinationAddressPrefix: string;
  protocol: "Tcp";
  destinationPortRange: "443";
}

export interface TraceStep {
  step: "nic-nsg" | "subnet-nsg" | "route" | "firewall";
  name?: string;
  verdict: Verdict | "none";
  detail: string;
}

export interface OutboundResult {
  vm: string;
  destination: string;
  service: ServiceName;
  verdict: Verdict;
  /** What decided a deny (or the allow): an NSG rule, a route, a firewall rule. */
  decidedBy?: "nsg" | "route" | "firewall";
  decidingRule?: DecidingRule;
  firewallRule?: FirewallRuleRef & { fqdn: string };
  /** The user-defined route the flow takes, when the subnet has a route table that applies. */
  route?: RouteRef;
  /** For `unknown`: the exact question the user must answer (or the input to add). */
  question?: string;
  nic?: string;
  subnet?: string;
  /** For an NSG deny: the rule to add. */
  fix?: NsgFix;
  /** Every NSG on the path that denies the flow gets its fix (the first one is `fix`). */
  fixes?: NsgFix[];
  /** Every step of the path, in order. */
  trace: TraceStep[];
}

// ---------------------------------------------------------------------------------------------------------------
// Per-model context: reverse associations and compiled NSGs, built once per ModelIndex and Service Tags file.

function known<T>(v: Known<T>): T | undefined {
  return isUnknown(v) ? undefined : v;
}

function vnetKeyOfSubnetId(id: string): string {
  const n = normalizeId(id);
  const i = n.indexOf("/subnets/");
  return i >= 0 ? n.slice(0, i) : n;
}

class NetworkContext {
  private readonly compiled = new Map<NetworkSecurityGroup, CompiledNsg>();
  readonly nsgBySubnet = new Map<string, NetworkSecurityGroup>();
  readonly nsgByNic = new Map<string, NetworkSecurityGroup>();
  readonly routeTableBySubnet = new Map<string, RouteTable>();
  readonly nicsByVmId = new Map<string, NetworkInterface[]>();
  readonly vnetPrefixes = new Map<string, IPv4Set>();
  readonly firewallsByIp = new Map<string, Firewall[]>();
  readonly firewallsWithUnknownIp: Firewall[] = [];
  readonly firewallPolicies: FirewallPolicyIndex;
  private readonly serviceSets = new Map<string, IPv4Set | undefined>();
  readonly nicSetups = new Map<NetworkInterface, NicSetup>();

  constructor(
    readonly index: ModelIndex,
    readonly tags: ServiceTagCatalogue | undefined,
  ) {
    const m = index.model;
    this.firewallPolicies = new FirewallPolicyIndex(m);
    for (const nsg of m.nsgs) {
      for (const id of known(nsg.subnetIds) ?? []) if (!isUnknown(id)) this.nsgBySubnet.set(normalizeId(id), nsg);
      for (const id of known(nsg.nicIds) ?? []) if (!isUnknown(id)) this.nsgByNic.set(normalizeId(id), nsg);
    }
    for (const rt of m.routeTables) for (const id of known(rt.subnetIds) ?? []) if (!isUnknown(id)) this.routeTableBySubnet.set(normalizeId(id), rt);
    for (const nic of m.nics) {
      const vmId = known(nic.vmId);
      if (vmId) this.nicsByVmId.set(normalizeId(vmId), [...(this.nicsByVmId.get(normalizeId(vmId)) ?? []), nic]);
    }
    for (const sn of m.subnets) {
      const id = sn.ref.id;
      const prefixes = known(sn.addressPrefixes);
      if (!id || !prefixes) continue;
      const set = IPv4Set.parseIPv4Only(prefixes.filter((p): p is string => !isUnknown(p)));
      const key = vnetKeyOfSubnetId(id);
      this.vnetPrefixes.set(key, (this.vnetPrefixes.get(key) ?? IPv4Set.EMPTY).union(set));
    }
    for (const fw of m.firewalls) {
      const ips = known(fw.privateIpAddresses);
      if (!ips || ips.some(isUnknown)) this.firewallsWithUnknownIp.push(fw);
      for (const ip of ips ?? []) if (!isUnknown(ip)) this.firewallsByIp.set(ip.trim(), [...(this.firewallsByIp.get(ip.trim()) ?? []), fw]);
    }
  }

  compiledNsg(nsg: NetworkSecurityGroup): CompiledNsg {
    let c = this.compiled.get(nsg);
    if (!c) {
      c = new CompiledNsg(nsg);
      this.compiled.set(nsg, c);
    }
    return c;
  }

  serviceAddresses(space: ServiceSpace): IPv4Set | undefined {
    if (!this.tags) return undefined;
    const key = `${space.tag}|${space.region ?? ""}`;
    if (!this.serviceSets.has(key)) this.serviceSets.set(key, this.tags.serviceAddresses(space));
    return this.serviceSets.get(key);
  }

  /** The VM's NICs: by the VM's NIC ids, then NICs that name the VM (same answer as ModelIndex.nicsOfVm, in O(1)). */
  nicsOfVm(vm: VirtualMachine): { nics: NetworkInterface[]; missing: string[] } | "unknown" {
    if (isUnknown(vm.nicIds)) return "unknown";
    const nics: NetworkInterface[] = [];
    const missing: string[] = [];
    for (const id of vm.nicIds ?? []) {
      if (isUnknown(id)) return "unknown";
      const nic = this.index.nicById(id);
      if (nic) {
        if (!nics.includes(nic)) nics.push(nic);
      } else missing.push(id);
    }
    for (const nic of vm.ref.id ? (this.nicsByVmId.get(normalizeId(vm.ref.id)) ?? []) : []) if (!nics.includes(nic)) nics.push(nic);
    return { nics, missing };
  }
}

const contexts = new WeakMap<ModelIndex, Map<ServiceTagCatalogue | null, NetworkContext>>();

function contextFor(index: ModelIndex, tags: ServiceTagCatalogue | undefined): NetworkContext {
  let byTags = contexts.get(index);
  if (!byTags) {
    byTags = new Map();
    contexts.set(index, byTags);
  }
  let ctx = byTags.get(tags ?? null);
  if (!ctx) {
    ctx = new NetworkContext(index, tags);
    byTags.set(tags ?? null, ctx);
  }
  return ctx;
}

// ---------------------------------------------------------------------------------------------------------------
// Wording, as IP flow verify puts it

const LEVEL_WORDS: Record<NsgLevel, string> = { nic: "the NIC", subnet: "the subnet" };

export function describeNsgRule(r: NsgRuleRef, level: NsgLevel): string {
  const priority = r.priority === undefined ? "priority computed at deployment" : `priority ${r.priority}`;
  return `${r.isDefault ? "default security rule" : "security rule"} ${r.rule} (${priority}) of NSG ${r.nsg} on ${LEVEL_WORDS[level]}`;
}

function describeFirewallRule(r: FirewallRuleRef): string {
  if (r.kind === "default") return `Azure Firewall ${r.firewall}'s default deny (no rule${r.policy ? ` of firewall policy ${r.policy}` : ""} matched)`;
  const priority = r.priority === undefined ? "priority computed at deployment" : `priority ${r.priority}`;
  return `${r.kind} rule ${r.rule} in collection ${r.collection} (${priority})${r.policy ? ` of rule collection group ${r.ruleCollectionGroup ?? "(unnamed)"} in firewall policy ${r.policy}` : ""} of Azure Firewall ${r.firewall}`;
}

function describeRoute(r: RouteRef): string {
  return `route ${r.route} (${r.addressPrefix} → ${r.nextHopType}${r.nextHopIpAddress ? ` ${r.nextHopIpAddress}` : ""}) of route table ${r.routeTable}`;
}

function nameOf(v: Known<string>, fallback: string): string {
  return isUnknown(v) ? fallback : v;
}

// ---------------------------------------------------------------------------------------------------------------
// Remediation: an allow rule with a free priority that wins

function fixFor(nsg: CompiledNsg, level: NsgLevel, blockers: NsgRuleRef[], destination: Destination): NsgFix | undefined {
  const priorities = blockers.map((b) => b.priority).filter((p): p is number => p !== undefined);
  if (priorities.length === 0) return undefined;
  const below = Math.min(...priorities);
  const taken = nsg.outboundPriorities;
  let priority: number | undefined;
  const top = Math.min(below - 1, 4096);
  for (let p = Math.floor(top / 10) * 10; p >= 100 && priority === undefined; p -= 10) if (!taken.has(p)) priority = p;
  for (let p = top; p >= 100 && priority === undefined; p--) if (!taken.has(p)) priority = p;
  const prefix = destination.privateEndpoint ? "VirtualNetwork" : destination.service.serviceTag;
  const names = nsg.ruleNames();
  const base = `allow-${prefix.toLowerCase()}-443-outbound`;
  let name = base;
  for (let i = 2; names.has(name); i++) name = `${base}-${i}`;
  return { nsg: nsg.name, ...(nsg.id ? { nsgId: nsg.id } : {}), level, name, priority, below, destinationAddressPrefix: prefix, protocol: "Tcp", destinationPortRange: "443" };
}

export function describeFix(fix: NsgFix): string {
  if (fix.priority === undefined) {
    return `NSG ${fix.nsg} has no free priority below ${fix.below}: renumber the denying rule, then add an outbound Allow rule for TCP 443 to ${fix.destinationAddressPrefix}`;
  }
  return `add outbound rule ${fix.name} to NSG ${fix.nsg}: Allow TCP 443 to ${fix.destinationAddressPrefix} at priority ${fix.priority} (free, and lower than ${fix.below})`;
}

// ---------------------------------------------------------------------------------------------------------------
// One NIC

type Stage =
  | { kind: "nsg"; level: NsgLevel; nsg: CompiledNsg; outcome: NsgOutcome }
  | { kind: "missing"; step: TraceStep["step"]; why: string }
  | { kind: "absent"; step: TraceStep["step"]; detail: string }
  | { kind: "route"; leg: Leg; firewall?: FirewallOutcome };

interface NicPath {
  nic: string;
  subnet?: string;
  stages: Stage[];
}

type Resolved<T> = { state: "none" } | { state: "known"; value: T } | { state: "unknown"; why: string };

function resolveNsg(
  ctx: NetworkContext,
  ownId: Known<string | undefined> | "no-entity",
  associationKey: string | undefined,
  association: Map<string, NetworkSecurityGroup>,
  where: string,
): Resolved<NetworkSecurityGroup> {
  if (ownId === "no-entity") {
    const nsg = associationKey ? association.get(associationKey) : undefined;
    return nsg ? { state: "known", value: nsg } : { state: "unknown", why: `${where} is not in the model, so its NSG is not known: add it (--arm, --state or --program)` };
  }
  if (isUnknown(ownId)) return { state: "unknown", why: `the NSG of ${where} is computed at deployment` };
  if (ownId === undefined) {
    const nsg = associationKey ? association.get(associationKey) : undefined;
    return nsg ? { state: "known", value: nsg } : { state: "none" };
  }
  const nsg = ctx.index.nsgById(ownId);
  return nsg ? { state: "known", value: nsg } : { state: "unknown", why: `NSG ${parseArmId(ownId).name ?? ownId} (on ${where}) is not in the model: add it (--arm, --state or --program)` };
}

function resolveRouteTable(ctx: NetworkContext, subnet: Subnet | undefined, subnetKey: string | undefined, where: string): RouteTableState {
  const byAssociation = subnetKey ? ctx.routeTableBySubnet.get(subnetKey) : undefined;
  const known = (rt: RouteTable): RouteTableState => ({ state: "known", table: rt, name: nameOf(rt.routeTableName, rt.ref.name) });
  if (!subnet) return byAssociation ? known(byAssociation) : { state: "unknown", why: `${where} is not in the model, so its route table is not known: add it (--arm, --state or --program)` };
  const id = subnet.routeTableId;
  if (isUnknown(id)) return { state: "unknown", why: `the route table of ${where} is computed at deployment` };
  if (id === undefined) return byAssociation ? known(byAssociation) : { state: "none" };
  const rt = ctx.index.routeTableById(id);
  return rt ? known(rt) : { state: "unknown", why: `route table ${parseArmId(id).name ?? id} (on ${where}) is not in the model: add it (--arm, --state or --program)` };
}

function sourceOf(ip: Known<string | undefined>, subnetPrefixes: IPv4Set | undefined, asgs: Known<Known<string>[] | undefined>): SourceInfo {
  const asgIds: Set<string> | "unknown" =
    isUnknown(asgs) || (asgs ?? []).some(isUnknown) ? "unknown" : new Set((asgs as string[] | undefined ?? []).map((a) => normalizeId(a)));
  const asgKey = asgIds === "unknown" ? "?" : [...asgIds].sort().join(",");
  const range = typeof ip === "string" ? parseIPv4Range(ip) : undefined;
  if (range) {
    const addresses = IPv4Set.of([range]);
    return { addresses, exact: range[0] === range[1], asgIds, key: `${addresses.key()}|${asgKey}` };
  }
  if (subnetPrefixes && !subnetPrefixes.isEmpty()) return { addresses: subnetPrefixes, exact: false, asgIds, key: `${subnetPrefixes.key()}|${asgKey}` };
  return { exact: false, asgIds, key: `?|${asgKey}` };
}

/** Everything about a NIC's path that does not depend on the destination: computed once per NIC. */
interface NicSetup {
  nicName: string;
  subnetName?: string;
  /** Set when the path cannot be followed at all. */
  missing?: { step: TraceStep["step"]; why: string };
  where: string;
  env: FlowEnv;
  nicNsg: Resolved<NetworkSecurityGroup>;
  subnetNsg: Resolved<NetworkSecurityGroup>;
  routeTable: RouteTableState;
  /** Whether the subnet has a Microsoft.Storage service endpoint, or why that is not known. */
  storageEndpoint: boolean | { unknown: string };
}

function setupNic(ctx: NetworkContext, nic: NetworkInterface): NicSetup {
  const cached = ctx.nicSetups.get(nic);
  if (cached) return cached;
  const nicName = nameOf(nic.nicName, nic.ref.name);
  const none: Resolved<NetworkSecurityGroup> = { state: "none" };
  const stub = (step: TraceStep["step"], why: string): NicSetup => ({
    nicName,
    missing: { step, why },
    where: "",
    env: { source: { exact: false, asgIds: "unknown", key: "?" }, vnet: { udrTokens: "unknown", key: "?" } },
    nicNsg: none,
    subnetNsg: none,
    routeTable: { state: "none" },
    storageEndpoint: { unknown: "the subnet is not known" },
  });
  const build = (): NicSetup => {
    const configs = nic.ipConfigurations;
    if (isUnknown(configs)) return stub("nic-nsg", `the IP configurations of NIC ${nicName} are computed at deployment`);
    const config = (configs ?? []).find((c) => !isUnknown(c.subnetId) && c.subnetId) ?? configs?.[0];
    if (!config) return stub("nic-nsg", `NIC ${nicName} has no IP configuration in the model`);
    if (isUnknown(config.subnetId)) return stub("subnet-nsg", `the subnet of NIC ${nicName} is computed at deployment`);
    const subnetId = config.subnetId;
    if (!subnetId) return stub("subnet-nsg", `NIC ${nicName} names no subnet`);
    const subnet = ctx.index.subnetById(subnetId);
    const subnetKey = normalizeId(subnetId);
    const subnetName = subnet ? nameOf(subnet.subnetName, subnet.ref.name) : (parseArmId(subnetId).name ?? subnetId);
    const where = `subnet ${subnetName}`;
    const subnetPrefixes = subnet && !isUnknown(subnet.addressPrefixes) ? IPv4Set.parseIPv4Only((subnet.addressPrefixes ?? []).filter((p): p is string => !isUnknown(p))) : undefined;
    const source = sourceOf(config.privateIpAddress, subnetPrefixes, config.applicationSecurityGroupIds);
    const routeTable = resolveRouteTable(ctx, subnet, subnetKey, where);
    const vnetPrefixes = (ctx.vnetPrefixes.get(vnetKeyOfSubnetId(subnetId)) ?? IPv4Set.EMPTY).union(subnetPrefixes ?? IPv4Set.EMPTY);
    const udrTokens =
      routeTable.state === "none" ? [] : routeTable.state === "unknown" || isUnknown(routeTable.table.routes) ? ("unknown" as const) : tokensOf(routeTable.table.routes.map((r) => r.addressPrefix as Known<string>));
    const vnet: VnetInfo = { prefixes: vnetPrefixes, udrTokens, key: `${vnetPrefixes.key()}|${routeTable.state === "known" ? (routeTable.table.ref.id ?? routeTable.name) : routeTable.state}` };
    const env: FlowEnv = { source, vnet };
    if (ctx.tags) env.tags = ctx.tags;
    const endpoints = subnet ? subnet.serviceEndpoints : undefined;
    const storageEndpoint = !subnet
      ? { unknown: `${where} is not in the model, so its service endpoints are not known: add it (--arm, --state or --program)` }
      : isUnknown(endpoints)
        ? { unknown: `the service endpoints of ${where} are computed at deployment` }
        : (endpoints ?? []).some((e) => !isUnknown(e) && /^microsoft\.storage(\.global)?$/i.test(e));
    return {
      nicName,
      subnetName,
      where,
      env,
      nicNsg: resolveNsg(ctx, nic.nsgId, nic.ref.id ? normalizeId(nic.ref.id) : undefined, ctx.nsgByNic, `NIC ${nicName}`),
      subnetNsg: resolveNsg(ctx, subnet ? subnet.nsgId : "no-entity", subnetKey, ctx.nsgBySubnet, where),
      routeTable,
      storageEndpoint,
    };
  };
  const setup = build();
  ctx.nicSetups.set(nic, setup);
  return setup;
}

function evaluateNic(ctx: NetworkContext, nic: NetworkInterface, vm: VirtualMachine, d: Destination): NicPath {
  const setup = setupNic(ctx, nic);
  const path: NicPath = { nic: setup.nicName, stages: [] };
  if (setup.subnetName) path.subnet = setup.subnetName;
  if (setup.missing) {
    path.stages.push({ kind: "missing", ...setup.missing });
    return path;
  }
  const { env, where } = setup;
  const target = targetOf(ctx, vm, d);
  const initial: Remaining = target.kind === "service" && target.exact ? target.exact : "whole";

  // 1. NSGs: the NIC's first, then the subnet's (outbound).
  for (const [level, r] of [["nic", setup.nicNsg], ["subnet", setup.subnetNsg]] as const) {
    if (r.state === "none") path.stages.push({ kind: "absent", step: level === "nic" ? "nic-nsg" : "subnet-nsg", detail: level === "nic" ? `no NSG on NIC ${setup.nicName}` : `no NSG on ${where}` });
    else if (r.state === "unknown") path.stages.push({ kind: "missing", step: level === "nic" ? "nic-nsg" : "subnet-nsg", why: r.why });
    else {
      const compiled = ctx.compiledNsg(r.value);
      path.stages.push({ kind: "nsg", level, nsg: compiled, outcome: compiled.evaluate(target, initial, env, env.vnet.key, env.source.key) });
    }
  }
  if (path.stages.some((s) => s.kind === "nsg" && s.outcome.verdict === "deny")) return path;

  // 2. Routes, and the device a forced tunnel goes through.
  for (const { leg, part } of resolveRoutes(target, initial, setup.routeTable, env, setup.storageEndpoint)) {
    if (leg.kind !== "appliance" || leg.ip === undefined) {
      path.stages.push({ kind: "route", leg });
      continue;
    }
    const candidates = ctx.firewallsByIp.get(leg.ip.trim()) ?? [];
    if (candidates.length === 0 && ctx.firewallsWithUnknownIp.length > 0) {
      path.stages.push({ kind: "missing", step: "firewall", why: `the private IP of Azure Firewall ${ctx.firewallsWithUnknownIp[0]!.ref.name} is computed at deployment; is it ${leg.ip}, the next hop of ${describeRoute(leg.route)}?` });
      continue;
    }
    const fw = candidates[0];
    path.stages.push(fw ? { kind: "route", leg, firewall: evaluateFirewall(fw, ctx.firewallPolicies.ruleSetOf(fw), d.service, target, part, env) } : { kind: "route", leg });
  }
  return path;
}

function targetOf(ctx: NetworkContext, vm: VirtualMachine, d: Destination): Target {
  if (d.privateEndpoint) {
    const subnet = d.privateEndpoint.subnetId ? ctx.index.subnetById(d.privateEndpoint.subnetId) : undefined;
    const prefixes = subnet && !isUnknown(subnet.addressPrefixes) ? IPv4Set.parseIPv4Only((subnet.addressPrefixes ?? []).filter((p): p is string => !isUnknown(p))) : undefined;
    const t: Target = { kind: "private", key: `pe:${prefixes?.key() ?? d.privateEndpoint.subnetId ?? d.privateEndpoint.name}` };
    if (prefixes && !prefixes.isEmpty()) t.bounds = prefixes;
    return t;
  }
  const location = known(vm.location);
  const space: ServiceSpace = { tag: d.service.serviceTag, regional: d.service.regional };
  if (location && d.service.regional) space.region = normalizeRegion(location);
  const exact = ctx.serviceAddresses(space);
  const t: Target = { kind: "service", space, key: `svc:${space.tag}|${space.region ?? ""}|${exact ? "x" : "n"}` };
  if (exact && !exact.isEmpty()) t.exact = exact;
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// From a path to a result

function pendingQuestion(p: { payload: NsgRuleRef; why: string }, level: NsgLevel): string {
  return `${describeNsgRule(p.payload, level)} may ${p.payload.access === "Deny" ? "deny" : p.payload.access === "Allow" ? "allow" : "decide"} this flow: ${p.why}`;
}

function legQuestion(leg: Leg, d: Destination, source: string): string | undefined {
  const what = `outbound TCP 443 from ${source} to ${d.service.display} (${d.service.fqdns.join(", ")})`;
  switch (leg.kind) {
    case "appliance":
      return `${describeRoute(leg.route)} sends the traffic to the virtual appliance ${leg.ip ?? "(address computed at deployment)"}, which is not an Azure Firewall in the model: does it allow ${what}? Add the firewall to the inputs, or confirm it and suppress this finding.`;
    case "gateway":
      return `${describeRoute(leg.route)} sends the traffic to the virtual network gateway (forced tunnelling to on-premises): does the on-premises egress allow ${what}?`;
    case "vnetLocal":
      return `${describeRoute(leg.route)} keeps the traffic inside the virtual network: which device there forwards ${what}?`;
    case "unknown":
      return leg.why;
    default:
      return undefined;
  }
}

function resultOf(vm: VirtualMachine, d: Destination, path: NicPath): OutboundResult {
  const result: OutboundResult = { vm: nameOf(vm.vmName, vm.ref.name), destination: destinationLabel(d), service: d.service.name, verdict: "allow", nic: path.nic, trace: [] };
  if (path.subnet) result.subnet = path.subnet;
  let firstUnknown: string | undefined;
  let denied = false;
  for (const s of path.stages) {
    if (s.kind === "absent") {
      result.trace.push({ step: s.step, verdict: "none", detail: s.detail });
      continue;
    }
    if (s.kind === "missing") {
      result.trace.push({ step: s.step, verdict: "unknown", detail: s.why });
      firstUnknown ??= s.why;
      continue;
    }
    if (s.kind === "nsg") {
      const o = s.outcome;
      const step = s.level === "nic" ? "nic-nsg" : "subnet-nsg";
      if (o.verdict === "deny") {
        const r = o.deciding!;
        const fix = fixFor(s.nsg, s.level, o.blockers, d);
        if (fix) (result.fixes ??= []).push(fix);
        if (!denied) {
          denied = true;
          result.verdict = "deny";
          result.decidedBy = "nsg";
          result.decidingRule = { nsg: r.nsg, rule: r.rule, priority: r.priority, level: s.level, isDefault: r.isDefault, access: r.access };
          if (r.nsgId) result.decidingRule.nsgId = r.nsgId;
          if (fix) result.fix = fix;
        }
        result.trace.push({ step, name: o.nsg, verdict: "deny", detail: `Access denied by ${describeNsgRule(r, s.level)}` });
      } else if (o.verdict === "allow") {
        result.trace.push({ step, name: o.nsg, verdict: "allow", detail: `Access allowed by ${describeNsgRule(o.deciding!, s.level)}` });
        if (!result.decidingRule) result.decidingRule = { nsg: o.deciding!.nsg, rule: o.deciding!.rule, priority: o.deciding!.priority, level: s.level, isDefault: o.deciding!.isDefault, access: o.deciding!.access };
      } else if (o.verdict === "unknown") {
        const q = o.pending[0] ? pendingQuestion(o.pending[0], s.level) : `NSG ${o.nsg} could not be evaluated`;
        result.trace.push({ step, name: o.nsg, verdict: "unknown", detail: q });
        firstUnknown ??= q;
      }
      continue;
    }
    // Route legs
    const leg = s.leg;
    if (leg.kind !== "direct" && "route" in leg && leg.route) result.route ??= leg.route;
    if (leg.kind === "direct") {
      result.trace.push({ step: "route", verdict: "allow", detail: leg.route ? `${describeRoute(leg.route)}` : `Azure ${leg.via}` });
      continue;
    }
    if (leg.kind === "drop") {
      result.trace.push({ step: "route", verdict: "deny", detail: `${describeRoute(leg.route)} drops the traffic` });
      if (!denied) {
        denied = true;
        result.verdict = "deny";
        result.decidedBy = "route";
        delete result.decidingRule;
      }
      continue;
    }
    if (s.firewall) {
      const o = s.firewall;
      if (o.verdict === "deny") {
        result.trace.push({ step: "firewall", name: o.deciding!.firewall, verdict: "deny", detail: `${o.fqdn}: denied by ${describeFirewallRule(o.deciding!)}` });
        if (!denied) {
          denied = true;
          result.verdict = "deny";
          result.decidedBy = "firewall";
          result.firewallRule = { ...o.deciding!, fqdn: o.fqdn };
          delete result.decidingRule;
        }
      } else if (o.verdict === "allow") {
        result.trace.push({ step: "firewall", name: o.deciding!.firewall, verdict: "allow", detail: `allowed by ${describeFirewallRule(o.deciding!)}` });
        result.firewallRule ??= { ...o.deciding!, fqdn: o.fqdn };
      } else {
        const p = o.pending[0];
        // A firewall whose rules could not be read at all: the reason is the question.
        const q = p ? (p.payload.rule === "(all rules)" ? p.why : `${describeFirewallRule(p.payload)} may decide ${o.fqdn}: ${p.why}`) : `Azure Firewall could not be evaluated for ${o.fqdn}`;
        result.trace.push({ step: "firewall", verdict: "unknown", detail: q });
        firstUnknown ??= q;
      }
      continue;
    }
    const q = legQuestion(leg, d, path.nic ? `NIC ${path.nic}` : "the VM")!;
    result.trace.push({ step: "route", verdict: "unknown", detail: q });
    firstUnknown ??= q;
  }
  if (!denied && firstUnknown) {
    result.verdict = "unknown";
    result.question = firstUnknown;
    delete result.decidingRule;
  }
  return result;
}

function vmUnknown(vm: VirtualMachine, d: Destination, question: string): OutboundResult {
  return { vm: nameOf(vm.vmName, vm.ref.name), destination: destinationLabel(d), service: d.service.name, verdict: "unknown", question, trace: [{ step: "nic-nsg", verdict: "unknown", detail: question }] };
}

/**
 * Evaluates outbound TCP 443 from the VM to the destination. Pure: reads the model only.
 * `tags` (a Service Tags file) decides rules written with explicit CIDRs; without it they are `unknown`.
 */
export function evaluateOutbound(vm: VirtualMachine, d: Destination, index: ModelIndex, tags?: ServiceTagCatalogue): OutboundResult {
  const ctx = contextFor(index, tags);
  const vmName = nameOf(vm.vmName, vm.ref.name);
  const found = ctx.nicsOfVm(vm);
  if (found === "unknown") return vmUnknown(vm, d, `the network interfaces of VM ${vmName} are computed at deployment`);
  const { nics, missing } = found;
  const primary = nics.find((n) => n.primary === true);
  if (primary) return resultOf(vm, d, evaluateNic(ctx, primary, vm, d));
  if (nics.length === 0) {
    return vmUnknown(vm, d, missing.length > 0 ? `NIC ${parseArmId(missing[0]!).name ?? missing[0]} of VM ${vmName} is not in the model: add it (--arm, --state or --program)` : `no network interface of VM ${vmName} is in the model: add it (--arm, --state or --program)`);
  }
  const results = nics.map((n) => resultOf(vm, d, evaluateNic(ctx, n, vm, d)));
  if (results.length === 1 && missing.length === 0) return results[0]!;
  // Outbound traffic leaves through the primary NIC; when the model cannot say which one it is, all must agree.
  const verdicts = new Set(results.map((r) => r.verdict));
  if (missing.length === 0 && verdicts.size === 1) return results[0]!;
  const names = [...nics.map((n) => nameOf(n.nicName, n.ref.name)), ...missing.map((m) => parseArmId(m).name ?? m)];
  return vmUnknown(vm, d, `VM ${vmName} has several network interfaces (${names.join(", ")}) ${missing.length > 0 ? "and not all are in the model" : "with different verdicts"}; which one is primary? Mark it (networkProfile primary: true) or add the missing ones`);
}

/** Combines alternative paths to one service (e.g. its private endpoint or its public endpoints): one allowing is enough. */
export function anyOf(results: OutboundResult[]): OutboundResult {
  const allow = results.find((r) => r.verdict === "allow");
  if (allow) return allow;
  const unknown = results.find((r) => r.verdict === "unknown");
  return unknown ?? results[0]!;
}

export { ServiceTagCatalogue };
export type { Destination };
