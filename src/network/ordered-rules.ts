/**
 * First-match evaluation of an ordered rule list (NSG security rules, Azure Firewall rule collections) over a
 * destination that may be a set of addresses, with three-valued matching.
 *
 * - A rule that matches the whole undecided rest decides it and evaluation stops (first match wins).
 * - With an exact destination set, a rule may match part of it: that part is decided, the rest goes on.
 * - A rule whose match cannot be decided (an explicit CIDR without a Service Tags file, a value computed at
 *   deployment) is kept as "pending": the verdict stays certain only when no pending rule of the other access
 *   comes before the rule that decided.
 * - A rule with an unknown priority may sit anywhere: it is pending before every other rule.
 * The verdict is `deny` as soon as any part of the destination is certainly denied (a backup that reaches only
 * some of a service's endpoints fails), `allow` when every part is certainly allowed.
 */
import type { IPv4Set } from "./ipv4.js";

export type Verdict = "allow" | "deny" | "unknown";
export type Access = "Allow" | "Deny" | "unknown";

/** What a rule matches of the still-undecided destination. */
export type RuleMatch =
  | { kind: "none" }
  | { kind: "all" }
  /** Part of an exact destination set. */
  | { kind: "part"; set: IPv4Set }
  | { kind: "unknown"; why: string };

export const NONE: RuleMatch = Object.freeze({ kind: "none" });
export const ALL: RuleMatch = Object.freeze({ kind: "all" });

/** The undecided rest of the destination: an exact set, or "the whole destination" when it is symbolic. */
export type Remaining = IPv4Set | "whole";

/** How the evaluator reads a rule: the list stays as the caller holds it (no per-evaluation wrappers). */
export interface RuleView<T, R> {
  payload(rule: T): R;
  access(rule: T): Access;
  /** Position in evaluation order (lower first); undefined when the priority is not known. */
  order(rule: T): number | undefined;
  match(rule: T, remaining: Remaining): RuleMatch;
}

/** A self-describing rule, for short lists built on the fly. */
export interface OrderedRule<R> {
  payload: R;
  access: Access;
  order: number | undefined;
  match(remaining: Remaining): RuleMatch;
}

export const PLAIN_VIEW: RuleView<OrderedRule<unknown>, unknown> = {
  payload: (r) => r.payload,
  access: (r) => r.access,
  order: (r) => r.order,
  match: (r, remaining) => r.match(remaining),
};

export interface PendingRule<R> {
  payload: R;
  access: Access;
  why: string;
}

export interface OrderedOutcome<R> {
  verdict: Verdict;
  /** deny: the first rule that certainly denies part of the destination; allow: the rule that allowed it. */
  deciding?: R;
  /** deny: the deciding rule and every earlier pending deny: a fixing allow rule must come before all of them. */
  blockers: R[];
  /** The undecided rules that keep the verdict from being certain (empty when it is certain). */
  pending: PendingRule<R>[];
}

interface Portion<R> {
  payload: R;
  access: Access;
  order: number;
}

interface Pending<R> extends PendingRule<R> {
  order: number;
}

export function evaluateOrdered<T, R>(rules: readonly T[], initial: Remaining, view: RuleView<T, R>): OrderedOutcome<R> {
  const portions: Portion<R>[] = [];
  const pending: Pending<R>[] = [];
  let remaining = initial;
  let decidedAll = false;

  for (const r of rules) {
    if (view.order(r) !== undefined) continue;
    const m = view.match(r, initial);
    if (m.kind === "none") continue;
    const why = m.kind === "unknown" ? m.why : "its priority is not known before deployment, so it may come before every other rule";
    pending.push({ payload: view.payload(r), access: view.access(r), order: -Infinity, why });
  }
  for (const r of rules) {
    const order = view.order(r);
    if (order === undefined) continue;
    const m = view.match(r, remaining);
    if (m.kind === "none") continue;
    if (m.kind === "unknown") {
      pending.push({ payload: view.payload(r), access: view.access(r), order, why: m.why });
      continue;
    }
    if (m.kind === "all" || remaining === "whole") {
      portions.push({ payload: view.payload(r), access: view.access(r), order });
      decidedAll = true;
      break;
    }
    const part = remaining.intersect(m.set);
    if (part.isEmpty()) continue;
    portions.push({ payload: view.payload(r), access: view.access(r), order });
    remaining = remaining.subtract(part);
    if (remaining.isEmpty()) {
      decidedAll = true;
      break;
    }
  }

  const firstDeny = portions.find((p) => p.access === "Deny");
  if (firstDeny) {
    const before = pending.filter((p) => p.order < firstDeny.order);
    const challengers = before.filter((p) => p.access !== "Deny");
    const blockers = [firstDeny.payload, ...before.filter((p) => p.access === "Deny" && p.order !== -Infinity).map((p) => p.payload)];
    if (challengers.length === 0) return { verdict: "deny", deciding: firstDeny.payload, blockers, pending: [] };
    return { verdict: "unknown", blockers, pending: strip(challengers) };
  }
  const doubts: Pending<R>[] = [
    ...portions
      .filter((p) => p.access === "unknown")
      .map((p) => ({ ...p, why: "its access (Allow or Deny) is not known before deployment" })),
    ...pending.filter((p) => p.access !== "Allow"),
  ];
  // Callers end their lists with a catch-all; if addresses are still undecided, every pending rule matters.
  if (!decidedAll) doubts.push(...pending);
  if (doubts.length > 0 || portions.length === 0) return { verdict: "unknown", blockers: [], pending: strip(dedupe(doubts)) };
  return { verdict: "allow", deciding: portions[0]!.payload, blockers: [], pending: [] };
}

function strip<R>(list: Pending<R>[]): PendingRule<R>[] {
  return list.map(({ payload, access, why }) => ({ payload, access, why }));
}

function dedupe<R>(list: Pending<R>[]): Pending<R>[] {
  return list.filter((p, i) => list.findIndex((q) => q.payload === p.payload) === i);
}
