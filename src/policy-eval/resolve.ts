/**
 * From an assignment to the policy definitions it enforces, with their parameter values: a plain definition, or
 * every member of an initiative (policy set) with the set's parameters passed down. Definitions come from the model,
 * else from the embedded built-ins; anything else is unresolved (the verdict is then unknown, never a pass).
 */
import { normalizeId, sameId } from "../model/ids.js";
import type { Model, PolicyAssignment, PolicyDefinition, PolicySetDefinition } from "../model/types.js";
import { isUnknown, type Known } from "../model/unknown.js";
import { builtinDefinition, builtinGuid, NON_BLOCKING_EFFECTS, parameterGatedSet, REQUEST_CHANGING_EFFECTS, showCommandFor } from "./builtins.js";
import { evaluateValue, Unevaluable } from "./expressions.js";
import { scopeOfAuthorizationId } from "./scope.js";
import type { DefinitionData } from "./types.js";

/** One definition an assignment enforces (an initiative yields one per member). */
export interface PolicyInstance {
  assignment: PolicyAssignment;
  /** Undefined when the definition could not be found: see `unresolved`. */
  definition?: DefinitionData;
  unresolved?: string;
  /** The member's `policyDefinitionReferenceId` inside an initiative. */
  referenceId?: string;
  /** The initiative, for messages. */
  setName?: string;
  /** The value of a parameter (throws `Unevaluable` when it has none). */
  parameter(name: string): unknown;
}

function lookupIn(values: Record<string, unknown>, name: string): { found: boolean; value?: unknown } {
  const lowered = name.toLowerCase();
  for (const [k, v] of Object.entries(values)) if (k.toLowerCase() === lowered) return { found: true, value: v };
  return { found: false };
}

/** Parameter lookup: given values first, then the declared `defaultValue`. */
function parameterLookup(
  given: Known<Record<string, unknown> | undefined>,
  declared: Known<Record<string, unknown> | undefined>,
  label: string,
): (name: string) => unknown {
  return (name) => {
    if (isUnknown(given)) return given;
    const hit = lookupIn(given ?? {}, name);
    if (hit.found) {
      if (hit.value instanceof Unevaluable) throw hit.value;
      return hit.value;
    }
    if (isUnknown(declared)) return declared;
    const decl = lookupIn(declared ?? {}, name);
    if (decl.found && decl.value && typeof decl.value === "object" && "defaultValue" in decl.value) return (decl.value as { defaultValue: unknown }).defaultValue;
    throw new Unevaluable(`parameter "${name}" of ${label} has no value and no default`);
  };
}

/** ARM wraps parameter values as `{ name: { value } }`; the model may hold them unwrapped. */
function unwrap(v: unknown): unknown {
  if (v && typeof v === "object" && !Array.isArray(v) && !isUnknown(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0]!.toLowerCase() === "value") return (v as Record<string, unknown>)[keys[0]!];
  }
  return v;
}

function fromModel(d: PolicyDefinition): DefinitionData {
  const id = isUnknown(d.definitionId) ? d.ref.id : d.definitionId ?? d.ref.id;
  const display = isUnknown(d.displayName) ? undefined : d.displayName;
  const out: DefinitionData = {
    displayName: display ?? d.ref.name,
    mode: d.mode,
    policyRule: d.policyRule,
    parameters: d.parameters,
    builtIn: !isUnknown(d.policyType) && d.policyType?.toLowerCase() === "builtin",
  };
  if (id) out.id = id;
  return out;
}

type Found =
  | { kind: "definition"; definition: DefinitionData }
  | { kind: "set"; set: PolicySetDefinition }
  | { kind: "gatedSet"; id: string; guid: string; displayName: string }
  | { kind: "unresolved"; reason: string };

/** "pass the output of `az policy definition show --name <guid>` with --arm": how to resolve an unknown. */
export function resolveAdvice(id: string): string {
  return `pass the output of \`${showCommandFor(id)}\` with --arm so backupguard can read its rule`;
}

function matchesId(candidateIds: Known<string | undefined>[], id: string): boolean {
  return candidateIds.some((c) => sameId(c, id));
}

