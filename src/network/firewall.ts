/**
 * Azure Firewall, as the next hop of forced-tunnelled traffic. Azure Firewall denies by default; network rules are
 * processed before application rules whatever their priorities, each kind by rule collection priority (100 first),
 * and the first match ends processing (Microsoft Learn: "Configure Azure Firewall rules", "Azure Firewall rule
 * processing logic"). An application rule matches a backup destination by FQDN tag (`AzureBackup`) or by target FQDN
 * (`*.blob.core.windows.net`, ...), for HTTPS on port 443.
 */
import type { Firewall, FirewallApplicationRule, FirewallNetworkRule } from "../model/types.js";
import { isUnknown, type Known } from "../model/unknown.js";
import type { BackupService } from "./destinations.js";
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

function sourceOf(addresses: Known<Known<string>[] | undefined>, env: FlowEnv): RuleMatch {
  if (!isUnknown(addresses) && (addresses ?? []).length === 0) return { kind: "unknown", why: "it has no source addresses in the model (IP groups are not read)" };
  return sourceMatch(tokensOf(addresses), [], env.source);
}

function name(v: Known<string | undefined>, fallback: string): string {
  return isUnknown(v) || !v ? fallback : v;
}

function networkRule(r: FirewallNetworkRule, fqdn: string, target: Target, env: FlowEnv): (remaining: Remaining) => RuleMatch {
  return (remaining) => {
    const protocol = networkProtocol(r.protocols);
    const port = destinationPortMatches(r.destinationPorts);
    if (protocol === "none" || port === "none") return NONE;
    const source = sourceOf(r.sourceAddresses, env);
    const byAddress = destinationMatch(tokensOf(r.destinationAddresses), [], target, remaining, env);
    const fqdns = knownStrings(r.destinationFqdns);
    const byFqdn: RuleMatch = fqdns === "unknown" ? { kind: "unknown", why: "its destination FQDNs are computed at deployment" } : fqdns.some((p) => fqdnCovers(p, fqdn)) ? ALL : NONE;
    const destination = byFqdn.kind === "all" ? ALL : byAddress.kind === "none" ? byFqdn : byAddress;
    return combine([protocol, port, source], destination, (i) => ["its protocols are computed at deployment", "its destination ports are computed at deployment"][i] ?? "");
  };
}

function applicationRule(r: FirewallApplicationRule, service: BackupService, fqdn: string, env: FlowEnv): () => RuleMatch {
  return () => {
    const protocol = applicationProtocol(r.protocols);
    if (protocol === "none") return NONE;
    const source = sourceOf(r.sourceAddresses, env);
    const tags = knownStrings(r.fqdnTags);
    const targets = knownStrings(r.targetFqdns);
    let destination: RuleMatch = NONE;
    if (tags !== "unknown" && service.fqdnTag && tags.some((t) => t.toLowerCase() === service.fqdnTag!.toLowerCase())) destination = ALL;
    else if (targets !== "unknown" && targets.some((p) => fqdnCovers(p, fqdn))) destination = ALL;
    else if (tags === "unknown" || targets === "unknown") destination = { kind: "unknown", why: "its FQDN tags or target FQDNs are computed at deployment" };
    return combine([protocol, source], destination, () => "its protocols are computed at deployment");
  };
}

/** Evaluates one FQDN of the destination through the firewall's rules. */
function evaluateFqdn(fw: Firewall, fwName: string, service: BackupService, fqdn: string, target: Target, part: Remaining, env: FlowEnv): FirewallOutcome {
  const rules: OrderedRule<FirewallRuleRef>[] = [];
  const network = isUnknown(fw.networkRules) ? [] : fw.networkRules.map((r, i) => ({ r, i }));
  const application = isUnknown(fw.applicationRules) ? [] : fw.applicationRules.map((r, i) => ({ r, i }));
  const byPriority = <T extends { priority: Known<number | undefined> }>(a: { r: T; i: number }, b: { r: T; i: number }) =>
    (typeof a.r.priority === "number" ? a.r.priority : 0) - (typeof b.r.priority === "number" ? b.r.priority : 0) || a.i - b.i;
  network.sort(byPriority);
  application.sort(byPriority);
  let order = 0;
  for (const { r } of network) {
    const priority = typeof r.priority === "number" ? r.priority : undefined;
    const ref: FirewallRuleRef = { firewall: fwName, kind: "network", collection: r.collection, rule: name(r.name, "(unnamed rule)"), priority, access: actionOf(r.action) };
    rules.push({ payload: ref, access: ref.access, order: priority === undefined ? undefined : order++, match: networkRule(r, fqdn, target, env) });
  }
  for (const { r } of application) {
    const priority = typeof r.priority === "number" ? r.priority : undefined;
    const ref: FirewallRuleRef = { firewall: fwName, kind: "application", collection: r.collection, rule: name(r.name, "(unnamed rule)"), priority, access: actionOf(r.action) };
    rules.push({ payload: ref, access: ref.access, order: priority === undefined ? undefined : order++, match: applicationRule(r, service, fqdn, env) });
  }
  const fallback: FirewallRuleRef = { firewall: fwName, kind: "default", collection: "(none)", rule: "default deny", priority: undefined, access: "Deny" };
  rules.push({ payload: fallback, access: "Deny", order: order++, match: () => ALL });
  return { fqdn, ...evaluateOrdered(rules, part, PLAIN_VIEW as RuleView<OrderedRule<FirewallRuleRef>, FirewallRuleRef>) };
}

/** Every FQDN of the service must pass; the first one denied (or undecided) is the one reported. */
export function evaluateFirewall(fw: Firewall, service: BackupService, target: Target, part: Remaining, env: FlowEnv): FirewallOutcome {
  const fwName = isUnknown(fw.firewallName) ? fw.ref.name : fw.firewallName;
  const noRules = (isUnknown(fw.networkRules) || fw.networkRules.length === 0) && (isUnknown(fw.applicationRules) || fw.applicationRules.length === 0);
  const policyId = isUnknown(fw.firewallPolicyId) ? "(computed at deployment)" : fw.firewallPolicyId;
  if (isUnknown(fw.networkRules) || isUnknown(fw.applicationRules) || (noRules && policyId)) {
    const why = noRules && policyId ? `its rules live in firewall policy ${policyId}, which is not in the model` : "its rules are computed at deployment";
    const ref: FirewallRuleRef = { firewall: fwName, kind: "default", collection: "(unknown)", rule: "(all rules)", priority: undefined, access: "unknown" };
    return { fqdn: service.fqdns[0]!, verdict: "unknown", blockers: [], pending: [{ payload: ref, access: "unknown", why }] };
  }
  let undecided: FirewallOutcome | undefined;
  let last: FirewallOutcome | undefined;
  for (const fqdn of service.fqdns) {
    const o = evaluateFqdn(fw, fwName, service, fqdn, target, part, env);
    if (o.verdict === "deny") return o;
    if (o.verdict === "unknown") undecided ??= o;
    last = o;
  }
  return undecided ?? last!;
}
