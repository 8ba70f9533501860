/**
 * Which policy assignments would stop a request before it happens.
 *
 * For a target (a resource about to be created, or deleted), every assignment in the model is checked: scope and
 * `notScopes`, resource selectors, exemptions (category, expiry against `now`, initiative reference ids),
 * `enforcementMode`, the definition's `mode`, its effect (parameters and assignment overrides resolved) and its `if`
 * condition. As Azure does, Modify and Append policies change the request first, then Deny policies judge the result.
 *
 * Every question has three answers: yes, no, unknown. A policy we cannot evaluate is reported as unknown with the
 * reason, never as allowing the request.
 */
import { sameId } from "../model/ids.js";
import type { Model, PolicyAssignment, PolicyExemption, Tags } from "../model/types.js";
import { isUnknown, UNKNOWN, type Known } from "../model/unknown.js";
import { evaluateCondition, fieldsReferenced } from "./conditions.js";
import { evaluateValue, Unevaluable, type ExpressionScope } from "./expressions.js";
import { fieldForExpression, tagNameOf } from "./fields.js";
import { tagRequirements } from "./requirements.js";
import { assignmentIdOf, assignmentLabel, assignmentScopeOf, instancesOf, type PolicyInstance } from "./resolve.js";
import { parseScope, scopeContains, scopeOfAuthorizationId } from "./scope.js";
import { triAnd, triNot, triOr, type DefinitionData, type PolicyTarget, type TagRequirement, type Tri } from "./types.js";

export interface EvaluateOptions {
  /** Exemption expiry is compared with this instant. */
  now: Date;
  /** `write` (create/update: Modify, Append, Deny) or `delete` (DenyAction). Default `write`. */
  action?: "write" | "delete";
}

export interface ExemptionMatch {
  name: string;
  category?: string;
  expiresOn?: string;
  expired: boolean;
}

export interface PolicyVerdict {
  assignment: PolicyAssignment;
  assignmentName: string;
  definition?: DefinitionData;
  /** Display name (or id) of the definition, for messages. */
  definitionLabel: string;
  referenceId?: string;
  setName?: string;
  /** The effect after parameters and overrides, lower-cased (`deny`, `modify`, `audit`, ...). */
  effect: Known<string>;
  /** Whether the policy stops the request. */
  blocks: Tri;
  /** For Modify / Append: whether it changes the request. */
  modifies: Tri;
  /** Why it does not apply, or why the answer is unknown. */
  reasons: string[];
  /** The exemptions that matched (applied or expired). */
  exemptions: ExemptionMatch[];
  /** The rule tests tags. */
  inspectsTags: boolean;
  /** What the rule demands of tags (for messages). */
  requiredTags: TagRequirement[];
}

export interface TargetEvaluation {
  /** The request as Deny policies see it: after Modify and Append. */
  target: PolicyTarget;
  verdicts: PolicyVerdict[];
  /** Policies that certainly stop the request. */
  blocking: PolicyVerdict[];
  /** Policies that may stop it: the answer depends on something unknown. */
  uncertain: PolicyVerdict[];
  /** Tags Modify/Append policies add or change, by tag name. */
  modifiedTags: Record<string, Known<string> | null>;
}

const BLOCKING_ON_WRITE = new Set(["deny"]);
const CHANGING_ON_WRITE = new Set(["modify", "append"]);

function expressionScope(instance: PolicyInstance, target: PolicyTarget): ExpressionScope {
  const sub = target.subscriptionId;
  return {
    parameter: (name) => instance.parameter(name),
    field: (path) => fieldForExpression(path, target),
    resourceGroup: () => {
      const g = target.containerGroup;
      if (!g) throw new Unevaluable(`resourceGroup() has no value for the ${target.description}`);
      return { name: g.name, location: g.location, tags: g.tags, id: g.id };
    },
    subscription: () => ({
      subscriptionId: sub,
      id: isUnknown(sub) ? sub : `/subscriptions/${sub}`,
      tags: { ...UNKNOWN, reason: "subscription tags are not in the model" },
      displayName: { ...UNKNOWN, reason: "the subscription name is not in the model" },
    }),
  };
}

