/**
 * The only place that prints errors and decides exit codes:
 * 0 clean, 1 findings at/above --fail-on, 2 usage or input error, 3 internal error, 4 incomplete audit.
 */
import { CommanderError } from "commander";
import { IncompleteReadError, InputError, UsageError } from "../errors.js";
import { ISSUES_URL } from "../version.js";
import { buildProgram, type Io } from "./program.js";

export async function main(argv: string[], io: Io): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; parse errors were already printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError || e instanceof InputError) {
      io.stderr(`backupguard: ${e.message}\n`);
      return 2;
    }
    if (e instanceof IncompleteReadError) {
      io.stderr(`backupguard: ${e.message}\n`);
      return 4;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(`backupguard: internal error: ${err.message.split("\n")[0]}\nPlease report it at ${ISSUES_URL}${debug ? "" : " (run with --debug for the stack trace)"}\n`);
    if (debug && err.stack) io.stderr(`${err.stack}\n`);
    return 3;
  }
}

if (require.main === module) {
  const io: Io = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`backupguard: internal error: ${String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
