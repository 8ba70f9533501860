/**
 * Shared pieces of the drift rules: the desired model `audit` attaches (`extras.desired`), matching a desired entity
 * to its live counterpart (Azure id, case-insensitive, else type + name + resource group / vault), the read gaps that
 * make an absence inconclusive, and a comparison that skips every value the stack does not set or does not know.
 */
import type { GapScope } from "../../src/audit/live.js";
import { gapCovers, placeOf } from "../../src/audit/scope.js";
import type { RuleContext } from "../../src/engine/types.js";
import { normalizeId } from "../../src/model/ids.js";
import type { EntityCollection, Model, ResourceRef } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";

export type Entity = { ref: ResourceRef } & Record<string, unknown>;

export function desiredModel(ctx: RuleContext): Model | undefined {
  const d = ctx.extras.desired;
  return typeof d === "object" && d !== null && Array.isArray((d as Model).vaults) ? (d as Model) : undefined;
}

function liveGaps(ctx: RuleContext): GapScope[] {
  return Array.isArray(ctx.extras.liveGaps) ? (ctx.extras.liveGaps as GapScope[]) : [];
}

/** The field that holds each collection's Azure name. */
const NAME_FIELD: Partial<Record<EntityCollection, string>> = {
  vaults: "vaultName",
  backupPolicies: "policyName",
  protectedItems: "itemName",
  nsgs: "nsgName",
  policyAssignments: "assignmentName",
};

const known = (v: unknown): string | undefined => (typeof v === "string" && v !== "" && !isUnknown(v) ? v : undefined);
const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

export function azureName(collection: EntityCollection, e: Entity): string | undefined {
  const field = NAME_FIELD[collection];
  return (field ? known(e[field]) : undefined) ?? (e.ref.id ? e.ref.id.split("/").filter(Boolean).at(-1) : undefined);
}

export type Match<T> = { kind: "found"; live: T } | { kind: "missing" } | { kind: "unidentified" } | { kind: "unread"; gap: GapScope };

/** Finds the live entity a desired one stands for. */
export function matchLive<T extends Entity>(ctx: RuleContext, collection: EntityCollection, desired: T): Match<T> {
  const live = ctx.model[collection] as unknown as T[];
  const id = desired.ref.id;
  if (id) {
    const byId = live.find((l) => l.ref.id && normalizeId(l.ref.id) === normalizeId(id));
    if (byId) return { kind: "found", live: byId };
  }
  const name = azureName(collection, desired);
  const place = placeOf(desired);
  if (name) {
    const byName = live.find((l) => {
      const lp = placeOf(l);
      if (!same(azureName(collection, l), name)) return false;
      if (place.resourceGroup && lp.resourceGroup && !same(place.resourceGroup, lp.resourceGroup)) return false;
      if (collection !== "vaults" && place.vaultName && lp.vaultName && !same(place.vaultName, lp.vaultName)) return false;
      if (collection === "policyAssignments" && !sameScope(desired.scope, l.scope)) return false;
      return true;
    });
    if (byName) return { kind: "found", live: byName };
  }
  if (!id && !name) return { kind: "unidentified" };
  const gap = liveGaps(ctx).find((g) => gapCovers(g, collection, place));
  return gap ? { kind: "unread", gap } : { kind: "missing" };
}

function sameScope(a: unknown, b: unknown): boolean {
  const x = known(a);
  const y = known(b);
  return x === undefined || y === undefined || normalizeId(x) === normalizeId(y);
}

/** The resource a drift finding is on: the stack's resource (name, URN), with the live Azure id when it lacks one. */
export function driftRef(desired: Entity, live: Entity | undefined): ResourceRef {
  return live?.ref.id && !desired.ref.id ? { ...desired.ref, id: live.ref.id } : desired.ref;
}

export interface Change {
  path: string;
  desired: unknown;
  live: unknown;
}

type Plain = string | number | boolean;

