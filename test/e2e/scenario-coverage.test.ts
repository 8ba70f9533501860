/**
 * Proves `backupguard rules --coverage`: for every Azure error code a rule claims to predict, a black-box scenario
 * through the CLI with the files a user has (`az … show/list` output, Resource Graph rows, `pulumi preview --json`,
 * the workload inventory). Each scenario is a golden estate that backs up cleanly plus one realistic change:
 *  1. the changed estate gets a `fail` finding from the rule, at the rule's severity, on the resource named, whose
 *     `azureErrorCodes` holds the code, and the exit code follows `--fail-on`;
 *  2. the golden estate gets no failing finding that names the code.
 * A last test checks that every (code, rule) pair the coverage command reports has a scenario here.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../harness/cli.js";
import { repoRoot } from "../harness/shared.js";
import type { JsonFinding, JsonReport } from "./_estate.js";

const e2e = (...p: string[]) => join(repoRoot, "test", "fixtures", "e2e", ...p);
const cov = (...p: string[]) => e2e("coverage", ...p);
const arm = (...files: string[]) => files.flatMap((f) => ["--arm", f]);

type Severity = "error" | "warning" | "note";

interface Scenario {
  /** The Azure error code the rule claims to predict. */
  code: string;
  rule: string;
  severity: Severity;
  /** What the user did wrong, in their words. */
  story: string;
  /** CLI source options of the estate that Azure would fail. */
  broken: string[];
  /** The same estate, corrected. */
  fixed: string[];
  /** The resource the finding must name (`resource.name`). */
  resource: string;
  /** A fact the finding's `data` must carry. */
  data?: Record<string, unknown>;
}

// ---- SQL Server in Azure VM: one VM, the hourly-log and full-only policies (az backup policy show), the items
// (az backup item list) and the DBA's inventory. Golden: every database fits its policy.
const sqlArm = [e2e("sql", "policy-show.json"), cov("sql", "vm-policy-show.json"), e2e("network", "vault-show.json")];
const sqlItems = cov("sql", "item-list.json");
const sqlInventory = cov("sql", "inventory.yaml");
const sqlEstate = (over: { items?: string; inventory?: string; vm?: string } = {}) => [
  ...arm(...sqlArm, over.vm ?? e2e("network", "vm-show.json"), over.items ?? sqlItems),
  "--inventory",
  over.inventory ?? sqlInventory,
];
const sqlFixed = sqlEstate();

// ---- An Always On availability group over sqlvm01 (primary) and sqlvm02: az backup container list, the group's item
// SQLDataBase;ag-orders;orders, both VMs (az vm show). Golden: both replicas registered, preference Primary.
const agEstate = (over: { containers?: string; items?: string; inventory?: string } = {}) => [
  ...arm(e2e("sql", "policy-show.json"), e2e("network", "vm-show.json"), cov("sql-ag", "vm-show-sqlvm02.json"), e2e("network", "vault-show.json")),
  ...arm(cov("sql-ag", over.containers ?? "container-list.json"), cov("sql-ag", over.items ?? "item-list.json")),
  "--inventory",
  cov("sql-ag", over.inventory ?? "inventory.yaml"),
];

// ---- A Linux VM encrypted with Azure Disk Encryption (az vm show lists the ADE extension), its VM item and its key
// vault (az keyvault show). Golden: an access policy with the Azure Backup template's permissions.
const adeEstate = (keyVault: string) => [
  ...arm(cov("sql", "vm-policy-show.json"), e2e("network", "vault-show.json"), cov("vm", "vm-show-ade.json"), cov("linux", "item-list.json"), cov("vm", keyVault)),
];