/** Finds a definition or initiative by id (or Pulumi URN) in the model, else among the embedded built-ins. */
export function findDefinition(model: Model, id: Known<string | undefined>, urn?: string): Found {
  if (urn) {
    const d = model.policyDefinitions.find((x) => x.ref.urn === urn);
    if (d) return { kind: "definition", definition: fromModel(d) };
    const s = model.policySetDefinitions.find((x) => x.ref.urn === urn);
    if (s) return { kind: "set", set: s };
  }
  if (isUnknown(id)) return { kind: "unresolved", reason: "the policy definition id is not known before deployment" };
  if (!id) return { kind: "unresolved", reason: "the assignment names no policy definition" };
  const d = model.policyDefinitions.find((x) => matchesId([x.definitionId, x.ref.id], id));
  if (d) return { kind: "definition", definition: fromModel(d) };
  const s = model.policySetDefinitions.find((x) => matchesId([x.definitionId, x.ref.id], id));
  if (s) return { kind: "set", set: s };
  const builtin = builtinDefinition(id);
  if (builtin) return { kind: "definition", definition: builtin };
  const gated = parameterGatedSet(id);
  if (gated) return { kind: "gatedSet", id, guid: gated.guid, displayName: gated.displayName };
  if (builtinGuid(id)) return { kind: "unresolved", reason: `built-in definition ${id} is not one backupguard carries: ${resolveAdvice(id)}` };
  if (normalizeId(id).includes("/policysetdefinitions/")) return { kind: "unresolved", reason: `initiative ${id} is not in the model: ${resolveAdvice(id)}` };
  return { kind: "unresolved", reason: `policy definition ${id} is not in the model: ${resolveAdvice(id)}` };
}

/** The id Azure gives the assignment: its own id, else `<scope>/providers/Microsoft.Authorization/policyAssignments/<name>`. */
export function assignmentIdOf(a: PolicyAssignment): Known<string | undefined> {
  if (a.ref.id) return a.ref.id;
  if (isUnknown(a.scope) || isUnknown(a.assignmentName) || !a.scope) return isUnknown(a.scope) ? a.scope : undefined;
  const scope = a.scope.replace(/\/+$/, "");
  return `${scope === "/" ? "" : scope}/providers/Microsoft.Authorization/policyAssignments/${a.assignmentName}`;
}

/** The assignment's scope: `scope`, else derived from its id. */
export function assignmentScopeOf(a: PolicyAssignment): Known<string | undefined> {
  if (isUnknown(a.scope) || a.scope) return a.scope;
  return scopeOfAuthorizationId(a.ref.id, "policyAssignments");
}

export function assignmentLabel(a: PolicyAssignment): string {
  return isUnknown(a.assignmentName) ? a.ref.name : a.assignmentName;
}

/** Every definition an assignment enforces, with parameters resolved. */
export function instancesOf(model: Model, a: PolicyAssignment): PolicyInstance[] {
  const label = `assignment "${assignmentLabel(a)}"`;
  const given = a.parameters;
  const found = findDefinition(model, a.policyDefinitionId, a.policyDefinitionUrn);
  if (found.kind === "unresolved") {
    return [{ assignment: a, unresolved: found.reason, parameter: () => { throw new Unevaluable(found.reason); } }];
  }
  if (found.kind === "definition") {
    return [{ assignment: a, definition: found.definition, parameter: parameterLookup(given, found.definition.parameters, label) }];
  }
  if (found.kind === "gatedSet") return gatedSetInstances(a, found);
  const set = found.set;
  const setName = isUnknown(set.displayName) || !set.displayName ? set.ref.name : set.displayName;
  const setLookup = parameterLookup(given, set.parameters, `initiative "${setName}"`);
  if (isUnknown(set.policyDefinitions)) {
    return [{ assignment: a, setName, unresolved: `the members of initiative "${setName}" are not known before deployment`, parameter: setLookup }];
  }
  return set.policyDefinitions.map((member) => {
    const referenceId = isUnknown(member.referenceId) ? undefined : member.referenceId;
    const memberFound = findDefinition(model, member.policyDefinitionId);
    const base: Pick<PolicyInstance, "assignment" | "setName"> & { referenceId?: string } = { assignment: a, setName };
    if (referenceId !== undefined) base.referenceId = referenceId;
    if (memberFound.kind !== "definition") {
      const byEffect = memberFound.kind === "unresolved" && isBuiltinMember(member.policyDefinitionId) ? memberByEffect(member.policyDefinitionId, member.parameters, setLookup) : undefined;
      if (byEffect && "definition" in byEffect) return { ...base, definition: byEffect.definition, parameter: () => { throw new Unevaluable("not needed"); } };
      const reason = memberFound.kind === "set" ? "an initiative cannot contain another initiative" : byEffect?.reason ?? (memberFound.kind === "unresolved" ? memberFound.reason : "unresolved");
      return { ...base, unresolved: reason, parameter: () => { throw new Unevaluable(reason); } };
    }
    // The member's parameter values are expressions over the initiative's parameters.
    let memberValues: Known<Record<string, unknown>>;
    if (isUnknown(member.parameters)) {
      memberValues = member.parameters;
    } else {
      const values: Record<string, unknown> = {};
      for (const [name, raw] of Object.entries(member.parameters ?? {})) {
        try {
          values[name] = evaluateValue(unwrap(raw), { parameter: setLookup });
        } catch (e) {
          if (!(e instanceof Unevaluable)) throw e;
          values[name] = e;
        }
      }
      memberValues = values;
    }
    return {
      ...base,
      definition: memberFound.definition,
      parameter: parameterLookup(memberValues, memberFound.definition.parameters, `${label} (${referenceId ?? memberFound.definition.displayName})`),
    };
  });
}

