/**
 * Stack configuration validation: every mistake names its key path, what was expected and what was found, both for
 * `backupguard check` (exit 2 before the program runs) and for the program itself under a real `pulumi up`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { configKeyPath, parseStackConfig, type ConfigProblem } from "../../infra/config.js";
import { backupRulePriority, backupRules } from "../../infra/network-plan.js";
import { readStackSettings, runProgram, validateBackupguardConfig } from "../../src/adapters/pulumi-program.js";
import { InputError, UsageError } from "../../src/errors.js";
import { repoRoot } from "../harness/shared.js";

const VM = "/subscriptions/7d3f5c2a-4b1e-4f6a-9c8d-2e1f0a9b8c7d/resourceGroups/rg-sql/providers/Microsoft.Compute/virtualMachines/sqlvm01";

/** A small valid stack; each case changes one thing. */
function golden(): Record<string, unknown> {
  return {
    location: "westeurope",
    resourceGroup: "rg-backup",
    tags: { costCenter: "42" },
    vault: { name: "rsv-backup" },
    vmPolicies: [{ name: "vm-daily", schedule: { frequency: "Daily", time: "22:00" }, retention: { daily: 30 } }],
    sqlPolicies: [{ name: "sql-full", full: { frequency: "Daily", time: "01:00", retention: { daily: 30 } } }],
    vms: [{ id: VM, backupPolicy: "vm-daily", sql: { instances: [{ name: "MSSQLSERVER", databases: [{ name: "sales", policy: "sql-full" }] }] } }],
    network: { nsg: { mode: "create", name: "nsg-backup" } },
    tagGovernance: { effect: "Modify", snapshotResourceGroup: { prefix: "rg-rp-" } },
  };
}

function problems(values: Record<string, unknown>): ConfigProblem[] {
  const r = parseStackConfig(values);
  if (r.ok) throw new Error("expected the configuration to be rejected");
  return r.problems;
}

function withChange(change: (c: Record<string, any>) => void): Record<string, unknown> {
  const c = golden() as Record<string, any>;
  change(c);
  return c;
}

