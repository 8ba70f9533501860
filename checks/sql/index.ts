import type { Rule } from "../../src/engine/types.js";
import agBackupNodesRegistered from "./ag-backup-nodes-registered.js";
import agBackupPreference from "./ag-backup-preference.js";
import agDatabaseItemName from "./ag-database-item-name.js";
import agReplicaOutsideVaultScope from "./ag-replica-outside-vault-scope.js";
import databaseMirroringUnsupported from "./database-mirroring-unsupported.js";
import databaseNotProtectable from "./database-not-protectable.js";
import logBackupNeedsFullRecovery from "./log-backup-needs-full-recovery.js";
import logShippingConflictsWithLogBackup from "./log-shipping-conflicts-with-log-backup.js";
import masterFullBackupOnly from "./master-full-backup-only.js";
import oneBackupProductPerDatabase from "./one-backup-product-per-database.js";
import protectedDatabasesLimit from "./protected-databases-limit.js";
import readOnlyDatabaseFullOnly from "./read-only-database-full-only.js";
import vmBackupVssCopyOnly from "./vm-backup-vss-copy-only.js";
import vmNameLength from "./vm-name-length.js";

/** The sql rules, sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const sqlRules: Rule[] = [
  logBackupNeedsFullRecovery, // SQL-001
  masterFullBackupOnly, // SQL-002
  readOnlyDatabaseFullOnly, // SQL-003
  databaseMirroringUnsupported, // SQL-004
  logShippingConflictsWithLogBackup, // SQL-005
  oneBackupProductPerDatabase, // SQL-006
  databaseNotProtectable, // SQL-007
  protectedDatabasesLimit, // SQL-008
  vmNameLength, // SQL-009
  agBackupNodesRegistered, // SQL-010
  agReplicaOutsideVaultScope, // SQL-011
  agBackupPreference, // SQL-012
  vmBackupVssCopyOnly, // SQL-013
  agDatabaseItemName, // SQL-014
];
