/** The vault rules over the real Recovery Services examples in ../shared/azure-rest-examples/recoveryservices. */
import { describe, expect, it } from "vitest";
import { vaultRules } from "../../../checks/vault/index.js";
import { runRules } from "../../../src/engine/run.js";
import type { Model } from "../../../src/model/types.js";
import { build } from "../../harness/build.js";
import { fromArm } from "../../../src/adapters/arm.js";
import { armExample, example, exampleBody } from "../../harness/policy-fixtures.js";

const NOW = new Date("2026-11-21T00:00:00Z");
const load = (name: string) => armExample(`recoveryservices/${name}`).vaults[0]!;
const findings = (model: Model) =>
  runRules(model, vaultRules, { now: NOW })
    .findings.filter((f) => f.status !== "suppressed")
    .map((f) => `${f.status} ${f.severity} ${f.ruleId} ${f.messageId}`)
    .sort();

describe("vault rules on the Azure examples", () => {
  it("GETVault: only hardening notes (soft delete not always-on, not immutable, public access with an endpoint, no MUA)", () => {
    const vault = load("GETVault.json");
    expect(vault.storageRedundancy).toBe("GeoRedundant");
    expect(vault.privateEndpointConnections).toHaveLength(1);
    expect(findings(build.model(vault))).toEqual([
      "fail note VAULT-002 notAlwaysOn",
      "fail note VAULT-004 notEnabled",
      "fail note VAULT-009 publicAccessEnabled",
      "fail note VAULT-011 notProtected",
    ]);
  });

  it("PUTVault_WithRedundancySettings: GRS with Cross Region Restore passes VAULT-005", () => {
    const fs = findings(build.model(load("PUTVault_WithRedundancySettings.json")));
    expect(fs.filter((f) => f.includes("VAULT-005"))).toEqual([]);
    expect(fs.every((f) => f.startsWith("fail note"))).toBe(true);
  });

  it("PUTVault_ResourceGuardEnabled: the request's resource guard operation satisfies VAULT-011 (the response does not echo it)", () => {
    const request = example("recoveryservices/PUTVault_ResourceGuardEnabled.json").parameters.vault as Record<string, unknown>;
    const response = exampleBody("recoveryservices/PUTVault_ResourceGuardEnabled.json");
    const requested = fromArm({ ...request, id: response.id, name: response.name, type: response.type }, "PUTVault_ResourceGuardEnabled.json").vaults[0]!;
    expect(findings(build.model(requested)).filter((f) => f.includes("VAULT-011"))).toEqual([]);
    expect(findings(build.model(load("PUTVault_ResourceGuardEnabled.json"))).filter((f) => f.includes("VAULT-011"))).toEqual(["fail note VAULT-011 notProtected"]);
  });

  it("ListBySubscriptionIds: three vaults, far from the 500 limit, no warnings", () => {
    const model = armExample("recoveryservices/ListBySubscriptionIds.json");
    expect(model.vaults).toHaveLength(3);
    const fs = findings(model);
    expect(fs.filter((f) => !f.includes(" note "))).toEqual([]);
  });

  it("a storage type Locked (BackupStorageConfig_Get) makes a redundancy change an error", () => {
    const storage = exampleBody("recoveryservicesbackup/Common/BackupStorageConfig_Get.json").properties as Record<string, unknown>;
    const deployed = { ...load("GETVault.json"), storageRedundancyLocked: storage.storageTypeState === "Locked" };
    const intended = { ...load("GETVault.json"), ref: { ...deployed.ref, source: { adapter: "program" as const } }, storageRedundancy: "LocallyRedundant" };
    expect(findings(build.model(deployed, intended)).filter((f) => f.includes("VAULT-006"))).toEqual(["fail error VAULT-006 changeRejected"]);
  });
});
