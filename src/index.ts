/**
 * backupguard as a library: build the model from any source, run the rule catalogue, render a report.
 * The CLI (src/cli) is a thin layer over these same functions.
 */
export { rules, ruleById } from "../checks/index.js";
export { loadSources, type SourceOptions } from "./adapters/sources.js";
export { fromArm, loadArmFile } from "./adapters/arm.js";
export { fromInventory, inventorySchema, loadInventoryFile } from "./adapters/inventory.js";
export { loadPreviewFile } from "./adapters/preview.js";
export { loadStateFile } from "./adapters/state.js";
export { loadProgram } from "./adapters/program.js";
export { fromPulumiResources, type PulumiResourceRecord, type PulumiSource } from "./adapters/pulumi-resources.js";
export { runRules, failsAt, type FailOn, type RunOptions } from "./engine/run.js";
export { defineRule } from "./engine/define-rule.js";
export type { RuleConfig } from "./engine/config.js";
export type { Finding, Report, Rule, RuleContext, RuleMeta, Severity, Status } from "./engine/types.js";
export { reporters, FORMATS, type Format } from "./reporters/index.js";
export { emptyModel, mergeModels, type Model, type ResourceRef } from "./model/types.js";
export { ModelIndex } from "./model/lookups.js";
export { UNKNOWN, isUnknown, type Known, type Unknown } from "./model/unknown.js";
export { InputError, UsageError, IncompleteReadError } from "./errors.js";
export { TOOL_NAME, TOOL_VERSION } from "./version.js";
