/**
 * SQL Server in Azure VM (SQL-*) from what a DBA and an Azure admin can produce without Pulumi: `az backup policy
 * show`, `az backup item list` (the CLI lower-cases container and item names) and `az vm show`, joined with the
 * workload inventory (database names in their own case, the VM id upper-cased). Seed 000's classic mistakes:
 * SIMPLE + log, master + diff/log, read-only + diff/log, mirroring, log shipping; correct databases stay quiet.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";
import { repoRoot } from "../harness/shared.js";

const fx = (...p: string[]) => join(repoRoot, "test", "fixtures", "e2e", ...p);

interface Finding {
  ruleId: string;
  status: string;
  resource: { name: string; id?: string };
  azureErrorCodes: string[];
}

describe("check --arm (az backup output) --inventory on one SQL VM", () => {
  it("flags each classic mistake once, on the right database, and nothing on the correct ones", async () => {
    const r = await runCli([
      "check",
      "--arm", fx("sql", "policy-show.json"),
      "--arm", fx("sql", "item-list.json"),
      "--arm", fx("network", "vm-show.json"),
      "--arm", fx("network", "vault-show.json"),
      "--inventory", fx("sql", "inventory.yaml"),
      "--format", "json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const sql = (JSON.parse(r.stdout).findings as Finding[]).filter((f) => f.ruleId.startsWith("SQL-"));
    expect(sql.map((f) => [f.ruleId, f.status, f.resource.name]).sort()).toEqual([
      ["SQL-001", "fail", "SQLDataBase;mssqlserver;staging"],
      ["SQL-002", "fail", "SQLDataBase;mssqlserver;master"],
      ["SQL-003", "fail", "SQLDataBase;mssqlserver;archive2019"],
      ["SQL-004", "fail", "SQLDataBase;mssqlserver;mirrored"],
      ["SQL-005", "fail", "SQLDataBase;mssqlserver;shipped"],
    ]);
    expect(sql.find((f) => f.ruleId === "SQL-004")!.azureErrorCodes).toEqual(["UserErrorOperationNotAllowedDatabaseMirroringEnabled"]);
  });

  it("without the inventory, master under Full+Diff+Log is still caught from the item's name; the rest needs the inventory", async () => {
    const r = await runCli(["check", "--arm", fx("sql", "policy-show.json"), "--arm", fx("sql", "item-list.json"), "--arm", fx("network", "vm-show.json"), "--format", "json"]);
    expect(r.code).toBe(1);
    const sql = (JSON.parse(r.stdout).findings as Finding[]).filter((f) => f.ruleId.startsWith("SQL-") && f.status === "fail");
    expect(sql.map((f) => [f.ruleId, f.resource.name])).toEqual([["SQL-002", "SQLDataBase;mssqlserver;master"]]);
  });
});
