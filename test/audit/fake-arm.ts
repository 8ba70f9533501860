/**
 * A loopback ARM-compatible server for audit tests: HTTPS on 127.0.0.1 with a self-signed certificate made at test
 * time (openssl), so the real SDK runs its real pipeline (bearer token over TLS, retries, paging) against it.
 *
 * It serves an `Estate` (Resource Graph rows and per-vault backup resources, taken from Azure's REST examples),
 * pages lists (nextLink for backup lists, $skipToken for Resource Graph), and applies faults: a reply (429 with
 * Retry-After, 403, 500) for matching requests, a bounded number of times or for ever. Every loop is bounded and the
 * server stops itself after too many requests.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AccessToken, TokenCredential } from "@azure/identity";
import type { AuditOptions } from "../../src/cli/commands/audit.js";

export interface Estate {
  /** Resource Graph rows per table (Resources, ResourceContainers, PolicyResources). */
  graph: { Resources: unknown[]; ResourceContainers: unknown[]; PolicyResources: unknown[] };
  /** Per vault id (lower case): its backup resources. */
  vaults: Record<string, VaultContent>;
  /** Per firewall policy id (lower case): its rule collection groups (child resources ARM lists, Resource Graph does not). */
  ruleCollectionGroups?: Record<string, unknown[]>;
}

