/**
 * Reading live Azure: the `AzureReader` interface the audit depends on, and its implementation over the Azure SDK
 * (`@azure/arm-resourcegraph` for breadth, `@azure/arm-recoveryservicesbackup` for each vault's backup detail).
 *
 * The reader returns Azure's JSON exactly as the service sent it (the raw response body of every page), so that the
 * ARM adapter maps live state the same way it maps `--arm` files: one mapping, no second reading of Azure's shapes.
 * The SDK's deserialised objects are not used because they turn date-times into `Date`s and rename nothing useful.
 *
 * Child resources Resource Graph does not index (a Firewall Policy's rule collection groups) are read with plain ARM
 * GETs sent through the backup client's pipeline: the same bearer token, retries, timeout and TLS settings.
 *
 * It only reads: every call is a GET, except Resource Graph queries (a POST that reads).
 */
import { RecoveryServicesBackupClient } from "@azure/arm-recoveryservicesbackup";
import { ResourceGraphClient } from "@azure/arm-resourcegraph";
import type { TokenCredential } from "@azure/identity";
import { createPipelineRequest, RestError, type PipelineResponse, type TlsSettings } from "@azure/core-rest-pipeline";

/** A Recovery Services vault, addressed for the backup client. */
export interface VaultAddress {
  subscriptionId: string;
  resourceGroup: string;
  vaultName: string;
}

/** One page of a list: the resources it held (raw ARM JSON). */
export type Page = unknown[];

export interface AzureReader {
  /** A Resource Graph query over up to 300 subscriptions; yields one page of rows per response (skipToken paging). */
  queryResourceGraph(query: string, subscriptions: string[]): AsyncIterable<Page>;
  listBackupPolicies(vault: VaultAddress): AsyncIterable<Page>;
  listProtectedItems(vault: VaultAddress): AsyncIterable<Page>;
  listProtectionIntents(vault: VaultAddress): AsyncIterable<Page>;
  /** Registered workload containers (SQL VMs: `VMAppContainer`). */
  listProtectionContainers(vault: VaultAddress): AsyncIterable<Page>;
  /** `backupconfig/vaultconfig`: soft delete and enhanced security. */
  getVaultConfig(vault: VaultAddress): Promise<unknown>;
  /** `backupstorageconfig/vaultstorageconfig`: storage redundancy and cross-region restore. */
  getStorageConfig(vault: VaultAddress): Promise<unknown>;
  /** Failed backup jobs that started between `from` and `to` (the service filters by whole days; callers trim). */
  listFailedJobs(vault: VaultAddress, from: Date, to: Date): AsyncIterable<Page>;
  /** One job with its error details and extended info. */
  getJob(vault: VaultAddress, jobName: string): Promise<unknown>;
  /** The rule collection groups of one Firewall Policy (ARM REST, nextLink paging): not in Resource Graph. */
  listRuleCollectionGroups(firewallPolicyId: string): AsyncIterable<Page>;
}

/** `Microsoft.Network/firewallPolicies/ruleCollectionGroups` list (GA, in every cloud the audit supports). */
export const RULE_COLLECTION_GROUPS_API_VERSION = "2024-05-01";

export type CloudName = "AzureCloud" | "AzureUSGovernment" | "AzureChinaCloud";

/** Resource Manager endpoints and Entra ID authority hosts of the public and sovereign clouds. */
export const CLOUDS: Record<CloudName, { armEndpoint: string; authorityHost: string }> = {
  AzureCloud: { armEndpoint: "https://management.azure.com", authorityHost: "https://login.microsoftonline.com" },
  AzureUSGovernment: { armEndpoint: "https://management.usgovcloudapi.net", authorityHost: "https://login.microsoftonline.us" },
  AzureChinaCloud: { armEndpoint: "https://management.chinacloudapi.cn", authorityHost: "https://login.chinacloudapi.cn" },
};

export interface RetrySettings {
  /** Retries after the first attempt (429/503 honour Retry-After; other 5xx and socket errors back off exponentially). */
  maxRetries: number;
  retryDelayInMs: number;
  maxRetryDelayInMs: number;
}

/** Throttling in Resource Graph resets within seconds; a scheduled audit can afford to wait up to a minute per call. */
export const DEFAULT_RETRY: RetrySettings = { maxRetries: 4, retryDelayInMs: 2_000, maxRetryDelayInMs: 60_000 };

export interface SdkReaderOptions {
  credential: TokenCredential;
  /** ARM endpoint, e.g. https://management.azure.com (no trailing slash needed). */
  armEndpoint: string;
  retry?: RetrySettings;
  /** Per-request timeout: a page that never comes fails the call instead of hanging the audit. */
  requestTimeoutMs?: number;
  /** TLS settings for private ARM-compatible endpoints (an extra CA, e.g. Azure Stack Hub or a test server). */
  tls?: TlsSettings;
}

/** Resource Graph pages are capped at 1,000 rows. */
const GRAPH_PAGE_SIZE = 1000;
/** Bound on pages per query or list: a service that keeps handing out continuation tokens must not loop forever. */
const MAX_PAGES = 10_000;

