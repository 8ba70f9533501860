import { UsageError } from "../errors.js";

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/**
 * `--since`: a duration back from now (`30m`, `12h`, `7d`, `2w`) or an ISO 8601 date-time (`2026-11-01T00:00:00Z`).
 * Returns the instant the window starts.
 */
export function sinceInstant(value: string, now: Date): Date {
  const m = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
  if (m) {
    const amount = Number(m[1]);
    if (amount <= 0) throw new UsageError(`--since ${value}: the duration must be greater than zero`);
    return new Date(now.getTime() - amount * UNIT_MS[m[2]!.toLowerCase() as keyof typeof UNIT_MS]);
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) {
      if (t > now.getTime()) throw new UsageError(`--since ${value}: the date is in the future`);
      return new Date(t);
    }
  }
  throw new UsageError(`--since ${value}: expected a duration such as 30m, 12h, 7d or 2w, or an ISO 8601 date-time`);
}
