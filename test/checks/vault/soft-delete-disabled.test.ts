import { describe, expect, it } from "vitest";
import rule from "../../../checks/vault/soft-delete-disabled.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { findingsOf, ruleTester } from "../../harness/rule-tester.js";

const softDelete = (state: unknown) => build.vault({ softDelete: { state: state as string, retentionDays: 14, enhancedSecurityState: "Enabled" } });

ruleTester.run(rule, {
  valid: [
    { name: "golden: AlwaysON", model: build.model(build.vault()) },
    { name: "Enabled", model: build.model(softDelete("Enabled")) },
    { name: "not set: Azure enables it by default", model: build.model(softDelete(undefined)) },
  ],
  invalid: [{ name: "Disabled", model: build.model(softDelete("Disabled")), errors: [{ messageId: "disabled", resource: "rsv-prod", data: { state: "Disabled" } }] }],
  unknown: [{ name: "state computed at preview", model: build.model(softDelete(UNKNOWN)), unknowns: [{ messageId: "stateUnknown" }] }],
});

describe("VAULT-001 with the same vault from the program and from state", () => {
  it("judges the intended vault once", () => {
    const deployed = build.vault({ softDelete: { state: "Disabled", retentionDays: 14, enhancedSecurityState: "Disabled" } });
    deployed.ref = { ...deployed.ref, source: { adapter: "state" } };
    const intended = softDelete("Disabled");
    const fails = findingsOf(rule, { name: "twins", model: build.model(intended, deployed) }).filter((f) => f.status === "fail");
    expect(fails).toHaveLength(1);
    expect(fails[0]!.resource.name).toBe("rsv-prod");
  });
});