describe("stack configuration schema", () => {
  it("accepts the golden stack and fills in secure defaults", () => {
    const r = parseStackConfig(golden());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.vault).toMatchObject({
      storageRedundancy: "GeoRedundant",
      softDelete: "AlwaysON",
      softDeleteRetentionDays: 14,
      immutability: "Unlocked",
      publicNetworkAccess: "Disabled",
    });
    expect(r.config.vmPolicies[0]).toMatchObject({ type: "Enhanced", timeZone: "UTC" });
    expect(r.config.tagGovernance?.snapshotResourceGroup).toEqual({ prefix: "rg-rp-", suffix: "", create: true });
  });

  it.each([
    ["a wrong type", (c: any) => (c.vault.softDeleteRetentionDays = "thirty"), "backupguard:vault.softDeleteRetentionDays", 'expected number, found "thirty"'],
    ["a fraction", (c: any) => (c.vault.softDeleteRetentionDays = 14.5), "backupguard:vault.softDeleteRetentionDays", "expected a whole number"],
    ["a bad enum value", (c: any) => (c.vault.storageRedundancy = "Geo"), "backupguard:vault.storageRedundancy", 'expected one of "LocallyRedundant", "ZoneRedundant", "GeoRedundant", found "Geo"'],
    ["a missing key", (c: any) => delete c.vault, "backupguard:vault", "missing: expected a map"],
    ["an unknown key in a map", (c: any) => (c.vault.softdelete = "AlwaysON"), "backupguard:vault", 'unknown key "softdelete"'],
    ["an unknown top-level key", (c: any) => (c.vualt = {}), "backupguard:vualt", "unknown key (the program reads backupguard:location"],
    ["a bad time of day", (c: any) => (c.vmPolicies[0].schedule.time = "10pm"), "backupguard:vmPolicies[0].schedule.time", 'expected a time of day "HH:MM" (24-hour clock), found "10pm"'],
    ["a bad schedule kind", (c: any) => (c.vmPolicies[0].schedule.frequency = "Monthly"), "backupguard:vmPolicies[0].schedule.frequency", 'expected one of "Daily", "Weekly", "Hourly", found "Monthly"'],
    ["a bad weekday", (c: any) => (c.vmPolicies[0].retention.weekly = { weeks: 4, days: ["Sun"] }), "backupguard:vmPolicies[0].retention.weekly.days[0]", 'found "Sun"'],
    ["a VM id that is not one", (c: any) => (c.vms[0].id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa"), "backupguard:vms[0].id", "expected a virtual machine resource ID"],
    ["an unknown VM policy", (c: any) => (c.vms[0].backupPolicy = "vm-weekly"), "backupguard:vms[0].backupPolicy", 'expected the name of a VM policy ("vm-daily"), found "vm-weekly"'],
    ["an unknown SQL policy", (c: any) => (c.vms[0].sql.instances[0].databases[0].policy = "nope"), "backupguard:vms[0].sql.instances[0].databases[0].policy", 'expected the name of a SQL policy ("sql-full"), found "nope"'],
    ["a policy name used twice", (c: any) => (c.sqlPolicies[0].name = "vm-daily"), "backupguard:sqlPolicies[0].name", 'the policy name "vm-daily" is already used'],
    ["a VM listed twice", (c: any) => c.vms.push({ id: VM.toUpperCase(), backupPolicy: "vm-daily" }), "backupguard:vms[1].id", "already listed at vms[0]"],
    ["a VM with nothing to protect", (c: any) => (c.vms[0] = { id: VM }), "backupguard:vms[0]", "expected `backupPolicy`"],
    ["an existing NSG without a priority", (c: any) => (c.network.nsg = { mode: "existing", name: "nsg-sql", resourceGroup: "rg-net" }), "backupguard:network.priority", "the program cannot see that NSG's rules"],
    ["a bad NSG mode", (c: any) => (c.network.nsg.mode = "adopt"), "backupguard:network.nsg.mode", 'expected one of "create", "existing", found "adopt"'],
    ["no room before a deny rule", (c: any) => (c.network.nsg.rules = [{ name: "deny-all", priority: 110, direction: "Outbound", access: "Deny" }]), "backupguard:network.priority", "no three free priorities before the first outbound Deny rule (priority 110)"],
    ["a bad snapshot group prefix", (c: any) => (c.tagGovernance.snapshotResourceGroup.prefix = "rg rp"), "backupguard:tagGovernance.snapshotResourceGroup.prefix", "expected letters, digits"],
    ["an availability group container that is not one", (c: any) => (c.availabilityGroups = [{ name: "ag1", containerName: "ag1", databases: [{ name: "sales", policy: "sql-full" }] }]), "backupguard:availabilityGroups[0].containerName", "SQLAGWorkLoadContainer;<guid>"],
  ])("rejects %s with its key path", (_name, change, key, message) => {
    const found = problems(withChange(change));
    const p = found.find((x) => x.key === key);
    expect(p, `problems: ${JSON.stringify(found)}`).toBeDefined();
    expect(p!.message).toContain(message);
  });

  it("leaves Azure's own limits to the checker (a 10-minute log backup is a finding, not a config error)", () => {
    const r = parseStackConfig(withChange((c) => (c.sqlPolicies[0].log = { frequencyMinutes: 10, retentionDays: 3 })));
    expect(r.ok).toBe(true);
  });

  it("formats key paths the way Pulumi.<stack>.yaml spells them", () => {
    expect(configKeyPath(["vault", "softDeleteRetentionDays"])).toBe("backupguard:vault.softDeleteRetentionDays");
    expect(configKeyPath(["vms", 0, "sql", "instances", 1, "name"])).toBe("backupguard:vms[0].sql.instances[1].name");
    expect(configKeyPath(["tags", "cost center"])).toBe('backupguard:tags["cost center"]');
  });
});

describe("NSG rule placement", () => {
  const net = (rules: unknown[], priority?: number) => {
    const r = parseStackConfig(withChange((c) => (c.network = { nsg: { mode: "create", name: "n", rules }, ...(priority ? { priority } : {}) })));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.config.network!;
  };

  it("places the three rules in the first free block before the first outbound deny", () => {
    const n = net([
      { name: "allow-dns", priority: 100, direction: "Outbound", access: "Allow", protocol: "Udp", destinationPortRange: "53" },
      { name: "deny-web", priority: 300, direction: "Outbound", access: "Deny" },
    ]);
    expect(backupRulePriority(n)).toEqual({ priority: 110 });
    expect(backupRules(n, "westeurope", 110).map((r) => [r.priority, r.destinationAddressPrefix])).toEqual([
      [110, "AzureBackup"],
      [120, "Storage"],
      [130, "AzureActiveDirectory"],
    ]);
  });

  it("uses regional service tags when asked (Entra ID has none)", () => {
    const r = parseStackConfig(withChange((c) => (c.network.regionalServiceTags = true)));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(backupRules(r.config.network!, "westeurope", 100).map((x) => x.destinationAddressPrefix)).toEqual(["AzureBackup.WestEurope", "Storage.WestEurope", "AzureActiveDirectory"]);
    expect(problems(withChange((c) => ((c.network.regionalServiceTags = true), (c.location = "mars"))))[0]).toMatchObject({ key: "backupguard:network.serviceTagRegion" });
  });

  it("keeps an explicit priority even when a deny comes first: the checker reports that", () => {
    const n = net([{ name: "deny-all", priority: 100, direction: "Outbound", access: "Deny" }], 200);
    expect(backupRulePriority(n)).toEqual({ priority: 200 });
  });
});

describe("stack files", () => {
  function project(stackYaml: string, name = "backupguard", main?: string): string {
    const dir = mkdtempSync(join(tmpdir(), "bg-stack-"));
    writeFileSync(join(dir, "Pulumi.yaml"), stringify({ name, runtime: { name: "nodejs" }, ...(main ? { main } : {}) }));
    writeFileSync(join(dir, "Pulumi.bad.yaml"), stackYaml);
    return dir;
  }

  it("reads qualified and bare keys, JSON-encodes structured values, hides secure values", () => {
    const dir = project("config:\n  azure-native:location: westeurope\n  backupguard:vault:\n    name: v\n  location: northeurope\n  secret:\n    secure: AAABAG==\n");
    const s = readStackSettings(dir, "backupguard", "bad");
    expect(s.config).toEqual({
      "azure-native:location": "westeurope",
      "backupguard:vault": '{"name":"v"}',
      "backupguard:location": "northeurope",
      "backupguard:secret": "[secret]",
    });
    expect(s.secretKeys).toEqual(["backupguard:secret"]);
    expect(s.projectValues).toMatchObject({ vault: { name: "v" }, location: "northeurope" });
  });

  it("reads Pulumi.<stack>.yml beside a Pulumi.yml project, as Pulumi does (the stack file takes the project file's extension)", () => {
    const dir = mkdtempSync(join(tmpdir(), "bg-stack-yml-"));
    writeFileSync(join(dir, "Pulumi.yml"), stringify({ name: "backupguard", runtime: { name: "nodejs" } }));
    writeFileSync(join(dir, "Pulumi.bad.yml"), "config:\n  backupguard:location: westeurope\n");
    const s = readStackSettings(dir, "backupguard", "bad");
    expect(s.file).toBe(join(dir, "Pulumi.bad.yml"));
    expect(s.config).toEqual({ "backupguard:location": "westeurope" });
  });

  it("does not read a stack file whose extension differs from the project file's, and lists the stacks Pulumi would see", () => {
    const dir = project("config: {}\n");
    writeFileSync(join(dir, "Pulumi.other.yml"), "config: {}\n");
    expect(() => readStackSettings(dir, "backupguard", "other")).toThrow(UsageError);
    expect(() => readStackSettings(dir, "backupguard", "other")).toThrow(`no stack configuration ${join(dir, "Pulumi.other.yaml")} (the stacks configured there: bad;`);
  });

  it("turns the first problem into an InputError pointing at config.<key path>", () => {
    const cfg = { ...golden(), vault: { name: "rsv", softDeleteRetentionDays: "thirty" } };
    const yaml = stringify({ config: Object.fromEntries(Object.entries(cfg).map(([k, v]) => [`backupguard:${k}`, v])) });
    const dir = project(yaml);
    const settings = readStackSettings(dir, "backupguard", "bad");
    let error: unknown;
    try {
      validateBackupguardConfig(settings);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file: join(dir, "Pulumi.bad.yaml"), pointer: "config.backupguard:vault.softDeleteRetentionDays" });
    expect((error as InputError).problem).toContain('expected number, found "thirty"');
  });

  it("rejects a config section that is not a map, naming the file and the key", () => {
    const dir = project("config: [1, 2]\n");
    expect(() => readStackSettings(dir, "backupguard", "bad")).toThrow(InputError);
    try {
      readStackSettings(dir, "backupguard", "bad");
    } catch (e) {
      expect(e).toMatchObject({ pointer: "config" });
    }
  });

  it("stops the program itself under a real `pulumi up` with the same key path (RunError, no stack trace)", async () => {
    // A project under another name skips the checker's own validation, so the program meets the bad value.
    const cfg = { ...golden(), vault: { name: "rsv", storageRedundancy: "Geo" } };
    const yaml = stringify({ config: Object.fromEntries(Object.entries(cfg).map(([k, v]) => [`backupguard:${k}`, v])) });
    const dir = project(yaml, "someone-elses-project", join(repoRoot, "infra"));
    const failure = await runProgram(dir, "bad").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).problem).toContain("invalid stack configuration");
    expect((failure as InputError).problem).toContain("Pulumi.bad.yaml: config.backupguard:vault.storageRedundancy: expected one of");
  });
});
