import rule from "../../../checks/drift/nsg-rules-drift.js";
import type { SecurityRule } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { asDesired } from "./_desired.js";

const nsg = build.nsg();
const desired = { desired: build.model(asDesired(nsg, "nsg")) };
const rules = () => structuredClone(nsg.securityRules) as SecurityRule[];

ruleTester.run(rule, {
  valid: [
    { name: "rule set as declared", model: build.model(nsg), extras: desired },
    { name: "Azure's default rules are not drift", model: build.model(build.nsg(undefined, { securityRules: [...rules(), build.securityRule({ name: "AllowVnetInBound", priority: 65000, isDefault: true })] })), extras: desired },
  ],
  invalid: [
    {
      name: "the AzureBackup allow rule deleted and a deny added",
      model: build.model(build.nsg(undefined, { securityRules: [...rules().filter((r) => r.name !== "allow-azurebackup-443"), build.securityRule({ name: "deny-all-out", priority: 90, access: "Deny" })] })),
      extras: desired,
      errors: [
        {
          messageId: "drifted",
          resource: "nsg",
          data: {
            changes: [
              { path: "securityRules.allow-azurebackup-443", desired: "present", live: "missing" },
              { path: "securityRules.deny-all-out", desired: "absent", live: "present" },
            ],
          },
        },
      ],
    },
    {
      name: "a rule's priority and prefixes changed",
      model: build.model(build.nsg(undefined, { securityRules: rules().map((r) => (r.name === "allow-storage-443" ? { ...r, priority: 4010, destinationAddressPrefixes: ["Storage.WestEurope"] } : r)) })),
      extras: desired,
      errors: [
        {
          messageId: "drifted",
          data: {
            changes: [
              { path: "securityRules.allow-storage-443.priority", desired: 110, live: 4010 },
              { path: "securityRules.allow-storage-443.destinationAddressPrefixes", desired: ["Storage"], live: ["Storage.WestEurope"] },
            ],
          },
        },
      ],
    },
  ],
  unknown: [{ name: "the stack's rules are computed", model: build.model(nsg), extras: { desired: build.model(asDesired(build.nsg(undefined, { securityRules: UNKNOWN }), "nsg")) }, unknowns: [{ messageId: "rulesUnknown" }] }],
});
