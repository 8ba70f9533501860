/**
 * Network security groups, compiled once per NSG: outbound rules sorted by priority with Azure's default rules
 * appended, each rule's fields parsed on first use, and results memoised per (NSG, destination, context).
 */
import type { NetworkSecurityGroup, SecurityRule } from "../model/types.js";
import { isUnknown } from "../model/unknown.js";
import {
  destinationMatch,
  destinationPortMatches,
  idsOf,
  protocolAllowsTcp,
  sourceMatch,
  sourcePortMatches,
  tokensOf,
  type FlowEnv,
  type Target,
} from "./match.js";
import { evaluateOrdered, NONE, type Access, type OrderedOutcome, type Remaining, type RuleMatch, type RuleView } from "./ordered-rules.js";
import type { AddressToken, Containment } from "./service-tags.js";

export type NsgLevel = "nic" | "subnet";

/** A security rule as IP flow verify names it. */
export interface NsgRuleRef {
  nsg: string;
  nsgId?: string;
  rule: string;
  /** undefined when computed at deployment. */
  priority: number | undefined;
  access: Access;
  isDefault: boolean;
}

function defaultRule(name: string, priority: number, access: "Allow" | "Deny", source: string, destination: string): SecurityRule {
  return {
    name,
    priority,
    direction: "Outbound",
    access,
    protocol: "*",
    sourceAddressPrefixes: [source],
    destinationAddressPrefixes: [destination],
    sourcePortRanges: ["*"],
    destinationPortRanges: ["*"],
    sourceApplicationSecurityGroupIds: [],
    destinationApplicationSecurityGroupIds: [],
    isDefault: true,
  };
}

/** Azure's outbound default rules: they cannot be deleted, only overridden by lower priority numbers. */
export const DEFAULT_OUTBOUND_RULES: readonly SecurityRule[] = [
  defaultRule("AllowVnetOutBound", 65000, "Allow", "VirtualNetwork", "VirtualNetwork"),
  defaultRule("AllowInternetOutBound", 65001, "Allow", "*", "Internet"),
  defaultRule("DenyAllOutBound", 65500, "Deny", "*", "*"),
];

/** Fields that do not depend on the flow's addresses: checked first, as most rules of a large NSG fail here. */
interface CheapFields {
  /** "none" when protocol or a port rules the rule out for TCP 443 from a client port. */
  verdict: Containment;
  why?: string;
}

interface AddressFields {
  source: AddressToken[] | "unknown";
  sourceAsgs: string[] | "unknown";
  destination: AddressToken[] | "unknown";
  destinationAsgs: string[] | "unknown";
}

const CHEAP_NONE: CheapFields = { verdict: "none" };
const CHEAP_ALL: CheapFields = { verdict: "all" };

class CompiledRule {
  private cheap?: CheapFields;
  private addresses?: AddressFields;
  constructor(
    readonly rule: SecurityRule,
    readonly ref: NsgRuleRef,
    /** Position in evaluation order; undefined when the priority is unknown. */
    readonly order: number | undefined,
    readonly directionKnown: boolean,
    /** Another outbound rule of the NSG has the same priority and a different (or unknown) access. */
    readonly tiedWith: string | undefined,
  ) {}

  private cheapFields(): CheapFields {
    if (this.cheap) return this.cheap;
    const r = this.rule;
    // The destination port rules out most rules; the others are read only when it does not.
    const port = destinationPortMatches(r.destinationPortRanges);
    if (port === "none") return (this.cheap = CHEAP_NONE);
    const protocol = protocolAllowsTcp(r.protocol);
    if (protocol === "none") return (this.cheap = CHEAP_NONE);
    const sourcePort = sourcePortMatches(r.sourcePortRanges);
    if (sourcePort === "none") return (this.cheap = CHEAP_NONE);
    if (protocol === "unknown") this.cheap = { verdict: "unknown", why: "its protocol is not known before deployment or not one Azure accepts" };
    else if (port === "unknown") this.cheap = { verdict: "unknown", why: "its destination ports are not known before deployment" };
    else if (sourcePort === "unknown") this.cheap = { verdict: "unknown", why: "its source ports may not include the VM's client ports" };
    else this.cheap = CHEAP_ALL;
    return this.cheap;
  }

  /** False when no TCP 443 flow from a client port can match (the evaluator then skips the rule). */
  canMatchBackupFlow(): boolean {
    return this.cheapFields().verdict !== "none";
  }

  private addressFields(): AddressFields {
    const r = this.rule;
    this.addresses ??= {
      source: tokensOf(r.sourceAddressPrefixes),
      sourceAsgs: idsOf(r.sourceApplicationSecurityGroupIds),
      destination: tokensOf(r.destinationAddressPrefixes),
      destinationAsgs: idsOf(r.destinationApplicationSecurityGroupIds),
    };
    return this.addresses;
  }

  /** True when the rule's verdict for a flow depends on the VM's address or ASGs (memo keys then include them). */
  sourceSensitive(): boolean {
    const f = this.addressFields();
    return f.source === "unknown" || f.source.some((t) => t.kind === "cidr" || t.kind === "invalid") || f.sourceAsgs === "unknown" || f.sourceAsgs.length > 0;
  }