function keyOf(obj: unknown, name: string): string | undefined {
  if (obj === null || typeof obj !== "object") return undefined;
  const lowered = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lowered);
}

function get(obj: unknown, name: string): unknown {
  const k = keyOf(obj, name);
  return k === undefined ? undefined : (obj as Record<string, unknown>)[k];
}

function decide(parts: { value: Tri; reason?: string }[], reasons: string[]): Tri {
  for (const p of parts) if (p.value !== true && p.reason) reasons.push(p.reason);
  return triAnd(...parts.map((p) => p.value));
}

// ---------------------------------------------------------------------------------------------------------------
// Applicability: scope, notScopes, resource selectors, enforcement, exemptions, mode

function scopeApplies(model: Model, a: PolicyAssignment, target: PolicyTarget): { value: Tri; reason?: string } {
  const scope = assignmentScopeOf(a);
  if (isUnknown(scope)) return { value: "unknown", reason: "the assignment scope is not known before deployment" };
  if (!scope) return { value: "unknown", reason: "the assignment has no scope" };
  const inScope = scopeContains(model, scope, target);
  if (inScope.value !== true) return { value: inScope.value, reason: inScope.reason ?? `the ${target.description} is outside the assignment scope ${scope}` };
  if (isUnknown(a.notScopes)) return { value: "unknown", reason: "the assignment's notScopes are not known before deployment" };
  for (const ns of a.notScopes ?? []) {
    if (isUnknown(ns)) return { value: "unknown", reason: "a notScopes entry is not known before deployment" };
    const excluded = scopeContains(model, ns, target);
    if (excluded.value === true) return { value: false, reason: `the ${target.description} is excluded by notScopes ${ns}` };
    if (excluded.value === "unknown") return { value: "unknown", reason: excluded.reason ?? `notScopes ${ns} may exclude it` };
  }
  if (isUnknown(a.resourceSelectors)) return { value: "unknown", reason: "the assignment's resource selectors are not known before deployment" };
  if (a.resourceSelectors && a.resourceSelectors.length > 0) return { value: "unknown", reason: "the assignment has resource selectors, which backupguard does not evaluate" };
  return { value: true };
}

function enforced(a: PolicyAssignment): { value: Tri; reason?: string } {
  if (isUnknown(a.enforcementMode)) return { value: "unknown", reason: "the enforcement mode is not known before deployment" };
  if (a.enforcementMode?.toLowerCase() === "donotenforce") return { value: false, reason: "the assignment's enforcementMode is DoNotEnforce: its effect is not applied to requests" };
  return { value: true };
}

function modeApplies(def: DefinitionData | undefined, target: PolicyTarget): { value: Tri; reason?: string } {
  if (!def) return { value: "unknown" };
  if (isUnknown(def.mode)) return { value: "unknown", reason: "the definition mode is not known before deployment" };
  // Azure stores a definition without a mode as Indexed.
  const mode = (def.mode ?? "Indexed").toLowerCase();
  if (mode === "all") return { value: true };
  if (mode === "indexed") {
    const type = target.type.toLowerCase();
    if (type === "microsoft.resources/subscriptions/resourcegroups" || type === "microsoft.resources/subscriptions") {
      return { value: false, reason: `mode Indexed does not evaluate ${type === "microsoft.resources/subscriptions" ? "subscriptions" : "resource groups"}` };
    }
    return { value: true };
  }
  return { value: false, reason: `mode ${def.mode} evaluates resource-provider data, not ARM requests` };
}

function exemptionAssignmentMatches(e: PolicyExemption, a: PolicyAssignment): Tri {
  if (e.policyAssignmentUrn && a.ref.urn) return e.policyAssignmentUrn === a.ref.urn;
  if (isUnknown(e.policyAssignmentId)) return "unknown";
  const id = assignmentIdOf(a);
  if (isUnknown(id)) return "unknown";
  return sameId(e.policyAssignmentId, id);
}

function exemptionScopeOf(e: PolicyExemption): Known<string | undefined> {
  if (isUnknown(e.scope) || e.scope) return e.scope;
  return scopeOfAuthorizationId(e.ref.id, "policyExemptions");
}

