/**
 * `audit` of a forced-tunnelled SQL VM whose Azure Firewall is managed by a Firewall Policy: the policy comes from
 * Resource Graph, its rule collection groups from ARM (one paged list per policy), so NET-001/NET-002 are decided
 * live as `check --arm` decides them; a failed group read is named in `unread` and exits 4.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { audit } from "../../src/cli/commands/audit.js";
import { FakeArm, fakeAuditOptions, type RecordedRequest } from "./fake-arm.js";
import { forcedTunnelEstate, FW_POLICY_ID, HUB_SUB } from "./estate.js";

const fake = new FakeArm(forcedTunnelEstate());

beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.estate = forcedTunnelEstate();
  fake.clearFaults();
});

function run() {
  return audit(fakeAuditOptions(fake, HUB_SUB));
}

interface Finding {
  ruleId: string;
  status: string;
  message: string;
  data: Record<string, unknown>;
}
const isGroups = (r: RecordedRequest) => /\/firewallPolicies\/afwp-hub\/ruleCollectionGroups$/i.test(r.path);
const netFindings = (output: string) => (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.ruleId === "NET-001" || f.ruleId === "NET-002");

describe("audit of a SQL VM forced-tunnelled through a policy-managed Azure Firewall", () => {
  it("reads the policy's rule collection groups (paged) and decides NET-001: no failure, no unknown", async () => {
    fake.pageSize = 1;
    let result;
    try {
      result = await run();
    } finally {
      fake.pageSize = 2;
    }
    expect(result.unread).toEqual([]);
    expect(result.complete).toBe(true);
    expect(result.exitCode).toBe(0);
    expect(netFindings(result.output)).toEqual([]);
    // The VM was really evaluated: NET-001 passed it for the SQL workload.
    expect(result.report.passes.filter((p) => p.ruleId === "NET-001").map((p) => p.resource.name)).toContain("sqlvm01");
    // One GET per page, with the api-version, following the nextLink.
    const reads = fake.requests.filter(isGroups);
    expect(reads.map((r) => [r.method, r.query.get("api-version"), r.query.get("$skiptoken")])).toEqual([
      ["GET", "2024-05-01", null],
      ["GET", "2024-05-01", "1"],
    ]);
    // Resource Graph was asked for the policies with the other network resources.
    const queries = fake.requests.filter((r) => r.method === "POST").map((r) => (r.body as { query: string }).query);
    expect(queries.some((q) => q.includes("'microsoft.network/firewallpolicies'"))).toBe(true);
  });

  it("still finds the hole when a group misses Entra ID (the policy's rules are evaluated, not assumed)", async () => {
    const groups = fake.estate.ruleCollectionGroups![FW_POLICY_ID.toLowerCase()]! as { properties: { ruleCollections: { rules: { name: string }[] }[] } }[];
    const app = groups[1]!.properties.ruleCollections[0]!;
    app.rules = app.rules.filter((r) => r.name !== "entra-id");
    const result = await run();
    expect(result.complete).toBe(true);
    expect(result.exitCode).toBe(1);
    expect(netFindings(result.output)).toEqual([
      expect.objectContaining({ ruleId: "NET-001", status: "fail", data: expect.objectContaining({ destination: "AzureActiveDirectory", decidedBy: "firewall", firewall: expect.objectContaining({ policy: "afwp-hub", fqdn: "login.microsoftonline.com" }) }) }),
    ]);
  });

  it("groups that cannot be read: recorded as unread, NET-001 unknown (not a failure, not a pass), exit 4", async () => {
    fake.fault({ match: isGroups, reply: { status: 403, body: { error: { code: "AuthorizationFailed", message: "The client does not have authorization to perform action 'Microsoft.Network/firewallPolicies/ruleCollectionGroups/read'" } } } });
    const result = await run();
    const json = JSON.parse(result.output);
    expect(result.exitCode).toBe(4);
    expect(json.summary.complete).toBe(false);
    expect(json.unread).toEqual([
      expect.objectContaining({ what: expect.stringContaining("rule collection groups of firewall policy afwp-hub (resource group rg-hub"), reason: "permission-denied", detail: expect.stringContaining("HTTP 403 AuthorizationFailed") }),
    ]);
    const net = netFindings(result.output).filter((f) => f.ruleId === "NET-001");
    expect(net.length).toBeGreaterThan(0);
    expect(net.every((f) => f.status === "unknown")).toBe(true);
    expect(result.report.passes.some((p) => p.ruleId === "NET-001")).toBe(false);
  });

  it("retries a throttled group read and a page that fails for ever is unread (exit 4), page 1 kept", async () => {
    fake.fault({ match: isGroups, reply: { status: 429, headers: { "retry-after-ms": "5" }, body: { error: { code: "TooManyRequests", message: "slow down" } } }, times: 1 });
    const ok = await run();
    expect(ok.complete).toBe(true);
    expect(fake.requests.filter(isGroups).length).toBe(2);

    fake.clearFaults();
    fake.pageSize = 1;
    try {
      fake.fault({ match: (r) => isGroups(r) && r.query.get("$skiptoken") === "1", reply: { status: 500, body: { error: { code: "InternalServerError", message: "boom" } } } });
      const result = await run();
      expect(result.exitCode).toBe(4);
      expect(result.unread).toEqual([expect.objectContaining({ what: expect.stringContaining("rule collection groups of firewall policy afwp-hub"), reason: "unavailable" })]);
      expect(fake.requests.filter((r) => isGroups(r) && r.query.get("$skiptoken") === "1").length).toBe(3); // 1 + maxRetries
    } finally {
      fake.pageSize = 2;
    }
  });

  it("never follows a nextLink to another host (the bearer token would go with it): unread, exit 4", async () => {
    fake.fault({ match: isGroups, reply: { status: 200, body: { value: [], nextLink: "https://elsewhere.example/ruleCollectionGroups?$skiptoken=1" } } });
    const result = await run();
    expect(result.exitCode).toBe(4);
    expect(result.unread).toEqual([expect.objectContaining({ what: expect.stringContaining("rule collection groups of firewall policy afwp-hub"), detail: expect.stringContaining("nextLink to another host (https://elsewhere.example)") })]);
  });
});
