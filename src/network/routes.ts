/**
 * Where outbound traffic from a subnet goes: longest prefix match over the subnet's user-defined routes and Azure's
 * system routes. A 0.0.0.0/0 route to a virtual appliance or a virtual network gateway is forced tunnelling: the
 * flow must then also pass that device.
 */
import type { Route, RouteTable } from "../model/types.js";
import { isUnknown } from "../model/unknown.js";
import { IPv4Set } from "./ipv4.js";
import type { FlowEnv, Target } from "./match.js";
import type { Remaining } from "./ordered-rules.js";
import { classifyAddress, nominalTagContainment, type AddressToken, type Containment } from "./service-tags.js";

export interface RouteRef {
  routeTable: string;
  routeTableId?: string;
  route: string;
  addressPrefix: string;
  nextHopType: string;
  nextHopIpAddress?: string;
}

export type Leg =
  /** Leaves Azure's edge or the service's backbone directly: nothing else filters it. */
  | { kind: "direct"; via: "system route" | "service endpoint" | "private endpoint" | "route to Internet"; route?: RouteRef }
  | { kind: "drop"; route: RouteRef }
  | { kind: "appliance"; route: RouteRef; ip: string | undefined }
  | { kind: "gateway"; route: RouteRef }
  | { kind: "vnetLocal"; route: RouteRef }
  | { kind: "unknown"; why: string; route?: RouteRef };

export interface LegPart {
  leg: Leg;
  /** The part of the destination this leg carries (the whole of it when symbolic). */
  part: Remaining;
}

/** The routes a subnet uses: none (system routes only), a known table, or unknown. */
export type RouteTableState = { state: "none" } | { state: "known"; table: RouteTable; name: string } | { state: "unknown"; why: string };

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function refOf(table: RouteTable, tableName: string, route: Route): RouteRef {
  const ref: RouteRef = {
    routeTable: tableName,
    route: str(route.name) ?? "(unnamed route)",
    addressPrefix: str(route.addressPrefix) ?? "(computed at deployment)",
    nextHopType: str(route.nextHopType) ?? "(computed at deployment)",
  };
  if (table.ref.id) ref.routeTableId = table.ref.id;
  const ip = str(route.nextHopIpAddress);
  if (ip) ref.nextHopIpAddress = ip;
  return ref;
}

function legOf(route: Route, ref: RouteRef): Leg {
  if (isUnknown(route.nextHopType)) return { kind: "unknown", why: `the next hop of route ${ref.route} in route table ${ref.routeTable} is computed at deployment`, route: ref };
  switch ((route.nextHopType ?? "").toLowerCase()) {
    case "internet":
      return { kind: "direct", via: "route to Internet", route: ref };
    case "none":
      return { kind: "drop", route: ref };
    case "virtualappliance":
      return { kind: "appliance", route: ref, ip: isUnknown(route.nextHopIpAddress) ? undefined : route.nextHopIpAddress };
    case "virtualnetworkgateway":
      return { kind: "gateway", route: ref };
    case "vnetlocal":
      return { kind: "vnetLocal", route: ref };
    default:
      return { kind: "unknown", why: `route ${ref.route} in route table ${ref.routeTable} has next hop type "${ref.nextHopType}", which Azure does not define`, route: ref };
  }
}

/** How specific a route prefix is for a service destination, by name: 0.0.0.0/0 < AzureCloud < AzureCloud.R < tag < tag.R. */
function nominalRank(token: AddressToken): number {
  if (token.kind === "any") return 0;
  if (token.kind === "tag") return (token.base === "azurecloud" ? 1 : 3) + (token.region ? 1 : 0);
  return token.kind === "cidr" ? token.length : 0;
}

function sameHop(a: Leg, b: Leg): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "appliance" && b.kind === "appliance") return a.ip === b.ip;
  return true;
}

/**
 * Splits the destination over the routes that carry it. Private endpoints publish /32 system routes, more
 * specific than any user route, so traffic to them stays in the virtual network. A subnet with a Microsoft.Storage
 * service endpoint reaches Storage over the endpoint's system routes, which are more specific than 0.0.0.0/0.
 */
export function resolveRoutes(target: Target, initial: Remaining, routes: RouteTableState, env: FlowEnv, storageServiceEndpoint: boolean | { unknown: string }): LegPart[] {
  if (target.kind === "private") return [{ leg: { kind: "direct", via: "private endpoint" }, part: initial }];
  const isStorage = target.space.tag.toLowerCase() === "storage";
  if (isStorage && storageServiceEndpoint === true) return [{ leg: { kind: "direct", via: "service endpoint" }, part: initial }];
  if (routes.state === "none") return [{ leg: { kind: "direct", via: "system route" }, part: initial }];
  if (routes.state === "unknown") return [{ leg: { kind: "unknown", why: routes.why }, part: initial }];
  const { table, name } = routes;
  if (isUnknown(table.routes)) return [{ leg: { kind: "unknown", why: `the routes of route table ${name} are computed at deployment` }, part: initial }];
  const parts = initial === "whole" ? nominalRoutes(target, table, name) : exactRoutes(initial, table, name, env, target);
  if (isStorage && typeof storageServiceEndpoint === "object" && parts.some((p) => p.leg.kind !== "direct")) {
    return [{ leg: { kind: "unknown", why: `${storageServiceEndpoint.unknown}; a Microsoft.Storage service endpoint would bypass the route table` }, part: initial }];
  }
  return parts;
}

