/**
 * The command table. Commands return data (output text + exit code); main.ts writes and exits.
 */
import { Command, Option } from "commander";
import { writeFileSync } from "node:fs";
import { UsageError } from "../errors.js";
import { FORMATS, type Format } from "../reporters/index.js";
import { TOOL_VERSION } from "../version.js";
import type { CommandResult } from "./commands/check.js";

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const CONFIG_HELP = "rule configuration: rules turned off or re-graded, suppressions (default backupguard.config.yaml when present)";
const STACK_HELP = "the stack whose Pulumi.<stack>.yaml --program reads (.yml beside a Pulumi.yml; default dev)";

function emit(result: Pick<CommandResult, "output"> & { exitCode: number }, outputFile: string | undefined, io: Io): number {
  if (outputFile) {
    try {
      writeFileSync(outputFile, result.output);
    } catch (e) {
      throw new UsageError(`cannot write --output ${outputFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  } else io.stdout(result.output);
  return result.exitCode;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("backupguard")
    .description("Checks that Azure Backup (VMs and SQL Server in Azure VMs) will work, before deployment and against live Azure.")
    .version(TOOL_VERSION, "-V, --version")
    .option("--debug", "print stack traces of internal errors")
    // One line and a pointer to --help, as the Azure CLI and ESLint do, rather than the whole usage after every typo.
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (message, write) => write(`backupguard: ${message}`) })
    .exitOverride();

  const formatOption = () =>
    new Option("--format <format>", "report format (text is coloured only on a terminal, never with NO_COLOR)").choices([...FORMATS]).default("text");
  const failOnOption = () => new Option("--fail-on <severity>", "lowest severity that makes the exit code 1").choices(["error", "warning", "note", "never"]).default("error");
  const colorFor = () => io.isTTY && !("NO_COLOR" in io.env);

  program
    .command("check")
    .description("Build one model from every source given, run every enabled rule, print a report (default: the Pulumi program in infra/).")
    .option("--program [dir]", "run the Pulumi program in DIR (default: the project's infra/) in-process under Pulumi mocks")
    .option("--stack <name>", STACK_HELP)
    .option("--preview <file>", "output of `pulumi preview --json`")
    .option("--state <file>", "output of `pulumi stack export`")
    .option("--arm <file>", "Azure Resource Manager JSON (resource, array, {value,nextLink} list, Resource Graph {data}); repeatable", collect)
    .option("--inventory <file>", "the workload inventory (YAML or JSON)")
    .option("--service-tags <file>", "Azure Service Tags JSON (ServiceTags_Public_*.json) to decide rules with explicit CIDRs")
    .addOption(formatOption())
    .option("--output <file>", "write the report to FILE instead of stdout")
    .addOption(failOnOption())
    .option("--config <file>", CONFIG_HELP)
    .action(async (opts) => {
      const { check } = await import("./commands/check.js");
      const result = await check({ ...opts, format: opts.format as Format, color: colorFor() && !opts.output });
      setExit(emit(result, opts.output, io));
    });

  program
    .command("audit")
    .description("Read live Azure (read-only): rules that fail on what is deployed, drift from the Pulumi stack, failed backup jobs since --since.")
    .option("--subscription <id>", "subscription to audit; repeatable (default AZURE_SUBSCRIPTION_ID)", collect)
    .option("--resource-group <name>", "audit only this resource group (vaults, VMs, NICs; network and policy are read subscription-wide)")
    .option("--vault <name>", "audit only this Recovery Services vault")
    .addOption(new Option("--cloud <name>", "Azure cloud (default AzureCloud)").choices(["AzureCloud", "AzureUSGovernment", "AzureChinaCloud"]))
    .option("--arm-endpoint <url>", "any other ARM-compatible endpoint (https; trust a private CA with NODE_EXTRA_CA_CERTS)")
    .option("--program [dir]", "intended state: run the Pulumi program in DIR (default: the project's infra/) under mocks")
    .option("--stack <name>", STACK_HELP)
    .option("--preview <file>", "intended state: output of `pulumi preview --json`")
    .option("--state <file>", "intended state: output of `pulumi stack export`")
    .option("--inventory <file>", "the workload inventory (YAML or JSON)")
    .option("--since <duration>", "how far back to read failed backup jobs: 30m, 12h, 7d, 2w or an ISO date-time", "7d")
    .addOption(formatOption())
    .option("--output <file>", "write the report to FILE instead of stdout")
    .addOption(failOnOption())
    .option("--config <file>", CONFIG_HELP)
    .action(async (opts) => {
      const { audit } = await import("./commands/audit.js");
      // Exit 4 (incomplete) is a result, not an exception: the report of what was read is printed too.
      const result = await audit({ ...opts, format: opts.format as Format, color: colorFor() && !opts.output, env: io.env });
      setExit(emit(result, opts.output, io));
    });

  program
    .command("rules")
    .description("List every rule: id, severity, area, name, the Azure error codes it prevents.")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--coverage", "list each known Azure error code and the rules that predict it (or why none can)")
    .action(async (opts) => {
      const { listRules } = await import("./commands/rules.js");
      setExit(emit(listRules(opts), undefined, io));
    });

  program
    .command("explain")
    .description("Explain an Azure Backup error code (cause, fix, whether a retry helps, the rules that predict it) or print a rule's doc.")
    .argument("<code-or-rule-id>", "an Azure error code (any case, e.g. UserErrorSQLPODoesNotSupportBackupType or 320001) or a rule id (e.g. SQL-001)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (id: string, opts: { format: "text" | "json" }) => {
      const { explain } = await import("./commands/explain.js");
      setExit(emit(explain(id, opts), undefined, io));
    });

  program
    .command("inventory-query")
    .description("Print the T-SQL a DBA runs on a SQL Server instance to produce its part of the workload inventory as JSON.")
    .addOption(
      new Option("--format <format>", "sql: the query; json: the query with its version, dialect and minimum SQL Server, for tools")
        .choices(["sql", "json"])
        .default("sql"),
    )
    .option("--output <file>", "write it to FILE instead of stdout")
    .action(async (opts) => {
      const { inventoryQuery } = await import("./commands/inventory-query.js");
      setExit(emit(inventoryQuery(opts), opts.output, io));
    });

  return program;
}
