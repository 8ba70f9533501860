/**
 * Azure Firewall, as the next hop of forced-tunnelled traffic. Azure Firewall denies by default; network rules are
 * processed before application rules whatever their priorities, each kind by rule collection priority (100 first),
 * and the first match ends processing (Microsoft Learn: "Configure Azure Firewall rules", "Azure Firewall rule
 * processing logic"). An application rule matches a backup destination by FQDN tag (`AzureBackup`) or by target FQDN
 * (`*.blob.core.windows.net`, ...), for HTTPS on port 443.
 */
import type { Firewall, FirewallApplicationRule, FirewallNetworkRule } from "../model/types.js";
import type { FirewallRuleSet, PlacedRule, RuleSetResult } from "./firewall-policy.js";
import { parseArmId } from "../model/ids.js";
import { isUnknown, type Known } from "../model/unknown.js";
import { BACKUP_SERVICES, type BackupService } from "./destinations.js";
import { combine, destinationMatch, destinationPortMatches, sourceMatch, tokensOf, type FlowEnv, type Target } from "./match.js";
import { ALL, evaluateOrdered, NONE, PLAIN_VIEW, type Access, type OrderedOutcome, type OrderedRule, type RuleView, type Remaining, type RuleMatch } from "./ordered-rules.js";
import type { Containment } from "./service-tags.js";

export interface FirewallRuleRef {
  firewall: string;
  kind: "network" | "application" | "default";
  collection: string;
  rule: string;
  /** The rule collection's priority; undefined when computed at deployment. */
  priority: number | undefined;
  access: Access;
  /** Firewall Policy rules: the policy (the firewall's own or a base policy) and the rule collection group. */
  policy?: string;
  ruleCollectionGroup?: string;
  groupPriority?: number;
  /**
   * For the default deny: the Allow application collection that already lets other backup traffic through (the
   * natural place for the missing destination).
   */
  suggest?: { collection: string; priority: number | undefined; ruleCollectionGroup?: string; policy?: string };
}

export interface FirewallOutcome extends OrderedOutcome<FirewallRuleRef> {
  /** The FQDN the verdict is about (the first one denied, or the last one checked). */
  fqdn: string;
}

/** Does an Azure Firewall FQDN pattern cover a required FQDN (itself possibly `*.suffix`)? */
export function fqdnCovers(pattern: string, required: string): boolean {
  const p = pattern.trim().toLowerCase();
  const r = required.trim().toLowerCase();
  if (p === "*" || p === r) return true;
  if (!p.startsWith("*.")) return false;
  const suffix = p.slice(1); // ".core.windows.net"
  const host = r.startsWith("*.") ? r.slice(1) : `.${r}`;
  // `*.x` covers names below x, never x itself.
  return host.endsWith(suffix) && host !== suffix;
}

function actionOf(action: Known<string | undefined>): Access {
  if (isUnknown(action) || action === undefined) return "unknown";
  const a = action.toLowerCase();
  return a === "allow" ? "Allow" : a === "deny" ? "Deny" : "unknown";
}

function knownStrings(list: Known<Known<string>[] | undefined>): string[] | "unknown" {
  if (isUnknown(list)) return "unknown";
  const out: string[] = [];
  for (const e of list ?? []) {
    if (isUnknown(e)) return "unknown";
    out.push(e);
  }
  return out;
}

function networkProtocol(protocols: Known<Known<string>[] | undefined>): Containment {
  const list = knownStrings(protocols);
  if (list === "unknown") return "unknown";
  return list.some((p) => ["tcp", "any", "*"].includes(p.toLowerCase())) ? "all" : "none";
}

function applicationProtocol(protocols: FirewallApplicationRule["protocols"]): Containment {
  if (isUnknown(protocols)) return "unknown";
  let unknown = false;
  for (const p of protocols ?? []) {
    if (isUnknown(p.protocolType) || isUnknown(p.port)) {
      unknown = true;
      continue;
    }
    if ((p.protocolType ?? "").toLowerCase() === "https" && (p.port === undefined || p.port === 443)) return "all";
  }
  return unknown ? "unknown" : "none";
}

function listed(list: Known<Known<string>[] | undefined> | undefined): string[] | "unknown" {
  return list === undefined ? [] : knownStrings(list);
}

/** Source addresses or source IP groups (either may hold the VM); IP groups are resources the model does not read. */
function sourceOf(r: { sourceAddresses: Known<Known<string>[] | undefined>; sourceIpGroups?: Known<Known<string>[] | undefined> }, env: FlowEnv): RuleMatch {
  const groups = listed(r.sourceIpGroups);
  const addresses = r.sourceAddresses;
  const byAddress: RuleMatch = !isUnknown(addresses) && (addresses ?? []).length === 0 ? NONE : sourceMatch(tokensOf(addresses), [], env.source);
  if (byAddress.kind === "all") return byAddress;
  if (groups === "unknown") return { kind: "unknown", why: "its source IP groups are computed at deployment" };
  if (groups.length > 0) return { kind: "unknown", why: `its source is IP group ${groups.map((g) => parseArmId(g).name ?? g).join(", ")}, which backupguard does not read: does it contain the VM's address?` };
  if (byAddress.kind === "none" && !isUnknown(addresses) && (addresses ?? []).length === 0) return { kind: "unknown", why: "it has no source addresses in the model (IP groups of classic rules are not read)" };
  return byAddress;
}

