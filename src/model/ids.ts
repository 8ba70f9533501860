/** Azure resource ID helpers. Azure compares resource IDs case-insensitively, and so do we. */
import { isUnknown, type Known } from "./unknown.js";

export function normalizeId(id: string): string {
  return id.trim().replace(/\/+$/, "").toLowerCase();
}

export function sameId(a: Known<string | undefined>, b: Known<string | undefined>): boolean {
  if (a === undefined || b === undefined || isUnknown(a) || isUnknown(b)) return false;
  return normalizeId(a) === normalizeId(b);
}

export function sameName(a: Known<string | undefined>, b: Known<string | undefined>): boolean {
  if (a === undefined || b === undefined || isUnknown(a) || isUnknown(b)) return false;
  return a.toLowerCase() === b.toLowerCase();
}

export interface ParsedArmId {
  subscriptionId?: string;
  resourceGroup?: string;
  managementGroup?: string;
  /** Provider namespace of the innermost resource, e.g. Microsoft.RecoveryServices */
  provider?: string;
  /** Type/name pairs after the provider: [["vaults","v1"],["backupPolicies","p1"]] */
  segments: [string, string][];
  /** Name of the innermost resource. */
  name?: string;
}

/** Parses `/subscriptions/s/resourceGroups/rg/providers/NS/type/name[/subtype/subname...]`. Tolerant of case. */
export function parseArmId(id: string): ParsedArmId {
  const parts = id.split("/").filter((p) => p.length > 0);
  const out: ParsedArmId = { segments: [] };
  let i = 0;
  while (i < parts.length) {
    const key = parts[i]!.toLowerCase();
    const value = parts[i + 1];
    if (key === "subscriptions" && value !== undefined && out.provider === undefined) {
      out.subscriptionId = value;
      i += 2;
    } else if (key === "resourcegroups" && value !== undefined && out.provider === undefined) {
      out.resourceGroup = value;
      i += 2;
    } else if (key === "providers" && value !== undefined) {
      if (value.toLowerCase() === "microsoft.management" && parts[i + 2]?.toLowerCase() === "managementgroups") {
        out.managementGroup = parts[i + 3];
        i += 4;
        continue;
      }
      out.provider = value;
      i += 2;
    } else if (value !== undefined) {
      out.segments.push([parts[i]!, value]);
      i += 2;
    } else {
      i += 1;
    }
  }
  out.name = out.segments.at(-1)?.[1] ?? out.resourceGroup ?? out.subscriptionId;
  return out;
}

/** The value after a given type segment (case-insensitive), e.g. segmentValue(id, "vaults"). */
export function segmentValue(id: Known<string | undefined>, type: string): string | undefined {
  if (id === undefined || isUnknown(id)) return undefined;
  const t = type.toLowerCase();
  const parts = id.split("/");
  for (let i = 0; i < parts.length - 1; i++) if (parts[i]!.toLowerCase() === t) return parts[i + 1];
  return undefined;
}
