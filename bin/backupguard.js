#!/usr/bin/env node
"use strict";
const path = require("node:path");
const fs = require("node:fs");

const entry = path.join(__dirname, "..", "dist", "src", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("backupguard: not built yet; run `npm run build` (npm ci does it for you)\n");
  process.exit(3);
}
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  process.stderr.write(`backupguard: needs Node.js 22 or newer (this is ${process.version}); see the README\n`);
  process.exit(2);
}
const { main } = require(entry);
main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`backupguard: internal error: ${String(e)}\n`);
    process.exitCode = 3;
  },
);
