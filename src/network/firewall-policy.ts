/**
 * The rules an Azure Firewall applies, in the order it applies them: its classic rule collections, or the rule
 * collection groups of its Firewall Policy and of every base (parent) policy above it.
 *
 * Processing order (Microsoft Learn, "Azure Firewall rule processing logic" and "Azure Firewall Policy rule sets"):
 * DNAT rules first (they translate inbound traffic to the firewall's own address, never a VM's outbound flow, so they
 * are not read), then every network rule, then every application rule; within one kind, rule collection groups by
 * priority, then rule collections by priority. Collections inherited from a parent policy come before the child
 * policy's, whatever their priorities ("Inherited rules" in the same article).
 */
import { normalizeId, parseArmId } from "../model/ids.js";
import type { Firewall, FirewallApplicationRule, FirewallNetworkRule, FirewallPolicy, FirewallRuleCollectionGroup, Model } from "../model/types.js";
import { isUnknown, type Known } from "../model/unknown.js";

/** A rule with where it sits: its policy and group (policy rules), and its position; undefined when not known. */
export interface PlacedRule<T> {
  rule: T;
  policy?: string;
  group?: string;
  groupPriority?: number;
  /** Position among rules of its kind; undefined when a priority is computed at deployment. */
  position: number | undefined;
}

export interface FirewallRuleSet {
  network: PlacedRule<FirewallNetworkRule>[];
  application: PlacedRule<FirewallApplicationRule>[];
  /** The policy the firewall names (undefined for classic rules). */
  policy?: string;
  /** Whether FQDNs in network rules are resolved through the DNS proxy: "classic" when no policy says. */
  dnsProxy: boolean | "classic" | "unknown";
}

export type RuleSetResult = { kind: "rules"; set: FirewallRuleSet } | { kind: "unknown"; why: string; policy?: string };

function known<T>(v: Known<T>): T | undefined {
  return isUnknown(v) ? undefined : v;
}

function policyName(p: FirewallPolicy): string {
  return known(p.policyName) ?? p.ref.name;
}

function lower(v: Known<string | undefined>): string | undefined {
  const s = known(v);
  return typeof s === "string" ? s.toLowerCase() : undefined;
}

function num(v: Known<number | undefined>): number | undefined {
  return typeof v === "number" ? v : undefined;
}

const ADD_POLICY = "add it to the inputs (`az network firewall policy show` and `az network firewall policy rule-collection-group list` with --arm, or the Pulumi program that declares it)";

/** Firewall policies and their rule collection groups, joined by id, Pulumi URN, or name + resource group. */
export class FirewallPolicyIndex {
  private readonly byId = new Map<string, FirewallPolicy>();
  private readonly byUrn = new Map<string, FirewallPolicy>();
  private readonly groups: FirewallRuleCollectionGroup[];
  private readonly cache = new Map<Firewall, RuleSetResult>();

  constructor(private readonly model: Model) {
    for (const p of model.firewallPolicies) {
      if (p.ref.id) this.byId.set(normalizeId(p.ref.id), p);
      if (p.ref.urn) this.byUrn.set(p.ref.urn, p);
    }
    this.groups = model.firewallRuleCollectionGroups;
  }

