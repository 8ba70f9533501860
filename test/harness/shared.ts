import { existsSync } from "node:fs";
import { join } from "node:path";

export const repoRoot = join(__dirname, "..", "..");

/** The shared/ folder that sits beside the project (CI puts it at <repo>/../shared). */
export function sharedDir(): string {
  const candidates = [process.env.BACKUPGUARD_SHARED, join(repoRoot, "..", "shared"), join(repoRoot, "..", "..", "shared")];
  for (const c of candidates) if (c && existsSync(join(c, "design", "contract.md"))) return c;
  throw new Error(`shared/ not found beside the project (tried ${candidates.filter(Boolean).join(", ")}); set BACKUPGUARD_SHARED`);
}

export function sharedPath(...parts: string[]): string {
  return join(sharedDir(), ...parts);
}