function exempted(model: Model, instance: PolicyInstance, target: PolicyTarget, now: Date, matches: ExemptionMatch[]): { value: Tri; reason?: string } {
  const results: { value: Tri; reason?: string }[] = [];
  for (const e of model.policyExemptions) {
    const forAssignment = exemptionAssignmentMatches(e, instance.assignment);
    if (forAssignment === false) continue;
    const name = e.ref.name;
    const scope = exemptionScopeOf(e);
    const parts: { value: Tri; reason?: string }[] = [];
    if (forAssignment === "unknown") parts.push({ value: "unknown", reason: `exemption "${name}" names an assignment that is not known before deployment` });
    if (isUnknown(scope) || !scope) parts.push({ value: "unknown", reason: `the scope of exemption "${name}" is not known` });
    else {
      const inside = scopeContains(model, scope, target);
      parts.push({ value: inside.value, reason: inside.value === "unknown" ? inside.reason : undefined });
    }
    const refs = e.policyDefinitionReferenceIds;
    if (isUnknown(refs)) parts.push({ value: "unknown", reason: `the policyDefinitionReferenceIds of exemption "${name}" are not known` });
    else if (refs && refs.length > 0 && instance.referenceId !== undefined) {
      const listed = refs.some((r) => isUnknown(r) || r.toLowerCase() === instance.referenceId!.toLowerCase());
      const uncertain = refs.some((r) => isUnknown(r)) && !refs.some((r) => !isUnknown(r) && r.toLowerCase() === instance.referenceId!.toLowerCase());
      parts.push({ value: uncertain ? "unknown" : listed, reason: uncertain ? `exemption "${name}" may not cover ${instance.referenceId}` : undefined });
    }
    if (isUnknown(e.resourceSelectors)) parts.push({ value: "unknown", reason: `the resource selectors of exemption "${name}" are not known` });
    else if (e.resourceSelectors && e.resourceSelectors.length > 0) parts.push({ value: "unknown", reason: `exemption "${name}" has resource selectors, which backupguard does not evaluate` });
    let expired = false;
    const expires = e.expiresOn;
    if (isUnknown(expires)) parts.push({ value: "unknown", reason: `the expiry of exemption "${name}" is not known` });
    else if (expires) {
      const t = Date.parse(expires);
      if (Number.isNaN(t)) parts.push({ value: "unknown", reason: `exemption "${name}" has an unreadable expiresOn "${expires}"` });
      else if (now.getTime() >= t) {
        expired = true;
        parts.push({ value: false });
      }
    }
    const applies = triAnd(...parts.map((p) => p.value));
    if (applies === false && !expired) continue;
    const match: ExemptionMatch = { name, expired };
    if (!isUnknown(e.exemptionCategory) && e.exemptionCategory) match.category = e.exemptionCategory;
    if (!isUnknown(expires) && expires) match.expiresOn = expires;
    matches.push(match);
    if (expired) continue;
    const reasons = parts.filter((p) => p.value === "unknown" && p.reason).map((p) => p.reason!);
    results.push({ value: applies, reason: applies === true ? `exempted by "${name}" (${match.category ?? "exemption"})` : reasons.join("; ") });
  }
  const value = triOr(...results.map((r) => r.value));
  const reason = results.find((r) => r.value === value)?.reason;
  return reason ? { value, reason } : { value };
}

// ---------------------------------------------------------------------------------------------------------------
// Effect and condition

