import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The package version, read from package.json (two levels up from both src/ and dist/src/). */
function readVersion(): string {
  for (const rel of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, rel), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "backupguard" && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return "0.0.0";
}

export const TOOL_NAME = "backupguard";
export const TOOL_VERSION = readVersion();
export const ISSUES_URL = "https://github.com/backupguard/backupguard/issues";
