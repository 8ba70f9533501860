#!/usr/bin/env node
// Compiles the project (tsc → dist/) and runs every bench/*.bench.ts as plain Node, in sequence.
// Extra arguments go to each bench (e.g. `npm run bench -- --vms 2000`). Benches print; nothing asserts on time.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
const build = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.json")], { cwd: root, stdio: "inherit" });
if (build.status !== 0) {
  console.error("bench: the TypeScript build failed");
  process.exit(build.status ?? 1);
}
const benchDir = path.join(root, "bench");
const benches = fs.existsSync(benchDir) ? fs.readdirSync(benchDir).filter((f) => f.endsWith(".bench.ts")).sort() : [];
if (benches.length === 0) {
  console.error("bench: no bench/*.bench.ts files");
  process.exit(1);
}
let failed = 0;
for (const file of benches) {
  const compiled = path.join(root, "dist", "bench", file.replace(/\.ts$/, ".js"));
  // Big estates need a larger heap than Node's default.
  const run = spawnSync(process.execPath, ["--max-old-space-size=8192", compiled, ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`bench: ${file} exited with ${run.status}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
