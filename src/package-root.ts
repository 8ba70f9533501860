import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

let cached: string | undefined;

/**
 * The package root (the folder with backupguard's package.json), found by walking up from this module: the same answer
 * from src/ under vitest and from dist/src/ after a build, so data files (kb/, checks/**.md) resolve in both.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "backupguard") return (cached = dir);
      } catch {
        // not ours: keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`backupguard's package.json not found above ${__dirname}`);
    dir = parent;
  }
}
