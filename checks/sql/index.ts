import type { Rule } from "../../src/engine/types.js";
import logBackupNeedsFullRecovery from "./log-backup-needs-full-recovery.js";
import masterFullBackupOnly from "./master-full-backup-only.js";
import readOnlyDatabaseFullOnly from "./read-only-database-full-only.js";
import databaseMirroringUnsupported from "./database-mirroring-unsupported.js";
import logShippingConflictsWithLogBackup from "./log-shipping-conflicts-with-log-backup.js";
import oneBackupProductPerDatabase from "./one-backup-product-per-database.js";

/** The sql rules, sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const sqlRules: Rule[] = [
  logBackupNeedsFullRecovery,
  masterFullBackupOnly,
  readOnlyDatabaseFullOnly,
  databaseMirroringUnsupported,
  logShippingConflictsWithLogBackup,
  oneBackupProductPerDatabase,
];