function nominalRoutes(target: Target & { kind: "service" }, table: RouteTable, tableName: string): LegPart[] {
  const routes = table.routes as Route[];
  const matching: { leg: Leg; rank: number }[] = [];
  const undecided: { leg: Leg; why: string }[] = [];
  for (const route of routes) {
    const ref = refOf(table, tableName, route);
    if (isUnknown(route.addressPrefix)) {
      undecided.push({ leg: legOf(route, ref), why: `the address prefix of route ${ref.route} in route table ${tableName} is computed at deployment` });
      continue;
    }
    const token = classifyAddress(route.addressPrefix ?? "");
    let c: Containment;
    if (token.kind === "any") c = "all";
    else if (token.kind === "tag") c = nominalTagContainment(token, target.space);
    else if (token.kind === "cidr") c = token.nonPublic ? "none" : "unknown";
    else c = token.kind === "ipv6" ? "none" : "unknown";
    if (c === "all") matching.push({ leg: legOf(route, ref), rank: nominalRank(token) });
    else if (c === "unknown") {
      undecided.push({ leg: legOf(route, ref), why: `does route ${ref.route} (${ref.addressPrefix}) of route table ${tableName} cover ${target.space.tag}? Pass --service-tags with Azure's Service Tags file to decide` });
    }
  }
  matching.sort((a, b) => b.rank - a.rank);
  const chosen: Leg = matching[0]?.leg ?? { kind: "direct", via: "system route" };
  const conflicting = undecided.find((u) => !sameHop(u.leg, chosen));
  if (conflicting) return [{ leg: { kind: "unknown", why: conflicting.why }, part: "whole" }];
  return [{ leg: chosen, part: "whole" }];
}

function exactRoutes(initial: IPv4Set, table: RouteTable, tableName: string, env: FlowEnv, target: Target & { kind: "service" }): LegPart[] {
  const entries: { set: IPv4Set; length: number; fromTag: boolean; leg: Leg }[] = [];
  for (const route of table.routes as Route[]) {
    const ref = refOf(table, tableName, route);
    if (isUnknown(route.addressPrefix)) {
      return [{ leg: { kind: "unknown", why: `the address prefix of route ${ref.route} in route table ${tableName} is computed at deployment` }, part: initial }];
    }
    const token = classifyAddress(route.addressPrefix ?? "");
    const leg = legOf(route, ref);
    if (token.kind === "any") entries.push({ set: IPv4Set.ALL, length: 0, fromTag: false, leg });
    else if (token.kind === "cidr") entries.push({ set: token.set, length: token.length, fromTag: false, leg });
    else if (token.kind === "tag") {
      const prefixes = env.tags?.ipv4Prefixes(token.text);
      if (prefixes) {
        for (const p of prefixes) {
          const t = classifyAddress(p);
          if (t.kind === "cidr") entries.push({ set: t.set, length: t.length, fromTag: true, leg });
        }
      } else if (nominalTagContainment(token, target.space) !== "none") {
        return [{ leg: { kind: "unknown", why: `route ${ref.route} uses service tag ${token.text}, which the Service Tags file does not list` }, part: initial }];
      }
    } else if (token.kind !== "ipv6") {
      return [{ leg: { kind: "unknown", why: `route ${ref.route} has address prefix "${ref.addressPrefix}", which is not one Azure accepts` }, part: initial }];
    }
  }
  // Longest prefix first; at equal length an explicit prefix wins over one that comes from a service tag.
  entries.sort((a, b) => b.length - a.length || Number(a.fromTag) - Number(b.fromTag));
  const legs: LegPart[] = [];
  let remaining = initial;
  for (const e of entries) {
    if (remaining.isEmpty()) break;
    const part = remaining.intersect(e.set);
    if (part.isEmpty()) continue;
    remaining = remaining.subtract(part);
    const same = legs.find((l) => l.leg === e.leg);
    if (same) same.part = (same.part as IPv4Set).union(part);
    else legs.push({ leg: e.leg, part });
  }
  if (!remaining.isEmpty()) legs.push({ leg: { kind: "direct", via: "system route" }, part: remaining });
  return legs;
}