export interface VaultContent {
  policies: unknown[];
  protectedItems: unknown[];
  intents: unknown[];
  containers: unknown[];
  vaultConfig: unknown;
  storageConfig: unknown;
  /** Every job of the vault; the server applies the status filter. */
  jobs: unknown[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | undefined;
}

export interface Reply {
  /** Never answer (the connection stays open until the client gives up or the server stops). */
  hang?: boolean;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Fault {
  match: (req: RecordedRequest) => boolean;
  reply: Reply;
  /** How many times the fault fires (default: for ever). */
  times?: number;
}

export const TOKEN = "fake-token-for-loopback";

/** A credential that hands out a fixed token and records the scopes it was asked for. */
export function fakeCredential(): TokenCredential & { scopes: string[][] } {
  const scopes: string[][] = [];
  return {
    scopes,
    async getToken(s: string | string[]): Promise<AccessToken> {
      scopes.push(Array.isArray(s) ? s : [s]);
      return { token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

let certificate: { key: string; cert: string } | undefined;

/** A self-signed certificate for 127.0.0.1, generated once per test process. */
export function loopbackCertificate(): { key: string; cert: string } {
  if (certificate) return certificate;
  const dir = mkdtempSync(join(tmpdir(), "bg-fake-arm-"));
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
      { stdio: "ignore" },
    );
    certificate = { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8") };
    return certificate;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MAX_REQUESTS = 2_000;

export class FakeArm {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: Fault[] = [];
  private server: Server | undefined;
  private port = 0;
  /** Items per page of backup lists and Resource Graph results. */
  pageSize = 2;

  constructor(public estate: Estate) {}

  get endpoint(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  get ca(): string {
    return loopbackCertificate().cert;
  }

  fault(f: Fault): this {
    this.faults.push(f);
    return this;
  }

  clearFaults(): void {
    this.faults.length = 0;
    this.requests.length = 0;
  }

  async start(): Promise<this> {
    const { key, cert } = loopbackCertificate();
    this.server = createServer({ key, cert }, (req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.endpoint);
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      body: text ? JSON.parse(text) : undefined,
      authorization: req.headers.authorization,
    };
    this.requests.push(recorded);
    const reply: Reply = this.requests.length > MAX_REQUESTS ? { status: 500, body: { error: { code: "TooManyTestRequests", message: "the fake ARM server stopped answering" } } } : this.reply(recorded);
    if (reply.hang) return;
    res.writeHead(reply.status, { "content-type": "application/json", "x-ms-request-id": String(this.requests.length), ...reply.headers });
    res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
  }

  private reply(req: RecordedRequest): Reply {
    if (req.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: { error: { code: "AuthenticationFailed", message: "no bearer token" } } };
    for (const f of this.faults) {
      if ((f.times === undefined || f.times > 0) && f.match(req)) {
        if (f.times !== undefined) f.times--;
        return f.reply;
      }
    }
    if (req.method === "POST" && /^\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(req.path)) return this.graph(req);
    if (req.method === "GET" && /\/providers\/Microsoft\.Network\/firewallPolicies\/[^/]+\/ruleCollectionGroups$/i.test(req.path)) return this.ruleCollectionGroups(req);
    if (req.method === "GET") return this.backup(req);
    return { status: 405, body: { error: { code: "MethodNotAllowed", message: `${req.method} is not served: the audit only reads` } } };
  }

  private graph(req: RecordedRequest): Reply {
    const body = req.body as { query: string; subscriptions: string[]; options?: { $skipToken?: string; $top?: number } };
    const rows: unknown[] = [];
    // The queries are `Table | where type in~ (...)` or `=~ '...'`, optionally `| union (Table | where ...)`.
    for (const part of body.query.split(/\|\s*union\s*\(/i)) {
      const table = /^\s*\(?\s*(\w+)/.exec(part)?.[1] as keyof Estate["graph"] | undefined;
      const types = [...part.matchAll(/type\s+(?:in~\s*\(([^)]*)\)|=~\s*'([^']*)')/gi)].flatMap((m) => (m[1] ? [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1]!) : [m[2]!]));
      const group = /resourceGroup\s*=~\s*'([^']*)'/i.exec(part)?.[1];
      const vault = /name\s*=~\s*'([^']*)'/i.exec(part)?.[1];
      for (const row of table ? (this.estate.graph[table] ?? []) : []) {
        const r = row as { type: string; subscriptionId?: string; resourceGroup?: string; name: string };
        if (!types.some((t) => t.toLowerCase() === r.type.toLowerCase())) continue;
        if (r.subscriptionId && !body.subscriptions.some((s) => s.toLowerCase() === r.subscriptionId!.toLowerCase())) continue;
        if (group && r.resourceGroup?.toLowerCase() !== group.toLowerCase()) continue;
        if (vault && r.type.toLowerCase() === "microsoft.recoveryservices/vaults" && r.name.toLowerCase() !== vault.toLowerCase()) continue;
        rows.push(row);
      }
    }
    const start = body.options?.$skipToken ? Number(Buffer.from(body.options.$skipToken, "base64").toString("utf8")) : 0;
    const size = Math.min(this.pageSize, body.options?.$top ?? 1000);
    const data = rows.slice(start, start + size);
    const next = start + size < rows.length ? Buffer.from(String(start + size)).toString("base64") : undefined;
    return { status: 200, body: { totalRecords: rows.length, count: data.length, resultTruncated: "false", ...(next ? { $skipToken: next } : {}), data } };
  }

  private ruleCollectionGroups(req: RecordedRequest): Reply {
    if (!req.query.get("api-version")) return { status: 400, body: { error: { code: "MissingApiVersionParameter", message: "The api-version query parameter (?api-version=) is required for all requests." } } };
    const policyId = req.path.replace(/\/ruleCollectionGroups$/i, "").toLowerCase();
    const groups = this.estate.ruleCollectionGroups?.[policyId];
    if (!groups) return { status: 404, body: { error: { code: "ResourceNotFound", message: `The Resource '${req.path}' was not found.` } } };
    return this.page(req, groups);
  }

  private backup(req: RecordedRequest): Reply {
    const m = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.RecoveryServices\/vaults\/[^/]+)\/(.+)$/i.exec(req.path);
    const vault = m ? this.estate.vaults[m[1]!.toLowerCase()] : undefined;
    if (!m || !vault) return { status: 404, body: { error: { code: "ResourceNotFound", message: `no resource at ${req.path}` } } };
    const rest = m[2]!.toLowerCase();
    const filter = req.query.get("$filter") ?? "";
    switch (rest) {
      case "backuppolicies":
        return this.page(req, vault.policies);
      case "backupprotecteditems":
        return this.page(req, vault.protectedItems);
      case "backupprotectionintents":
        return this.page(req, vault.intents);
      case "backupprotectioncontainers":
        return this.page(req, vault.containers);
      case "backupconfig/vaultconfig":
        return { status: 200, body: vault.vaultConfig };
      case "backupstorageconfig/vaultstorageconfig":
        return { status: 200, body: vault.storageConfig };
      case "backupjobs": {
        const status = /status eq '([^']+)'/i.exec(filter)?.[1];
        const jobs = vault.jobs.filter((j) => !status || (j as { properties: { status: string } }).properties.status === status);
        return this.page(req, jobs);
      }
      default: {
        const job = /^backupjobs\/([^/]+)$/.exec(rest);
        const found = job ? vault.jobs.find((j) => (j as { name: string }).name.toLowerCase() === job[1]) : undefined;
        if (found) return { status: 200, body: found };
        return { status: 404, body: { error: { code: "ResourceNotFound", message: `no resource at ${req.path}` } } };
      }
    }
  }

  /** `{ value, nextLink }` paging; the nextLink points back at this server with a $skiptoken, as ARM's do. */
  private page(req: RecordedRequest, items: unknown[]): Reply {
    const start = Number(req.query.get("$skiptoken") ?? "0");
    const value = items.slice(start, start + this.pageSize);
    const body: { value: unknown[]; nextLink?: string } = { value };
    if (start + this.pageSize < items.length) {
      const next = new URL(req.path, this.endpoint);
      for (const [k, v] of req.query) if (k !== "$skiptoken") next.searchParams.set(k, v);
      next.searchParams.set("$skiptoken", String(start + this.pageSize));
      body.nextLink = next.toString();
    }
    return { status: 200, body };
  }
}

/** The audit clock every audit test runs at. */
export const AUDIT_NOW = new Date("2026-11-21T06:00:00Z");

/**
 * Options for `audit()` against a fake ARM server: the production code path with an injected credential, the fake's
 * HTTPS endpoint and CA, and short retries so throttling tests stay fast. Tests override what they exercise.
 */
export function fakeAuditOptions(fake: FakeArm, subscription: string, over: Partial<AuditOptions> = {}): AuditOptions {
  return {
    subscription: [subscription],
    format: "json",
    failOn: "error",
    color: false,
    env: {},
    now: AUDIT_NOW,
    credential: fakeCredential(),
    armEndpoint: fake.endpoint,
    tls: { ca: fake.ca },
    retry: { maxRetries: 2, retryDelayInMs: 5, maxRetryDelayInMs: 20 },
    requestTimeoutMs: 5_000,
    ...over,
  };
}
