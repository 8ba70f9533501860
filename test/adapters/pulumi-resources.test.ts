import { describe, expect, it } from "vitest";
import { azureNativeToken, fromPulumiResources, normalizePulumiValue, type PulumiResourceRecord } from "../../src/adapters/pulumi-resources.js";
import { InputError } from "../../src/errors.js";
import { isUnknown, SECRET, UNKNOWN } from "../../src/model/unknown.js";

const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const urn = (type: string, name: string) => `urn:pulumi:dev::estate::${type}::${name}`;
const program = { adapter: "program" as const };

function one(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PulumiResourceRecord> = {}): PulumiResourceRecord {
  return { type, name, urn: urn(type, name), inputs, ...extra };
}

describe("azure-native tokens", () => {
  it("accepts the v3 token and versioned aliases", () => {
    expect(azureNativeToken("azure-native:recoveryservices:Vault")).toBe("recoveryservices:Vault");
    expect(azureNativeToken("azure-native:recoveryservices/v20250801:Vault")).toBe("recoveryservices:Vault");
    expect(azureNativeToken("aws:s3/bucket:Bucket")).toBeUndefined();
  });

  it("maps a versioned alias like the plain token", () => {
    const model = fromPulumiResources([one("azure-native:recoveryservices/v20250801:Vault", "vault", { resourceGroupName: "rg", vaultName: "rsv-1" })], program);
    expect(model.vaults.map((v) => v.vaultName)).toEqual(["rsv-1"]);
  });
});

describe("values", () => {
  const ctx = { file: "f.json", base: "resources[0]" };

  it("turns sentinels, secrets, state secret envelopes and output values into model markers", () => {
    const raw = {
      a: U,
      b: "[secret]",
      c: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" },
      d: [1, U, { e: U }],
      f: { "4dabf18193072939515e22adb298388d": "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:x", id: "/subscriptions/s/resourceGroups/rg" },
      g: { "4dabf18193072939515e22adb298388d": "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: "plain" },
      h: { "4dabf18193072939515e22adb298388d": "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: "hidden", secret: true },
    };
    expect(normalizePulumiValue(raw, ctx)).toEqual({
      a: UNKNOWN,
      b: SECRET,
      c: SECRET,
      d: [1, UNKNOWN, { e: UNKNOWN }],
      f: "/subscriptions/s/resourceGroups/rg",
      g: "plain",
      h: SECRET,
    });
  });

  it("refuses absurd nesting with a path instead of overflowing the stack", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 500; i++) deep = { n: deep };
    expect(() => normalizePulumiValue(deep, ctx)).toThrow(InputError);
  });
});

describe("names, ids and URNs", () => {
  it("uses the explicit Azure name, then the name output, then the Pulumi name", () => {
    const model = fromPulumiResources(
      [
        one("azure-native:recoveryservices:Vault", "explicit", { resourceGroupName: "rg", vaultName: "rsv-explicit" }),
        one("azure-native:recoveryservices:Vault", "from-output", { resourceGroupName: "rg" }, { outputs: { name: "rsv-output", id: "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv-output" } }),
        one("azure-native:recoveryservices:Vault", "pulumi-name", { resourceGroupName: "rg" }),
        one("azure-native:recoveryservices:Vault", "unknown-name", { resourceGroupName: "rg", vaultName: U }),
      ],
      program,
    );
    expect(model.vaults.map((v) => v.vaultName)).toEqual(["rsv-explicit", "rsv-output", "pulumi-name", UNKNOWN]);
    expect(model.vaults.map((v) => v.ref.name)).toEqual(["explicit", "from-output", "pulumi-name", "unknown-name"]);
    expect(model.vaults[1]!.ref.id).toMatch(/vaults\/rsv-output$/);
    expect(model.vaults[1]!.subscriptionId).toBe("s1");
    expect(model.vaults[0]!.ref.id).toBeUndefined();
  });

  it("synthesizes a URN only when the source gives none", () => {
    const model = fromPulumiResources([{ type: "azure-native:resources:ResourceGroup", name: "rg", inputs: {} }], { adapter: "program", stack: "prod", project: "estate" });
    expect(model.resourceGroups[0]!.ref.urn).toBe("urn:pulumi:prod::estate::azure-native:resources:ResourceGroup::rg");
  });

  it("puts unmapped resources in otherResources and skips the stack and providers", () => {
    const model = fromPulumiResources(
      [
        { type: "pulumi:pulumi:Stack", name: "estate-dev", inputs: {} },
        { type: "pulumi:providers:azure-native", name: "default", inputs: {} },
        one("azure-native:storage:StorageAccount", "sa", { accountName: "sa1" }),
        one("my:component:Thing", "thing", {}),
      ],
      program,
    );
    expect(model.otherResources.map((r) => [r.kind, r.name])).toEqual([
      ["other", "sa"],
      ["other", "thing"],
    ]);
  });
});

