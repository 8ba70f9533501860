import { describe, expect, it } from "vitest";
import { evaluatePolicies } from "../../src/policy-eval/evaluate.js";
import { embeddedBuiltinSetIds, parameterGatedSet, showCommandFor } from "../../src/policy-eval/builtins.js";
import { resourceGroupTarget } from "../../src/policy-eval/targets.js";
import type { Model } from "../../src/model/types.js";
import { build, SUB, UNKNOWN } from "../harness/build.js";

const NOW = new Date("2026-11-21T00:00:00Z");
const MCSB = "/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8";
const backupRg = resourceGroupTarget({ subscriptionId: SUB, name: "AzureBackupRG_eastus_1", location: "eastus", tags: {} });
const run = (model: Model) => evaluatePolicies(model, backupRg, { now: NOW });
const asc = (parameters: Record<string, unknown> | typeof UNKNOWN) => build.policyAssignment("SecurityCenterBuiltIn", { policyDefinitionId: MCSB, parameters } as never);

describe("built-in initiatives gated by their effect parameters", () => {
  it("carries the Microsoft cloud security benchmark (ASC Default) by id, in any letter case", () => {
    expect(embeddedBuiltinSetIds()).toEqual(["1f3afdf9-d0c9-4c3d-847f-89da613e70a8"]);
    expect(parameterGatedSet(MCSB.toUpperCase().replace("/PROVIDERS/MICROSOFT.AUTHORIZATION/POLICYSETDEFINITIONS/", "/providers/Microsoft.Authorization/policySetDefinitions/"))?.displayName).toBe("Microsoft cloud security benchmark");
    expect(parameterGatedSet("/providers/Microsoft.Authorization/policySetDefinitions/179d1daa-458f-4e47-8086-2a68d0d6c38f")).toBeUndefined();
  });

  it("with default or audit-family parameters it never blocks and is not uncertain", () => {
    for (const parameters of [{}, { systemConfigurationsMonitoringEffect: "Disabled", diskEncryptionMonitoringEffect: "AuditIfNotExists", networkWatcherShouldBeEnabledResourceGroupName: "NetworkWatcherRG" }]) {
      const e = run(build.model(asc(parameters)));
      expect(e.blocking).toEqual([]);
      expect(e.uncertain).toEqual([]);
    }
  });

  it("a parameter set to Deny (any case) makes it uncertain, naming the parameter and the commands that resolve it", () => {
    const e = run(build.model(asc({ keyVaultsShouldHavePurgeProtectionEnabledMonitoringEffect: "deny", diskEncryptionMonitoringEffect: "Disabled" })));
    expect(e.uncertain.map((v) => v.assignmentName)).toEqual(["SecurityCenterBuiltIn"]);
    const reasons = e.uncertain[0]!.reasons.join(" ");
    expect(reasons).toContain("keyVaultsShouldHavePurgeProtectionEnabledMonitoringEffect");
    expect(reasons).toContain("az policy set-definition show --name 1f3afdf9-d0c9-4c3d-847f-89da613e70a8");
  });

  it("parameters unknown before deployment make it uncertain, never a pass", () => {
    expect(run(build.model(asc({ ...UNKNOWN }))).uncertain).toHaveLength(1);
    expect(run(build.model(asc({ secureTransferToStorageAccountMonitoringEffect: { ...UNKNOWN } }))).uncertain).toHaveLength(1);
  });

  it("the initiative from the model wins; a built-in member is judged by the effect it is given, else needs its definition", () => {
    const storage = "/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9";
    const set = build.policySetDefinition("mcsb", {
      definitionId: MCSB,
      parameters: { secureTransfer: { type: "String", defaultValue: "Audit" } },
      policyDefinitions: [{ policyDefinitionId: storage, referenceId: "secureTransferToStorageAccountMonitoring", parameters: { effect: { value: "[parameters('secureTransfer')]" } } }],
    } as never);
    expect(run(build.model(set, asc({}))).uncertain).toEqual([]);
    expect(run(build.model(set, asc({ secureTransfer: "Disabled" }))).uncertain).toEqual([]);
    const denied = run(build.model(set, asc({ secureTransfer: "Deny" })));
    expect(denied.uncertain[0]!.reasons.join(" ")).toContain("has effect Deny");
    expect(denied.uncertain[0]!.reasons.join(" ")).toContain(showCommandFor(storage));
    const member = build.policyDefinition("secure-transfer", {
      definitionId: storage,
      mode: "Indexed",
      parameters: { effect: { type: "String", defaultValue: "Audit" } },
      policyRule: { if: { field: "type", equals: "Microsoft.Storage/storageAccounts" }, then: { effect: "[parameters('effect')]" } },
    } as never);
    const judged = run(build.model(set, member, asc({ secureTransfer: "Deny" })));
    expect(judged.uncertain).toEqual([]);
    expect(judged.blocking).toEqual([]);
  });

  it("a Deny member of a built-in initiative that targets resource groups' tags is decided: it blocks", () => {
    const def = build.policyDefinition("require-costcenter-on-rg", {
      mode: "All",
      parameters: { effect: { type: "String", defaultValue: "Audit", allowedValues: ["Audit", "Deny"] } },
      policyRule: { if: { allOf: [{ field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" }, { field: "tags['costCenter']", exists: "false" }] }, then: { effect: "[parameters('effect')]" } },
    } as never);
    const set = build.policySetDefinition("tags-gated", {
      parameters: { tagEffect: { type: "String", defaultValue: "Audit" } },
      policyDefinitions: [{ policyDefinitionId: def.definitionId, referenceId: "rgTag", parameters: { effect: { value: "[parameters('tagEffect')]" } } }],
    } as never);
    const a = build.policyAssignment("tags", { policyDefinitionId: set.definitionId, parameters: { tagEffect: "Deny" } } as never);
    expect(run(build.model(set, def, a)).blocking.map((v) => v.referenceId)).toEqual(["rgTag"]);
  });
});
