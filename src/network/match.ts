/**
 * Matching one rule's fields (protocol, ports, source, destination) against an outbound flow from a VM to a
 * backup destination. Shared by NSG rules, routes and Azure Firewall network rules.
 */
import { isUnknown, type Known } from "../model/unknown.js";
import { AZURE_HOST_IP, IPv4Set, NON_PUBLIC_IPV4 } from "./ipv4.js";
import { ALL, NONE, type Remaining, type RuleMatch } from "./ordered-rules.js";
import {
  classifyAddress,
  nominalContainment,
  nominalTagContainment,
  type AddressToken,
  type Containment,
  type ServiceSpace,
  type ServiceTagCatalogue,
} from "./service-tags.js";

/** A public Azure service reached over the Internet path. */
export interface ServiceTarget {
  kind: "service";
  space: ServiceSpace;
  /** The service's addresses from a Service Tags file, when the file lists the tag. */
  exact?: IPv4Set;
  key: string;
}

/** A private endpoint: an address inside `bounds` (the endpoint's subnet) when known. */
export interface PrivateTarget {
  kind: "private";
  bounds?: IPv4Set;
  key: string;
}

export type Target = ServiceTarget | PrivateTarget;

export interface SourceInfo {
  /** The VM's private address (exact) or the subnet it sits in (bounds). */
  addresses?: IPv4Set;
  exact: boolean;
  /** Application security groups of the NIC's IP configuration (normalized ids). */
  asgIds: Set<string> | "unknown";
  key: string;
}

export interface VnetInfo {
  /** Address prefixes known to be in the VM's virtual network (its subnet's, other subnets of the same VNet). */
  prefixes?: IPv4Set;
  /** The address prefixes of the user-defined routes on the subnet: Azure adds them to the VirtualNetwork tag. */
  udrTokens: AddressToken[] | "unknown";
  key: string;
}

export interface FlowEnv {
  source: SourceInfo;
  vnet: VnetInfo;
  tags?: ServiceTagCatalogue;
}

export const BACKUP_PORT = 443;
/** Client (source) ports: Windows uses 49152-65535 and Linux 32768-60999 by default. */
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_HIGH = 65535;

// ---------------------------------------------------------------------------------------------------------------
// Protocol and ports

export function protocolAllowsTcp(protocol: Known<string | undefined>): Containment {
  if (isUnknown(protocol)) return "unknown";
  const p = (protocol ?? "").trim().toLowerCase();
  if (p === "*" || p === "tcp" || p === "any") return "all";
  if (p === "udp" || p === "icmp" || p === "esp" || p === "ah") return "none";
  return "unknown";
}

function parsePortRange(text: string): [number, number] | undefined {
  const s = text.trim();
  if (s === "*") return [0, 65535];
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(s);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return lo <= hi && hi <= 65535 ? [lo, hi] : undefined;
}

/** Does the port list cover every port in [lo, hi]? (One range must cover it: the lists in practice are disjoint.) */
export function portsCover(ranges: Known<Known<string>[] | undefined>, lo: number, hi: number): Containment {
  if (isUnknown(ranges)) return "unknown";
  let unknown = false;
  const covering: [number, number][] = [];
  for (const r of ranges ?? []) {
    if (isUnknown(r)) {
      unknown = true;
      continue;
    }
    const range = parsePortRange(r);
    if (!range) unknown = true;
    else covering.push(range);
  }
  // Merge the ranges, then ask whether [lo, hi] is inside the union.
  covering.sort((a, b) => a[0] - b[0]);
  let reach = lo - 1;
  let touched = false;
  for (const [a, b] of covering) {
    if (b >= lo && a <= hi) touched = true;
    if (a <= reach + 1 && b > reach) reach = b;
  }
  if (reach >= hi && covering.some(([a]) => a <= lo)) return "all";
  if (unknown) return "unknown";
  return touched ? "unknown" : "none";
}

