import rule from "../../../checks/vault/public-access-disabled-without-private-endpoint.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const closed = () => build.vault({ privateEndpointConnections: [] });

ruleTester.run(rule, {
  valid: [
    { name: "golden: SQL database, public access disabled, private endpoint", model: build.model(build.vault(), build.privateEndpoint(), build.sqlItem()) },
    { name: "VM backup only", model: build.model(closed(), build.vmItem()) },
    { name: "public access enabled", model: build.model(build.vault({ publicNetworkAccess: "Enabled", privateEndpointConnections: [] }), build.sqlItem()) },
  ],
  invalid: [
    { name: "SQL database item and no endpoint", model: build.model(closed(), build.sqlItem()), errors: [{ messageId: "noPrivateEndpoint", data: { sqlItems: 1 } }] },
    { name: "auto-protection intent and registered container", model: build.model(closed(), build.sqlAutoProtectIntent(), build.sqlContainer()), errors: [{ messageId: "noPrivateEndpoint", data: { sqlItems: 2 } }] },
  ],
  unknown: [
    { name: "public access computed at preview", model: build.model(build.vault({ publicNetworkAccess: UNKNOWN }), build.sqlItem()), unknowns: [{ messageId: "settingUnknown" }] },
    { name: "endpoint connections computed at preview", model: build.model(build.vault({ privateEndpointConnections: UNKNOWN }), build.sqlItem()), unknowns: [{ messageId: "endpointsUnknown" }] },
  ],
});
