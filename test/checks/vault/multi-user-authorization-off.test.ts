import rule from "../../../checks/vault/multi-user-authorization-off.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const GUARD = "/subscriptions/11111111-0000-0000-0000-000000000000/resourceGroups/rg-guard/providers/Microsoft.DataProtection/resourceGuards/guard/modifyEncryptionSettings/default";

ruleTester.run(rule, {
  valid: [
    { name: "golden vault with a resource guard", model: build.model(build.vault({ resourceGuardOperationRequests: [GUARD] })) },
    { name: "Azure reports multi-user authorization Enabled", model: build.model(build.vault({ multiUserAuthorization: "Enabled" })) },
  ],
  invalid: [
    { name: "no resource guard (the golden builder's default)", model: build.model(build.vault()), errors: [{ messageId: "notProtected" }] },
    { name: "reported Disabled", model: build.model(build.vault({ multiUserAuthorization: "Disabled", resourceGuardOperationRequests: [] })), errors: [{ messageId: "notProtected", data: { multiUserAuthorization: "Disabled" } }] },
  ],
  unknown: [{ name: "resource guard requests computed at preview", model: build.model(build.vault({ resourceGuardOperationRequests: UNKNOWN })), unknowns: [{ messageId: "settingUnknown" }] }],
});