const destinationPortCache = new Map<string, Containment>();
const clientPortCache = new Map<string, Containment>();
const nonClientPortCache = new Map<string, Containment>();

/** portsCover, cached on the list's text (NSGs repeat a handful of port lists). */
function cachedPortsCover(cache: Map<string, Containment>, ranges: Known<Known<string>[] | undefined>, lo: number, hi: number): Containment {
  if (isUnknown(ranges)) return "unknown";
  const list = ranges ?? [];
  let key: string;
  if (list.length === 1 && typeof list[0] === "string") key = list[0];
  else if (list.some(isUnknown)) return portsCover(ranges, lo, hi);
  else key = (list as string[]).join(",");
  let c = cache.get(key);
  if (c === undefined) {
    c = portsCover(ranges, lo, hi);
    if (cache.size < 50_000) cache.set(key, c);
  }
  return c;
}

export function destinationPortMatches(ranges: Known<Known<string>[] | undefined>): Containment {
  return cachedPortsCover(destinationPortCache, ranges, BACKUP_PORT, BACKUP_PORT);
}

export function sourcePortMatches(ranges: Known<Known<string>[] | undefined>): Containment {
  if (!isUnknown(ranges) && (ranges ?? []).length === 0) return "all"; // Azure Firewall rules have no source ports
  const c = cachedPortsCover(clientPortCache, ranges, EPHEMERAL_LOW, EPHEMERAL_HIGH);
  if (c !== "unknown") return c;
  // Ports below 1024 are never client ports.
  return cachedPortsCover(nonClientPortCache, ranges, 1024, 65535) === "none" ? "none" : c;
}

// ---------------------------------------------------------------------------------------------------------------
// Address tokens

/** Tokens of a prefix list; "unknown" when the list (or one entry) is computed at deployment. */
export function tokensOf(list: Known<Known<string>[] | undefined>): AddressToken[] | "unknown" {
  if (isUnknown(list)) return "unknown";
  const out: AddressToken[] = [];
  for (const e of list ?? []) {
    if (isUnknown(e)) return "unknown";
    out.push(classifyAddress(e));
  }
  return out;
}

export function idsOf(list: Known<Known<string>[] | undefined>): string[] | "unknown" {
  if (isUnknown(list)) return "unknown";
  const out: string[] = [];
  for (const e of list ?? []) {
    if (isUnknown(e)) return "unknown";
    out.push(e.trim().toLowerCase().replace(/\/+$/, ""));
  }
  return out;
}

function describeTarget(target: Target): string {
  if (target.kind === "private") return "the vault's private endpoint";
  return target.space.regional && target.space.region ? `${target.space.tag} in ${target.space.region}` : target.space.tag;
}

/** The addresses of a token, when they can be known exactly (explicit prefixes, or a tag listed in the file). */
export function exactTokenSet(token: AddressToken, env: FlowEnv): IPv4Set | undefined {
  switch (token.kind) {
    case "any":
      return IPv4Set.ALL;
    case "cidr":
      return token.set;
    case "ipv6":
      return IPv4Set.EMPTY;
    case "azureLoadBalancer":
      return AZURE_HOST_IP;
    case "internet":
      return IPv4Set.ALL.subtract(NON_PUBLIC_IPV4).subtract(env.vnet.prefixes ?? IPv4Set.EMPTY);
    case "tag":
      return env.tags?.ipv4(token.text);
    case "virtualNetwork":
    case "invalid":
      return undefined;
  }
}

/**
 * Does the VirtualNetwork tag contain a public service's endpoints? Azure puts the VNet's address space, peered and
 * connected networks, the host's virtual IP and the prefixes of the subnet's user-defined routes in the tag (and so,
 * with a 0.0.0.0/0 route, every address). Address space we cannot see (the rest of the VNet, peerings, on-premises)
 * is taken to be private.
 */
