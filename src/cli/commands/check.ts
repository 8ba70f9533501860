import { rules } from "../../../checks/index.js";
import { hasSource, loadSources, type SourceOptions } from "../../adapters/sources.js";
import { UsageError } from "../../errors.js";
import { loadRuleConfig } from "../../engine/load-config.js";
import { failsAt, runRules, type FailOn } from "../../engine/run.js";
import { loadServiceTags } from "../../network/load-service-tags.js";
import type { Report } from "../../engine/types.js";
import { reporters, type Format } from "../../reporters/index.js";

export interface CheckOptions extends SourceOptions {
  format: Format;
  failOn: FailOn;
  config?: string;
  color: boolean;
  now?: Date;
  serviceTags?: string;
  extras?: Record<string, unknown>;
}

export interface CommandResult {
  output: string;
  exitCode: 0 | 1;
  report?: Report;
}

/** `backupguard check`: one model from every source, every enabled rule, one report. Never prints, never exits. */
export async function check(options: CheckOptions): Promise<CommandResult> {
  const sources: SourceOptions = { ...options };
  // With no source, check runs the project's own Pulumi program: the embedded default.
  if (!hasSource(sources)) sources.program = true;
  if (options.stack && !sources.program) throw new UsageError("--stack goes with --program");
  const config = loadRuleConfig(options.config, rules.map((r) => r.id));
  const extras: Record<string, unknown> = { ...options.extras };
  // The connectivity rules (NET-*) read it to decide rules written with explicit CIDRs.
  if (options.serviceTags) extras.serviceTags = loadServiceTags(options.serviceTags);
  const model = await loadSources(sources);
  const report = runRules(model, rules, { config, now: options.now, extras });
  return {
    output: reporters[options.format](report, { color: options.color }),
    exitCode: failsAt(report, options.failOn) ? 1 : 0,
    report,
  };
}
