/**
 * Contract scenarios for `check`'s sources: each source alone and combined, joined by Azure id (case-insensitive) and
 * URN, in the shapes the Azure CLI, `az rest`, `az graph query`, `pulumi preview --json` and `pulumi stack export`
 * really print.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkJson, estate, decided, outline, scratch, VM_ID } from "./_estate.js";

const write = scratch("bg-e2e-sources-");
const json = (name: string) => JSON.parse(readFileSync(estate(name), "utf8")) as Record<string, unknown>;

const LIVE = ["--arm", estate("vault.json"), "--arm", estate("policies.json"), "--arm", estate("items-graph.json"), "--arm", estate("vm-show-d.json")];

describe("check --arm, one file at a time", () => {
  it("az backup vault show: one vault, nothing to report, exit 0", async () => {
    const r = await checkJson(["--arm", estate("vault.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.report.findings).toEqual([]);
    expect(r.report.summary.resources).toBe(1);
  });

  it("az rest list of policies ({value, nextLink}): the bad SQL policy fails, exit 1", async () => {
    const r = await checkJson(["--arm", estate("policies.json")]);
    expect(r.code).toBe(1);
    expect(decided(r.report)).toEqual(["POLICY-004 fail sql-hourly-log"]);
    expect(r.report.summary).toMatchObject({ error: 1, resources: 2 });
  });

  it("az rest pages: each page as its own --arm, nextLink present or not", async () => {
    const r = await checkJson(["--arm", estate("policies-page1.json"), "--arm", estate("policies-page2.json")]);
    expect(decided(r.report)).toEqual(["POLICY-004 fail sql-hourly-log"]);
    expect(r.report.summary.resources).toBe(2);
  });

  it("az graph query output (count, data, skip_token, total_records) with lower-case types", async () => {
    const r = await checkJson(["--arm", estate("items-graph.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.report.summary.resources).toBe(1);
  });

  it("az network nsg show (the CLI's flattened shape) is read and counted", async () => {
    const r = await checkJson(["--arm", estate("nsg-show.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.report.summary.resources).toBe(1);
  });

  it("an unprotected VM (az vm show -d) is counted, not judged", async () => {
    const r = await checkJson(["--arm", estate("vm-show-d.json")]);
    expect(r.code).toBe(0);
    expect(r.report.findings).toEqual([]);
  });
});

describe("check --arm repeated: the live estate", () => {
  it("joins the item to its VM and policy although the ids differ in letter case", async () => {
    const r = await checkJson(LIVE);
    expect(r.code).toBe(1);
    // VM-013 only looks at protected VMs: it fires because the item (upper-case sourceResourceId) found the VM (RG-SQL).
    expect(decided(r.report)).toEqual(["POLICY-004 fail sql-hourly-log", "VM-013 fail sqlvm01"]);
    const offline = r.report.findings.find((f) => f.ruleId === "VM-013")!;
    expect(offline.data).toEqual({ value: "VM deallocated" });
    expect(offline.resource.id?.toLowerCase()).toBe(VM_ID.toLowerCase());
    expect(r.report.summary).toMatchObject({ error: 1, warning: 1, resources: 5 });
  });

  it("finds the item's vault through the lower-case Resource Graph id (region check)", async () => {
    const vm = { ...json("vm-show-d.json"), location: "westeurope" };
    const r = await checkJson([...LIVE.slice(0, 6), "--arm", write("vm-westeurope.json", vm)]);
    const region = r.report.findings.find((f) => f.ruleId === "VM-003");
    expect(region, JSON.stringify(outline(r.report))).toBeDefined();
    expect(region!.message).toContain("rsv-prod");
    expect(region!.message).toContain("westeurope");
  });

  it("reads Resource Graph VM rows (lower-case type, power state under properties.extended)", async () => {
    const r = await checkJson(["--arm", estate("items-graph.json"), "--arm", estate("graph-vms.json")]);
    expect(r.stderr).toBe("");
    expect(decided(r.report)).toEqual(["VM-013 fail sqlvm01"]);
    expect(r.report.findings.find((f) => f.ruleId === "VM-013")!.data).toEqual({ value: "VM stopped" });
    // Resource Graph's lower-case type is reported as ARM spells it.
    expect(r.report.findings[0]!.resource.type).toBe("Microsoft.Compute/virtualMachines");
  });

  it("az vm get-instance-view: the agent version of the instance view is checked", async () => {
    const r = await checkJson(["--arm", estate("items-graph.json"), "--arm", estate("vm-instance-view.json")]);
    expect(decided(r.report)).toEqual(["VM-001 fail sqlvm01"]);
    expect(r.report.findings[0]!.data).toEqual({ value: "2.6.1198.50", minimum: "2.6.1198.718", source: "instance view" });
  });

  it("adds the inventory: the old Windows agent fails, joined by id in another letter case", async () => {
    const r = await checkJson([...LIVE, "--inventory", estate("inventory.yaml")]);
    expect(decided(r.report)).toEqual(["POLICY-004 fail sql-hourly-log", "VM-001 fail sqlvm01", "VM-013 fail sqlvm01"]);
    expect(r.report.findings.find((f) => f.ruleId === "VM-001")!.data).toEqual({ value: "2.6.1198.99", minimum: "2.6.1198.718", source: "inventory" });
  });

  it("joins an inventory VM without id by name, case-insensitively", async () => {
    const r = await checkJson([...LIVE, "--inventory", estate("inventory-by-name.yaml")]);
    expect(outline(r.report)).toContain("VM-001 fail sqlvm01");
  });

  it("an inventory id that names another VM than its name is an input error (exit 2)", async () => {
    const inv = write("inv-mismatch.yaml", `version: 1\nvms:\n  - name: sqlvm01\n    id: ${VM_ID.replace(/sqlvm01$/, "sqlvm02")}\n    os: windows\n`);
    const r = await checkJson([...LIVE, "--inventory", inv]).catch((e: Error) => e);
    expect(r).toBeInstanceOf(Error);
    expect((r as Error).message).toMatch(/exit 2\): backupguard: .*inv-mismatch\.yaml at vms\[0\]\.id/);
  });
});

describe("check --preview", () => {
  it("alone: a failure and an unknown; the unknown is never counted as a failure", async () => {
    const r = await checkJson(["--preview", estate("preview.json")]);
    expect(r.code).toBe(1);
    expect(outline(r.report)).toEqual(["POLICY-004 fail legacy-sql-policy", "POLICY-011 unknown vm-policy"]);
    expect(r.report.summary).toMatchObject({ error: 1, warning: 0, note: 0, unknown: 1 });
    const unknown = r.report.findings.find((f) => f.status === "unknown")!;
    expect(unknown.resource.urn).toMatch(/^urn:pulumi:prod::backup-estate::azure-native:recoveryservices:ProtectionPolicy::vm-policy$/);
    expect(unknown.resource.id).toBeUndefined();
    expect(unknown.message).toContain("the length of the daily retention of the VM backup (retention.daily.duration.count) is not known before deployment");
  });

  it("with only unknowns left it exits 0, whatever --fail-on says", async () => {
    const digest = json("preview.json") as { steps: { newState: { urn: string; inputs: Record<string, unknown> } }[] };
    const fixed = structuredClone(digest);
    const sql = fixed.steps.find((s) => s.newState.urn.endsWith("::legacy-sql-policy"))!;
    const subs = (sql.newState.inputs.properties as { subProtectionPolicy: { policyType: string; schedulePolicy: Record<string, unknown> }[] }).subProtectionPolicy;
    subs.find((s) => s.policyType === "Log")!.schedulePolicy.scheduleFrequencyInMins = 15;
    const file = write("preview-fixed.json", fixed);
    for (const failOn of ["error", "warning", "note"]) {
      const r = await checkJson(["--preview", file, "--fail-on", failOn]);
      expect(r.code, `--fail-on ${failOn}`).toBe(0);
      expect(r.report.summary).toMatchObject({ error: 0, warning: 0, note: 0, unknown: 1 });
    }
  });

  it("with --arm and --inventory: an existing VM protected by a new Pulumi item, joined by id across sources", async () => {
    const r = await checkJson(["--preview", estate("preview.json"), "--arm", estate("vm-show-d.json"), "--inventory", estate("inventory.yaml")]);
    expect(r.code).toBe(1);
    expect(outline(r.report)).toEqual([
      "NET-002 unknown sqlvm01",
      "POLICY-004 fail legacy-sql-policy",
      "POLICY-011 unknown vm-policy",
      "VM-001 fail sqlvm01",
      "VM-013 fail sqlvm01",
    ]);
  });

  it("finds the vault of a new item whose vaultName is unknown at preview, through its propertyDependencies", async () => {
    const vm = { ...json("vm-show-d.json"), location: "westeurope" };
    const r = await checkJson(["--preview", estate("preview.json"), "--arm", write("vm-we.json", vm)]);
    const region = r.report.findings.find((f) => f.ruleId === "VM-003");
    expect(region, JSON.stringify(outline(r.report))).toBeDefined();
    expect(region!.status).toBe("fail");
    expect(region!.message).toContain('vault "rsv-prod"');
  });
});

describe("a VM created in the same Pulumi program as its protection", () => {
  const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const VM_URN = "urn:pulumi:prod::backup-estate::azure-native:compute:VirtualMachine::sqlvm01";
  type Step = { op: string; urn: string; newState: { urn: string; type: string; inputs: Record<string, unknown>; propertyDependencies?: Record<string, string[]> } };
  /** The preview plus a new VM in westeurope with an ephemeral OS disk; the item's sourceResourceId is `vm.id` (unknown). */
  function previewWithNewVm(item: { containerName: string; dependsOnVm: boolean }) {
    const digest = json("preview.json") as { steps: Step[] };
    digest.steps.push({
      op: "create",
      urn: VM_URN,
      newState: {
        urn: VM_URN,
        type: "azure-native:compute:VirtualMachine",
        inputs: {
          resourceGroupName: "rg-sql",
          vmName: "sqlvm01",
          location: "westeurope",
          hardwareProfile: { vmSize: "Standard_D4s_v5" },
          storageProfile: { osDisk: { createOption: "FromImage", osType: "Windows", diffDiskSettings: { option: "Local" }, managedDisk: { storageAccountType: "Standard_LRS" } } },
          osProfile: { computerName: "sqlvm01", adminUsername: "azureadmin", adminPassword: "[secret]", windowsConfiguration: { provisionVMAgent: true } },
          networkProfile: { networkInterfaces: [{ id: U }] },
        },
      },
    });
    const step = digest.steps.find((s) => s.newState.urn.endsWith("::sqlvm01-backup"))!;
    step.newState.inputs.containerName = item.containerName;
    (step.newState.inputs.properties as Record<string, unknown>).sourceResourceId = U;
    if (item.dependsOnVm) step.newState.propertyDependencies!.properties!.push(VM_URN);
    return digest;
  }

  it("joins the item to the VM through the container name Azure Backup gives VMs (IaasVMContainer;iaasvmcontainerv2;rg;vm)", async () => {
    const file = write("preview-new-vm-container.json", previewWithNewVm({ containerName: "IaasVMContainer;iaasvmcontainerv2;rg-sql;sqlvm01", dependsOnVm: false }));
    const r = await checkJson(["--preview", file]);
    expect(outline(r.report)).toEqual(expect.arrayContaining(["VM-003 fail sqlvm01-backup", "VM-006 fail sqlvm01"]));
  });

  it("joins the item to the VM through propertyDependencies when the container name is computed too", async () => {
    const file = write("preview-new-vm-dependency.json", previewWithNewVm({ containerName: U, dependsOnVm: true }));
    const r = await checkJson(["--preview", file]);
    expect(outline(r.report)).toEqual(expect.arrayContaining(["VM-003 fail sqlvm01-backup", "VM-006 fail sqlvm01"]));
  });
});

