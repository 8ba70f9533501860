/**
 * Lints the rule catalogue: a missing piece fails with the name of the file to add.
 * `npm run docs:catalog` rewrites the README's rule table from the metadata.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { rules } from "../checks/index.js";
import { AREA_PREFIX, AREAS } from "../src/engine/types.js";

const root = join(__dirname, "..");
const checksDir = join(root, "checks");

function ruleFiles(): { area: string; name: string; file: string }[] {
  const out: { area: string; name: string; file: string }[] = [];
  for (const area of readdirSync(checksDir, { withFileTypes: true })) {
    if (!area.isDirectory() || area.name.startsWith("_")) continue;
    for (const f of readdirSync(join(checksDir, area.name))) {
      if (!f.endsWith(".ts") || f === "index.ts" || f.startsWith("_") || f.endsWith(".d.ts")) continue;
      const src = readFileSync(join(checksDir, area.name, f), "utf8");
      if (!/export default defineRule\(/.test(src)) continue; // helpers shared by an area's rules
      out.push({ area: area.name, name: basename(f, ".ts"), file: `checks/${area.name}/${f}` });
    }
  }
  return out;
}

function frontMatter(text: string): Record<string, unknown> | undefined {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  return m ? (parseYaml(m[1]!) as Record<string, unknown>) : undefined;
}

export function catalogueTable(): string {
  const rows = [...rules]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => `| [${r.id}](${r.docs}) | ${r.name} | ${r.severity} | ${r.area} | ${r.prevents.map((c) => `\`${c}\``).join(", ") || "—"} |`);
  return ["| ID | Name | Severity | Area | Prevents |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

describe("rule catalogue", () => {
  const files = ruleFiles();

  it("lists every rule module in checks/index.ts, and only those", () => {
    const listed = new Set(rules.map((r) => `checks/${r.area}/${r.name}.ts`));
    const missing = files.filter((f) => !listed.has(f.file)).map((f) => f.file);
    expect(missing, "rule modules not listed in their area's index.ts").toEqual([]);
    const onDisk = new Set(files.map((f) => f.file));
    const orphans = [...listed].filter((f) => !onDisk.has(f));
    expect(orphans, "listed rules whose module file (named after the rule) is missing").toEqual([]);
  });

  it("has unique ids and names, ids matching the area prefix", () => {
    const ids = rules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), "duplicate ids").toEqual([]);
    const names = rules.map((r) => r.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i), "duplicate names").toEqual([]);
    for (const r of rules) {
      expect(AREAS).toContain(r.area);
      expect(r.id.startsWith(`${AREA_PREFIX[r.area]}-`), `${r.id} must start with ${AREA_PREFIX[r.area]}-`).toBe(true);
    }
  });

  for (const r of rules) {
    describe(`${r.id} ${r.name}`, () => {
      it("has complete metadata", () => {
        expect(r.title.trim().length, "title").toBeGreaterThan(10);
        expect(r.remediation.trim().length, "remediation").toBeGreaterThan(10);
        // Job findings report the codes Azure already returned (per finding), not codes the rule predicts.
        if (r.severity === "error" && r.area !== "jobs") expect(r.prevents.length, `${r.id} is an error: it must name the Azure error codes it prevents`).toBeGreaterThan(0);
        for (const code of r.prevents) expect(code, "error codes are single tokens as Azure spells them").toMatch(/^[A-Za-z0-9_-]+$/);
      });

      it(`has its doc ${r.docs}`, () => {
        const docPath = join(root, r.docs);
        expect(existsSync(docPath), `missing doc: add ${r.docs}`).toBe(true);
        const text = readFileSync(docPath, "utf8");
        const fm = frontMatter(text);
        expect(fm, `${r.docs} must start with YAML front matter (id, name, severity, prevents)`).toBeDefined();
        expect(fm!.id, `${r.docs} front matter id`).toBe(r.id);
        expect(fm!.name, `${r.docs} front matter name`).toBe(r.name);
        expect(fm!.severity, `${r.docs} front matter severity`).toBe(r.severity);
        expect([...((fm!.prevents as string[] | undefined) ?? [])].sort(), `${r.docs} front matter prevents`).toEqual([...r.prevents].sort());
        const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
        const required = ["Why it fails", ...(r.prevents.length ? ["Azure error"] : []), "Remediation", "Sources"];
        for (const h of required) expect(headings, `${r.docs} needs a "## ${h}" section`).toContain(h);
        expect(text, `${r.docs} cites at least one link in Sources`).toMatch(/## Sources[\s\S]*https?:\/\//);
      });

      it(`has its test test/checks/${r.area}/${r.name}.test.ts`, () => {
        const testPath = join(root, "test", "checks", r.area, `${r.name}.test.ts`);
        expect(existsSync(testPath), `missing test: add test/checks/${r.area}/${r.name}.test.ts`).toBe(true);
      });
    });
  }

  it("README rule table is current (npm run docs:catalog)", () => {
    const readmePath = join(root, "README.md");
    const readme = readFileSync(readmePath, "utf8");
    const start = "<!-- rules:start -->";
    const end = "<!-- rules:end -->";
    const fresh = `${start}\n${catalogueTable()}\n${end}`;
    const current = readme.slice(readme.indexOf(start), readme.indexOf(end) + end.length);
    if (process.env.UPDATE_CATALOG === "1") {
      writeFileSync(readmePath, readme.replace(current, fresh));
      return;
    }
    expect(current, "README rule table is stale: run `npm run docs:catalog`").toBe(fresh);
  });
});
