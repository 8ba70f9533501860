/** The connectivity evaluator: a pure library over the model (see evaluate.ts). */
export { anyOf, describeFix, describeNsgRule, evaluateOutbound } from "./evaluate.js";
export type { DecidingRule, NsgFix, OutboundResult, TraceStep, Verdict } from "./evaluate.js";
export { BACKUP_SERVICES, destination, destinationLabel } from "./destinations.js";
export type { BackupService, Destination, ServiceName } from "./destinations.js";
export { fqdnCovers } from "./firewall.js";
export type { FirewallRuleRef } from "./firewall.js";
export { IPv4Set } from "./ipv4.js";
export { DEFAULT_OUTBOUND_RULES } from "./nsg.js";
export type { NsgLevel } from "./nsg.js";
export { classifyAddress, normalizeRegion, ServiceTagCatalogue, serviceTagsFileSchema } from "./service-tags.js";
export type { ServiceTagsFile } from "./service-tags.js";