const scenarios: Scenario[] = [
  {
    code: "UserErrorSQLPODoesNotSupportBackupType",
    rule: "SQL-001",
    severity: "error",
    story: "a SIMPLE-recovery database under a policy with log backups",
    broken: sqlEstate({ inventory: cov("sql", "inventory-staging-simple.yaml") }),
    fixed: sqlFixed,
    resource: "SQLDataBase;mssqlserver;staging",
  },
  {
    code: "UserErrorSQLPODoesNotSupportBackupType",
    rule: "SQL-002",
    severity: "error",
    story: "master moved under the Full + Differential + Log policy",
    broken: sqlEstate({ items: cov("sql", "item-list-master-log.json") }),
    fixed: sqlFixed,
    resource: "SQLDataBase;mssqlserver;master",
  },
  {
    code: "UserErrorOperationNotAllowedDatabaseMirroringEnabled",
    rule: "SQL-004",
    severity: "error",
    story: "a protected database that is a database-mirroring principal",
    broken: sqlEstate({ inventory: cov("sql", "inventory-sales-mirrored.yaml") }),
    fixed: sqlFixed,
    resource: "SQLDataBase;mssqlserver;sales",
  },
  {
    code: "UserErrorSQLLSNValidationFailure",
    rule: "SQL-005",
    severity: "error",
    story: "log shipping and Azure Backup both take log backups of one database",
    broken: sqlEstate({ inventory: cov("sql", "inventory-sales-log-shipped.yaml") }),
    fixed: sqlFixed,
    resource: "SQLDataBase;mssqlserver;sales",
  },
  ...(["UserErrorSQLLSNValidationFailure", "UserErrorFileManipulationIsNotAllowedDuringBackup"] as const).map(
    (code): Scenario => ({
      code,
      rule: "SQL-006",
      severity: "error",
      story: "the old SQL Agent backup jobs still run next to Azure Backup",
      broken: sqlEstate({ inventory: cov("sql", "inventory-other-backup-product.yaml") }),
      fixed: sqlFixed,
      resource: "SQLDataBase;mssqlserver;sales",
    }),
  ),
  {
    code: "UserErrorSQLLSNValidationFailure",
    rule: "SQL-013",
    severity: "error",
    story: "Azure VM backup of the SQL VM takes VSS full backups (UseVssFullBackup)",
    broken: sqlEstate({ inventory: cov("sql", "inventory-vss-full.yaml") }),
    fixed: sqlFixed,
    resource: "VM;iaasvmcontainerv2;rg-sql;sqlvm01",
    data: { vssBackupType: "full" },
  },
  {
    code: "FabricSvcBackupPreferenceCheckFailedUserError",
    rule: "SQL-010",
    severity: "error",
    story: "the availability group's primary replica was never registered to the vault",
    broken: agEstate({ containers: "container-list-primary-missing.json" }),
    fixed: agEstate(),
    resource: "SQLDataBase;ag-orders;orders",
    data: { primary: "sqlvm01" },
  },
  {
    code: "UserErrorSQLLSNValidationFailure",
    rule: "SQL-012",
    severity: "warning",
    story: "the availability group kept SQL Server's default preference, Prefer secondary",
    broken: agEstate({ inventory: "inventory-prefer-secondary.yaml" }),
    fixed: agEstate(),
    resource: "ag-orders",
    data: { backupPreference: "Secondary" },
  },
  {
    code: "UserErrorBackupFailedStandaloneDatabaseMovedInToAG",
    rule: "SQL-014",
    severity: "error",
    story: "a database joined the availability group but is still protected as a standalone database",
    broken: agEstate({ items: "item-list-standalone.json" }),
    fixed: agEstate(),
    resource: "SQLDataBase;mssqlserver;orders",
  },
  {
    code: "UserErrorBackupFailedDatabaseMovedOutOfAG",
    rule: "SQL-014",
    severity: "error",
    story: "a database left the availability group but is still protected as the group's database",
    broken: agEstate({ inventory: "inventory-orders-left-ag.yaml" }),
    fixed: agEstate({ inventory: "inventory-orders-left-ag.yaml", items: "item-list-standalone.json" }),
    resource: "SQLDataBase;ag-orders;orders",
  },
  // ---- Azure VM backup of the same VM (item VM;iaasvmcontainerv2;rg-sql;sqlvm01 under vm-daily), az vm show variants
  {
    code: "UserErrorGuestAgentStatusUnavailable",
    rule: "VM-001",
    severity: "error",
    story: "the VM runs a Windows VM agent older than Azure Backup supports",
    broken: sqlEstate({ inventory: cov("vm", "inventory-old-agent.yaml") }),
    fixed: sqlFixed,
    resource: "sqlvm01",
    data: { value: "2.6.1198.99" },
  },
  {
    code: "UserErrorGuestAgentStatusUnavailable",
    rule: "VM-002",
    severity: "error",
    story: "the VM was created with provisionVmAgent false (az vm show spelling) and nobody installed the agent",
    broken: sqlEstate({ vm: cov("vm", "vm-show-no-agent.json"), inventory: cov("vm", "inventory-no-agent-version.yaml") }),
    fixed: sqlEstate({ inventory: cov("vm", "inventory-no-agent-version.yaml") }),
    resource: "sqlvm01",
  },
  {
    code: "UserErrorUnsupportedDiskSize",
    rule: "VM-010",
    severity: "error",
    story: "a 64 TiB Ultra disk attached to the protected VM (diskSizeGb, as az vm show prints it)",
    broken: sqlEstate({ vm: cov("vm", "vm-show-64tib-disk.json") }),
    fixed: sqlEstate({ vm: cov("vm", "vm-show-32tib-disk.json") }),
    resource: "sqlvm01",
    data: { value: 65536, limit: 32768 },
  },
  // The same VM without an agent: its VM backup and its SQL databases' backups both need one.
  ...(["VmNotInDesirableState", "AzureVmOffline", "GuestAgentStatusUnavailableUserError"] as const).map(
    (code): Scenario => ({
      code,
      rule: "VM-002",
      severity: "error",
      story: "the SQL Server VM (VM backup and database backups) was created with provisionVmAgent false and nobody installed the agent",
      broken: sqlEstate({ vm: cov("vm", "vm-show-no-agent.json"), inventory: cov("vm", "inventory-no-agent-version.yaml") }),
      fixed: sqlEstate({ inventory: cov("vm", "inventory-no-agent-version.yaml") }),
      resource: "sqlvm01",
      data: { value: false, sqlBackup: true },
    }),
  ),
  {
    code: "VMNotInRunningStateUserError",
    rule: "VM-013",
    severity: "warning",
    story: "the SQL Server VM was left deallocated (az vm show -d prints its power state), so its database backups fail",
    broken: sqlEstate({ vm: cov("vm", "vm-show-d-deallocated.json") }),
    fixed: sqlEstate({ vm: cov("vm", "vm-show-d-running.json") }),
    resource: "sqlvm01",
    data: { value: "VM deallocated", sqlBackup: true },
  },
  ...(["UserErrorVmProvisioningStateFailed", "UserErrorVmNotInDesirableState"] as const).map(
    (code): Scenario => ({
      code,
      rule: "VM-012",
      severity: "error",
      story: "a failed extension left the protected VM in the Failed provisioning state",
      broken: sqlEstate({ vm: cov("vm", "vm-show-failed.json") }),
      fixed: sqlFixed,
      resource: "sqlvm01",
    }),
  ),
  {
    code: "UserErrorKeyvaultPermissionsNotConfigured",
    rule: "VM-015",
    severity: "error",
    story: "the ADE key vault of a protected VM (BEK + KEK) only has the deployment pipeline's access policy, with no secret list permission",
    broken: adeEstate("keyvault-show-ade-no-backup.json"),
    fixed: adeEstate("keyvault-show-ade.json"),
    resource: "kv-ade-prod",
    data: { keyVault: "kv-ade-prod", needs: ["keys", "secrets"], accessPolicies: 1 },
  },
];