function isBuiltinMember(id: Known<string | undefined>): id is string {
  if (id === undefined) return false;
  return !isUnknown(id) && builtinGuid(id) !== undefined;
}

/**
 * A built-in member whose rule is not carried, judged by the effect the initiative gives it: built-in definitions take
 * their effect from a parameter named `effect` (the Azure/azure-policy convention), and Azure only accepts a value
 * from that parameter's allowed values. An audit-family value (Audit, AuditIfNotExists, DeployIfNotExists, Disabled,
 * Manual) can never deny or change a request; anything else needs the member's rule.
 */
function memberByEffect(id: string, given: Known<Record<string, unknown> | undefined>, setLookup: (name: string) => unknown): { definition: DefinitionData } | { reason: string } {
  const advice = resolveAdvice(id);
  if (isUnknown(given)) return { reason: `the parameters the initiative passes to built-in member ${id} are not known before deployment` };
  const hit = lookupIn(given ?? {}, "effect");
  if (!hit.found) return { reason: `the initiative passes no effect to built-in member ${id}, whose rule backupguard does not carry: ${advice}` };
  let effect: unknown;
  try {
    effect = evaluateValue(unwrap(hit.value), { parameter: setLookup });
  } catch (e) {
    if (!(e instanceof Unevaluable)) throw e;
    return { reason: `the effect of built-in member ${id} cannot be resolved (${e.message})` };
  }
  if (isUnknown(effect)) return { reason: `the effect of built-in member ${id} is not known before deployment` };
  if (typeof effect === "string" && NON_BLOCKING_EFFECTS.has(effect.toLowerCase())) {
    return {
      definition: { id, displayName: `built-in ${builtinGuid(id)}`, mode: "All", policyRule: { if: {}, then: { effect } }, parameters: {}, builtIn: true, nonBlockingEffect: effect },
    };
  }
  return { reason: `built-in member ${id} has effect ${String(effect)} and backupguard does not carry its rule: ${advice}` };
}

/**
 * A carried built-in initiative whose members can only deny or change a request through its effect parameters (whose
 * defaults are all audit-family): decided from the assignment's own parameter values.
 */
function gatedSetInstances(a: PolicyAssignment, set: { id: string; guid: string; displayName: string }): PolicyInstance[] {
  const setName = set.displayName;
  const noParameter = (reason: string) => () => {
    throw new Unevaluable(reason);
  };
  const given = a.parameters;
  if (isUnknown(given)) {
    const reason = `the parameters of the assignment of built-in initiative "${setName}" are not known before deployment`;
    return [{ assignment: a, setName, unresolved: reason, parameter: noParameter(reason) }];
  }
  const open: { name: string; value: string }[] = [];
  for (const [name, raw] of Object.entries(given ?? {})) {
    const value = unwrap(raw);
    if (value instanceof Unevaluable || isUnknown(value)) open.push({ name, value: "(not known before deployment)" });
    else if (typeof value === "string" && REQUEST_CHANGING_EFFECTS.has(value.toLowerCase())) open.push({ name, value });
  }
  if (open.length === 0) {
    const effect = "auditIfNotExists";
    return [{
      assignment: a,
      setName,
      definition: { id: set.id, displayName: setName, mode: "All", policyRule: { if: {}, then: { effect } }, parameters: {}, builtIn: true, nonBlockingEffect: effect },
      parameter: noParameter("not needed"),
    }];
  }
  return open.map(({ name, value }) => {
    const reason =
      `parameter "${name}" of built-in initiative "${setName}" is ${value}, so the member it feeds may deny or change this request, ` +
      `and backupguard does not carry that member's rule: pass the output of \`az policy set-definition show --name ${set.guid}\` ` +
      `and of \`az policy definition show --name <member id>\` for the member that uses "${name}" with --arm`;
    return { assignment: a, setName, unresolved: reason, parameter: noParameter(reason) };
  });
}
