/**
 * A value that is not known before deployment (a Pulumi output not computed at preview, a `[secret]`).
 * Rules must treat it as unknown: never as a failure, never as a pass.
 * It is a plain object so that the model stays serialisable (JSON round-trips keep it).
 */
export interface Unknown {
  readonly $unknown: true;
  /** Why it is unknown, e.g. "computed at preview" or "secret". */
  readonly reason?: string;
}

export type Known<T> = T | Unknown;

export const UNKNOWN: Unknown = Object.freeze({ $unknown: true as const, reason: "computed at preview" });
export const SECRET: Unknown = Object.freeze({ $unknown: true as const, reason: "secret" });

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === "object" && value !== null && (value as { $unknown?: unknown }).$unknown === true;
}

/** True when the value, or anything nested inside it, is unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

/** Lower-cases a known string for case-insensitive comparison; unknown stays unknown. */
export function lower(value: Known<string | undefined>): Known<string | undefined> {
  return isUnknown(value) || value === undefined ? value : value.toLowerCase();
}
