/**
 * `backupguard audit`: reads live Azure (read-only), then reports every rule that fails on what is deployed
 * (kind "rule"), drift from what the Pulumi stack intends (kind "drift"), and failed backup jobs since --since,
 * explained from the knowledge base (kind "job").
 *
 * Exit codes: 0 clean and complete; 1 findings at or above --fail-on, any drift, or failed jobs (errors);
 * 4 the audit could not read everything (the report still shows what it read and lists what it could not).
 * Credentials, endpoint, reader, retries and TLS are injected so that tests run the real SDK against a local server.
 */
import type { TokenCredential } from "@azure/identity";
import type { TlsSettings } from "@azure/core-rest-pipeline";
import { rules } from "../../../checks/index.js";
import { loadInventoryFile } from "../../adapters/inventory.js";
import { hasSource, loadSources, type SourceOptions } from "../../adapters/sources.js";
import { sinceInstant } from "../../audit/duration.js";
import { readLiveEstate, type AuditScope, type ReadGap } from "../../audit/live.js";
import { CLOUDS, SdkAzureReader, type AzureReader, type CloudName, type RetrySettings } from "../../audit/reader.js";
import { narrowToScope } from "../../audit/scope.js";
import { UsageError } from "../../errors.js";
import { loadRuleConfig } from "../../engine/load-config.js";
import { failsAt, runRules, type FailOn } from "../../engine/run.js";
import type { Area, Finding, Report } from "../../engine/types.js";
import { mergeModels, type Model } from "../../model/types.js";
import { reporters, type Format } from "../../reporters/index.js";

export interface AuditOptions {
  subscription?: string[];
  resourceGroup?: string;
  vault?: string;
  cloud?: string;
  armEndpoint?: string;
  program?: string | true;
  stack?: string;
  preview?: string;
  state?: string;
  inventory?: string;
  /** Duration (7d) or ISO date-time; default 7d. */
  since?: string;
  format: Format;
  failOn: FailOn;
  config?: string;
  color: boolean;
  env?: NodeJS.ProcessEnv;
  now?: Date;
  /** Injected credential (default: DefaultAzureCredential for the cloud's authority). */
  credential?: TokenCredential;
  /** Injected reader (default: the SDK reader on the cloud's endpoint). */
  reader?: AzureReader;
  retry?: RetrySettings;
  requestTimeoutMs?: number;
  /** Extra TLS trust for private ARM-compatible endpoints (the CLI relies on NODE_EXTRA_CA_CERTS instead). */
  tls?: TlsSettings;
}

export interface AuditResult {
  output: string;
  exitCode: 0 | 1 | 4;
  report: Report;
  complete: boolean;
  unread: ReadGap[];
}

const KIND_OF_AREA: Partial<Record<Area, Finding["kind"]>> = { drift: "drift", jobs: "job" };

const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE_GROUP = /^[\p{L}\p{N}._()-]{1,90}$/u;
const VAULT_NAME = /^[A-Za-z][A-Za-z0-9-]{1,49}$/;

function endpointOf(options: AuditOptions): { armEndpoint: string; authorityHost?: string } {
  if (options.cloud && options.armEndpoint) throw new UsageError("give --cloud or --arm-endpoint, not both");
  if (options.armEndpoint) {
    let url: URL;
    try {
      url = new URL(options.armEndpoint);
    } catch {
      throw new UsageError(`--arm-endpoint ${options.armEndpoint}: expected an https:// URL`);
    }
    // Bearer tokens only travel over TLS: a private endpoint with its own CA is trusted via NODE_EXTRA_CA_CERTS.
    if (url.protocol !== "https:") throw new UsageError(`--arm-endpoint ${options.armEndpoint}: expected an https:// URL (tokens are never sent over plain http)`);
    return { armEndpoint: url.origin };
  }
  const name = (options.cloud ?? "AzureCloud") as CloudName;
  const cloud = CLOUDS[name];
  if (!cloud) throw new UsageError(`--cloud ${options.cloud}: expected one of ${Object.keys(CLOUDS).join(", ")}`);
  return cloud;
}