/** Azure's job filter takes `yyyy-MM-dd hh:mm:ss AM` in UTC; whole days avoid any 12/24-hour ambiguity. */
export function jobFilterDate(d: Date, roundUp: boolean): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  if (roundUp && day.getTime() < d.getTime()) day.setUTCDate(day.getUTCDate() + 1);
  return `${day.toISOString().slice(0, 10)} 00:00:00 AM`;
}

export class SdkAzureReader implements AzureReader {
  private readonly backupClients = new Map<string, RecoveryServicesBackupClient>();
  private graphClient: ResourceGraphClient | undefined;
  private readonly endpoint: string;
  private readonly scope: string;
  private readonly retry: RetrySettings;
  private readonly timeout: number;

  constructor(private readonly options: SdkReaderOptions) {
    this.endpoint = options.armEndpoint.replace(/\/+$/, "");
    // Tokens are requested for the endpoint the calls go to: a sovereign cloud's token is not valid elsewhere.
    this.scope = `${this.endpoint}/.default`;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeout = options.requestTimeoutMs ?? 120_000;
  }

  private backup(subscriptionId: string): RecoveryServicesBackupClient {
    let client = this.backupClients.get(subscriptionId.toLowerCase());
    if (!client) {
      client = new RecoveryServicesBackupClient(this.options.credential, subscriptionId, {
        endpoint: this.endpoint,
        credentialScopes: [this.scope],
        retryOptions: this.retry,
        ...(this.options.tls ? { tlsOptions: this.options.tls } : {}),
        userAgentOptions: { userAgentPrefix: "backupguard-audit" },
      });
      this.backupClients.set(subscriptionId.toLowerCase(), client);
    }
    return client;
  }

  private graph(): ResourceGraphClient {
    return (this.graphClient ??= new ResourceGraphClient(this.options.credential, {
      endpoint: this.endpoint,
      credentials: { scopes: [this.scope] },
      retryOptions: this.retry,
      ...(this.options.tls ? { tlsOptions: this.options.tls } : {}),
      userAgentOptions: { userAgentPrefix: "backupguard-audit" },
    }));
  }

  async *queryResourceGraph(query: string, subscriptions: string[]): AsyncIterable<Page> {
    let skipToken: string | undefined;
    const seen = new Set<string>();
    for (let n = 0; n < MAX_PAGES; n++) {
      let raw: string | undefined;
      const response = await this.graph().resources(
        { query, subscriptions, options: { top: GRAPH_PAGE_SIZE, resultFormat: "objectArray", ...(skipToken ? { skipToken } : {}) } },
        { requestOptions: { timeout: this.timeout }, onResponse: (r) => void (raw = r.bodyAsText ?? undefined) },
      );
      const body = raw !== undefined ? (JSON.parse(raw) as { data?: unknown }) : { data: response.data };
      yield rowsOf(body.data);
      skipToken = response.skipToken;
      if (!skipToken) return;
      if (seen.has(skipToken)) throw new Error("Resource Graph returned the same skipToken twice");
      seen.add(skipToken);
    }
    throw new Error(`Resource Graph query still had more pages after ${MAX_PAGES}`);
  }

  /** Runs an SDK list and yields each page's raw `value` array. */
  private async *rawPages<T>(list: (onResponse: (raw: { bodyAsText?: string | null }) => void) => AsyncIterable<T[]>): AsyncIterable<Page> {
    let raw: string | undefined;
    let n = 0;
    for await (const page of list((r) => void (raw = r.bodyAsText ?? undefined))) {
      if (++n > MAX_PAGES) throw new Error(`list still had more pages after ${MAX_PAGES}`);
      const body = raw !== undefined ? (JSON.parse(raw) as { value?: unknown }) : { value: page };
      raw = undefined;
      yield Array.isArray(body.value) ? body.value : [];
    }
  }

  private opts(onResponse: (raw: { bodyAsText?: string | null }) => void) {
    return { requestOptions: { timeout: this.timeout }, onResponse };
  }

  listBackupPolicies(v: VaultAddress): AsyncIterable<Page> {
    return this.rawPages((on) => this.backup(v.subscriptionId).backupPolicies.list(v.vaultName, v.resourceGroup, this.opts(on)).byPage());
  }

  listProtectedItems(v: VaultAddress): AsyncIterable<Page> {
    return this.rawPages((on) => this.backup(v.subscriptionId).backupProtectedItems.list(v.vaultName, v.resourceGroup, this.opts(on)).byPage());
  }

  listProtectionIntents(v: VaultAddress): AsyncIterable<Page> {
    return this.rawPages((on) => this.backup(v.subscriptionId).backupProtectionIntent.list(v.vaultName, v.resourceGroup, this.opts(on)).byPage());
  }