function name(v: Known<string | undefined>, fallback: string): string {
  return isUnknown(v) || !v ? fallback : v;
}

/** Destination IP groups: the flow may be in them, and the model cannot say. */
function ipGroupDestination(groups: string[] | "unknown", current: RuleMatch): RuleMatch {
  if (current.kind === "all" || current.kind === "part") return current;
  if (groups === "unknown") return { kind: "unknown", why: "its destination IP groups are computed at deployment" };
  if (groups.length === 0) return current;
  return { kind: "unknown", why: `its destination is IP group ${groups.map((g) => parseArmId(g).name ?? g).join(", ")}, which backupguard does not read: does it hold the service's addresses?` };
}

function networkRule(r: FirewallNetworkRule, fqdn: string, target: Target, env: FlowEnv, dnsProxy: FirewallRuleSet["dnsProxy"]): (remaining: Remaining) => RuleMatch {
  return (remaining) => {
    const protocol = networkProtocol(r.protocols);
    const port = destinationPortMatches(r.destinationPorts);
    if (protocol === "none" || port === "none") return NONE;
    const source = sourceOf(r, env);
    const byAddress = destinationMatch(tokensOf(r.destinationAddresses), [], target, remaining, env);
    const fqdns = knownStrings(r.destinationFqdns);
    let byFqdn: RuleMatch = fqdns === "unknown" ? { kind: "unknown", why: "its destination FQDNs are computed at deployment" } : fqdns.some((p) => fqdnCovers(p, fqdn)) ? ALL : NONE;
    // A Firewall Policy filters FQDNs in network rules through its DNS proxy; without it the firewall and the VM
    // may resolve the name to different addresses, so the match is not reliable.
    if (byFqdn.kind === "all" && dnsProxy !== true && dnsProxy !== "classic") {
      byFqdn = { kind: "unknown", why: dnsProxy === "unknown" ? "it matches by FQDN and the policy's DNS proxy setting is computed at deployment" : "it matches by FQDN but the firewall policy does not enable the DNS proxy (dnsSettings.enableProxy), without which FQDNs in network rules are not filtered reliably: enable it, or allow the service tag" };
    }
    const destination = ipGroupDestination(listed(r.destinationIpGroups), byFqdn.kind === "all" ? ALL : byAddress.kind === "none" ? byFqdn : byAddress);
    return combine([protocol, port, source], destination, (i) => ["its protocols are computed at deployment", "its destination ports are computed at deployment"][i] ?? "");
  };
}

