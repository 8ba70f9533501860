/**
 * The dev stack's registrations under Pulumi mocks: what `pulumi up` would create, with which inputs, in which order.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runProgram, type CollectedResource, type ProgramRun } from "../../src/adapters/pulumi-program.js";

const SUB = "7d3f5c2a-4b1e-4f6a-9c8d-2e1f0a9b8c7d";
const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/rg-backup-dev-weu/providers/Microsoft.RecoveryServices/vaults/rsv-backup-dev-weu`;
const REQUIRED_TAGS = { costCenter: "CC-4711", owner: "platform-team", environment: "dev" };

let run: ProgramRun;
beforeAll(async () => {
  run = await runProgram(undefined, "dev");
});

const ofType = (suffix: string) => run.resources.filter((r) => r.type === `azure-native:${suffix}`);
const named = (suffix: string, name: string): CollectedResource => {
  const r = ofType(suffix).find((x) => x.name === name);
  if (!r) throw new Error(`no ${suffix} named ${name} (have ${ofType(suffix).map((x) => x.name).join(", ")})`);
  return r;
};
type Props = Record<string, any>;
const props = (r: CollectedResource): Props => r.inputs.properties as Props;

describe("dev stack registrations", () => {
  it("registers the estate, and nothing else", () => {
    const counts: Record<string, number> = {};
    for (const r of run.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    expect(counts).toEqual({
      "azure-native:resources:ResourceGroup": 2,
      "azure-native:authorization:PolicyAssignment": 3,
      "azure-native:authorization:RoleAssignment": 3,
      "azure-native:recoveryservices:Vault": 1,
      "azure-native:recoveryservices:ResourceGuardProxy": 1,
      "azure-native:network:PrivateEndpoint": 1,
      "azure-native:network:PrivateDnsZoneGroup": 1,
      "azure-native:recoveryservices:ProtectionPolicy": 3,
      "azure-native:network:NetworkSecurityGroup": 1,
      "azure-native:recoveryservices:ProtectionContainer": 2,
      // 3 VM backups, 5 standalone databases, 2 availability-group databases
      "azure-native:recoveryservices:ProtectedItem": 10,
    });
    expect(run.project).toBe("backupguard");
    expect(run.stackFile.endsWith("Pulumi.dev.yaml")).toBe(true);
  });

  it("gives every resource a URN, a parent component and an ARM id", () => {
    for (const r of run.resources) {
      expect(r.urn, r.name).toMatch(/^urn:pulumi:dev::backupguard::/);
      expect(r.id, r.name).toMatch(new RegExp(`^/subscriptions/${SUB}/`));
    }
    const componentUrns = new Set(run.components.map((c) => c.urn));
    for (const r of run.resources.filter((x) => x.name !== "rg-backup-dev-weu")) expect(componentUrns.has(r.parent), `${r.name} parent`).toBe(true);
  });

  it("creates the vault with secure defaults", () => {
    const vault = named("recoveryservices:Vault", "rsv-backup-dev-weu");
    expect(vault.id).toBe(VAULT_ID);
    expect(vault.inputs).toMatchObject({ vaultName: "rsv-backup-dev-weu", location: "westeurope", sku: { name: "Standard" }, identity: { type: "SystemAssigned" }, tags: REQUIRED_TAGS });
    expect(props(vault)).toEqual({
      publicNetworkAccess: "Disabled",
      redundancySettings: { standardTierStorageRedundancy: "GeoRedundant", crossRegionRestore: "Enabled" },
      securitySettings: {
        softDeleteSettings: { softDeleteState: "AlwaysON", softDeleteRetentionPeriodInDays: 30, enhancedSecurityState: "Enabled" },
        immutabilitySettings: { state: "Unlocked" },
      },
      monitoringSettings: { azureMonitorAlertSettings: { alertsForAllJobFailures: "Enabled" }, classicAlertSettings: { alertsForCriticalOperations: "Disabled" } },
    });
  });

  it("maps the vault to the security team's resource guard (multi-user authorization)", () => {
    const proxy = named("recoveryservices:ResourceGuardProxy", "rsv-backup-dev-weu-resource-guard");
    expect(proxy.inputs).toEqual({
      resourceGuardProxyName: "VaultProxy",
      vaultName: "rsv-backup-dev-weu",
      resourceGroupName: "rg-backup-dev-weu",
      properties: { resourceGuardResourceId: expect.stringMatching(/\/providers\/Microsoft\.DataProtection\/resourceGuards\/rg-guard-backup$/) },
    });
    expect(proxy.id).toBe(`${VAULT_ID}/backupResourceGuardProxies/VaultProxy`);
  });

  it("connects the vault to its private endpoint (group AzureBackup) with the three private DNS zones", () => {
    const pe = named("network:PrivateEndpoint", "pe-rsv-backup-dev-weu");
    expect(pe.inputs.privateLinkServiceConnections).toEqual([{ name: "pe-rsv-backup-dev-weu", privateLinkServiceId: VAULT_ID, groupIds: ["AzureBackup"] }]);
    expect((pe.inputs.subnet as Props).id).toMatch(/\/subnets\/snet-private-endpoints$/);
    const dns = named("network:PrivateDnsZoneGroup", "pe-rsv-backup-dev-weu-dns");
    expect((dns.inputs.privateDnsZoneConfigs as Props[]).map((z) => z.privateDnsZoneId.split("/").pop())).toEqual([
      "privatelink.we.backup.windowsazure.com",
      "privatelink.blob.core.windows.net",
      "privatelink.queue.core.windows.net",
    ]);
  });

  it("builds an Enhanced VM policy that keeps snapshots in the pre-created, tagged resource group", () => {
    const policy = named("recoveryservices:ProtectionPolicy", "vm-enhanced-daily");
    expect(policy.inputs).toMatchObject({ policyName: "vm-enhanced-daily", vaultName: "rsv-backup-dev-weu", resourceGroupName: "rg-backup-dev-weu" });
    const p = props(policy);
    expect(p).toMatchObject({
      backupManagementType: "AzureIaasVM",
      policyType: "V2",
      timeZone: "UTC",
      instantRpRetentionRangeInDays: 7,
      instantRPDetails: { azureBackupRGNamePrefix: "rg-backup-rp-dev-weu-" },
      schedulePolicy: { schedulePolicyType: "SimpleSchedulePolicyV2", scheduleRunFrequency: "Daily", dailySchedule: { scheduleRunTimes: ["2024-01-01T23:00:00Z"] } },
    });
    expect(p.retentionPolicy.dailySchedule.retentionDuration).toEqual({ count: 30, durationType: "Days" });
    expect(p.retentionPolicy.weeklySchedule).toEqual({ daysOfTheWeek: ["Sunday"], retentionTimes: ["2024-01-01T23:00:00Z"], retentionDuration: { count: 12, durationType: "Weeks" } });
    const rg = named("resources:ResourceGroup", "rg-backup-rp-dev-weu-1");
    expect(rg.inputs).toEqual({ resourceGroupName: "rg-backup-rp-dev-weu-1", location: "westeurope", tags: REQUIRED_TAGS });
    expect(`${p.instantRPDetails.azureBackupRGNamePrefix}1${p.instantRPDetails.azureBackupRGNameSuffix ?? ""}`).toBe(rg.inputs.resourceGroupName);
  });

  it("builds the SQL policies: Full+Differential+Log for FULL databases, Full only for the others", () => {
    const types = (name: string) => (props(named("recoveryservices:ProtectionPolicy", name)).subProtectionPolicy as Props[]).map((s) => s.policyType);
    expect(types("sql-weekly-full-diff-log")).toEqual(["Full", "Differential", "Log"]);
    expect(types("sql-daily-full")).toEqual(["Full"]);
    const p = props(named("recoveryservices:ProtectionPolicy", "sql-weekly-full-diff-log"));
    expect(p).toMatchObject({ backupManagementType: "AzureWorkload", workLoadType: "SQLDataBase", settings: { timeZone: "UTC", issqlcompression: true } });
    const [full, diff, log] = p.subProtectionPolicy as Props[];
    expect(full!.schedulePolicy).toEqual({ schedulePolicyType: "SimpleSchedulePolicy", scheduleRunFrequency: "Weekly", scheduleRunTimes: ["2024-01-01T01:00:00Z"], scheduleRunDays: ["Sunday"] });
    expect(diff!.schedulePolicy.scheduleRunDays).toEqual(["Wednesday"]);
    expect(log).toEqual({
      policyType: "Log",
      schedulePolicy: { schedulePolicyType: "LogSchedulePolicy", scheduleFrequencyInMins: 60 },
      retentionPolicy: { retentionPolicyType: "SimpleRetentionPolicy", retentionDuration: { count: 15, durationType: "Days" } },
    });
  });

  it("puts the Azure Backup rules on the NSG before every outbound deny", () => {
    const nsg = named("network:NetworkSecurityGroup", "nsg-backup-dev-weu");
    expect(nsg.inputs.tags).toEqual(REQUIRED_TAGS);
    const rules = nsg.inputs.securityRules as Props[];
    const allow = rules.filter((r) => r.access === "Allow" && r.direction === "Outbound");
    expect(allow.map((r) => [r.name, r.priority, r.protocol, r.destinationPortRange, r.destinationAddressPrefix])).toEqual([
      ["AllowAzureBackupOutbound", 100, "Tcp", "443", "AzureBackup"],
      ["AllowStorageOutbound", 110, "Tcp", "443", "Storage"],
      ["AllowAzureActiveDirectoryOutbound", 120, "Tcp", "443", "AzureActiveDirectory"],
    ]);
    const denies = rules.filter((r) => r.access === "Deny" && r.direction === "Outbound");
    expect(denies.map((r) => [r.name, r.priority, r.destinationAddressPrefix])).toEqual([["DenyInternetOutbound", 4000, "Internet"]]);
    for (const a of allow) for (const d of denies) expect(a.priority).toBeLessThan(d.priority);
    // The user's own rule is kept, and no two rules of one direction share a priority.
    expect(rules.find((r) => r.name === "AllowBastionInbound")).toMatchObject({ priority: 200, direction: "Inbound" });
    for (const dir of ["Inbound", "Outbound"]) {
      const prios = rules.filter((r) => r.direction === dir).map((r) => r.priority);
      expect(new Set(prios).size).toBe(prios.length);
    }
  });

  it("assigns the built-in Modify tag policy per required tag, with its identity and Contributor role", () => {
    const assignments = ofType("authorization:PolicyAssignment");
    expect(assignments.map((a) => [a.name, (a.inputs.parameters as Props).tagName.value, (a.inputs.parameters as Props).tagValue.value])).toEqual([
      ["tag-rg-costcenter", "costCenter", "CC-4711"],
      ["tag-rg-owner", "owner", "platform-team"],
      ["tag-rg-environment", "environment", "dev"],
    ]);
    for (const a of assignments) {
      expect(a.inputs).toMatchObject({
        scope: `/subscriptions/${SUB}`,
        policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/d157c373-a6c4-483d-aaad-570756956268",
        enforcementMode: "Default",
        identity: { type: "SystemAssigned" },
        location: "westeurope",
      });
      const role = named("authorization:RoleAssignment", `${a.name}-contributor`);
      expect(role.inputs).toMatchObject({
        scope: `/subscriptions/${SUB}`,
        principalType: "ServicePrincipal",
        principalId: (a.outputs!.identity as Props).principalId,
        roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`,
      });
      expect(role.inputs.roleAssignmentName).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it("protects the VMs by resource ID under Azure Backup's names", () => {
    const vmItems = ofType("recoveryservices:ProtectedItem").filter((i) => props(i).protectedItemType === "Microsoft.Compute/virtualMachines");
    expect(vmItems.map((i) => [i.inputs.containerName, i.inputs.protectedItemName])).toEqual([
      ["iaasvmcontainer;iaasvmcontainerv2;rg-sql-dev-weu;sqlvm01", "vm;iaasvmcontainerv2;rg-sql-dev-weu;sqlvm01"],
      ["iaasvmcontainer;iaasvmcontainerv2;rg-sql-dev-weu;sqlvm02", "vm;iaasvmcontainerv2;rg-sql-dev-weu;sqlvm02"],
      ["iaasvmcontainer;iaasvmcontainerv2;rg-app-dev-weu;applnx01", "vm;iaasvmcontainerv2;rg-app-dev-weu;applnx01"],
    ]);
    const vmPolicy = named("recoveryservices:ProtectionPolicy", "vm-enhanced-daily");
    for (const i of vmItems) {
      expect(props(i).policyId).toBe(vmPolicy.id);
      expect(props(i).sourceResourceId).toMatch(/\/providers\/Microsoft\.Compute\/virtualMachines\/(sqlvm01|sqlvm02|applnx01)$/);
    }
  });

  it("registers each SQL VM, then protects its databases under SQLDataBase;<instance>;<db> with the right policy", () => {
    const containers = ofType("recoveryservices:ProtectionContainer");
    expect(containers.map((c) => c.inputs.containerName)).toEqual(["VMAppContainer;Compute;rg-sql-dev-weu;sqlvm01", "VMAppContainer;Compute;rg-sql-dev-weu;sqlvm02"]);
    for (const c of containers) {
      expect(c.inputs).toMatchObject({ fabricName: "Azure", properties: { containerType: "VMAppContainer", backupManagementType: "AzureWorkload", workloadType: "SQLDataBase" } });
    }
    const policyIdByName = new Map(ofType("recoveryservices:ProtectionPolicy").map((p) => [p.id, p.name]));
    const sqlItems = ofType("recoveryservices:ProtectedItem").filter((i) => props(i).protectedItemType === "AzureVmWorkloadSQLDatabase");
    expect(sqlItems.map((i) => [i.inputs.containerName, i.inputs.protectedItemName, policyIdByName.get(props(i).policyId)])).toEqual([
      ["VMAppContainer;Compute;rg-sql-dev-weu;sqlvm01", "SQLDataBase;MSSQLSERVER;master", "sql-daily-full"],
      ["VMAppContainer;Compute;rg-sql-dev-weu;sqlvm01", "SQLDataBase;MSSQLSERVER;msdb", "sql-daily-full"],
      ["VMAppContainer;Compute;rg-sql-dev-weu;sqlvm01", "SQLDataBase;MSSQLSERVER;reporting", "sql-daily-full"],
      ["VMAppContainer;Compute;rg-sql-dev-weu;sqlvm02", "SQLDataBase;MSSQLSERVER;master", "sql-daily-full"],
      ["VMAppContainer;Compute;rg-sql-dev-weu;sqlvm02", "SQLDataBase;MSSQLSERVER;msdb", "sql-daily-full"],
      ["SQLAGWorkLoadContainer;5b0e4f3c-9a8d-4c2b-b1e7-3f6a9d0c8e21", "SQLDataBase;ag-sales;sales", "sql-weekly-full-diff-log"],
      ["SQLAGWorkLoadContainer;5b0e4f3c-9a8d-4c2b-b1e7-3f6a9d0c8e21", "SQLDataBase;ag-sales;orders", "sql-weekly-full-diff-log"],
    ]);
  });

  it("orders protection after registration, the vault's private endpoint, the NSG rules and tag governance", () => {
    const urn = (suffix: string, name: string) => named(suffix, name).urn!;
    const prerequisites = [
      urn("recoveryservices:Vault", "rsv-backup-dev-weu"),
      urn("network:PrivateEndpoint", "pe-rsv-backup-dev-weu"),
      urn("network:NetworkSecurityGroup", "nsg-backup-dev-weu"),
      urn("resources:ResourceGroup", "rg-backup-rp-dev-weu-1"),
      ...ofType("authorization:PolicyAssignment").map((a) => a.urn!),
    ];
    for (const c of ofType("recoveryservices:ProtectionContainer")) expect(c.dependencies).toEqual(expect.arrayContaining(prerequisites));
    for (const i of ofType("recoveryservices:ProtectedItem").filter((x) => props(x).protectedItemType === "Microsoft.Compute/virtualMachines")) {
      expect(i.dependencies).toEqual(expect.arrayContaining(prerequisites));
    }
    const sqlvm01 = urn("recoveryservices:ProtectionContainer", "sqlvm01-sql-registration");
    expect(named("recoveryservices:ProtectedItem", "sqlvm01-mssqlserver-reporting").dependencies).toContain(sqlvm01);
    // Availability-group databases wait for every node's registration.
    expect(named("recoveryservices:ProtectedItem", "ag-sales-sales").dependencies).toEqual(
      expect.arrayContaining([sqlvm01, urn("recoveryservices:ProtectionContainer", "sqlvm02-sql-registration")]),
    );
    // The policy id is a property dependency of each item (how a preview joins an item to its policy).
    expect(named("recoveryservices:ProtectedItem", "ag-sales-sales").propertyDependencies?.properties).toEqual([
      urn("recoveryservices:ProtectionPolicy", "sql-weekly-full-diff-log"),
    ]);
  });

  it("exports what a pipeline needs", () => {
    expect(run.outputs).toMatchObject({
      vaultId: VAULT_ID,
      vaultName: "rsv-backup-dev-weu",
      vaultResourceGroup: "rg-backup-dev-weu",
      vmPolicyIds: { "vm-enhanced-daily": `${VAULT_ID}/backupPolicies/vm-enhanced-daily` },
      sqlPolicyIds: { "sql-weekly-full-diff-log": `${VAULT_ID}/backupPolicies/sql-weekly-full-diff-log`, "sql-daily-full": `${VAULT_ID}/backupPolicies/sql-daily-full` },
      nsgId: `/subscriptions/${SUB}/resourceGroups/rg-backup-dev-weu/providers/Microsoft.Network/networkSecurityGroups/nsg-backup-dev-weu`,
      snapshotResourceGroup: "rg-backup-rp-dev-weu-1",
    });
  });

  it("passes the checker's facts through: inventory and ARM files named in the stack", () => {
    expect(run.config?.inventory).toBe("examples/dev-inventory.yaml");
    expect(run.config?.arm).toEqual(["examples/dev-estate.json"]);
  });
});
