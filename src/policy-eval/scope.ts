/**
 * Where a policy assignment or exemption applies: management group, subscription, resource group or resource scopes,
 * compared case-insensitively as Azure does. Management-group membership comes from the model's optional
 * `managementGroups`; without it a management-group scope is `unknown` for the target, never assumed.
 */
import { normalizeId, parseArmId, sameName } from "../model/ids.js";
import type { ManagementGroup, Model } from "../model/types.js";
import { isUnknown, type Known } from "../model/unknown.js";
import type { PolicyTarget, Tri } from "./types.js";

export type ParsedScope =
  | { kind: "tenant" }
  | { kind: "managementGroup"; name: string }
  | { kind: "subscription"; subscriptionId: string }
  | { kind: "resourceGroup"; subscriptionId: string; resourceGroup: string }
  | { kind: "resource"; subscriptionId?: string; resourceGroup?: string; id: string };

export function parseScope(scope: string): ParsedScope {
  const trimmed = scope.trim();
  if (trimmed === "/" || trimmed === "") return { kind: "tenant" };
  const withSlash = trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
  const parsed = parseArmId(withSlash);
  if (parsed.managementGroup && !parsed.subscriptionId && parsed.segments.length === 0) return { kind: "managementGroup", name: parsed.managementGroup };
  if (parsed.subscriptionId && !parsed.provider && parsed.segments.length === 0) {
    return parsed.resourceGroup
      ? { kind: "resourceGroup", subscriptionId: parsed.subscriptionId, resourceGroup: parsed.resourceGroup }
      : { kind: "subscription", subscriptionId: parsed.subscriptionId };
  }
  const out: ParsedScope = { kind: "resource", id: withSlash };
  if (parsed.subscriptionId) out.subscriptionId = parsed.subscriptionId;
  if (parsed.resourceGroup) out.resourceGroup = parsed.resourceGroup;
  return out;
}

/** The scope part of `<scope>/providers/Microsoft.Authorization/<kind>/<name>` (assignment or exemption ids). */
export function scopeOfAuthorizationId(id: string | undefined, kind: "policyAssignments" | "policyExemptions"): string | undefined {
  if (!id) return undefined;
  const marker = `/providers/microsoft.authorization/${kind.toLowerCase()}/`;
  const at = id.toLowerCase().lastIndexOf(marker);
  if (at < 0) return undefined;
  return at === 0 ? "/" : id.slice(0, at);
}

export interface ManagementGroupChain {
  /** Lower-cased names of the groups above the subscription, nearest first. */
  names: string[];
  /** True when the chain reaches the tenant root: a group not in `names` does not contain the subscription. */
  complete: boolean;
}

/** The management groups above a subscription, from the model. Unknown when the model cannot place it. */
export function managementGroupsAbove(model: Model, subscriptionId: string): Known<ManagementGroupChain> | undefined {
  const groups = model.managementGroups;
  if (groups.length === 0) return undefined;
  let sawUnknown = false;
  let current: ManagementGroup | undefined = groups.find((g) => {
    if (isUnknown(g.subscriptionIds)) {
      sawUnknown = true;
      return false;
    }
    return (g.subscriptionIds ?? []).some((s) => !isUnknown(s) && s.toLowerCase() === subscriptionId.toLowerCase());
  });
  if (!current) return sawUnknown ? { $unknown: true, reason: "a management group's subscriptions are not known" } : undefined;
  const names: string[] = [];
  const seen = new Set<string>();
  while (current) {
    const name = current.groupName.toLowerCase();
    if (seen.has(name)) break;
    seen.add(name);
    names.push(name);
    const parent: Known<string | undefined> = current.parentName;
    if (isUnknown(parent)) return { names, complete: false };
    if (parent === undefined) return { names, complete: true };
    const next: ManagementGroup | undefined = groups.find((g) => sameName(g.groupName, parent));
    if (!next) {
      names.push(parent.toLowerCase());
      return { names, complete: false };
    }
    current = next;
  }
  return { names, complete: false };
}

export interface ScopeDecision {
  value: Tri;
  reason?: string;
}

/** Whether `scope` contains the target. */
export function scopeContains(model: Model, scope: string, target: PolicyTarget): ScopeDecision {
  const parsed = parseScope(scope);
  const sub = target.subscriptionId;
  const rg = target.resourceGroupName;
  const unknownSub = (): ScopeDecision => ({ value: "unknown", reason: `the subscription of the ${target.description} is not known` });
  switch (parsed.kind) {
    case "tenant":
      return { value: true };
    case "managementGroup": {
      if (isUnknown(sub)) return unknownSub();
      const chain = managementGroupsAbove(model, sub);
      if (chain === undefined) {
        return { value: "unknown", reason: `the model does not say whether subscription ${sub} is under management group "${parsed.name}" (add the management groups to the model)` };
      }
      if (isUnknown(chain)) return { value: "unknown", reason: chain.reason ?? "management group membership is not known" };
      if (chain.names.includes(parsed.name.toLowerCase())) return { value: true };
      if (chain.complete) return { value: false };
      return { value: "unknown", reason: `the management-group chain of subscription ${sub} is incomplete in the model` };
    }
    case "subscription":
      if (isUnknown(sub)) return unknownSub();
      return { value: sub.toLowerCase() === parsed.subscriptionId.toLowerCase() };
    case "resourceGroup": {
      if (isUnknown(sub)) return unknownSub();
      if (sub.toLowerCase() !== parsed.subscriptionId.toLowerCase()) return { value: false };
      if (isUnknown(rg)) return { value: "unknown", reason: `the resource group of the ${target.description} is not known` };
      return { value: rg !== undefined && rg.toLowerCase() === parsed.resourceGroup.toLowerCase() };
    }
    case "resource": {
      if (parsed.subscriptionId && !isUnknown(sub) && sub.toLowerCase() !== parsed.subscriptionId.toLowerCase()) return { value: false };
      if (parsed.resourceGroup && !isUnknown(rg) && rg !== undefined && rg.toLowerCase() !== parsed.resourceGroup.toLowerCase()) return { value: false };
      if (isUnknown(target.id)) return { value: "unknown", reason: `the id of the ${target.description} is not known` };
      const t = normalizeId(target.id);
      const s = normalizeId(parsed.id);
      return { value: t === s || t.startsWith(`${s}/`) };
    }
  }
}
