import rule from "../../../checks/drift/policy-assignment-drift.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { asDesired } from "./_desired.js";

const assignment = build.policyAssignment();
const desired = (o: Parameters<typeof build.policyAssignment>[1] = {}) => ({ desired: build.model(asDesired(build.policyAssignment(undefined, o), "assignment")) });

ruleTester.run(rule, {
  valid: [
    { name: "assignment as declared", model: build.model(assignment), extras: desired() },
    {
      name: "an object parameter Azure returns with its keys in another order",
      model: build.model(build.policyAssignment(undefined, { parameters: { tags: { owner: "ops", env: "prod" } } })),
      extras: desired({ parameters: { tags: { env: "prod", owner: "ops" } } }),
    },
    { name: "the stack leaves enforcement to the default", model: build.model(build.policyAssignment(undefined, { enforcementMode: "Default" })), extras: desired({ enforcementMode: undefined }) },
  ],
  invalid: [
    {
      name: "enforcement switched off in the portal",
      model: build.model(build.policyAssignment(undefined, { enforcementMode: "DoNotEnforce" })),
      extras: desired({ enforcementMode: "Default" }),
      errors: [{ messageId: "drifted", resource: "assignment", data: { changes: [{ path: "enforcementMode", desired: "Default", live: "DoNotEnforce" }] } }],
    },
    {
      name: "a parameter changed",
      model: build.model(build.policyAssignment(undefined, { parameters: { tagName: "cost-centre" } })),
      extras: desired({ parameters: { tagName: "costcenter" } }),
      errors: [{ messageId: "drifted", data: { changes: [{ path: "parameters.tagName", desired: '"costcenter"', live: '"cost-centre"' }] } }],
    },
  ],
  unknown: [
    {
      name: "a parameter computed at preview",
      model: build.model(build.policyAssignment(undefined, { parameters: { tagName: "cost-centre" } })),
      extras: desired({ parameters: { tagName: UNKNOWN } }),
      unknowns: [{ messageId: "notComparable", data: { paths: ["parameters.tagName"] } }],
    },
  ],
});
