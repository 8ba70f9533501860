import rule from "../../../checks/vault/private-endpoint-after-registration.js";
import type { ResourceRef } from "../../../src/model/types.js";
import { build } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const deployed = <T extends { ref: ResourceRef }>(e: T): T => ({ ...e, ref: { ...e.ref, source: { adapter: "state" } } });
/** Golden: the program adds an endpoint to a deployed vault that has no items yet. */
const golden = () => [build.vault(), build.privateEndpoint(), deployed(build.vault({ privateEndpointConnections: [], protectedItemCount: 0 }))];

ruleTester.run(rule, {
  valid: [
    { name: "golden: endpoint before the first item", model: build.model(...golden()) },
    { name: "the vault already has endpoints", model: build.model(build.vault(), build.privateEndpoint("pe-2"), deployed(build.vault({ privateEndpointConnections: ["pe-1"], protectedItemCount: 40 }))) },
    { name: "no endpoint added", model: build.model(build.vault(), deployed(build.vault({ privateEndpointConnections: [], protectedItemCount: 40 }))) },
    { name: "the endpoint itself is deployed already", model: build.model(build.vault(), deployed(build.privateEndpoint()), deployed(build.vault({ privateEndpointConnections: [], protectedItemCount: 40 }))) },
  ],
  invalid: [
    {
      name: "first endpoint on a vault that protects 40 items",
      model: build.model(build.vault(), build.privateEndpoint(), deployed(build.vault({ privateEndpointConnections: [], protectedItemCount: 40 }))),
      errors: [{ messageId: "afterRegistration", resource: "rsv-prod", data: { privateEndpoints: ["pe-rsv-prod"] } }],
    },
    {
      name: "deployed SQL containers are registered items",
      model: build.model(build.vault(), build.privateEndpoint(), deployed(build.vault({ privateEndpointConnections: [] })), deployed(build.sqlContainer())),
      errors: [{ messageId: "afterRegistration" }],
    },
  ],
  unknown: [{ name: "only the program is loaded: whether items exist is not known", model: build.model(build.vault(), build.privateEndpoint()), unknowns: [{ messageId: "registrationUnknown" }] }],
});