function resolveEffect(instance: PolicyInstance, scope: ExpressionScope): { effect: Known<string>; reason?: string } {
  const def = instance.definition;
  if (!def) return { effect: { ...UNKNOWN, reason: instance.unresolved ?? "definition not found" }, reason: instance.unresolved };
  if (def.nonBlockingEffect) return { effect: def.nonBlockingEffect.toLowerCase() };
  if (isUnknown(def.policyRule)) return { effect: def.policyRule, reason: "the policy rule is not known before deployment" };
  let effect: Known<string>;
  try {
    const raw = evaluateValue(get(get(def.policyRule, "then"), "effect"), scope);
    if (isUnknown(raw)) return { effect: raw, reason: `the effect is not known (${raw.reason ?? "unknown"})` };
    if (typeof raw !== "string") return { effect: { ...UNKNOWN, reason: "the effect is not a string" }, reason: "the effect is not a string" };
    effect = raw.toLowerCase();
  } catch (e) {
    if (!(e instanceof Unevaluable)) throw e;
    return { effect: { ...UNKNOWN, reason: e.message }, reason: `the effect cannot be resolved: ${e.message}` };
  }
  const overrides = instance.assignment.overrides;
  if (isUnknown(overrides)) return { effect: { ...UNKNOWN, reason: "overrides unknown" }, reason: "the assignment's overrides are not known before deployment" };
  for (const o of overrides ?? []) {
    if (String(get(o, "kind") ?? "").toLowerCase() !== "policyeffect") continue;
    const selectors = get(o, "selectors");
    let selected: Tri = true;
    if (Array.isArray(selectors)) {
      for (const s of selectors) {
        const kind = String(get(s, "kind") ?? "").toLowerCase();
        if (kind !== "policydefinitionreferenceid") return { effect: { ...UNKNOWN, reason: "override selector" }, reason: `an override selects by ${kind}, which backupguard does not evaluate` };
        const ref = instance.referenceId?.toLowerCase();
        const inList = get(s, "in");
        const notInList = get(s, "notIn");
        if (Array.isArray(inList)) selected = triAnd(selected, ref !== undefined && inList.some((x) => String(x).toLowerCase() === ref));
        if (Array.isArray(notInList)) selected = triAnd(selected, ref === undefined || !notInList.some((x) => String(x).toLowerCase() === ref));
      }
    }
    const value = get(o, "value");
    if (selected === true && typeof value === "string") effect = value.toLowerCase();
  }
  return { effect };
}

// ---------------------------------------------------------------------------------------------------------------
// Modify / Append: how the request changes before Deny policies see it

function setTag(tags: Tags, name: string, value: Known<string> | null): void {
  for (const k of Object.keys(tags)) if (k.toLowerCase() === name.toLowerCase()) delete tags[k];
  if (value !== null) tags[name] = value;
}

function hasTag(tags: Tags, name: string): boolean {
  return Object.keys(tags).some((k) => k.toLowerCase() === name.toLowerCase());
}

function asTagValue(v: unknown): Known<string> {
  if (isUnknown(v)) return v;
  return typeof v === "string" ? v : JSON.stringify(v);
}

interface Change {
  tag?: string;
  operation: "add" | "addOrReplace" | "remove";
  value: Known<string> | null;
  certain: boolean;
}

/** The tag changes a Modify / Append policy makes, or "all" when it may touch tags we cannot name. */
function changesOf(instance: PolicyInstance, scope: ExpressionScope, effect: string): Change[] | "all" {
  const details = get(get(instance.definition?.policyRule, "then"), "details");
  const out: Change[] = [];
  try {
    if (effect === "modify") {
      const ops = get(details, "operations");
      if (!Array.isArray(ops)) return "all";
      for (const op of ops) {
        const field = evaluateValue(get(op, "field"), scope);
        if (isUnknown(field) || typeof field !== "string") return "all";
        const tag = tagNameOf(field);
        if (tag === undefined) continue; // not a tag: Deny policies on tags are unaffected
        const operation = String(get(op, "operation") ?? "").toLowerCase();
        let certain = true;
        const condition = get(op, "condition");
        if (condition !== undefined) {
          const c = evaluateValue(condition, scope);
          if (isUnknown(c)) certain = false;
          else if (c === false || String(c).toLowerCase() === "false") continue;
        }
        if (operation === "remove") out.push({ tag, operation: "remove", value: null, certain });
        else out.push({ tag, operation: operation === "add" ? "add" : "addOrReplace", value: asTagValue(evaluateValue(get(op, "value"), scope)), certain });
      }
    } else {
      const list = Array.isArray(details) ? details : [details];
      for (const d of list) {
        const field = evaluateValue(get(d, "field"), scope);
        if (isUnknown(field) || typeof field !== "string") return "all";
        const value = evaluateValue(get(d, "value"), scope);
        if (field.toLowerCase() === "tags") {
          if (isUnknown(value) || value === null || typeof value !== "object") return "all";
          for (const [k, v] of Object.entries(value)) out.push({ tag: k, operation: "addOrReplace", value: asTagValue(v), certain: true });
          continue;
        }
        const tag = tagNameOf(field);
        if (tag !== undefined) out.push({ tag, operation: "addOrReplace", value: asTagValue(value), certain: true });
      }
    }
  } catch (e) {
    if (!(e instanceof Unevaluable)) throw e;
    return "all";
  }
  return out;
}