  listProtectionContainers(v: VaultAddress): AsyncIterable<Page> {
    return this.rawPages((on) =>
      this.backup(v.subscriptionId)
        .backupProtectionContainers.list(v.vaultName, v.resourceGroup, { ...this.opts(on), filter: "backupManagementType eq 'AzureWorkload'" })
        .byPage(),
    );
  }

  listFailedJobs(v: VaultAddress, from: Date, to: Date): AsyncIterable<Page> {
    const filter = `status eq 'Failed' and startTime eq '${jobFilterDate(from, false)}' and endTime eq '${jobFilterDate(to, true)}'`;
    return this.rawPages((on) => this.backup(v.subscriptionId).backupJobs.list(v.vaultName, v.resourceGroup, { ...this.opts(on), filter }).byPage());
  }

  private async rawGet(call: (onResponse: (raw: { bodyAsText?: string | null }) => void) => Promise<unknown>): Promise<unknown> {
    let raw: string | undefined;
    const parsed = await call((r) => void (raw = r.bodyAsText ?? undefined));
    return raw !== undefined ? JSON.parse(raw) : parsed;
  }

  getVaultConfig(v: VaultAddress): Promise<unknown> {
    return this.rawGet((on) => this.backup(v.subscriptionId).backupResourceVaultConfigs.get(v.vaultName, v.resourceGroup, this.opts(on)));
  }

  getStorageConfig(v: VaultAddress): Promise<unknown> {
    return this.rawGet((on) => this.backup(v.subscriptionId).backupResourceStorageConfigsNonCRR.get(v.vaultName, v.resourceGroup, this.opts(on)));
  }

  getJob(v: VaultAddress, jobName: string): Promise<unknown> {
    return this.rawGet((on) => this.backup(v.subscriptionId).jobDetails.get(v.vaultName, v.resourceGroup, jobName, this.opts(on)));
  }

  listRuleCollectionGroups(firewallPolicyId: string): AsyncIterable<Page> {
    const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/firewallPolicies\/[^/]+$/i.exec(firewallPolicyId.replace(/\/+$/, ""));
    if (!m) throw new Error(`not a firewall policy id: ${firewallPolicyId}`);
    const path = `${firewallPolicyId.replace(/\/+$/, "").split("/").map(encodeURIComponent).join("/")}/ruleCollectionGroups`;
    return this.armList(m[1]!, `${this.endpoint}${path}?api-version=${RULE_COLLECTION_GROUPS_API_VERSION}`);
  }

  /** GETs an ARM list and follows its nextLinks, yielding each page's raw `value` array. */
  private async *armList(subscriptionId: string, firstUrl: string): AsyncIterable<Page> {
    const origin = new URL(this.endpoint).origin;
    const seen = new Set<string>();
    for (let url: string | undefined = firstUrl, n = 0; url; n++) {
      if (n >= MAX_PAGES) throw new Error(`list still had more pages after ${MAX_PAGES}`);
      // The bearer token goes with every request: never follow a nextLink to another host.
      if (new URL(url).origin !== origin) throw new Error(`Azure returned a nextLink to another host (${new URL(url).origin}); it was not followed`);
      if (seen.has(url)) throw new Error("Azure returned the same nextLink twice");
      seen.add(url);
      const body = await this.armGet(subscriptionId, url);
      yield Array.isArray(body.value) ? body.value : [];
      url = typeof body.nextLink === "string" && body.nextLink ? body.nextLink : undefined;
    }
  }

  /** One GET through the pipeline (token, retries on 429/5xx, timeout, TLS); a non-2xx answer throws a RestError. */
  private async armGet(subscriptionId: string, url: string): Promise<{ value?: unknown; nextLink?: unknown }> {
    const request = createPipelineRequest({ url, method: "GET", timeout: this.timeout });
    const response = await this.backup(subscriptionId).sendRequest(request);
    const text = response.bodyAsText ?? "";
    if (response.status < 200 || response.status >= 300) throw restErrorOf(response, text);
    try {
      const parsed: unknown = text ? JSON.parse(text) : {};
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a JSON object");
      return parsed as { value?: unknown; nextLink?: unknown };
    } catch (e) {
      throw new RestError(`the response to GET ${new URL(url).pathname} is not a JSON list: ${(e as Error).message}`, { code: "PARSE_ERROR", statusCode: response.status, request, response });
    }
  }
}

/** A RestError as the SDK's generated clients raise one: status, Azure's error code and message. */
function restErrorOf(response: PipelineResponse, text: string): RestError {
  let code: string | undefined;
  let message = `GET ${new URL(response.request.url).pathname} failed with HTTP ${response.status}`;
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code === "string") code = error.code;
    if (typeof error?.message === "string") message = error.message;
  } catch {
    // A body that is not JSON (a proxy's HTML page): the status says enough.
  }
  return new RestError(message, { statusCode: response.status, request: response.request, response, ...(code ? { code } : {}) });
}

/** Resource Graph `data` is an array, or (older SDK mappers) a `{ "0": row, "1": row }` dictionary. */
export function rowsOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (typeof data === "object" && data !== null) return Object.values(data);
  return [];
}