  private policyById(id: string): FirewallPolicy | undefined {
    const exact = this.byId.get(normalizeId(id));
    if (exact) return exact;
    // A Pulumi policy has no id before deployment: its name and resource group stand for it.
    const parsed = parseArmId(id);
    const name = parsed.name?.toLowerCase();
    const rg = parsed.resourceGroup?.toLowerCase();
    const matches = this.model.firewallPolicies.filter((p) => !p.ref.id && lower(p.policyName) === name && (lower(p.resourceGroup) === undefined || lower(p.resourceGroup) === rg));
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** The groups of one policy: by the group's policy id, URN, or (Pulumi) policy name and resource group. */
  groupsOf(p: FirewallPolicy): { groups: FirewallRuleCollectionGroup[]; missing: string[]; unplaced?: FirewallRuleCollectionGroup } {
    const name = lower(p.policyName);
    const rg = lower(p.resourceGroup);
    const groups: FirewallRuleCollectionGroup[] = [];
    let unplaced: FirewallRuleCollectionGroup | undefined;
    for (const g of this.groups) {
      const gid = known(g.policyId);
      let mine: boolean;
      if (g.policyUrn) mine = g.policyUrn === p.ref.urn;
      else if (gid && p.ref.id) mine = normalizeId(gid) === normalizeId(p.ref.id);
      else if (gid) mine = lower(parseArmId(gid).name) === name && (rg === undefined || lower(parseArmId(gid).resourceGroup) === rg);
      else if (lower(g.policyName) !== undefined) {
        const grg = lower(g.resourceGroup);
        mine = lower(g.policyName) === name && (grg === undefined || rg === undefined || grg === rg);
      } else {
        unplaced ??= g;
        mine = false;
      }
      if (mine) groups.push(g);
    }
    const listed = known(p.ruleCollectionGroupIds) ?? [];
    const have = new Set(groups.map((g) => (g.ref.id ? normalizeId(g.ref.id) : "")));
    const haveNames = new Set(groups.map((g) => lower(g.groupName)));
    const missing = listed.filter((id): id is string => typeof id === "string" && !have.has(normalizeId(id)) && !haveNames.has(parseArmId(id).name?.toLowerCase()));
    const out: { groups: FirewallRuleCollectionGroup[]; missing: string[]; unplaced?: FirewallRuleCollectionGroup } = { groups, missing };
    if (unplaced) out.unplaced = unplaced;
    return out;
  }

  ruleSetOf(fw: Firewall): RuleSetResult {
    let r = this.cache.get(fw);
    if (!r) {
      r = this.resolve(fw);
      this.cache.set(fw, r);
    }
    return r;
  }

  private resolve(fw: Firewall): RuleSetResult {
    const fwName = known(fw.firewallName) ?? fw.ref.name;
    let policy: FirewallPolicy | undefined;
    if (fw.firewallPolicyUrn) policy = this.byUrn.get(fw.firewallPolicyUrn);
    else if (isUnknown(fw.firewallPolicyId)) return { kind: "unknown", why: `the firewall policy of Azure Firewall ${fwName} is computed at deployment` };
    else if (fw.firewallPolicyId === undefined) return classic(fw);
    else {
      policy = this.policyById(fw.firewallPolicyId);
      if (!policy) {
        const name = parseArmId(fw.firewallPolicyId).name ?? fw.firewallPolicyId;
        return { kind: "unknown", policy: name, why: `Azure Firewall ${fwName} takes its rules from firewall policy ${name}, which is not in the inputs: ${ADD_POLICY}` };
      }
    }
    if (!policy) return { kind: "unknown", why: `the firewall policy of Azure Firewall ${fwName} is not in the inputs: ${ADD_POLICY}` };

    // The chain, base policy first.
    const chain: FirewallPolicy[] = [policy];
    for (let p = policy; ; ) {
      let base: FirewallPolicy | undefined;
      if (p.basePolicyUrn) base = this.byUrn.get(p.basePolicyUrn);
      else if (isUnknown(p.basePolicyId)) return { kind: "unknown", policy: policyName(policy), why: `the base policy of firewall policy ${policyName(p)} is computed at deployment; its rules are processed before ${policyName(p)}'s` };
      else if (p.basePolicyId === undefined) break;
      else base = this.policyById(p.basePolicyId);
      if (!base) {
        const name = p.basePolicyId && !isUnknown(p.basePolicyId) ? (parseArmId(p.basePolicyId).name ?? p.basePolicyId) : "(declared in the program)";
        return { kind: "unknown", policy: policyName(policy), why: `firewall policy ${policyName(p)} inherits from base policy ${name}, which is not in the inputs; its rules are processed first: ${ADD_POLICY}` };
      }
      if (chain.includes(base)) break; // Azure refuses cycles; do not loop on a malformed input
      chain.unshift(base);
      p = base;
    }

    const set: FirewallRuleSet = { network: [], application: [], policy: policyName(policy), dnsProxy: true };
    const proxy = policy.dnsProxyEnabled;
    set.dnsProxy = isUnknown(proxy) ? "unknown" : proxy === true;
    let networkPos = 0;
    let applicationPos = 0;
    for (const p of chain) {
      const { groups, missing, unplaced } = this.groupsOf(p);
      if (missing.length > 0) {
        const g = parseArmId(missing[0]!).name ?? missing[0]!;
        return { kind: "unknown", policy: policyName(policy), why: `rule collection group ${g} of firewall policy ${policyName(p)} is not in the inputs: add \`az network firewall policy rule-collection-group list --policy-name ${policyName(p)}\` (with --arm)` };
      }
      if (unplaced) {
        return { kind: "unknown", policy: policyName(policy), why: `the firewall policy of rule collection group ${known(unplaced.groupName) ?? unplaced.ref.name} is computed at deployment; does it belong to ${policyName(p)}?` };
      }
      for (const g of groups) {
        if (isUnknown(g.networkRules) || isUnknown(g.applicationRules)) {
          return { kind: "unknown", policy: policyName(policy), why: `the rule collections of rule collection group ${known(g.groupName) ?? g.ref.name} (firewall policy ${policyName(p)}) are computed at deployment` };
        }
      }
      const sorted = groups
        .map((g, i) => ({ g, i, priority: num(g.priority) }))
        .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0) || a.i - b.i);
      const place = <T extends { priority: Known<number | undefined> }>(kind: "network" | "application") => {
        for (const { g, priority } of sorted) {
          const rules = (kind === "network" ? g.networkRules : g.applicationRules) as unknown as T[];
          const ordered = rules.map((rule, i) => ({ rule, i })).sort((a, b) => (num(a.rule.priority) ?? 0) - (num(b.rule.priority) ?? 0) || a.i - b.i);
          for (const { rule } of ordered) {
            const knownOrder = priority !== undefined && num(rule.priority) !== undefined;
            const placed: PlacedRule<T> = { rule, policy: policyName(p), group: known(g.groupName) ?? g.ref.name, position: knownOrder ? (kind === "network" ? networkPos++ : applicationPos++) : undefined };
            if (priority !== undefined) placed.groupPriority = priority;
            (kind === "network" ? set.network : set.application).push(placed as never);
          }
        }
      };
      place<FirewallNetworkRule>("network");
      place<FirewallApplicationRule>("application");
    }
    return { kind: "rules", set };
  }
}

/** Classic rules: each kind by rule collection priority, in listed order for ties. */
function classic(fw: Firewall): RuleSetResult {
  const fwName = known(fw.firewallName) ?? fw.ref.name;
  if (isUnknown(fw.networkRules) || isUnknown(fw.applicationRules)) return { kind: "unknown", why: `the rules of Azure Firewall ${fwName} are computed at deployment` };
  const place = <T extends { priority: Known<number | undefined> }>(rules: T[]): PlacedRule<T>[] => {
    let pos = 0;
    return rules
      .map((rule, i) => ({ rule, i }))
      .sort((a, b) => (num(a.rule.priority) ?? 0) - (num(b.rule.priority) ?? 0) || a.i - b.i)
      .map(({ rule }) => ({ rule, position: num(rule.priority) === undefined ? undefined : pos++ }));
  };
  return { kind: "rules", set: { network: place(fw.networkRules), application: place(fw.applicationRules), dnsProxy: "classic" } };
}