  match(target: Target, remaining: Remaining, env: FlowEnv): RuleMatch {
    const cheap = this.cheapFields();
    if (cheap.verdict === "none") return NONE;
    const f = this.addressFields();
    const source = sourceMatch(f.source, f.sourceAsgs, env.source);
    if (source.kind === "none") return NONE;
    const destination = destinationMatch(f.destination, f.destinationAsgs, target, remaining, env);
    if (destination.kind === "none") return NONE;
    if (cheap.verdict === "unknown") return { kind: "unknown", why: cheap.why! };
    if (source.kind === "unknown") return source;
    if (!this.directionKnown) return { kind: "unknown", why: "its direction is not known before deployment" };
    if (this.tiedWith) return { kind: "unknown", why: `it has the same priority as rule ${this.tiedWith}, which Azure rejects (SecurityRuleConflict)` };
    return destination;
  }
}

export interface NsgOutcome extends OrderedOutcome<NsgRuleRef> {
  nsg: string;
}

function accessOf(rule: SecurityRule): Access {
  const a = rule.access;
  if (isUnknown(a) || a === undefined) return "unknown";
  const s = a.toLowerCase();
  return s === "allow" ? "Allow" : s === "deny" ? "Deny" : "unknown";
}

function nameOf(rule: SecurityRule): string {
  return isUnknown(rule.name) ? "(name computed at deployment)" : rule.name;
}

export class CompiledNsg {
  readonly name: string;
  readonly id: string | undefined;
  /** Outbound rules (and rules of unknown direction), sorted, defaults last. */
  private readonly rules: CompiledRule[];
  /** Priorities taken by outbound rules (a fix must pick a free one). */
  readonly outboundPriorities: Set<number>;
  private sensitive?: boolean;
  /** The rules a TCP 443 flow from a client port can match, in order (the others never decide it). */
  private candidateRules?: CompiledRule[];
  private readonly memo = new Map<string, NsgOutcome>();

  constructor(readonly nsg: NetworkSecurityGroup) {
    this.name = isUnknown(nsg.nsgName) ? nsg.ref.name : nsg.nsgName;
    this.id = nsg.ref.id;
    const custom = isUnknown(nsg.securityRules) ? [] : nsg.securityRules.filter((r) => !r.isDefault);
    const outbound = custom.filter((r) => isUnknown(r.direction) || (r.direction ?? "").toLowerCase() === "outbound");
    // Priorities used more than once (Azure rejects that; the evaluator then cannot order the rules).
    const seen = new Set<number>();
    const repeated = new Set<number>();
    for (const r of outbound) {
      if (typeof r.priority !== "number") continue;
      if (seen.has(r.priority)) repeated.add(r.priority);
      seen.add(r.priority);
    }
    this.outboundPriorities = seen;
    const sorted = [...outbound].sort((a, b) => (typeof a.priority === "number" ? a.priority : -1) - (typeof b.priority === "number" ? b.priority : -1));
    let position = 0;
    this.rules = [...sorted, ...DEFAULT_OUTBOUND_RULES].map((r) => {
      const priority = typeof r.priority === "number" ? r.priority : undefined;
      const ref: NsgRuleRef = { nsg: this.name, rule: nameOf(r), priority, access: accessOf(r), isDefault: r.isDefault === true };
      if (this.id) ref.nsgId = this.id;
      const peers = priority === undefined || r.isDefault || !repeated.has(priority) ? [] : outbound.filter((p) => p !== r && p.priority === priority);
      const conflicting = peers.find((p) => accessOf(p) !== ref.access || ref.access === "unknown");
      return new CompiledRule(r, ref, priority === undefined ? undefined : position++, !isUnknown(r.direction), conflicting ? nameOf(conflicting) : undefined);
    });
  }

  /** True when the NSG's rules list itself is computed at deployment. */
  get rulesUnknown(): boolean {
    return isUnknown(this.nsg.securityRules);
  }

  private candidates(): CompiledRule[] {
    this.candidateRules ??= this.rules.filter((r) => r.canMatchBackupFlow());
    return this.candidateRules;
  }

  private isSourceSensitive(): boolean {
    this.sensitive ??= this.candidates().some((r) => r.sourceSensitive());
    return this.sensitive;
  }

  evaluate(target: Target, initial: Remaining, env: FlowEnv, envKey: string, sourceKey: string): NsgOutcome {
    const key = `${target.key}|${envKey}|${this.isSourceSensitive() ? sourceKey : ""}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    let outcome: NsgOutcome;
    if (this.rulesUnknown) {
      outcome = { nsg: this.name, verdict: "unknown", blockers: [], pending: [{ payload: { nsg: this.name, rule: "(all rules)", priority: undefined, access: "unknown", isDefault: false }, access: "unknown", why: "the NSG's security rules are computed at deployment" }] };
    } else {
      const view: RuleView<CompiledRule, NsgRuleRef> = {
        payload: (r) => r.ref,
        access: (r) => r.ref.access,
        order: (r) => r.order,
        match: (r, remaining) => r.match(target, remaining, env),
      };
      outcome = { nsg: this.name, ...evaluateOrdered(this.candidates(), initial, view) };
    }
    this.memo.set(key, outcome);
    return outcome;
  }

  /** Rule names in use (a fix must not reuse one). */
  ruleNames(): Set<string> {
    return new Set(this.rules.map((r) => r.ref.rule.toLowerCase()));
  }
}
