/**
 * Built-in initiatives that almost every real subscription carries ("ASC Default", the Microsoft cloud security
 * benchmark that Defender for Cloud assigns) beside a protected VM estate, as `az policy assignment list`,
 * `az policy set-definition show` and `az policy definition show` print them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";
import { repoRoot } from "../harness/shared.js";

const fx = (f: string) => join(repoRoot, "test", "fixtures", "e2e", "tags-builtins", f);
const estate = join(repoRoot, "test", "fixtures", "e2e", "tags", "estate.json");

interface Finding {
  ruleId: string;
  status: string;
  message: string;
  data: Record<string, unknown>;
}

async function tagFindings(...files: string[]): Promise<Finding[]> {
  const r = await runCli(["check", "--arm", estate, ...files.flatMap((f) => ["--arm", f]), "--format", "json", "--fail-on", "never"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout).findings as Finding[]).filter((f) => f.ruleId.startsWith("TAG-"));
}
const open = (fs: Finding[]) => fs.filter((f) => f.status === "unknown" || f.status === "fail");

describe("ASC Default (Microsoft cloud security benchmark) in az policy assignment list", () => {
  it("with its usual parameters (audit-family effects) leaves every tag rule decided: no unknown, no failure", async () => {
    expect(open(await tagFindings(fx("assignment-list.json")))).toEqual([]);
  });

  it("an initiative backupguard does not carry stays unknown, with the command that resolves it", async () => {
    const list = JSON.parse(readFileSync(fx("assignment-list.json"), "utf8"));
    list[0].policyDefinitionId = "/providers/Microsoft.Authorization/policySetDefinitions/179d1daa-458f-4e47-8086-2a68d0d6c38f";
    const f = join(mkdtempSync(join(tmpdir(), "bg-builtins-")), "other.json");
    writeFileSync(f, JSON.stringify(list));
    const unknowns = open(await tagFindings(f)).filter((x) => x.ruleId === "TAG-001");
    expect(unknowns.map((x) => x.status)).toEqual(["unknown"]);
    expect(unknowns[0]!.message).toContain("az policy set-definition show --name 179d1daa-458f-4e47-8086-2a68d0d6c38f");
  });

  it("with an effect parameter set to Deny, TAG-001 is unknown and says which output to pass", async () => {
    const unknowns = open(await tagFindings(fx("assignment-list-deny.json"))).filter((f) => f.ruleId === "TAG-001");
    expect(unknowns.map((f) => f.status)).toEqual(["unknown"]);
    expect(unknowns[0]!.message).toContain("secureTransferToStorageAccountMonitoringEffect");
    expect(unknowns[0]!.message).toContain("az policy set-definition show --name 1f3afdf9-d0c9-4c3d-847f-89da613e70a8");
  });

  it("the initiative alone names the member whose definition is still missing", async () => {
    const unknowns = open(await tagFindings(fx("assignment-list-deny.json"), fx("mcsb-set-definition.json"))).filter((f) => f.ruleId === "TAG-001");
    expect(unknowns.map((f) => f.status)).toEqual(["unknown"]);
    expect(unknowns[0]!.message).toContain("az policy definition show --name 404c3081-a854-4457-ae30-26a93ef643f9");
  });

  it("with the initiative and the member's definition, the Deny is judged: it targets storage accounts only, so nothing is open", async () => {
    const findings = await tagFindings(fx("assignment-list-deny.json"), fx("mcsb-set-definition.json"), fx("definition-secure-transfer.json"));
    expect(open(findings)).toEqual([]);
  });
});
