import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { repoRoot } from "./shared.js";

/**
 * A folder of end-to-end fixtures (test/fixtures/e2e/<folder>) and a scratch directory for edited copies,
 * removed after the test file.
 */
export function e2eFixtures(folder: string) {
  const fx = (file: string) => join(repoRoot, "test", "fixtures", "e2e", folder, file);
  // Fixtures are edited in place by the tests, so they come back untyped, as JSON.parse gives them.
  const read = (file: string) => JSON.parse(readFileSync(fx(file), "utf8"));
  const dir = mkdtempSync(join(tmpdir(), `bg-e2e-${folder}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, value: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  return { fx, read, write };
}
