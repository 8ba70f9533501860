import rule from "../../../checks/vault/soft-delete-not-always-on.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const softDelete = (state: unknown) => build.vault({ softDelete: { state: state as string, retentionDays: 14, enhancedSecurityState: "Enabled" } });

ruleTester.run(rule, {
  valid: [
    { name: "golden: AlwaysON", model: build.model(build.vault()) },
    { name: "Disabled is VAULT-001's business", model: build.model(softDelete("Disabled")) },
  ],
  invalid: [
    { name: "Enabled but not always-on", model: build.model(softDelete("Enabled")), errors: [{ messageId: "notAlwaysOn", data: { state: "Enabled" } }] },
    { name: "not set (Azure default: enabled)", model: build.model(softDelete(undefined)), errors: [{ messageId: "notAlwaysOn", data: { state: "Enabled" } }] },
  ],
  unknown: [{ name: "state computed at preview", model: build.model(softDelete(UNKNOWN)), unknowns: [{ messageId: "stateUnknown" }] }],
});
