/**
 * `explain`, `inventory-query` and `audit`'s usage errors as a user types them (audit never reaches Azure here:
 * every case stops at validation, before any credential is asked for).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";

describe("explain", () => {
  it("matches a code in any case and a rule id in any case", async () => {
    const code = await runCli(["explain", "usererrorvminternetconnectivityissue"]);
    expect(code.code).toBe(0);
    expect(code.stdout.split("\n")[0]).toBe("UserErrorVMInternetConnectivityIssue");
    expect(code.stdout).toContain("NET-001");
    const rule = await runCli(["explain", "sql-002"]);
    expect(rule.code).toBe(0);
    expect(rule.stdout).toContain("master-full-backup-only");
  });

  it("an unknown code is exit 2 with suggestions; an unknown rule id lists its area's rules", async () => {
    const code = await runCli(["explain", "UserErrorSQLPODoesNotSupportBackupTyp"]);
    expect(code.code).toBe(2);
    expect(code.stderr).toContain("did you mean: UserErrorSQLPODoesNotSupportBackupType");
    const rule = await runCli(["explain", "NET-999"]);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toMatch(/NET-001, NET-002/);
  });
});

describe("inventory-query", () => {
  it("--format json wraps the T-SQL for tools", async () => {
    const r = await runCli(["inventory-query", "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ version: 1, dialect: "T-SQL", minimumSqlServer: "2016" });
    expect(doc.query).toMatch(/sys\.databases/);
  });
});

describe("audit usage errors", () => {
  it("no subscription anywhere is exit 2 saying how to give one", async () => {
    const r = await runCli(["audit"], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--subscription.*AZURE_SUBSCRIPTION_ID/);
  });

  it("a bad --since, --subscription or --cloud is exit 2 naming the option", async () => {
    const sub = "00000000-0000-0000-0000-000000000000";
    const since = await runCli(["audit", "--subscription", sub, "--since", "yesterday"]);
    expect(since.code).toBe(2);
    expect(since.stderr).toContain("--since yesterday");
    const bad = await runCli(["audit", "--subscription", "prod"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected a subscription ID");
    const cloud = await runCli(["audit", "--subscription", sub, "--cloud", "AzureGermanCloud"]);
    expect(cloud.code).toBe(2);
    expect(cloud.stderr).toContain("AzureUSGovernment");
  });
});