// ---- A Linux VM with the pre/post-script framework (az vm show, its VM item, the inventory's config file).
const linuxEstate = (inventory: string) => [
  ...arm(cov("sql", "vm-policy-show.json"), e2e("network", "vault-show.json"), cov("linux", "vm-show.json"), cov("linux", "item-list.json")),
  "--inventory",
  cov("linux", inventory),
];

// ---- The SQL VM behind NIC and subnet NSGs, forced-tunnelled to an Azure Firewall (test/fixtures/e2e/network), with the
// subnet NSG given separately. `protection` is what backs the VM up: its SQL database or an Azure VM backup item.
const netEstate = (subnetNsg: string, protection: "sql" | "vm") => [
  ...arm(
    ...["vm-show", "nic-show", "subnet-show", "nsg-nic-show", "route-table-show", "firewall", "vault-show"].map((f) => e2e("network", `${f}.json`)),
    ...(protection === "sql" ? [e2e("network", "backup-items.json")] : [cov("network", "vm-item.json"), cov("sql", "vm-policy-show.json")]),
    subnetNsg,
  ),
];
const goodSubnetNsg = e2e("network", "nsg-subnet-show.json");

scenarios.push(
  {
    code: "IncorrectJSONConfigFile",
    rule: "LINUX-002",
    severity: "warning",
    story: "VMSnapshotScriptPluginConfig.json without postScriptLocation",
    broken: linuxEstate("inventory-no-post-script.yaml"),
    fixed: linuxEstate("inventory.yaml"),
    resource: "appvm01",
    data: { key: "postScriptLocation" },
  },
  {
    code: "Pre-ScriptNotFound",
    rule: "LINUX-006",
    severity: "warning",
    story: "the image ships the pre-script as pre-backup.sh while the config still names pre.sh",
    broken: linuxEstate("inventory-pre-script-missing.yaml"),
    fixed: linuxEstate("inventory.yaml"),
    resource: "appvm01",
    data: { script: "/opt/backup/pre.sh", backupFails: false },
  },
  {
    code: "Post-ScriptNotFound",
    rule: "LINUX-006",
    severity: "warning",
    story: "the post-script was never copied to the VM",
    broken: linuxEstate("inventory-post-script-missing.yaml"),
    fixed: linuxEstate("inventory.yaml"),
    resource: "appvm01",
    data: { script: "/opt/backup/post.sh" },
  },
  {
    code: "InsufficientPermissionforPre-Script",
    rule: "LINUX-006",
    severity: "warning",
    story: "the pre-script was installed with mode 755",
    broken: linuxEstate("inventory-pre-script-mode-755.yaml"),
    fixed: linuxEstate("inventory.yaml"),
    resource: "appvm01",
    data: { script: "/opt/backup/pre.sh", value: "755", expected: "700" },
  },
  {
    code: "InsufficientPermissionforPost-Script",
    rule: "LINUX-006",
    severity: "warning",
    story: "the post-script is owned by the application's deploy user, not root",
    broken: linuxEstate("inventory-post-script-owner.yaml"),
    fixed: linuxEstate("inventory.yaml"),
    resource: "appvm01",
    data: { script: "/opt/backup/post.sh", value: "appdeploy", expected: "root" },
  },
  ...(["Pre-ScriptTimeout", "Post-ScriptTimeout"] as const).map(
    (code): Scenario => ({
      code,
      rule: "LINUX-003",
      severity: "warning",
      story: "timeoutInSeconds raised to an hour, above the framework's 1800-second cap",
      broken: linuxEstate("inventory-timeout-3600.yaml"),
      fixed: linuxEstate("inventory.yaml"),
      resource: "appvm01",
      data: { value: 3600, limit: 1800 },
    }),
  ),
  ...(["UserErrorVMInternetConnectivityIssue", "WorkloadExtensionNotReachable"] as const).map(
    (code): Scenario => ({
      code,
      rule: "NET-001",
      severity: "error",
      story: "the subnet NSG lost its allow-AzureBackup rule, so deny-internet blocks the SQL VM",
      broken: netEstate(cov("network", "nsg-subnet-no-azurebackup.json"), "sql"),
      fixed: netEstate(goodSubnetNsg, "sql"),
      resource: "sqlvm01",
      data: { destination: "AzureBackup" },
    }),
  ),
  {
    code: "ExtensionSnapshotFailedNoNetwork",
    rule: "NET-002",
    severity: "warning",
    story: "the subnet NSG lost its allow-Storage rule, so the VM snapshot extension cannot reach Storage",
    broken: netEstate(cov("network", "nsg-subnet-no-storage.json"), "vm"),
    fixed: netEstate(goodSubnetNsg, "vm"),
    resource: "sqlvm01",
    data: { destination: "Storage" },
  },
  {
    code: "SecurityRuleConflict",
    rule: "NET-003",
    severity: "error",
    story: "a pulumi preview adds an NSG rule at a priority another rule already uses",
    broken: ["--preview", cov("network", "preview-nsg-duplicate-priority.json")],
    fixed: ["--preview", cov("network", "preview-nsg.json")],
    resource: "nsg-snet-sql",
    data: { priority: 210, direction: "Outbound" },
  },
);