function isPlain(v: unknown): v is Plain {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function samePlain(a: Plain, b: Plain): boolean {
  return typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * Compares what the stack says with what Azure has, below `path`. Skipped: values the stack leaves out (Azure's
 * default applies) or does not know at preview, and values Azure does not report. Lists of plain values compare as
 * sets (run days, prefixes); objects compare key by key of the desired side.
 */
export function diff(desired: unknown, live: unknown, path: string, out: Change[], unknownPaths: string[] = []): Change[] {
  if (isUnknown(desired)) {
    unknownPaths.push(path);
    return out;
  }
  if (desired === undefined || desired === null) return out;
  if (live === undefined || live === null || isUnknown(live)) return out;
  if (Array.isArray(desired)) {
    if (desired.some(isUnknown)) {
      unknownPaths.push(path);
      return out;
    }
    if (!desired.every(isPlain) || !Array.isArray(live) || !live.every(isPlain)) return out;
    const norm = (xs: Plain[]) => [...new Set(xs.map((x) => (typeof x === "string" ? x.toLowerCase() : String(x))))].sort();
    const a = norm(desired);
    const b = norm(live);
    if (a.length !== b.length || a.some((x, i) => x !== b[i])) out.push({ path, desired, live });
    return out;
  }
  if (isPlain(desired)) {
    if (!isPlain(live) || !samePlain(desired, live)) out.push({ path, desired, live });
    return out;
  }
  if (typeof desired === "object") {
    if (typeof live !== "object" || Array.isArray(live)) {
      out.push({ path, desired, live });
      return out;
    }
    for (const [key, value] of Object.entries(desired as Record<string, unknown>)) {
      diff(value, (live as Record<string, unknown>)[key], path ? `${path}.${key}` : key, out, unknownPaths);
    }
  }
  return out;
}

export function describeChanges(changes: Change[]): string {
  const show = (v: unknown) => (typeof v === "string" ? `"${v}"` : JSON.stringify(v));
  return changes.map((c) => `${c.path} is ${show(c.live)} in Azure, the stack sets ${show(c.desired)}`).join("; ");
}

/** Reports drift (or passes) for each desired entity of a collection with a live match; other cases are DRIFT-001's. */
export function checkDrift<T extends Entity>(
  ctx: RuleContext,
  collection: EntityCollection,
  label: string,
  project: (e: T, model: "desired" | "live") => unknown,
): void {
  const desired = desiredModel(ctx);
  if (!desired) return;
  for (const d of desired[collection] as unknown as T[]) {
    const match = matchLive(ctx, collection, d);
    if (match.kind !== "found") continue;
    const unknownPaths: string[] = [];
    const changes = diff(project(d, "desired"), project(match.live, "live"), "", [], unknownPaths);
    const ref = driftRef(d, match.live);
    if (!changes.length && unknownPaths.length) {
      // Unknown at preview is never drift, and never a clean pass either.
      ctx.unknown({
        resource: ref,
        messageId: "notComparable",
        message: `${label} ${azureName(collection, d) ?? d.ref.name}: ${unknownPaths.join(", ")} ${unknownPaths.length === 1 ? "is" : "are"} not known in the stack, so ${unknownPaths.length === 1 ? "it" : "they"} cannot be compared with Azure.`,
        data: { paths: unknownPaths },
      });
      continue;
    }
    if (!changes.length) {
      ctx.pass(ref);
      continue;
    }
    ctx.report({
      resource: ref,
      messageId: "drifted",
      message: `${label} ${azureName(collection, d) ?? d.ref.name} has drifted: ${describeChanges(changes)}. Either re-apply the stack (pulumi up) or change the stack to what Azure has.`,
      data: { changes },
    });
  }
}

/** Time of day (HH:MM) of an ISO date-time: Azure stores schedule times on an arbitrary date. */
export function timeOfDay(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const m = /T(\d{2}:\d{2})/.exec(v) ?? /^(\d{2}:\d{2})/.exec(v);
  return m ? m[1] : v;
}

export function times(v: unknown): unknown {
  return Array.isArray(v) ? v.map((x) => (isUnknown(x) ? x : timeOfDay(x))) : v;
}
