import { describe, expect, it } from "vitest";
import rule from "../../../checks/jobs/failed-backup-job.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { findingsOf, ruleTester } from "../../harness/rule-tester.js";

const failed = (name: string, errors: { code?: string; title?: string; message?: string; recommendations?: string[] }[], startTime = "2026-11-20T02:00:00Z") =>
  build.backupJob(name, { status: "Failed", startTime, errors });

ruleTester.run(rule, {
  valid: [
    { name: "a completed backup job", model: build.model(build.backupJob()) },
    { name: "a job still in progress", model: build.model(build.backupJob(undefined, { status: "InProgress" })) },
    {
      name: "a failure before the audited window (--since)",
      model: build.model(failed("old", [{ code: "UserErrorGuestAgentStatusUnavailable" }], "2026-11-01T02:00:00Z")),
      extras: { jobsSince: new Date("2026-11-14T00:00:00Z") },
    },
  ],
  invalid: [
    {
      name: "a failed job whose code the knowledge base explains",
      model: build.model(failed("j1", [{ code: "UserErrorGuestAgentStatusUnavailable", message: "VM Agent unable to communicate with Azure Backup" }])),
      extras: { jobsSince: new Date("2026-11-14T00:00:00Z") },
      errors: [{ messageId: "failedExplained", resource: "j1", data: { errorCodes: ["UserErrorGuestAgentStatusUnavailable"], explainedCode: "UserErrorGuestAgentStatusUnavailable", entity: "appvm01" } }],
    },
    {
      name: "an IaaS VM job's numeric code, explained through the knowledge base's alias",
      model: build.model(failed("j2", [{ code: "400094" }])),
      errors: [{ messageId: "failedExplained", data: { errorCodes: ["400094"], explainedCode: "BCMV2VMNotFound" } }],
    },
    {
      name: "a code the knowledge base does not know: Azure's own message and recommendation",
      model: build.model(failed("j3", [{ code: "SomeNewServiceError", message: "Something new broke", recommendations: ["Retry later"] }])),
      errors: [{ messageId: "failedUnexplained", data: { errorCodes: ["SomeNewServiceError"] } }],
    },
    {
      name: "a failed job without error details",
      model: build.model(failed("j4", [])),
      errors: [{ messageId: "failedNoDetail", data: { errorCodes: [] } }],
    },
  ],
  unknown: [{ name: "a job whose status is not known", model: build.model(build.backupJob(undefined, { status: UNKNOWN })), unknowns: [{ messageId: "statusUnknown" }] }],
});

describe("JOB-001 messages", () => {
  it("name the entity, the code, the cause, the first fix step and the explain command; codes are Azure's plus the canonical one", () => {
    const [f] = findingsOf(rule, { name: "alias", model: build.model(failed("j2", [{ code: "400094" }])) });
    expect(f!.message).toMatch(/Backup job for appvm01 in vault rsv-prod failed at 2026-11-20T02:00:00Z with 400094 \(BCMV2VMNotFound\)\. Cause: .+ First step: .+`backupguard explain BCMV2VMNotFound`/);
    expect(f!.azureErrorCodes).toEqual(["400094", "BCMV2VMNotFound"]);
    expect(f!.severity).toBe("error");
  });
  it("quote Azure when the knowledge base has nothing", () => {
    const [f] = findingsOf(rule, { name: "new", model: build.model(failed("j3", [{ code: "SomeNewServiceError", message: "Something new broke", recommendations: ["Retry later"] }])) });
    expect(f!.message).toContain("Azure says: Something new broke Azure recommends: Retry later");
  });
});
