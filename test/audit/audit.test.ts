/**
 * `audit` end to end over the real SDK: HTTPS loopback server, injected token credential, real retries and paging.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { audit, type AuditOptions } from "../../src/cli/commands/audit.js";
import { FakeArm, fakeAuditOptions, fakeCredential, type RecordedRequest } from "./fake-arm.js";
import { healthyEstate, SUB, VAULT, VAULT_ID } from "./estate.js";

const fake = new FakeArm(healthyEstate());
let credential = fakeCredential();

beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.estate = healthyEstate();
  fake.clearFaults();
  credential = fakeCredential();
});

function run(over: Partial<AuditOptions> = {}) {
  return audit(fakeAuditOptions(fake, SUB, { credential, ...over }));
}

const isJobs = (r: RecordedRequest) => /\/backupJobs$/i.test(r.path);
const isItems = (r: RecordedRequest) => /\/backupProtectedItems$/i.test(r.path);

describe("audit of a healthy estate", () => {
  it("reads everything, reports no failure and exits 0 with complete: true", async () => {
    const result = await run();
    const json = JSON.parse(result.output);
    expect(result.unread).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(json.summary.complete).toBe(true);
    expect(json.unread).toEqual([]);
    // Azure's example vault is valid but not hardened: the vault posture notes (VAULT-002/004/009/011) may fire; nothing above a note.
    expect(json.findings.filter((f: { status: string; severity: string }) => f.status === "fail" && f.severity !== "note")).toEqual([]);
    // The live model holds what the examples hold: the vault, the NSG, 5 example policies, the protected item.
    expect(json.summary.resources).toBeGreaterThanOrEqual(8);
    // Every example policy the vault holds was checked by the policy rules and passed.
    const policyNames = fake.estate.vaults[VAULT_ID.toLowerCase()]!.policies.map((p) => (p as { name: string }).name);
    const checked = new Set(result.report.passes.filter((p) => p.ruleId.startsWith("POLICY-")).map((p) => p.resource.name));
    expect(checked).toEqual(new Set(policyNames));
  });

  it("pages every list (nextLink and Resource Graph skipToken) and only reads", async () => {
    fake.pageSize = 1;
    try {
      await run();
    } finally {
      fake.pageSize = 2;
    }
    expect(fake.requests.every((r) => r.method === "GET" || /ResourceGraph\/resources$/i.test(r.path))).toBe(true);
    expect(fake.requests.some((r) => /backupPolicies$/i.test(r.path) && r.query.get("$skiptoken") === "1")).toBe(true);
    expect(fake.requests.some((r) => (r.body as { options?: { $skipToken?: string } } | undefined)?.options?.$skipToken)).toBe(true);
    // Tokens are asked for the endpoint the calls go to.
    expect(credential.scopes.flat()).toContain(`${fake.endpoint}/.default`);
  });

  it("asks the Jobs API for failed jobs with the day-based time filter Azure documents", async () => {
    await run({ since: "7d" });
    const jobs = fake.requests.find(isJobs)!;
    expect(jobs.query.get("$filter")).toBe("status eq 'Failed' and startTime eq '2026-11-14 00:00:00 AM' and endTime eq '2026-11-22 00:00:00 AM'");
  });

  it("narrows Resource Graph to the resource group and vault given", async () => {
    await run({ resourceGroup: "SwaggerTestRg", vault: VAULT });
    const queries = fake.requests.filter((r) => r.method === "POST").map((r) => (r.body as { query: string }).query);
    expect(queries.some((q) => q.includes("resourceGroup =~ 'SwaggerTestRg'") && q.includes(`name =~ '${VAULT}'`))).toBe(true);
  });
});

describe("audit when Azure throttles or fails", () => {
  it("retries a 429 with Retry-After and still completes", async () => {
    fake.fault({ match: (r) => r.method === "POST", reply: { status: 429, headers: { "retry-after-ms": "5" }, body: { error: { code: "RateLimiting", message: "slow down" } } }, times: 1 });
    fake.fault({ match: isJobs, reply: { status: 429, headers: { "retry-after": "0" }, body: { error: { code: "TooManyRequests", message: "slow down" } } }, times: 1 });
    const result = await run();
    expect(result.complete).toBe(true);
    expect(result.exitCode).toBe(0);
    expect(fake.requests.filter(isJobs).length).toBe(2);
  });

  it("a 403 on one vault's jobs: exit 4, complete false, says what it could not read, keeps the rest", async () => {
    fake.fault({ match: isJobs, reply: { status: 403, body: { error: { code: "AuthorizationFailed", message: "The client does not have authorization" } } } });
    const result = await run();
    const json = JSON.parse(result.output);
    expect(result.exitCode).toBe(4);
    expect(json.summary.complete).toBe(false);
    expect(json.unread).toEqual([
      expect.objectContaining({ what: expect.stringContaining(`failed backup jobs of vault ${VAULT}`), reason: "permission-denied", detail: expect.stringMatching(/HTTP 403 AuthorizationFailed.*Reader and Backup Reader/) }),
    ]);
    // Everything else was read and checked.
    expect(result.report.passes.some((p) => p.ruleId.startsWith("POLICY-"))).toBe(true);
    expect(result.output).not.toContain("fake-token");
  });

  it("throttling that outlasts the retries: exit 4 with reason throttled", async () => {
    fake.fault({ match: (r) => /backupPolicies$/i.test(r.path), reply: { status: 429, headers: { "retry-after-ms": "1" }, body: { error: { code: "TooManyRequests", message: "slow down" } } } });
    const result = await run();
    expect(result.exitCode).toBe(4);
    expect(result.unread.map((g) => g.reason)).toEqual(["throttled"]);
    expect(fake.requests.filter((r) => /backupPolicies$/i.test(r.path)).length).toBe(3); // 1 + maxRetries
  });

  it("a page that never comes (500 for ever on page 2): exit 4, page 1 kept", async () => {
    fake.fault({ match: (r) => isItems(r) || (/backupPolicies$/i.test(r.path) && r.query.get("$skiptoken") === "2"), reply: { status: 500, body: { error: { code: "InternalServerError", message: "boom" } } } });
    const result = await run({ format: "text" });
    expect(result.exitCode).toBe(4);
    expect(result.unread.map((g) => g.what)).toEqual([expect.stringContaining("backup policies of vault"), expect.stringContaining("protected items of vault")]);
    expect(result.unread.every((g) => g.reason === "unavailable")).toBe(true);
    // The two policies of page 1 were still checked.
    expect(new Set(result.report.passes.filter((p) => p.ruleId.startsWith("POLICY-")).map((p) => p.resource.name)).size).toBe(2);
    expect(result.output).toContain("incomplete audit");
    expect(result.output).toContain("audit INCOMPLETE");
  });

  it("a page that never answers: the per-request timeout gives up, exit 4 with reason timed-out", async () => {
    fake.fault({ match: (r) => isItems(r), reply: { status: 0, hang: true } });
    const started = Date.now();
    const result = await run({ requestTimeoutMs: 200, retry: { maxRetries: 1, retryDelayInMs: 5, maxRetryDelayInMs: 20 } });
    expect(result.exitCode).toBe(4);
    expect(result.unread).toEqual([expect.objectContaining({ what: expect.stringContaining("protected items of vault"), reason: "timed-out" })]);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("a Resource Graph page that never answers times out too", async () => {
    fake.fault({ match: (r) => r.method === "POST" && /networksecuritygroups/.test((r.body as { query: string }).query), reply: { status: 0, hang: true } });
    const result = await run({ requestTimeoutMs: 200, retry: { maxRetries: 0, retryDelayInMs: 5, maxRetryDelayInMs: 20 } });
    expect(result.exitCode).toBe(4);
    expect(result.unread).toEqual([expect.objectContaining({ what: expect.stringContaining("network security groups"), reason: "timed-out" })]);
  });

  it("Resource Graph denied: no vault is listed, so nothing is reported clean (exit 4)", async () => {
    fake.fault({ match: (r) => r.method === "POST", reply: { status: 403, body: { error: { code: "AuthorizationFailed", message: "no" } } } });
    const result = await run();
    expect(result.exitCode).toBe(4);
    expect(result.unread.length).toBe(4);
    expect(fake.requests.some(isJobs)).toBe(false);
  });

  it("Resource Graph denied but --resource-group and --vault given: the vault is still read directly", async () => {
    fake.fault({ match: (r) => r.method === "POST", reply: { status: 403, body: { error: { code: "AuthorizationFailed", message: "no" } } } });
    const result = await run({ resourceGroup: "SwaggerTestRg", vault: VAULT });
    expect(result.exitCode).toBe(4);
    expect(fake.requests.some(isJobs)).toBe(true);
    expect(result.report.passes.some((p) => p.ruleId.startsWith("POLICY-"))).toBe(true);
  });
});

describe("audit options", () => {
  it("needs a subscription", async () => {
    await expect(run({ subscription: undefined })).rejects.toThrow(/AZURE_SUBSCRIPTION_ID/);
  });
  it("takes AZURE_SUBSCRIPTION_ID", async () => {
    const result = await run({ subscription: undefined, env: { AZURE_SUBSCRIPTION_ID: SUB } });
    expect(result.exitCode).toBe(0);
  });
  it("refuses plain http endpoints, both --cloud and --arm-endpoint, and bad names before any call", async () => {
    await expect(run({ armEndpoint: "http://127.0.0.1:1" })).rejects.toThrow(/https/);
    await expect(run({ cloud: "AzureCloud" })).rejects.toThrow(/not both/);
    await expect(run({ resourceGroup: "a'b" })).rejects.toThrow(/resource group/);
    await expect(run({ since: "soon" })).rejects.toThrow(/--since/);
    expect(fake.requests).toEqual([]);
  });
});