describe("resource guard mappings", () => {
  const VAULT = "azure-native:recoveryservices:Vault";
  const PROXY = "azure-native:recoveryservices:ResourceGuardProxy";
  const guard = { resourceGuardResourceId: "/subscriptions/s2/resourceGroups/rg-guard/providers/Microsoft.DataProtection/resourceGuards/guard" };

  it("ties a ResourceGuardProxy to its vault by vaultName, or through propertyDependencies when vaultName is vault.name", () => {
    const model = fromPulumiResources(
      [
        one(PROXY, "by-name", { resourceGroupName: "rg", vaultName: "RSV-A", resourceGuardProxyName: "VaultProxy", properties: guard }),
        one(VAULT, "a", { resourceGroupName: "rg", vaultName: "rsv-a" }),
        one(VAULT, "b", { resourceGroupName: "rg", vaultName: "rsv-b" }),
        one(VAULT, "c", { resourceGroupName: "rg", vaultName: "rsv-c" }),
        one(PROXY, "by-dependency", { resourceGroupName: "rg", vaultName: U, resourceGuardProxyName: "VaultProxy", properties: guard }, { propertyDependencies: { vaultName: [urn(VAULT, "b")] } }),
      ],
      { adapter: "preview" },
    );
    expect(model.vaults.map((v) => [v.vaultName, v.guardProxyUrns])).toEqual([
      ["rsv-a", [urn(PROXY, "by-name")]],
      ["rsv-b", [urn(PROXY, "by-dependency")]],
      ["rsv-c", undefined],
    ]);
    expect(model.otherResources.map((r) => r.name)).toEqual(["by-name", "by-dependency"]);
  });

  it("leaves a proxy whose vault it cannot name, or that names a vault in another resource group, untied", () => {
    const model = fromPulumiResources(
      [one(VAULT, "a", { resourceGroupName: "rg", vaultName: "rsv-a" }), one(PROXY, "unknown", { resourceGroupName: "rg", vaultName: U }), one(PROXY, "other-rg", { resourceGroupName: "rg-2", vaultName: "rsv-a" })],
      { adapter: "preview" },
    );
    expect(model.vaults[0]!.guardProxyUrns).toBeUndefined();
  });
});

