import rule from "../../../checks/network/vm-snapshot-extension-connectivity.js";
import type { SecurityRule } from "../../../src/model/types.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const denyInternet = build.securityRule({ name: "deny-internet", priority: 4000, access: "Deny", protocol: "*", destinationAddressPrefixes: ["Internet"], destinationPortRanges: ["*"] });
const nsg = (rules: SecurityRule[]) => build.nsg("nsg-app", { securityRules: rules });
const subnet = build.subnet("snet-app", { nsgId: ids.nsg("nsg-app"), addressPrefixes: ["10.0.2.0/24"] });
const nic = build.nic("appvm01-nic", { ipConfigurations: [{ name: "ipconfig1", subnetId: ids.subnet("snet-app"), privateIpAddress: "10.0.2.4", applicationSecurityGroupIds: [] }] });
const vm = build.vm("appvm01", { nicIds: [ids.nic("appvm01-nic")] });

/** Golden: appvm01 protected by VM backup, its subnet NSG allows Storage 443 before denying the Internet. */
function golden(rules: SecurityRule[] = [build.securityRule({ name: "allow-storage-443", priority: 110, destinationAddressPrefixes: ["Storage.EastUS"] }), denyInternet]) {
  return build.model(build.vault(), build.vmPolicy(), build.vmItem("appvm01"), vm, nic, subnet, nsg(rules));
}

ruleTester.run(rule, {
  valid: [
    { name: "golden: Storage in the VM's region is allowed", model: golden() },
    { name: "no restriction: the default rules allow the Internet", model: golden([]) },
    {
      name: "a VM with protected SQL databases is left to NET-001",
      model: build.model(build.vault(), build.vmItem("sqlvm01"), build.sqlItem(), build.vm(), build.nic(), build.subnet(), build.nsg("nsg-sql", { securityRules: [denyInternet] })),
    },
  ],
  invalid: [
    {
      name: "deny-internet with no Storage allow",
      model: golden([denyInternet]),
      errors: [{ messageId: "blocked", resource: "appvm01", data: { vm: "appvm01", destination: "Storage", verdict: "deny", nsg: "nsg-app", rule: "deny-internet", priority: 4000, level: "subnet" } }],
    },
    {
      name: "an allow for another region's Storage does not help",
      model: golden([build.securityRule({ name: "allow-storage-weu", priority: 110, destinationAddressPrefixes: ["Storage.WestEurope"] }), denyInternet]),
      errors: [{ messageId: "blocked", data: { rule: "deny-internet" } }],
    },
  ],
  unknown: [
    { name: "the NIC's subnet is computed at preview", model: build.model(build.vmItem("appvm01"), vm, build.nic("appvm01-nic", { ipConfigurations: [{ name: "ipconfig1", subnetId: UNKNOWN, privateIpAddress: UNKNOWN, applicationSecurityGroupIds: [] }] }), subnet, nsg([denyInternet])) },
  ],
});
