import rule from "../../../checks/sql/ag-database-item-name.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { findingsOf, ruleTester } from "../../harness/rule-tester.js";
import { describe, expect, it } from "vitest";

const inGroup = (vm: string) => build.sqlDatabase("sales", { vmName: vm, availabilityGroup: "ag-sales" });

ruleTester.run(rule, {
  valid: [
    { name: "database in the group protected under the group", model: build.model(build.availabilityGroup(), inGroup("sqlvm01"), inGroup("sqlvm02"), build.agSqlItem()) },
    { name: "standalone database protected under its instance", model: build.model(build.sqlItem(), build.sqlDatabase()) },
    { name: "standalone item on another VM than the group's replica", model: build.model(build.availabilityGroup(), inGroup("sqlvm01"), build.sqlItem("sqlvm09")) },
    { name: "group item for a database the inventory does not list", model: build.model(build.availabilityGroup(), build.agSqlItem("ag-sales", "orders")) },
  ],
  invalid: [
    {
      name: "database moved into the group, still protected as standalone",
      model: build.model(build.availabilityGroup(), inGroup("sqlvm01"), inGroup("sqlvm02"), build.sqlItem()),
      errors: [{ messageId: "movedIntoAvailabilityGroup", resource: "sqlvm01-sales", data: { availabilityGroup: "ag-sales", vm: "sqlvm01" } }],
    },
    {
      name: "database moved out of the group, still protected under the group",
      model: build.model(build.availabilityGroup(), build.sqlDatabase("sales"), build.agSqlItem()),
      errors: [{ messageId: "movedOutOfAvailabilityGroup", resource: "ag-sales-sales", data: { standaloneOn: ["sqlvm01/MSSQLSERVER"] } }],
    },
  ],
  unknown: [
    {
      name: "the standalone item's VM is computed at preview",
      model: build.model(build.availabilityGroup(), inGroup("sqlvm01"), build.sqlItem("sqlvm01", "sales", { containerName: UNKNOWN, sourceResourceId: UNKNOWN })),
      unknowns: [{ messageId: "movedIntoAvailabilityGroup" }],
    },
  ],
});

describe("each finding names only the code for its direction", () => {
  const codes = (model: Parameters<typeof build.model>[number][]) => findingsOf(rule, { name: "", model: build.model(...model) }).map((f) => f.azureErrorCodes);
  it("moved into the group: UserErrorBackupFailedStandaloneDatabaseMovedInToAG", () => {
    expect(codes([build.availabilityGroup(), inGroup("sqlvm01"), inGroup("sqlvm02"), build.sqlItem()])).toEqual([["UserErrorBackupFailedStandaloneDatabaseMovedInToAG"]]);
  });
  it("moved out of the group: UserErrorBackupFailedDatabaseMovedOutOfAG", () => {
    expect(codes([build.availabilityGroup(), build.sqlDatabase("sales"), build.agSqlItem()])).toEqual([["UserErrorBackupFailedDatabaseMovedOutOfAG"]]);
  });
});