// ---- Governance over a VM estate built from Azure's REST examples (test/fixtures/e2e/tags): az policy assignment list,
// az policy exemption list, az lock list.
const tags = (...files: string[]) => arm(e2e("tags", "estate.json"), ...files);
const waiver = e2e("tags", "exemption-active.json");

scenarios.push(
  {
    code: "UserErrorRequestDisallowedByPolicy",
    rule: "TAG-001",
    severity: "error",
    story: "a Deny 'Require a tag on resource groups' assignment meets the untagged AzureBackupRG_westus_1",
    broken: tags(e2e("tags", "assignment-list.json")),
    fixed: tags(e2e("tags", "assignment-list.json"), waiver),
    resource: "vm-daily",
    data: { resourceGroup: "AzureBackupRG_westus_1" },
  },
  ...(["UserErrorRequestDisallowedByPolicy", "RequestDisallowedByPolicy"] as const).map(
    (code): Scenario => ({
      code,
      rule: "TAG-004",
      severity: "error",
      story: "'Allowed locations' lists only European regions while the VM and its restore points are in West US",
      broken: tags(cov("tags", "assignment-list-europe-only.json"), waiver),
      fixed: tags(e2e("tags", "assignment-list.json"), waiver),
      resource: "app01",
      data: { assignment: "allowed-locations" },
    }),
  ),
  {
    code: "RequestDisallowedByPolicy",
    rule: "TAG-001",
    severity: "error",
    story: "the program pre-creates the custom snapshot group rg-azurebackup-westus-1 without the costCenter tag a Deny requires",
    broken: [...arm(cov("tags", "estate-custom-snapshot-rg.json"), e2e("tags", "assignment-list.json")), "--preview", cov("tags", "preview-snapshot-rg-untagged.json")],
    fixed: [...arm(cov("tags", "estate-custom-snapshot-rg.json"), e2e("tags", "assignment-list.json")), "--preview", cov("tags", "preview-snapshot-rg-tagged.json")],
    resource: "rg-azurebackup-westus-1",
    data: { resourceGroup: "rg-azurebackup-westus-1", precreated: true },
  },
  {
    code: "UserErrorRpCollectionLimitReached",
    rule: "TAG-003",
    severity: "error",
    story: "a CanNotDelete lock on the snapshot resource group AzureBackupRG_westus_1",
    broken: tags(cov("tags", "lock-list-snapshot-rg.json")),
    fixed: tags(cov("tags", "lock-list-vault-rg.json")),
    resource: "rg-nodelete",
    data: { lock: "rg-nodelete" },
  },
  {
    code: "RequestDisallowedByPolicy",
    rule: "TAG-005",
    severity: "error",
    story: "the landing zone's Deploy-VM-Backup (new vault) meets a Deny on vaults with public network access, for a new VM",
    broken: tags(cov("tags", "vm-show-app02.json"), cov("tags", "assignment-list-deploy-backup-deny-public.json")),
    fixed: tags(cov("tags", "vm-show-app02.json"), cov("tags", "assignment-list-deploy-backup-audit-public.json")),
    resource: "Deploy-VM-Backup",
    // app01 is already protected (vm-daily), so the policy never remediates it: only the new app02 is named.
    data: { configureBackupAssignment: "Deploy-VM-Backup", vms: ["app02"] },
  },
  {
    code: "ScopeLocked",
    rule: "VAULT-014",
    severity: "error",
    story: "the vault's resource group rg-backup was frozen with a ReadOnly lock instead of a CanNotDelete one",
    broken: tags(cov("tags", "lock-list-vault-rg-readonly.json")),
    fixed: tags(cov("tags", "lock-list-vault-rg.json")),
    resource: "rsv-prod",
    data: { lock: "rg-readonly", level: "ReadOnly", scope: "resource group rg-backup" },
  },
);