function virtualNetworkMatch(target: Target, remaining: Remaining, env: FlowEnv): RuleMatch {
  if (target.kind === "private") return ALL; // a private endpoint lives in the VNet or a peered one
  const udr = env.vnet.udrTokens;
  if (udr === "unknown") return { kind: "unknown", why: "the VirtualNetwork tag includes the subnet's user-defined route prefixes, and its route table is not known" };
  if (remaining !== "whole") {
    let set = (env.vnet.prefixes ?? IPv4Set.EMPTY).union(AZURE_HOST_IP);
    for (const t of udr) {
      const exact = exactTokenSet(t, env);
      if (exact) set = set.union(exact);
      else if (t.kind === "tag") {
        const c = nominalTagContainment(t, target.space);
        if (c === "all") return ALL;
        if (c === "unknown") return { kind: "unknown", why: `the VirtualNetwork tag includes the user-defined route prefix ${t.text}, which the Service Tags file does not list` };
      } else return { kind: "unknown", why: `the VirtualNetwork tag includes the user-defined route prefix ${"text" in t ? t.text : t.kind}` };
    }
    return partOf(remaining, set);
  }
  let result: RuleMatch = NONE;
  for (const t of udr) {
    const c = t.kind === "any" ? "all" : t.kind === "tag" ? nominalTagContainment(t, target.space) : nominalContainment(t, target.space);
    if (c === "all") return ALL;
    if (c === "unknown") result = { kind: "unknown", why: `the VirtualNetwork tag includes the user-defined route prefix ${"text" in t ? t.text : "*"}; does it contain ${describeTarget(target)}?` };
  }
  if (result.kind === "none" && env.vnet.prefixes && !NON_PUBLIC_IPV4.containsSet(env.vnet.prefixes)) {
    return { kind: "unknown", why: `the virtual network uses public address space (${env.vnet.prefixes.toString()}); does it contain ${describeTarget(target)}?` };
  }
  return result;
}

function partOf(remaining: IPv4Set, set: IPv4Set): RuleMatch {
  const part = remaining.intersect(set);
  if (part.isEmpty()) return NONE;
  if (part.equals(remaining)) return ALL;
  return { kind: "part", set: part };
}

function tokenText(t: AddressToken): string {
  return "text" in t ? t.text : t.kind === "any" ? "*" : t.kind === "internet" ? "Internet" : t.kind === "virtualNetwork" ? "VirtualNetwork" : "AzureLoadBalancer";
}

/** One destination token against the target, by name (symbolic destination). */
function nominalDestination(t: AddressToken, target: Target, env: FlowEnv): RuleMatch {
  if (t.kind === "virtualNetwork") return virtualNetworkMatch(target, "whole", env);
  if (target.kind === "private") {
    switch (t.kind) {
      case "any":
        return ALL;
      case "cidr":
        if (target.bounds) {
          if (t.set.containsSet(target.bounds)) return ALL;
          if (!t.set.overlaps(target.bounds)) return NONE;
          return { kind: "unknown", why: `${t.text} covers only part of the private endpoint's subnet (${target.bounds.toString()})` };
        }
        return NON_PUBLIC_IPV4.overlaps(t.set) ? { kind: "unknown", why: `the private endpoint's address is not known; is it inside ${t.text}?` } : NONE;
      case "invalid":
        return { kind: "unknown", why: `"${t.text}" is not an address prefix Azure accepts` };
      default:
        return NONE; // Internet, service tags and the load balancer never contain a private endpoint
    }
  }
  const c = nominalContainment(t, target.space);
  if (c === "all") return ALL;
  if (c === "none") return NONE;
  if (t.kind === "cidr") return { kind: "unknown", why: `does ${t.text} contain the addresses of ${describeTarget(target)}? Pass --service-tags with Azure's Service Tags file to decide` };
  if (t.kind === "invalid") return { kind: "unknown", why: `"${t.text}" is not an address prefix Azure accepts` };
  return { kind: "unknown", why: `does ${tokenText(t)} contain the addresses of ${describeTarget(target)}?${env.tags ? "" : " Pass --service-tags with Azure's Service Tags file to decide"}` };
}