function scopeOf(options: AuditOptions, env: NodeJS.ProcessEnv, now: Date): AuditScope {
  const subscriptions = options.subscription?.length ? options.subscription : env.AZURE_SUBSCRIPTION_ID ? [env.AZURE_SUBSCRIPTION_ID] : [];
  if (!subscriptions.length) throw new UsageError("no subscription: give --subscription ID (repeatable) or set AZURE_SUBSCRIPTION_ID");
  for (const s of subscriptions) if (!SUBSCRIPTION_ID.test(s)) throw new UsageError(`--subscription ${s}: expected a subscription ID (a GUID)`);
  if (options.resourceGroup !== undefined && !RESOURCE_GROUP.test(options.resourceGroup)) throw new UsageError(`--resource-group ${options.resourceGroup}: not a valid resource group name`);
  if (options.vault !== undefined && !VAULT_NAME.test(options.vault)) throw new UsageError(`--vault ${options.vault}: not a valid Recovery Services vault name`);
  const scope: AuditScope = { subscriptions: [...new Set(subscriptions.map((s) => s.toLowerCase()))], since: sinceInstant(options.since ?? "7d", now), now };
  if (options.resourceGroup) scope.resourceGroup = options.resourceGroup;
  if (options.vault) scope.vault = options.vault;
  return scope;
}

async function defaultCredential(authorityHost: string | undefined): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import("@azure/identity");
  // DefaultAzureCredential honours AZURE_TOKEN_CREDENTIALS (prod: environment, workload identity, managed identity).
  return new DefaultAzureCredential(authorityHost ? { authorityHost } : {});
}

export async function audit(options: AuditOptions): Promise<AuditResult> {
  const env = options.env ?? process.env;
  const now = options.now ?? new Date();
  // Every usage and input problem surfaces before the first call to Azure.
  const scope = scopeOf(options, env, now);
  const endpoint = endpointOf(options);
  if (options.stack && !options.program) throw new UsageError("--stack goes with --program");
  const config = loadRuleConfig(options.config, rules.map((r) => r.id));
  const intended: SourceOptions = { program: options.program, stack: options.stack, preview: options.preview, state: options.state };
  const desired: Model | undefined = hasSource(intended) ? narrowToScope(await loadSources(intended), scope) : undefined;
  const inventory = options.inventory ? loadInventoryFile(options.inventory) : undefined;

  const reader =
    options.reader ??
    new SdkAzureReader({
      credential: options.credential ?? (await defaultCredential(endpoint.authorityHost)),
      armEndpoint: endpoint.armEndpoint,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
    });
  const live = await readLiveEstate(reader, scope);
  const model = inventory ? mergeModels(live.model, inventory) : live.model;

  const extras: Record<string, unknown> = { liveGaps: live.gaps.map((g) => g.scope), jobsSince: scope.since };
  if (desired) extras.desired = desired;
  const report = runRules(model, rules, { config, now, extras });
  for (const f of report.findings) f.kind = KIND_OF_AREA[f.area] ?? "rule";

  const complete = live.gaps.length === 0;
  const drift = failOnDrift(report, options.failOn);
  const exitCode = !complete ? 4 : failsAt(report, options.failOn) || drift ? 1 : 0;
  const unread = live.gaps.map((g) => ({ what: g.what, reason: g.reason, detail: g.detail }));
  const output = reporters[options.format](report, { color: options.color, audit: { complete, unread } });
  return { output, exitCode, report, complete, unread: live.gaps };
}

/** Drift fails the audit whatever its severity (the contract), unless the user turned failing off. */
function failOnDrift(report: Report, failOn: FailOn): boolean {
  return failOn !== "never" && report.findings.some((f) => f.kind === "drift" && f.status === "fail");
}