// ---- Backup policies the way a Pulumi program declares them (pulumi preview --json, ProtectionPolicy creates): a
// Standard and an Enhanced daily VM policy, an Enhanced hourly one and a weekly SQL policy; each variant breaks one
// of Azure's policy rules, which Azure answers with BMSUserErrorInvalidPolicyInput.
const policyCases: [rule: string, file: string, resource: string, story: string, data?: Record<string, unknown>][] = [
  ["POLICY-001", "preview-sql-no-full.json", "sql-weekly", "a SQL policy with differential and log sub-policies but no Full"],
  ["POLICY-002", "preview-sql-full-monthly.json", "sql-weekly", "a SQL full backup scheduled Hourly", { value: "Hourly" }],
  ["POLICY-003", "preview-sql-diff-on-full-day.json", "sql-weekly", "the differential backup on Sunday, the full backup's day"],
  ["POLICY-004", "preview-sql-log-10min.json", "sql-weekly", "log backups every 10 minutes", { value: 10 }],
  ["POLICY-005", "preview-sql-log-retention-60d.json", "sql-weekly", "log backups kept 60 days", { value: 60 }],
  ["POLICY-006", "preview-vm-run-time-0215.json", "vm-enhanced", "a daily VM backup at 02:15"],
  ["POLICY-007", "preview-vm-daily-weekly-retention.json", "vm-enhanced", "a daily VM backup with only weekly retention"],
  ["POLICY-008", "preview-vm-standard-hourly.json", "vm-standard", "an hourly schedule on the Standard policy", { required: "V2" }],
  ["POLICY-009", "preview-vm-hourly-window-8h-every-12h.json", "vm-hourly", "an 8-hour window with a 12-hour interval"],
  ["POLICY-010", "preview-vm-standard-instant-rp-7.json", "vm-standard", "instant-restore snapshots kept 7 days on a Standard policy", { value: 7 }],
  ["POLICY-011", "preview-vm-retention-3-days.json", "vm-standard", "3 daily recovery points", { value: 3 }],
];
scenarios.push(
  ...policyCases.map(
    ([rule, file, resource, story, data]): Scenario => ({
      code: "BMSUserErrorInvalidPolicyInput",
      rule,
      severity: "error",
      story,
      broken: ["--preview", cov("policy", file)],
      fixed: ["--preview", cov("policy", "preview.json")],
      resource,
      ...(data ? { data } : {}),
    }),
  ),
  {
    code: "StorageModelModifyError",
    rule: "VAULT-006",
    severity: "error",
    story: "a preview switches rsv-prod from GeoRedundant to LocallyRedundant while az backup item list shows protected items",
    broken: ["--preview", cov("vault", "preview-vault-lrs.json"), ...arm(e2e("network", "vault-show.json"), sqlItems)],
    fixed: ["--preview", cov("vault", "preview-vault-grs.json"), ...arm(e2e("network", "vault-show.json"), sqlItems)],
    resource: "rsv-prod",
    data: { from: "GeoRedundant", to: "LocallyRedundant" },
  },
);