/**
 * A rule's destination (prefixes ∪ application security groups) against the undecided rest of the target.
 * ASGs group VM NICs, never a public service; a private endpoint can be an ASG member, which the model does not say.
 */
export function destinationMatch(tokens: AddressToken[] | "unknown", asgs: string[] | "unknown", target: Target, remaining: Remaining, env: FlowEnv): RuleMatch {
  if (tokens === "unknown") return { kind: "unknown", why: "its destination is not known before deployment" };
  let unknownWhy: string | undefined;
  if (asgs === "unknown" || (asgs.length > 0 && target.kind === "private")) unknownWhy = "its destination application security groups may contain the private endpoint";
  if (remaining === "whole") {
    for (const t of tokens) {
      const m = nominalDestination(t, target, env);
      if (m.kind === "all") return ALL;
      if (m.kind === "unknown") unknownWhy ??= m.why;
    }
    return unknownWhy ? { kind: "unknown", why: unknownWhy } : NONE;
  }
  let union = IPv4Set.EMPTY;
  for (const t of tokens) {
    if (t.kind === "virtualNetwork") {
      const m = virtualNetworkMatch(target, remaining, env);
      if (m.kind === "all") return ALL;
      if (m.kind === "part") union = union.union(m.set);
      if (m.kind === "unknown") unknownWhy ??= m.why;
      continue;
    }
    const set = exactTokenSet(t, env);
    if (set) {
      union = union.union(set);
      continue;
    }
    const m = nominalDestination(t, target, env);
    if (m.kind === "all") return ALL;
    if (m.kind === "unknown") unknownWhy ??= m.why;
  }
  const m = partOf(remaining, union);
  if (m.kind === "all") return ALL;
  return unknownWhy ? { kind: "unknown", why: unknownWhy } : m;
}

/** A rule's source (prefixes ∪ application security groups) against the VM's NIC. */
export function sourceMatch(tokens: AddressToken[] | "unknown", asgs: string[] | "unknown", source: SourceInfo): RuleMatch {
  if (tokens === "unknown") return { kind: "unknown", why: "its source is not known before deployment" };
  let unknownWhy: string | undefined;
  for (const t of tokens) {
    switch (t.kind) {
      case "any":
      case "virtualNetwork":
        return ALL; // the VM's private address is in its virtual network
      case "cidr":
        if (!source.addresses) unknownWhy ??= `the VM's private address is not known; is it inside ${t.text}?`;
        else if (t.set.containsSet(source.addresses)) return ALL;
        else if (t.set.overlaps(source.addresses)) unknownWhy ??= `the VM's private address is not known; is it inside ${t.text}?`;
        break;
      case "invalid":
        unknownWhy ??= `"${t.text}" is not an address prefix Azure accepts`;
        break;
      default:
        break; // Internet, service tags, the load balancer: never the VM's private address
    }
  }
  if (asgs === "unknown") unknownWhy ??= "its source application security groups are not known before deployment";
  else if (asgs.length > 0) {
    if (source.asgIds === "unknown") unknownWhy ??= "the NIC's application security groups are not known before deployment";
    else if (asgs.some((a) => (source.asgIds as Set<string>).has(a))) return ALL;
  }
  return unknownWhy ? { kind: "unknown", why: unknownWhy } : NONE;
}

/** Combines per-field matches: any `none` wins, then any `unknown`, else the destination's (all or part). */
export function combine(fields: (Containment | RuleMatch)[], destination: RuleMatch, whyOf: (i: number) => string): RuleMatch {
  let unknown: RuleMatch | undefined;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const kind = typeof f === "string" ? f : f.kind;
    if (kind === "none") return NONE;
    if (kind === "unknown") unknown ??= typeof f === "string" ? { kind: "unknown", why: whyOf(i) } : f;
  }
  if (destination.kind === "none") return NONE;
  return unknown ?? destination;
}
