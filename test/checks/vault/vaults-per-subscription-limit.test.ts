import rule from "../../../checks/vault/vaults-per-subscription-limit.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const vaults = (n: number, location = "eastus") => Array.from({ length: n }, (_, i) => build.vault({ name: `rsv-${location}-${i}`, location }));

ruleTester.run(rule, {
  valid: [
    { name: "golden: one vault", model: build.model(build.vault()) },
    { name: "500 vaults in one region", model: build.model(...vaults(500)) },
    { name: "300 + 300 vaults in two regions", model: build.model(...vaults(300), ...vaults(300, "westeurope")) },
    { name: "the same vault from two sources counts once", model: build.model(...vaults(500), { ...build.vault({ name: "rsv-eastus-0" }), ref: { ...build.vault({ name: "rsv-eastus-0" }).ref, source: { adapter: "state" as const } } }) },
  ],
  invalid: [{ name: "501 vaults in one region", model: build.model(...vaults(501)), errors: [{ messageId: "tooManyVaults", data: { value: 501, limit: 500, region: "eastus" } }] }],
  unknown: [{ name: "500 vaults and one whose region is computed at preview", model: build.model(...vaults(500), build.vault({ name: "rsv-new", location: UNKNOWN })), unknowns: [{ messageId: "countUnknown", data: { value: 500, undecided: 1 } }] }],
});
