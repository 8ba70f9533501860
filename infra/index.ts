/**
 * The backup program (`Pulumi.yaml`: `main: infra/`): a Recovery Services vault with secure defaults, VM and SQL
 * backup policies, the NSG rules protected VMs need, tag governance that does not break backups, and the protection
 * of existing VMs and their SQL databases, all from the `backupguard:*` keys of `Pulumi.<stack>.yaml`.
 *
 * A stack file with a mistake stops here with the key path, what was expected and what was found.
 */
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, decodeConfigValue, formatConfigProblems, parseStackConfig } from "./config";
import { buildStack } from "./program";

function readStackConfig() {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const values: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) values[key.slice(prefix.length)] = decodeConfigValue(raw);
  }
  const parsed = parseStackConfig(values);
  if (!parsed.ok) {
    // RunError: Pulumi prints the message alone, without a stack trace.
    throw new pulumi.RunError(`invalid stack configuration\n${formatConfigProblems(`Pulumi.${pulumi.getStack()}.yaml`, parsed.problems)}`);
  }
  return parsed.config;
}

export = buildStack(readStackConfig());
