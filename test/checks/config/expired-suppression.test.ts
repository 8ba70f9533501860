import rule from "../../../checks/config/expired-suppression.js";
import { build } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const suppression = { rule: "SQL-001", resource: "legacy-*", justification: "DBA team owns logs until migration", expires: "2027-03-31" };

ruleTester.run(rule, {
  valid: [
    { name: "no suppressions", model: build.model() },
    { name: "suppression still current", model: build.model(), config: { rules: {}, suppressions: [suppression] } },
    {
      name: "suppression applies through its expiry day",
      model: build.model(),
      now: new Date("2027-03-31T22:00:00Z"),
      config: { rules: {}, suppressions: [suppression] },
    },
  ],
  invalid: [
    {
      name: "suppression past its expiry",
      model: build.model(),
      now: new Date("2027-04-01T00:00:01Z"),
      config: { rules: {}, suppressions: [suppression] },
      errors: [{ messageId: "expired", data: { rule: "SQL-001", expires: "2027-03-31" } }],
    },
  ],
});
