/**
 * Where an entity lives (subscription, resource group, vault), and narrowing a desired model to what an audit read:
 * a resource outside `--subscription/--resource-group/--vault` is not "missing" from Azure, it was not looked at.
 */
import { parseArmId } from "../model/ids.js";
import { emptyModel, type EntityCollection, type Model, type ResourceRef } from "../model/types.js";
import { isUnknown } from "../model/unknown.js";
import type { AuditScope, GapScope } from "./live.js";

export interface EntityPlace {
  subscriptionId?: string;
  resourceGroup?: string;
  vaultName?: string;
}

/** Collections that belong to a vault (narrowed by --vault). */
export const VAULT_COLLECTIONS: readonly EntityCollection[] = ["vaults", "backupPolicies", "protectedItems", "protectionIntents", "protectionContainers", "backupJobs"];
/** Collections the audit reads per resource group when --resource-group is given (the rest are read subscription-wide). */
const GROUP_COLLECTIONS: readonly EntityCollection[] = [...VAULT_COLLECTIONS, "vms", "nics", "resourceGroups"];

function knownString(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" && !isUnknown(v) ? v : undefined;
}

export function placeOf(entity: { ref: ResourceRef } & Record<string, unknown>): EntityPlace {
  const parsed = entity.ref.id ? parseArmId(entity.ref.id) : undefined;
  const vaultFromId = parsed?.provider?.toLowerCase() === "microsoft.recoveryservices" ? parsed.segments.find(([t]) => t.toLowerCase() === "vaults")?.[1] : undefined;
  const place: EntityPlace = {};
  const sub = knownString(entity.subscriptionId) ?? parsed?.subscriptionId;
  const rg = knownString(entity.resourceGroup) ?? parsed?.resourceGroup;
  const vault = knownString(entity.vaultName) ?? vaultFromId;
  if (sub) place.subscriptionId = sub;
  if (rg) place.resourceGroup = rg;
  if (vault) place.vaultName = vault;
  return place;
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** True when the audit's scope covers this entity (unknown places are kept: they may be in scope). */
function inAuditScope(collection: EntityCollection, place: EntityPlace, scope: Pick<AuditScope, "subscriptions" | "resourceGroup" | "vault">): boolean {
  if (place.subscriptionId && scope.subscriptions.length && !scope.subscriptions.some((s) => eq(s, place.subscriptionId!))) return false;
  if (scope.resourceGroup && place.resourceGroup && GROUP_COLLECTIONS.includes(collection) && !eq(scope.resourceGroup, place.resourceGroup)) return false;
  if (scope.vault && place.vaultName && VAULT_COLLECTIONS.includes(collection) && !eq(scope.vault, place.vaultName)) return false;
  return true;
}

/** The desired model without the entities the audit's scope leaves out. */
export function narrowToScope(model: Model, scope: Pick<AuditScope, "subscriptions" | "resourceGroup" | "vault">): Model {
  const out = emptyModel();
  for (const key of Object.keys(out) as (keyof Model)[]) {
    if (key === "otherResources") {
      out.otherResources.push(...model.otherResources);
      continue;
    }
    const kept = (model[key] as unknown as ({ ref: ResourceRef } & Record<string, unknown>)[]).filter((e) => inAuditScope(key, placeOf(e), scope));
    (out[key] as unknown[]).push(...kept);
  }
  return out;
}

/** True when a failed read may have left out this entity (so its absence proves nothing). */
export function gapCovers(gap: GapScope, collection: EntityCollection, place: EntityPlace): boolean {
  if (!gap.collections.includes(collection)) return false;
  if (gap.subscriptionIds && place.subscriptionId && !gap.subscriptionIds.some((s) => eq(s, place.subscriptionId!))) return false;
  if (gap.resourceGroup && place.resourceGroup && !eq(gap.resourceGroup, place.resourceGroup)) return false;
  if (gap.vaultName && place.vaultName && !eq(gap.vaultName, place.vaultName)) return false;
  return true;
}