describe("network merges", () => {
  it("merges standalone rules and routes by name + resource group, and keeps the rule's own ref", () => {
    const model = fromPulumiResources(
      [
        one("azure-native:network:NetworkSecurityGroup", "nsg", { resourceGroupName: "rg-net", networkSecurityGroupName: "nsg-sql" }),
        one("azure-native:network:SecurityRule", "rule", {
          resourceGroupName: "rg-net", networkSecurityGroupName: "nsg-sql", securityRuleName: "allow-backup",
          priority: 100, direction: "Outbound", access: "Allow", protocol: "Tcp", destinationAddressPrefix: "AzureBackup", destinationPortRanges: ["443"],
        }),
        one("azure-native:network:RouteTable", "rt", { resourceGroupName: "rg-net", routeTableName: "rt-sql", routes: [{ name: "local", addressPrefix: "10.0.0.0/8", nextHopType: "VnetLocal" }] }),
        one("azure-native:network:Route", "default-route", { resourceGroupName: "rg-net", routeTableName: "rt-sql", routeName: "to-fw", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.0.0.4" }),
        one("azure-native:network:SecurityRule", "orphan", { resourceGroupName: "rg-net", networkSecurityGroupName: "nsg-elsewhere", priority: 200, direction: "Inbound", access: "Deny", protocol: "*" }),
      ],
      program,
    );
    const rules = model.nsgs[0]!.securityRules as { name: string; ref?: { name: string }; destinationAddressPrefixes: unknown; destinationPortRanges: unknown }[];
    expect(rules.map((r) => [r.name, r.ref?.name, r.destinationAddressPrefixes, r.destinationPortRanges])).toEqual([["allow-backup", "rule", ["AzureBackup"], ["443"]]]);
    const routes = model.routeTables[0]!.routes as { name: unknown; nextHopType: unknown }[];
    expect(routes.map((r) => [r.name, r.nextHopType])).toEqual([
      ["local", "VnetLocal"],
      ["to-fw", "VirtualAppliance"],
    ]);
    expect(model.otherResources.map((r) => r.name)).toEqual(["orphan"]);
  });

  it("a standalone rule on an NSG read with get replaces the rule of the same name Azure already lists", () => {
    const rule = { name: "allow-backup", properties: { priority: 100, direction: "Outbound", access: "Allow", protocol: "Tcp", destinationAddressPrefix: "AzureBackup", destinationPortRange: "443" } };
    const model = fromPulumiResources(
      [
        one("azure-native:network:NetworkSecurityGroup", "nsg", { resourceGroupName: "rg-net", networkSecurityGroupName: "nsg-sql" }, {
          external: true,
          outputs: { name: "nsg-sql", securityRules: [rule] },
        }),
        one("azure-native:network:SecurityRule", "rule", {
          resourceGroupName: "rg-net", networkSecurityGroupName: "nsg-sql", securityRuleName: "allow-backup",
          priority: 100, direction: "Outbound", access: "Allow", protocol: "Tcp", destinationAddressPrefix: "AzureBackup", destinationPortRanges: ["443"],
        }),
      ],
      program,
    );
    const rules = model.nsgs[0]!.securityRules as { name: string; ref?: { name: string } }[];
    expect(rules.map((r) => [r.name, r.ref?.name])).toEqual([["allow-backup", "rule"]]);
  });

  it("turns a VNet's inline subnets into subnets, with ids from state outputs", () => {
    const subnetId = "/subscriptions/s/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-prod/subnets/snet-sql";
    const model = fromPulumiResources(
      [
        one("azure-native:network:VirtualNetwork", "vnet", {
          resourceGroupName: "rg-net", virtualNetworkName: "vnet-prod",
          subnets: [{ name: "snet-sql", addressPrefix: "10.0.1.0/24", networkSecurityGroup: { id: U }, serviceEndpoints: [{ service: "Microsoft.Storage" }] }],
        }, { outputs: { subnets: [{ name: "snet-sql", id: subnetId }] } }),
      ],
      { adapter: "state", file: "state.json" },
    );
    const subnet = model.subnets[0]!;
    expect(subnet.subnetName).toBe("snet-sql");
    expect(subnet.vnetName).toBe("vnet-prod");
    expect(subnet.ref.id).toBe(subnetId);
    expect(subnet.ref.name).toBe("vnet/snet-sql");
    expect(isUnknown(subnet.nsgId)).toBe(true);
    expect(subnet.serviceEndpoints).toEqual(["Microsoft.Storage"]);
    expect(model.otherResources.map((r) => r.name)).toEqual(["vnet"]);
  });
});

describe("recovery services shapes", () => {
  it("reads a VM V2 policy and a SQL item whose whole properties are unknown", () => {
    const model = fromPulumiResources(
      [
        one("azure-native:recoveryservices:ProtectionPolicy", "vm-policy", {
          resourceGroupName: "rg", vaultName: "rsv", policyName: "daily",
          properties: {
            backupManagementType: "AzureIaasVM", policyType: "V2", instantRPDetails: { azureBackupRGNamePrefix: "rg-rp-" },
            schedulePolicy: { schedulePolicyType: "SimpleSchedulePolicyV2", scheduleRunFrequency: "Daily", dailySchedule: { scheduleRunTimes: ["2026-01-01T02:00:00Z"] } },
            retentionPolicy: { retentionPolicyType: "LongTermRetentionPolicy", dailySchedule: { retentionTimes: ["2026-01-01T02:00:00Z"], retentionDuration: { count: 30, durationType: "Days" } } },
          },
        }),
        one("azure-native:recoveryservices:ProtectedItem", "item", { resourceGroupName: "rg", vaultName: "rsv", containerName: "VMAppContainer;Compute;rg-sql;vm1", protectedItemName: "SQLDataBase;MSSQLSERVER;db1", properties: U }),
      ],
      program,
    );
    const policy = model.backupPolicies[0]!;
    expect(policy.workload).toBe("vm");
    expect(policy.vmPolicyType).toBe("V2");
    expect(policy.schedule?.runTimes).toEqual(["2026-01-01T02:00:00Z"]);
    expect(policy.instantRpResourceGroup).toEqual({ prefix: "rg-rp-", suffix: undefined });
    expect(policy.retention?.daily?.duration).toEqual({ count: 30, durationType: "Days" });
    const item = model.protectedItems[0]!;
    expect(item.workload).toBe("unknown");
    expect(isUnknown(item.policyId)).toBe(true);
    expect([item.sqlInstance, item.sqlDatabase]).toEqual(["MSSQLSERVER", "db1"]);
  });

  it("reports a wrong shape with the path inside the resource", () => {
    const records = [one("azure-native:recoveryservices:ProtectionPolicy", "p", { resourceGroupName: "rg", vaultName: "v", properties: { backupManagementType: "AzureWorkload", workLoadType: "SQLDataBase", subProtectionPolicy: { policyType: "Full" } } })];
    expect(() => fromPulumiResources(records, { adapter: "preview", file: "p.json", pointerOf: () => "steps[4].newState" })).toThrow(
      "p.json at steps[4].newState.inputs.properties.subProtectionPolicy: expected an array, found an object",
    );
  });
});