describe("resources a Pulumi program reads rather than manages (Vault.get, VirtualMachine.get)", () => {
  type Step = { op: string; urn?: string; newState: { urn: string; type: string; id?: string; inputs: Record<string, unknown>; outputs?: Record<string, unknown>; external?: boolean } };
  const VAULT_ID = `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod`;
  /** The preview with the vault read from Azure: inputs empty, the vault as Azure returned it in outputs. */
  function previewReadingVault(location: string) {
    const digest = json("preview.json") as { steps: Step[] };
    const step = digest.steps.find((s) => s.newState.urn.endsWith("::rsv-prod"))!;
    step.op = "read";
    step.newState = {
      ...step.newState,
      id: VAULT_ID,
      external: true,
      inputs: {},
      outputs: { id: VAULT_ID, name: "rsv-prod", type: "Microsoft.RecoveryServices/vaults", location, sku: { name: "RS0", tier: "Standard" }, properties: { provisioningState: "Succeeded" }, azureApiVersion: "2025-02-01" },
    };
    return digest;
  }

  it("a read vault is described by its outputs: its region is checked against the protected VM", async () => {
    const r = await checkJson(["--preview", write("preview-read-vault.json", previewReadingVault("westeurope")), "--arm", estate("vm-show-d.json")]);
    const region = r.report.findings.find((f) => f.ruleId === "VM-003");
    expect(region, JSON.stringify(outline(r.report))).toBeDefined();
    expect(region!.message).toContain("westeurope");
    const same = await checkJson(["--preview", write("preview-read-vault-eastus.json", previewReadingVault("eastus")), "--arm", estate("vm-show-d.json")]);
    expect(outline(same.report).filter((l) => l.startsWith("VM-003"))).toEqual([]);
  });

  it("a read resource in a stack export (external: true) is described by its outputs", async () => {
    const exported = json("stack-export.json") as { deployment: { resources: { urn: string; id?: string; external?: boolean; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[] } };
    const policy = exported.deployment.resources.find((r) => r.urn.endsWith("::legacy-sql-policy"))!;
    policy.external = true;
    policy.outputs = { ...policy.inputs, id: policy.id, name: "legacy-sql-policy" };
    policy.inputs = {};
    const r = await checkJson(["--state", write("state-external.json", exported)]);
    expect(decided(r.report)).toEqual(["POLICY-004 fail legacy-sql-policy"]);
  });
});

describe("check --state", () => {
  it("alone: findings carry the URN and the Azure id the export knows", async () => {
    const r = await checkJson(["--state", estate("stack-export.json")]);
    expect(r.code).toBe(1);
    expect(decided(r.report)).toEqual(["POLICY-004 fail legacy-sql-policy"]);
    const f = r.report.findings[0]!;
    expect(f.resource.urn).toMatch(/::legacy-sql-policy$/);
    expect(f.resource.id).toMatch(/\/backupPolicies\/legacy-sql-policy$/);
    // The resource group, the vault, its resource guard mapping, two policies and the item.
    expect(r.report.summary.resources).toBe(6);
  });

  it("with the live ARM body of the same policy (id in other letter cases): one resource, one finding", async () => {
    const r = await checkJson(["--state", estate("stack-export.json"), "--arm", estate("legacy-sql-policy.arm.json")]);
    expect(r.code).toBe(1);
    expect(decided(r.report)).toEqual(["POLICY-004 fail legacy-sql-policy"]);
    expect(r.report.findings[0]!.resource).toMatchObject({ urn: expect.stringMatching(/::legacy-sql-policy$/), id: expect.stringMatching(/legacy-sql-policy$/) });
    expect(r.report.summary).toMatchObject({ error: 1, resources: 6 });
  });

  it("a live ARM policy joined to a Pulumi one keeps both reports apart when their facts differ (drift)", async () => {
    const live = json("legacy-sql-policy.arm.json") as { properties: { subProtectionPolicy: { policyType: string; schedulePolicy: Record<string, unknown> }[] } };
    live.properties.subProtectionPolicy.find((s) => s.policyType === "Log")!.schedulePolicy.scheduleFrequencyInMins = 5;
    const r = await checkJson(["--state", estate("stack-export.json"), "--arm", write("drifted.json", live)]);
    const values = r.report.findings.filter((f) => f.ruleId === "POLICY-004").map((f) => f.data?.value);
    expect(values.sort()).toEqual([10, 5]);
    expect(r.report.summary.resources).toBe(6);
  });

  it("never lets a --show-secrets plaintext reach the report", async () => {
    const r = await checkJson(["--state", estate("stack-export.json")]);
    expect(readFileSync(estate("stack-export.json"), "utf8")).toContain("Hunter2-Sup3rSecret!");
    expect(r.stdout).not.toContain("Hunter2");
  });
});

describe("the vault hardened as the vault rules ask (immutability locked, a resource guard mapped)", () => {
  type Steps = { steps: { urn: string; newState: { inputs: Record<string, unknown> } }[] };
  const vaultFindings = (r: { report: { findings: { ruleId: string; status: string; resource: { name: string } }[] } }) =>
    r.report.findings.filter((f) => f.ruleId.startsWith("VAULT-")).map((f) => `${f.ruleId} ${f.status} ${f.resource.name}`);

  it("passes every vault rule whichever source describes it", async () => {
    for (const args of [["--arm", estate("vault.json")], ["--preview", estate("preview.json")], ["--state", estate("stack-export.json")]]) {
      expect(vaultFindings(await checkJson(args)), args[0]).toEqual([]);
    }
  });

  it("az backup vault show: Azure's read-only multiUserAuthorization Enabled is the resource guard", async () => {
    const vault = json("vault.json") as { properties: { securitySettings: Record<string, unknown> } };
    vault.properties.securitySettings.multiUserAuthorization = "Disabled";
    const r = await checkJson(["--arm", write("vault-no-mua.json", vault)]);
    expect(vaultFindings(r)).toEqual(["VAULT-011 fail rsv-prod"]);
  });

  it("a preview: the guard mapping names its vault through propertyDependencies (vaultName: vault.name); without it the note comes back", async () => {
    const digest = json("preview.json") as Steps;
    digest.steps = digest.steps.filter((s) => !s.urn.endsWith("::rsv-prod-guard"));
    const r = await checkJson(["--preview", write("preview-no-guard.json", digest)]);
    expect(vaultFindings(r)).toEqual(["VAULT-011 fail rsv-prod"]);
    expect(r.report.findings.find((f) => f.ruleId === "VAULT-011")!.severity).toBe("note");
  });
});
