import { RestError } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { sinceInstant } from "../../src/audit/duration.js";
import { gapOf, graphQueries, vaultAddressOf } from "../../src/audit/live.js";
import { jobFilterDate, rowsOf } from "../../src/audit/reader.js";

const NOW = new Date("2026-11-21T06:30:00Z");
const scope = { collections: ["vaults" as const] };

describe("audit helpers", () => {
  it("--since takes minutes, hours, days, weeks and ISO date-times", () => {
    expect(sinceInstant("30m", NOW).toISOString()).toBe("2026-11-21T06:00:00.000Z");
    expect(sinceInstant("12h", NOW).toISOString()).toBe("2026-11-20T18:30:00.000Z");
    expect(sinceInstant("7d", NOW).toISOString()).toBe("2026-11-14T06:30:00.000Z");
    expect(sinceInstant("2w", NOW).toISOString()).toBe("2026-11-07T06:30:00.000Z");
    expect(sinceInstant("2026-11-01T00:00:00Z", NOW).toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(() => sinceInstant("0d", NOW)).toThrow(/greater than zero/);
    expect(() => sinceInstant("2027-01-01", NOW)).toThrow(/future/);
    expect(() => sinceInstant("7 days", NOW)).toThrow(/expected a duration/);
  });

  it("the job filter uses whole UTC days in Azure's documented format", () => {
    expect(jobFilterDate(new Date("2026-11-14T06:30:00Z"), false)).toBe("2026-11-14 00:00:00 AM");
    expect(jobFilterDate(new Date("2026-11-21T06:30:00Z"), true)).toBe("2026-11-22 00:00:00 AM");
    expect(jobFilterDate(new Date("2026-11-21T00:00:00Z"), true)).toBe("2026-11-21 00:00:00 AM");
  });

  it("classifies read failures without leaking request details", () => {
    expect(gapOf("x", scope, new RestError("denied", { statusCode: 403, code: "AuthorizationFailed" }))).toMatchObject({ reason: "permission-denied", statusCode: 403, code: "AuthorizationFailed" });
    expect(gapOf("x", scope, new RestError("slow", { statusCode: 429 })).reason).toBe("throttled");
    expect(gapOf("x", scope, new RestError("gone", { statusCode: 404, code: "ResourceNotFound" })).reason).toBe("not-found");
    expect(gapOf("x", scope, new RestError("boom", { statusCode: 503 })).reason).toBe("unavailable");
    expect(gapOf("x", scope, new Error("The operation was aborted")).reason).toBe("timed-out");
    expect(gapOf("x", scope, new Error("something else")).reason).toBe("failed");
  });

  it("normalises Resource Graph data (array or dictionary) and parses vault ids", () => {
    expect(rowsOf([{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(rowsOf({ "0": { a: 1 }, "1": { a: 2 } })).toEqual([{ a: 1 }, { a: 2 }]);
    expect(rowsOf(undefined)).toEqual([]);
    expect(vaultAddressOf("/Subscriptions/S/resourceGroups/RG/providers/microsoft.recoveryservices/vaults/V/")).toEqual({ subscriptionId: "S", resourceGroup: "RG", vaultName: "V" });
    expect(vaultAddressOf("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/v")).toBeUndefined();
  });

  it("escapes names in KQL and narrows only vaults, VMs and NICs by resource group", () => {
    const queries = graphQueries({ subscriptions: ["s"], resourceGroup: "rg-a", vault: "v1", since: NOW, now: NOW });
    expect(queries[0]!.query).toContain("resourceGroup =~ 'rg-a'");
    expect(queries[0]!.query).toContain("name =~ 'v1'");
    expect(queries[1]!.query).not.toContain("resourceGroup");
    expect(graphQueries({ subscriptions: ["s"], resourceGroup: "a'b", since: NOW, now: NOW })[0]!.query).toContain("'a\\'b'");
  });
});
