/** The vault rules over the real Recovery Services examples in ../shared/azure-rest-examples/recoveryservices. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { vaultRules } from "../../../checks/vault/index.js";
import { runRules } from "../../../src/engine/run.js";
import type { Model } from "../../../src/model/types.js";
import { build } from "../../harness/build.js";
import { exampleBody, vaultFromArm } from "../../harness/policy-fixtures.js";
import { sharedPath } from "../../harness/shared.js";

const NOW = new Date("2026-11-21T00:00:00Z");
const load = (name: string, status: "200" | "201" = "200") => vaultFromArm(exampleBody(`recoveryservices/${name}`, status), `azure-rest-examples/recoveryservices/${name}`);
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
    const example = JSON.parse(readFileSync(sharedPath("azure-rest-examples", "recoveryservices", "PUTVault_ResourceGuardEnabled.json"), "utf8"));
    const response = exampleBody("recoveryservices/PUTVault_ResourceGuardEnabled.json");
    const requested = vaultFromArm({ ...example.parameters.vault, id: response.id, name: response.name, type: response.type }, "PUTVault_ResourceGuardEnabled.json");
    expect(findings(build.model(requested)).filter((f) => f.includes("VAULT-011"))).toEqual([]);
    expect(findings(build.model(load("PUTVault_ResourceGuardEnabled.json"))).filter((f) => f.includes("VAULT-011"))).toEqual(["fail note VAULT-011 notProtected"]);
  });

  it("ListBySubscriptionIds: three vaults, far from the 500 limit, no warnings", () => {
    const list = exampleBody("recoveryservices/ListBySubscriptionIds.json").value as Record<string, unknown>[];
    const vaults = list.map((b) => vaultFromArm(b, "azure-rest-examples/recoveryservices/ListBySubscriptionIds.json"));
    const fs = findings(build.model(...vaults));
    expect(fs.filter((f) => !f.includes(" note "))).toEqual([]);
  });

  it("a storage type Locked (BackupStorageConfig_Get) makes a redundancy change an error", () => {
    const storage = exampleBody("recoveryservicesbackup/Common/BackupStorageConfig_Get.json").properties as Record<string, unknown>;
    const deployed = { ...load("GETVault.json"), storageRedundancyLocked: storage.storageTypeState === "Locked" };
    const intended = { ...load("GETVault.json"), ref: { ...deployed.ref, source: { adapter: "program" as const } }, storageRedundancy: "LocallyRedundant" };
    expect(findings(build.model(deployed, intended)).filter((f) => f.includes("VAULT-006"))).toEqual(["fail error VAULT-006 changeRejected"]);
  });
});
