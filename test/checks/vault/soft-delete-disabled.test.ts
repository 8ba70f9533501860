import rule from "../../../checks/vault/soft-delete-disabled.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

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
