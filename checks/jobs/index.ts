import type { Rule } from "../../src/engine/types.js";
import failedBackupJob from "./failed-backup-job.js";

/** The job rules (read by `audit`), sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const jobsRules: Rule[] = [failedBackupJob];
