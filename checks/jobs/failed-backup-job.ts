import { defineRule } from "../../src/engine/define-rule.js";
import { knowledgeBase, type ErrorCodeEntry } from "../../src/kb/index.js";
import type { BackupJob } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The knowledge-base entry for the first of the job's codes that the knowledge base knows. */
function explained(job: BackupJob): { code: string; entry: ErrorCodeEntry } | undefined {
  for (const e of job.errors) {
    const entry = e.code ? knowledgeBase().find(e.code) : undefined;
    if (e.code && entry) return { code: e.code, entry };
  }
  return undefined;
}

/**
 * JOB-001: every backup job that failed in the audited window (`extras.jobsSince`, set by `audit --since`), with
 * Azure's error codes and the knowledge base's cause and first fix step. A job is a fact, not a prediction: the rule
 * needs no Pulumi value, only the jobs the audit (or an `--arm` file of jobs) read.
 */
export default defineRule({
  id: "JOB-001",
  name: "failed-backup-job",
  title: "No Azure Backup job failed in the audited window",
  severity: "error",
  prevents: [],
  remediation:
    "Fix the cause the error code names (run `backupguard explain CODE`), then run an on-demand backup and check that the next scheduled one succeeds.",
  check(ctx) {
    const since = ctx.extras.jobsSince instanceof Date ? ctx.extras.jobsSince : undefined;
    for (const job of ctx.model.backupJobs) {
      const start = str(job.startTime);
      if (since && start && Date.parse(start) < since.getTime()) continue;
      const status = job.status;
      const entity = str(job.entityFriendlyName) ?? "an unnamed item";
      const vault = str(job.vaultName) ?? "its vault";
      const operation = str(job.operation) ?? "job";
      if (isUnknown(status) || status === undefined) {
        ctx.unknown({ resource: job.ref, messageId: "statusUnknown", message: `The status of the ${operation} job for ${entity} in vault ${vault} is not known.` });
        continue;
      }
      if (status.toLowerCase() !== "failed") {
        ctx.pass(job.ref);
        continue;
      }
      const codes = [...new Set(job.errors.map((e) => e.code).filter((c): c is string => Boolean(c)))];
      const when = start ? ` at ${start}` : "";
      const what = `The ${operation} job for ${entity} in vault ${vault} failed${when}`;
      const data = { job: job.ref.name, entity, vault, operation, startTime: start ?? null, errorCodes: codes };
      const hit = explained(job);
      if (hit) {
        const canonical = hit.entry.code;
        const named = canonical === hit.code ? hit.code : `${hit.code} (${canonical})`;
        ctx.report({
          resource: job.ref,
          messageId: "failedExplained",
          message: `${what} with ${named}. Cause: ${hit.entry.causes[0]} First step: ${hit.entry.fix[0]} Full fix: \`backupguard explain ${canonical}\`.`,
          data: { ...data, explainedCode: canonical },
          azureErrorCodes: [...new Set([...codes, canonical])],
        });
        continue;
      }
      const first = job.errors[0];
      const azureSays = first?.message ?? first?.title;
      const advice = first?.recommendations?.[0];
      ctx.report({
        resource: job.ref,
        messageId: codes.length ? "failedUnexplained" : "failedNoDetail",
        message: codes.length
          ? `${what} with ${codes.join(", ")}, which the knowledge base does not know${azureSays ? `. Azure says: ${azureSays}` : ""}${advice ? ` Azure recommends: ${advice}` : ""}.`
          : `${what}; Azure gave no error code. Open the job in the vault's Backup jobs to read its error details.`,
        data,
        azureErrorCodes: codes,
      });
    }
  },
});