const RANK: Record<Severity, number> = { note: 0, warning: 1, error: 2 };

async function check(sources: string[], failOn: Severity | "never"): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const r = await runCli(["check", ...sources, "--format", "json", "--fail-on", failOn]);
  if (r.stdout === "") throw new Error(`no report (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

const naming = (report: JsonReport, code: string): JsonFinding[] =>
  report.findings.filter((f) => f.status === "fail" && f.azureErrorCodes.includes(code));

describe("rules --coverage: every predicted code is caught on a realistic estate, and not on the corrected one", () => {
  it.each(scenarios.map((s) => [`${s.code} by ${s.rule}: ${s.story}`, s] as const))("%s", async (_title, s) => {
    const broken = await check(s.broken, s.severity);
    expect(broken.stderr).toBe("");
    const hits = naming(broken.report, s.code).filter((f) => f.ruleId === s.rule);
    expect(hits.map((f) => f.resource.name), `findings: ${JSON.stringify(broken.report.findings.map((f) => [f.ruleId, f.status, f.resource.name]))}`).toContain(s.resource);
    const hit = hits.find((f) => f.resource.name === s.resource)!;
    expect(hit.severity).toBe(s.severity);
    if (s.data) expect(hit.data).toMatchObject(s.data);
    // --fail-on at the rule's severity makes it fail the run; one level stricter (where there is one) does not count it.
    expect(broken.code).toBe(1);
    if (s.severity !== "error") {
      const stricter = await check(s.broken, s.severity === "note" ? "warning" : "error");
      const others = stricter.report.findings.filter((f) => f.status === "fail" && RANK[f.severity as Severity] > RANK[s.severity]);
      expect(stricter.code).toBe(others.length > 0 ? 1 : 0);
    }

    const fixed = await check(s.fixed, "never");
    expect(fixed.stderr).toBe("");
    expect(fixed.code).toBe(0);
    expect(naming(fixed.report, s.code).map((f) => `${f.ruleId} ${f.resource.name}: ${f.message}`)).toEqual([]);
    // the rule still looked at the corrected estate (it did not just go quiet for lack of input)
    expect(fixed.report.findings.filter((f) => f.ruleId === s.rule && f.status === "fail")).toEqual([]);
  });
});

describe("rules --coverage", () => {
  it("names no (code, rule) prediction that lacks a scenario above", async () => {
    const r = await runCli(["rules", "--coverage", "--format", "json"]);
    expect(r.code).toBe(0);
    const coverage = JSON.parse(r.stdout) as { codes: { code: string; status: string; predictedBy: string[] }[] };
    const claimed = coverage.codes.filter((c) => c.status === "predicted").flatMap((c) => c.predictedBy.map((rule) => `${c.code} ${rule}`));
    const proven = new Set(scenarios.map((s) => `${s.code} ${s.rule}`));
    expect(claimed.length).toBeGreaterThan(0);
    expect(claimed.filter((pair) => !proven.has(pair))).toEqual([]);
    // and no scenario proves a prediction the coverage command does not claim
    expect([...proven].filter((pair) => !claimed.includes(pair))).toEqual([]);
  });
});
