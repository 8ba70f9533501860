import rule from "../../../checks/network/backup-private-endpoint-subnet-size.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const peSubnet = (prefix: string | typeof UNKNOWN) => build.subnet("snet-pe", { addressPrefixes: typeof prefix === "string" ? [prefix] : prefix, nsgId: undefined });
const endpoints = (n: number) => Array.from({ length: n }, (_, i) => build.privateEndpoint(`pe-rsv-${i}`));

ruleTester.run(rule, {
  valid: [
    { name: "golden: one endpoint in a /26", model: build.model(build.vault(), build.privateEndpoint(), peSubnet("10.0.3.0/26")) },
    { name: "the endpoint's subnet is not in the model: nothing to count", model: build.model(build.vault(), build.privateEndpoint()) },
    { name: "twelve endpoints in a /24", model: build.model(build.vault(), ...endpoints(12), peSubnet("10.0.3.0/24")) },
  ],
  invalid: [
    {
      name: "a /29 holds 3 usable addresses",
      model: build.model(build.vault(), build.privateEndpoint(), peSubnet("10.0.3.0/29")),
      errors: [{ messageId: "subnetTooSmall", resource: "snet-pe", data: { usable: 3, needed: 11, endpoints: 1 } }],
    },
    {
      name: "a /28 is enough for one endpoint but not with a VM in it",
      model: build.model(
        build.vault(),
        build.privateEndpoint(),
        peSubnet("10.0.3.0/28"),
        build.vm("jumpbox", { nicIds: [ids.nic("jumpbox-nic")] }),
        build.nic("jumpbox-nic", { ipConfigurations: [{ name: "ipconfig1", subnetId: ids.subnet("snet-pe"), privateIpAddress: "10.0.3.4", applicationSecurityGroupIds: [] }] }),
      ),
      errors: [{ messageId: "subnetTooSmall", data: { usable: 11, needed: 12 } }],
    },
    {
      name: "twelve endpoints need about 132 addresses; a /25 has 123",
      model: build.model(build.vault(), ...endpoints(12), peSubnet("10.0.3.0/25")),
      errors: [{ messageId: "subnetTooSmall", data: { usable: 123, needed: 132, endpoints: 12 } }],
    },
  ],
  unknown: [{ name: "the subnet's prefix is computed at preview", model: build.model(build.vault(), build.privateEndpoint(), peSubnet(UNKNOWN)) }],
});
