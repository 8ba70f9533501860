import rule from "../../../checks/vault/public-access-with-private-endpoints.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: endpoint and public access disabled", model: build.model(build.vault(), build.privateEndpoint()) },
    { name: "no endpoint, public access enabled", model: build.model(build.vault({ publicNetworkAccess: "Enabled", privateEndpointConnections: [] })) },
  ],
  invalid: [
    { name: "endpoint with public access enabled", model: build.model(build.vault({ publicNetworkAccess: "Enabled" }), build.privateEndpoint()), errors: [{ messageId: "publicAccessEnabled", data: { publicNetworkAccess: "Enabled", privateEndpoints: 1 } }] },
    { name: "endpoint with public access unset", model: build.model(build.vault({ publicNetworkAccess: undefined })), errors: [{ messageId: "publicAccessEnabled", data: { publicNetworkAccess: "Enabled" } }] },
  ],
  unknown: [{ name: "public access computed at preview", model: build.model(build.vault({ publicNetworkAccess: UNKNOWN })), unknowns: [{ messageId: "settingUnknown" }] }],
});
