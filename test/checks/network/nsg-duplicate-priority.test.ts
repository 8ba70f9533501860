import rule from "../../../checks/network/nsg-duplicate-priority.js";
import type { SecurityRule } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const golden = build.nsg().securityRules as SecurityRule[];
const nsg = (rules: SecurityRule[]) => build.model(build.nsg("nsg-sql", { securityRules: rules }));

ruleTester.run(rule, {
  valid: [
    { name: "golden NSG: distinct priorities", model: nsg(golden) },
    { name: "an inbound and an outbound rule may share a priority", model: nsg([...golden, build.securityRule({ name: "allow-rdp-in", priority: 100, direction: "Inbound", destinationPortRanges: ["3389"] })]) },
  ],
  invalid: [
    {
      name: "two outbound rules at 110",
      model: nsg([...golden, build.securityRule({ name: "allow-monitor-443", priority: 110, destinationAddressPrefixes: ["AzureMonitor"] })]),
      errors: [{ messageId: "duplicatePriority", resource: "nsg-sql", data: { nsg: "nsg-sql", direction: "Outbound", priority: 110, rules: ["allow-storage-443", "allow-monitor-443"], suggestedPriority: 111 } }],
    },
    {
      name: "direction is compared case-insensitively",
      model: nsg([build.securityRule({ name: "a", priority: 200, direction: "inbound" }), build.securityRule({ name: "b", priority: 200, direction: "Inbound" })]),
      errors: [{ messageId: "duplicatePriority", data: { direction: "Inbound", priority: 200 } }],
    },
  ],
  unknown: [
    {
      name: "a priority computed at preview",
      model: nsg([...golden, build.securityRule({ name: "allow-x", priority: UNKNOWN })]),
      unknowns: [{ messageId: "priorityUnknown", data: { rule: "allow-x" } }],
    },
  ],
});
