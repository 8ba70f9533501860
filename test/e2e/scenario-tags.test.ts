/**
 * Tag policies (TAG-*) from what `az policy assignment list`, `az policy definition show`, `az policy exemption list`
 * and `az policy set-definition show` print (flattened properties, nulls for unset fields), over a VM estate built
 * from Azure's REST examples (VM in "West US", as the example spells it).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";
import { e2eFixtures } from "../harness/fixtures.js";

const { fx, read, write } = e2eFixtures("tags");

interface Finding {
  ruleId: string;
  status: string;
  message: string;
  resource: { name: string };
  data: Record<string, unknown>;
}
async function tagFindings(...files: string[]) {
  const r = await runCli(["check", "--arm", fx("estate.json"), ...files.flatMap((f) => ["--arm", f]), "--format", "json", "--fail-on", "never"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout).findings as Finding[]).filter((f) => f.ruleId.startsWith("TAG-") && f.status === "fail");
}

describe("az policy assignment list beside a VM estate", () => {
  it("a built-in 'Require a tag on resource groups' fails TAG-001, and the common 'Allowed locations' beside it does not blur it", async () => {
    const failures = await tagFindings(fx("assignment-list.json"));
    expect(failures.map((f) => [f.ruleId, f.data.assignment])).toEqual([["TAG-001", "require-costcenter-rg"]]);
    expect(failures[0]!.data).toMatchObject({ resourceGroup: "AzureBackupRG_westus_1", requiredTags: [{ tag: "costCenter" }] });
  });

  it("'Allowed locations' with the VM's region (written 'West US' by ARM, 'westus' in the list) denies nothing", async () => {
    expect((await tagFindings(fx("assignment-list.json"))).filter((f) => f.ruleId === "TAG-004")).toEqual([]);
  });

  it("'Allowed locations' without the VM's region denies the snapshot extension and the restore point collection (TAG-004)", async () => {
    const list = read("assignment-list.json");
    list[1].parameters.listOfAllowedLocations.value = ["westeurope"];
    const failures = await tagFindings(write("locations.json", list));
    expect(failures.filter((f) => f.ruleId === "TAG-004").map((f) => f.data.assignment)).toEqual(["allowed-locations", "allowed-locations"]);
  });

  it("the definition from `az policy definition show` gives the same verdict", async () => {
    const failures = await tagFindings(fx("assignment-list.json"), fx("definition-require-tag-rg.json"));
    expect(failures.map((f) => f.ruleId)).toEqual(["TAG-001"]);
  });

  it("an expired Waiver exemption does not lift the Deny; an active one does", async () => {
    expect((await tagFindings(fx("assignment-list.json"), fx("exemption-expired.json"))).map((f) => f.ruleId)).toEqual(["TAG-001"]);
    expect(await tagFindings(fx("assignment-list.json"), fx("exemption-active.json"))).toEqual([]);
  });

  it("DoNotEnforce never denies", async () => {
    const list = read("assignment-list.json");
    list[0].enforcementMode = "DoNotEnforce";
    expect(await tagFindings(write("dne.json", list))).toEqual([]);
  });

  it("an initiative passing its parameter to the built-in member fails TAG-001 naming the member", async () => {
    const failures = await tagFindings(fx("initiative-assignment.json"), fx("initiative.json"));
    expect(failures.map((f) => [f.ruleId, f.data.assignment])).toEqual([["TAG-001", "tagging-baseline"]]);
    expect(failures[0]!.data).toMatchObject({ requiredTags: [{ tag: "owner" }] });
    expect(failures[0]!.message).toContain("member requireTagOnRg");
  });
});
