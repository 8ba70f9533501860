import rule from "../../../checks/vault/soft-delete-retention-out-of-range.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const retention = (days: unknown) => build.vault({ softDelete: { state: "AlwaysON", retentionDays: days as number, enhancedSecurityState: "AlwaysON" } });

ruleTester.run(rule, {
  valid: [
    { name: "golden: 14 days", model: build.model(build.vault()) },
    { name: "180 days", model: build.model(retention(180)) },
    { name: "not set (14 by default)", model: build.model(retention(undefined)) },
  ],
  invalid: [
    { name: "7 days", model: build.model(retention(7)), errors: [{ messageId: "outOfRange", data: { value: 7, min: 14, max: 180 } }] },
    { name: "365 days", model: build.model(retention(365)), errors: [{ messageId: "outOfRange", data: { value: 365 } }] },
  ],
  unknown: [{ name: "retention computed at preview", model: build.model(retention(UNKNOWN)), unknowns: [{ messageId: "retentionUnknown" }] }],
});