function applyChanges(target: PolicyTarget, changes: Change[] | "all", definite: boolean, modified: Record<string, Known<string> | null>, why: string): PolicyTarget {
  if (isUnknown(target.tags)) return target;
  if (changes === "all") return { ...target, tags: { ...UNKNOWN, reason: why } };
  const tags: Tags = { ...target.tags };
  const uncertain = new Set(target.uncertainTags ?? []);
  for (const c of changes) {
    if (!c.tag) continue;
    const lowered = c.tag.toLowerCase();
    if (definite && c.certain) {
      if (c.operation === "add" && hasTag(tags, c.tag)) continue;
      setTag(tags, c.tag, c.value);
      modified[c.tag] = c.value;
      uncertain.delete(lowered);
    } else {
      // It may or may not happen: the tag's presence and value are both open.
      if (c.value !== null) setTag(tags, c.tag, { ...UNKNOWN, reason: why });
      uncertain.add(lowered);
    }
  }
  const out: PolicyTarget = { ...target, tags };
  if (uncertain.size > 0) out.uncertainTags = [...uncertain];
  else delete out.uncertainTags;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

function labelOf(instance: PolicyInstance): string {
  return instance.definition?.displayName ?? (typeof instance.assignment.policyDefinitionId === "string" ? instance.assignment.policyDefinitionId : "an unknown definition");
}

function judge(model: Model, instance: PolicyInstance, target: PolicyTarget, options: EvaluateOptions, phase: "change" | "block"): PolicyVerdict {
  const a = instance.assignment;
  const reasons: string[] = [];
  const exemptions: ExemptionMatch[] = [];
  const scope = expressionScope(instance, target);
  const verdict: PolicyVerdict = {
    assignment: a,
    assignmentName: assignmentLabel(a),
    definitionLabel: labelOf(instance),
    effect: { ...UNKNOWN, reason: "not evaluated" },
    blocks: false,
    modifies: false,
    reasons,
    exemptions,
    inspectsTags: false,
    requiredTags: [],
  };
  if (instance.definition) verdict.definition = instance.definition;
  if (instance.referenceId !== undefined) verdict.referenceId = instance.referenceId;
  if (instance.setName !== undefined) verdict.setName = instance.setName;
  if (instance.definition && !instance.definition.nonBlockingEffect && !isUnknown(instance.definition.policyRule)) {
    const rule = instance.definition.policyRule;
    // A field name we could not evaluate still counts when its expression builds a tags[...] reference.
    verdict.inspectsTags = fieldsReferenced(get(rule, "if"), scope).some((f) => /^tags\b/i.test(f.trim()) || (f.startsWith("[") && /'tags[[.]/i.test(f)));
    verdict.requiredTags = tagRequirements(rule, scope);
  } else if (!instance.definition) {
    reasons.push(instance.unresolved ?? "the definition is not known");
  }

  const applies = decide(
    [scopeApplies(model, a, target), triNotDecision(exempted(model, instance, target, options.now, exemptions)), modeApplies(instance.definition, target)],
    reasons,
  );
  if (applies === false) return verdict;

  const { effect, reason: effectReason } = resolveEffect(instance, scope);
  verdict.effect = effect;
  if (effectReason) reasons.push(effectReason);
  const action = options.action ?? "write";
  let relevant: Tri;
  if (isUnknown(effect)) relevant = "unknown";
  else if (phase === "change") relevant = action === "write" && CHANGING_ON_WRITE.has(effect);
  else if (action === "write") relevant = BLOCKING_ON_WRITE.has(effect);
  else relevant = effect === "denyaction" && deniesDelete(instance);
  if (relevant === false) return verdict;

  const enforcement = enforced(a);
  const unknowns: string[] = [];
  const matched = instance.definition ? evaluateCondition(get(instance.definition.policyRule, "if"), { target, scope, unknowns }) : "unknown";
  const outcome = decide([enforcement, { value: matched, reason: unknowns.length ? `the rule's condition cannot be decided: ${[...new Set(unknowns)].join("; ")}` : undefined }], reasons);
  const result = triAnd(applies, relevant, outcome);
  if (matched === false) reasons.push(`the ${target.description} does not match the rule`);
  if (phase === "change") verdict.modifies = result;
  else verdict.blocks = result;
  return verdict;
}

function triNotDecision(d: { value: Tri; reason?: string }): { value: Tri; reason?: string } {
  const out: { value: Tri; reason?: string } = { value: triNot(d.value) };
  if (d.reason) out.reason = d.reason;
  return out;
}

function deniesDelete(instance: PolicyInstance): Tri {
  const names = get(get(get(instance.definition?.policyRule, "then"), "details"), "actionNames");
  if (!Array.isArray(names)) return "unknown";
  return names.some((n) => String(n).toLowerCase() === "delete");
}

/** Resolving definitions is the costly part: done once per model (rules evaluate many targets against one model). */
const instanceCache = new WeakMap<Model, { assignments: PolicyAssignment[]; count: number; instances: PolicyInstance[] }>();

function allInstances(model: Model): PolicyInstance[] {
  const cached = instanceCache.get(model);
  if (cached && cached.assignments === model.policyAssignments && cached.count === model.policyAssignments.length) return cached.instances;
  const instances = model.policyAssignments.flatMap((a) => instancesOf(model, a));
  instanceCache.set(model, { assignments: model.policyAssignments, count: model.policyAssignments.length, instances });
  return instances;
}

/** Evaluates every assignment in the model against the target. */
export function evaluatePolicies(model: Model, target: PolicyTarget, options: EvaluateOptions): TargetEvaluation {
  const instances = allInstances(model);
  const modifiedTags: Record<string, Known<string> | null> = {};
  let current = target;
  const changeVerdicts: PolicyVerdict[] = [];
  if ((options.action ?? "write") === "write") {
    for (const instance of instances) {
      const v = judge(model, instance, target, options, "change");
      if (v.modifies === false) continue;
      changeVerdicts.push(v);
      const effect = isUnknown(v.effect) ? undefined : v.effect;
      const changes = effect ? changesOf(instance, expressionScope(instance, target), effect) : "all";
      const why = `${v.effect && !isUnknown(v.effect) ? v.effect : "a"} policy "${v.definitionLabel}" (assignment "${v.assignmentName}") may change the tags`;
      current = applyChanges(current, changes, v.modifies === true, modifiedTags, why);
    }
  }
  const verdicts = instances.map((instance) => judge(model, instance, current, options, "block"));
  return {
    target: current,
    verdicts: [...verdicts, ...changeVerdicts],
    blocking: verdicts.filter((v) => v.blocks === true),
    uncertain: verdicts.filter((v) => v.blocks === "unknown"),
    modifiedTags,
  };
}

/** A short, human description of an assignment's scope, for messages. */
export function describeScope(scope: Known<string | undefined>): string {
  if (isUnknown(scope) || !scope) return "an unknown scope";
  const p = parseScope(scope);
  switch (p.kind) {
    case "tenant":
      return "the tenant";
    case "managementGroup":
      return `management group ${p.name}`;
    case "subscription":
      return `subscription ${p.subscriptionId}`;
    case "resourceGroup":
      return `resource group ${p.resourceGroup}`;
    case "resource":
      return p.id;
  }
}

/**
 * Whether an assignment covers a target at all: scope, notScopes, resource selectors and exemptions of the whole
 * assignment. (For deciding where a DeployIfNotExists assignment will deploy.)
 */
export function assignmentCovers(model: Model, assignment: PolicyAssignment, target: PolicyTarget, now: Date): { value: Tri; reasons: string[] } {
  const reasons: string[] = [];
  const instance: PolicyInstance = {
    assignment,
    parameter: (name) => {
      throw new Unevaluable(`parameter ${name} is not needed here`);
    },
  };
  const value = decide([scopeApplies(model, assignment, target), triNotDecision(exempted(model, instance, target, now, []))], reasons);
  return { value, reasons };
}
