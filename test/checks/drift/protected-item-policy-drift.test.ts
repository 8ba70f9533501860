import rule from "../../../checks/drift/protected-item-policy-drift.js";
import type { BackupPolicy, ProtectedItem } from "../../../src/model/types.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { asDesired } from "./_desired.js";

const item = build.vmItem();
const desired = asDesired(item, "appvm01-backup");
const byUrn: ProtectedItem = { ...desired, policyId: UNKNOWN, policyUrn: "urn:pulumi:prod::backup::policy::vm" };
const policyWithUrn: BackupPolicy = { ...asDesired(build.vmPolicy(), "vm"), ref: { ...asDesired(build.vmPolicy(), "vm").ref, urn: "urn:pulumi:prod::backup::policy::vm" } };
const moved: ProtectedItem = { ...item, policyId: ids.policy("vm-cheap") };
const policyUnknown: ProtectedItem = { ...desired, policyId: UNKNOWN };

ruleTester.run(rule, {
  valid: [
    { name: "item under its declared policy", model: build.model(item), extras: { desired: build.model(desired) } },
    {
      name: "the stack knows the policy only by URN; the URN's policy has the same name",
      model: build.model(item),
      extras: {
        desired: build.model(byUrn, policyWithUrn),
      },
    },
  ],
  invalid: [
    {
      name: "moved to another policy in the portal",
      model: build.model(moved),
      extras: { desired: build.model(desired) },
      errors: [{ messageId: "drifted", resource: "appvm01-backup", data: { changes: [{ path: "policy", desired: "vm-enhanced-daily", live: "vm-cheap" }] } }],
    },
  ],
  unknown: [{ name: "policy id unknown and no URN", model: build.model(item), extras: { desired: build.model(policyUnknown) }, unknowns: [{ messageId: "notComparable" }] }],
});
