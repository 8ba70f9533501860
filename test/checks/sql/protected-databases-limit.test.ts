import rule from "../../../checks/sql/protected-databases-limit.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

/** `count` databases on `vms` VMs, one item each. */
function items(count: number, vms: number, o: Parameters<typeof build.sqlItem>[2] = {}) {
  return Array.from({ length: count }, (_, i) => build.sqlItem(`sqlvm${(i % vms) + 1}`, `db${i}`, o));
}

ruleTester.run(rule, {
  valid: [
    { name: "2,000 databases in a vault", model: build.model(build.vault(), ...items(2000, 2)) },
    {
      name: "auto-protected databases count once even with an explicit item",
      model: build.model(build.vault(), build.sqlAutoProtectIntent(), build.sqlItem(), build.sqlDatabase()),
    },
  ],
  invalid: [
    {
      name: "2,001 databases on two servers in one vault",
      model: build.model(build.vault(), ...items(2001, 2)),
      errors: [{ messageId: "tooManyDatabasesInVault", resource: "rsv-prod", data: { count: 2001, limit: 2000 } }],
    },
    {
      name: "2,001 databases on one server",
      model: build.model(build.vault(), build.sqlContainer("sqlvm1"), ...items(2001, 1)),
      errors: [
        { messageId: "tooManyDatabasesInVault", data: { count: 2001 } },
        { messageId: "tooManyDatabasesOnServer", resource: "VMAppContainer;Compute;rg-sql;sqlvm1", data: { vm: "sqlvm1", count: 2001 } },
      ],
    },
  ],
  unknown: [
    {
      name: "1,999 databases plus items whose vault is computed at preview",
      model: build.model(build.vault(), ...items(1999, 2), ...items(5, 1, { vaultName: UNKNOWN }).map((it, i) => ({ ...it, ref: { ...it.ref, name: `pending-${i}`, id: undefined } }))),
      unknowns: [{ messageId: "tooManyDatabasesInVault", resource: "rsv-prod" }],
    },
  ],
});
