import rule from "../../../checks/vault/private-endpoint-limit.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const endpoints = (n: number) => Array.from({ length: n }, (_, i) => build.privateEndpoint(`pe-${i}`));

ruleTester.run(rule, {
  valid: [
    { name: "golden: one endpoint", model: build.model(build.vault(), build.privateEndpoint()) },
    { name: "twelve endpoints", model: build.model(build.vault(), ...endpoints(12)) },
    { name: "endpoints for another vault do not count", model: build.model(build.vault(), ...Array.from({ length: 13 }, (_, i) => build.privateEndpoint(`pe-${i}`, { connections: [{ privateLinkServiceId: ids.vault("rsv-other"), groupIds: ["AzureBackup"] }] }))) },
    { name: "site recovery endpoints do not count", model: build.model(build.vault(), ...Array.from({ length: 13 }, (_, i) => build.privateEndpoint(`pe-${i}`, { connections: [{ privateLinkServiceId: ids.vault(), groupIds: ["AzureSiteRecovery"] }] }))) },
  ],
  invalid: [
    { name: "thirteen endpoints", model: build.model(build.vault(), ...endpoints(13)), errors: [{ messageId: "tooMany", data: { value: 13, limit: 12 } }] },
    { name: "thirteen connections listed on the vault", model: build.model(build.vault({ privateEndpointConnections: Array.from({ length: 13 }, (_, i) => `pec-${i}`) })), errors: [{ messageId: "tooMany", data: { value: 13 } }] },
  ],
  unknown: [{ name: "an endpoint's target is computed at preview", model: build.model(build.vault(), build.privateEndpoint("pe-x", { connections: [{ privateLinkServiceId: UNKNOWN, groupIds: ["AzureBackup"] }] })), unknowns: [{ messageId: "countUnknown" }] }],
});