/** `login.microsoftonline.com/*` covers the FQDN; a narrower path allows only some of the service's URLs. */
function urlMatch(urls: string[], fqdn: string): RuleMatch {
  let partial = false;
  for (const url of urls) {
    const u = url.trim().replace(/^https?:\/\//i, "");
    const slash = u.indexOf("/");
    const host = slash >= 0 ? u.slice(0, slash) : u;
    const path = slash >= 0 ? u.slice(slash) : "";
    if (!fqdnCovers(host, fqdn)) continue;
    if (path === "" || path === "/" || path === "/*" || path === "*") return ALL;
    partial = true;
  }
  return partial ? { kind: "unknown", why: "its target URLs cover only some paths of the service (TLS inspection), and Azure Backup needs others too" } : NONE;
}

function applicationRule(r: FirewallApplicationRule, service: BackupService, fqdn: string, target: Target, env: FlowEnv): (remaining: Remaining) => RuleMatch {
  return (remaining) => {
    const protocol = applicationProtocol(r.protocols);
    if (protocol === "none") return NONE;
    const source = sourceOf(r, env);
    const tags = knownStrings(r.fqdnTags);
    const targets = knownStrings(r.targetFqdns);
    const urls = listed(r.targetUrls);
    const categories = listed(r.webCategories);
    const addresses = listed(r.destinationAddresses);
    let destination: RuleMatch = NONE;
    if (tags !== "unknown" && service.fqdnTag && tags.some((t) => t.toLowerCase() === service.fqdnTag!.toLowerCase())) destination = ALL;
    else if (targets !== "unknown" && targets.some((p) => fqdnCovers(p, fqdn))) destination = ALL;
    else if (tags === "unknown" || targets === "unknown" || urls === "unknown" || categories === "unknown" || addresses === "unknown") destination = { kind: "unknown", why: "its destinations are computed at deployment" };
    else {
      const byUrl = urlMatch(urls, fqdn);
      const byAddress = addresses.length > 0 ? destinationMatch(tokensOf(r.destinationAddresses), [], target, remaining, env) : NONE;
      if (byUrl.kind === "all") destination = ALL;
      else if (byAddress.kind === "all" || byAddress.kind === "part") destination = byAddress;
      else if (categories.length > 0) destination = { kind: "unknown", why: `it matches web categories (${categories.join(", ")}): does Microsoft classify ${fqdn} in one of them?` };
      else if (byUrl.kind === "unknown") destination = byUrl;
      else destination = byAddress;
    }
    return combine([protocol, source], destination, () => "its protocols are computed at deployment");
  };
}

/** Evaluates one FQDN of the destination through the firewall's rules, network rules first. */
function evaluateFqdn(set: FirewallRuleSet, fwName: string, service: BackupService, fqdn: string, target: Target, part: Remaining, env: FlowEnv): FirewallOutcome {
  const rules: OrderedRule<FirewallRuleRef>[] = [];
  const refOf = (kind: "network" | "application", p: PlacedRule<{ collection: string; priority: Known<number | undefined>; action: Known<string | undefined>; name: Known<string | undefined> }>): FirewallRuleRef => {
    const ref: FirewallRuleRef = { firewall: fwName, kind, collection: p.rule.collection, rule: name(p.rule.name, "(unnamed rule)"), priority: typeof p.rule.priority === "number" ? p.rule.priority : undefined, access: actionOf(p.rule.action) };
    if (p.policy) ref.policy = p.policy;
    if (p.group) ref.ruleCollectionGroup = p.group;
    if (p.groupPriority !== undefined) ref.groupPriority = p.groupPriority;
    return ref;
  };
  let order = 0;
  // Positions are per kind; every network rule comes before every application rule.
  for (const p of set.network) {
    const ref = refOf("network", p);
    rules.push({ payload: ref, access: ref.access, order: p.position === undefined ? undefined : order + p.position, match: networkRule(p.rule, fqdn, target, env, set.dnsProxy) });
  }
  order += set.network.length;
  for (const p of set.application) {
    const ref = refOf("application", p);
    rules.push({ payload: ref, access: ref.access, order: p.position === undefined ? undefined : order + p.position, match: applicationRule(p.rule, service, fqdn, target, env) });
  }
  order += set.application.length;
  const fallback: FirewallRuleRef = { firewall: fwName, kind: "default", collection: "(none)", rule: "default deny", priority: undefined, access: "Deny" };
  if (set.policy) fallback.policy = set.policy;
  rules.push({ payload: fallback, access: "Deny", order, match: () => ALL });
  const outcome: FirewallOutcome = { fqdn, ...evaluateOrdered(rules, part, PLAIN_VIEW as RuleView<OrderedRule<FirewallRuleRef>, FirewallRuleRef>) };
  if (outcome.verdict === "deny" && outcome.deciding === fallback) {
    const home = set.application.find((p) => actionOf(p.rule.action) === "Allow" && allowsBackupTraffic(p.rule));
    if (home) {
      const ref = refOf("application", home);
      fallback.suggest = { collection: ref.collection, priority: ref.priority };
      if (ref.ruleCollectionGroup) fallback.suggest.ruleCollectionGroup = ref.ruleCollectionGroup;
      if (ref.policy) fallback.suggest.policy = ref.policy;
    }
  }
  return outcome;
}

/** An application rule that names Azure Backup traffic (the FQDN tag or one of the services' FQDNs). */
function allowsBackupTraffic(r: FirewallApplicationRule): boolean {
  const tags = knownStrings(r.fqdnTags);
  const targets = knownStrings(r.targetFqdns);
  const all = Object.values(BACKUP_SERVICES);
  if (tags !== "unknown" && tags.some((t) => all.some((s) => s.fqdnTag?.toLowerCase() === t.toLowerCase()))) return true;
  return targets !== "unknown" && targets.some((t) => all.some((s) => s.fqdns.some((f) => fqdnCovers(t, f))));
}

/** Every FQDN of the service must pass; the first one denied (or undecided) is the one reported. */
export function evaluateFirewall(fw: Firewall, resolved: RuleSetResult, service: BackupService, target: Target, part: Remaining, env: FlowEnv): FirewallOutcome {
  const fwName = isUnknown(fw.firewallName) ? fw.ref.name : fw.firewallName;
  if (resolved.kind === "unknown") {
    const ref: FirewallRuleRef = { firewall: fwName, kind: "default", collection: "(unknown)", rule: "(all rules)", priority: undefined, access: "unknown" };
    if (resolved.policy) ref.policy = resolved.policy;
    return { fqdn: service.fqdns[0]!, verdict: "unknown", blockers: [], pending: [{ payload: ref, access: "unknown", why: resolved.why }] };
  }
  let undecided: FirewallOutcome | undefined;
  let last: FirewallOutcome | undefined;
  for (const fqdn of service.fqdns) {
    const o = evaluateFqdn(resolved.set, fwName, service, fqdn, target, part, env);
    if (o.verdict === "deny") return o;
    if (o.verdict === "unknown") undecided ??= o;
    last = o;
  }
  return undecided ?? last!;
}
