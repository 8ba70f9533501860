import rule from "../../../checks/sql/database-not-protectable.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

ruleTester.run(rule, {
  valid: [
    { name: "ordinary database names", model: build.model(build.sqlItem(), build.sqlItem("sqlvm01", "Orders_2026"), build.sqlDatabase()) },
    { name: "allow-listed endings .ad, .cs and .master", model: build.model(build.sqlAutoProtectIntent(), build.sqlDatabase("corp.ad"), build.sqlDatabase("tools.cs"), build.sqlDatabase("web.master")) },
    { name: "special characters under auto-protection", model: build.model(build.sqlAutoProtectIntent(), build.sqlDatabase("sales-eu"), build.sqlDatabase("R&D")) },
    { name: "tempdb in the inventory of an auto-protected instance", model: build.model(build.sqlAutoProtectIntent(), build.sqlDatabase("tempdb", { recoveryModel: "SIMPLE" })) },
    { name: "the same name on two instances", model: build.model(build.sqlItem(), build.sqlDatabase("Sales"), build.sqlDatabase("sales", { instanceName: "INST2" })) },
  ],
  invalid: [
    {
      name: "an item protecting tempdb",
      model: build.model(build.sqlItem("sqlvm01", "tempdb")),
      errors: [{ messageId: "tempdb", resource: "sqlvm01-tempdb", data: { database: "tempdb" } }],
    },
    {
      name: "Configure Protection of a name with a hyphen and a plus sign",
      model: build.model(build.sqlItem("sqlvm01", "sales-eu+uk")),
      errors: [{ messageId: "configureProtectionCharacters", data: { characters: ["-", "+"] } }],
    },
    {
      name: "a single quote fails even under auto-protection",
      model: build.model(build.sqlAutoProtectIntent(), build.sqlDatabase("o'brien")),
      errors: [{ messageId: "singleQuote", resource: "sqlvm01-MSSQLSERVER-autoprotect", data: { database: "o'brien", via: "autoProtection" } }],
    },
    {
      name: "a name ending in a file extension",
      model: build.model(build.sqlItem("sqlvm01", "reports.config")),
      errors: [{ messageId: "fileExtension", data: { extension: "config" } }],
    },
    {
      name: "two databases whose names differ only in case",
      model: build.model(build.sqlItem(), build.sqlDatabase("sales"), build.sqlDatabase("Sales")),
      errors: [{ messageId: "caseCollision", resource: "sqlvm01-sales", data: { database: "sales", collidesWith: ["Sales"] } }],
    },
  ],
  unknown: [
    {
      name: "the item's name is computed at preview",
      model: build.model(build.sqlItem("sqlvm01", "sales", { itemName: UNKNOWN, sqlDatabase: UNKNOWN })),
      unknowns: [{ messageId: "nameUnknown" }],
    },
  ],
});
