import rule from "../../../checks/vault/datasources-per-vault-limit.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const vmItems = (n: number) => Array.from({ length: n }, (_, i) => build.vmItem(`vm${i}`));
const sqlItems = (n: number) => Array.from({ length: n }, (_, i) => build.sqlItem("sqlvm01", `db${i}`));
const databases = (n: number) => Array.from({ length: n }, (_, i) => build.sqlDatabase(`db${i}`));

ruleTester.run(rule, {
  valid: [
    { name: "golden: a few items", model: build.model(build.vault(), build.vmItem(), build.sqlItem()) },
    { name: "1,000 VMs and 1,000 databases", model: build.model(build.vault(), ...vmItems(1000), ...sqlItems(1000)) },
    { name: "1,001 VMs alone are VM-005's finding (and far from 2,000)", model: build.model(build.vault(), ...vmItems(1001)) },
    { name: "2,001 SQL databases alone are SQL-008's finding", model: build.model(build.vault(), ...sqlItems(2001)) },
    { name: "an auto-protected instance whose databases are already items counts them once", model: build.model(build.vault(), ...sqlItems(1500), build.sqlAutoProtectIntent(), ...databases(1500)) },
  ],
  invalid: [
    { name: "2,001 data sources", model: build.model(build.vault(), ...vmItems(1000), ...sqlItems(1001)), errors: [{ messageId: "tooManyDatasources", data: { value: 2001, limit: 2000 } }] },
    { name: "Azure reports 1,990 items and the program adds 20", model: build.model(build.vault({ protectedItemCount: 1990 }), ...vmItems(20), ...sqlItems(1990)), errors: [{ messageId: "tooManyDatasources", data: { value: 2010 } }] },
    { name: "auto-protection counts the instance's databases", model: build.model(build.vault(), ...vmItems(10), build.sqlAutoProtectIntent(), ...databases(1995)), errors: [{ messageId: "tooManyDatasources", data: { value: 2005 } }] },
  ],
  unknown: [
    {
      name: "1,999 items here and two whose vault is computed at preview",
      model: build.model(build.vault(), ...vmItems(999), ...sqlItems(1000), build.vmItem("x1", { vaultName: UNKNOWN, id: "" }), build.vmItem("x2", { vaultName: UNKNOWN, id: "" })),
      unknowns: [{ messageId: "countUnknown", data: { value: 1999, undecided: 2 } }],
    },
  ],
});
