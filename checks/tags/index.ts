import type { Rule } from "../../src/engine/types.js";
import snapshotRgDeniedByTagPolicy from "./snapshot-rg-denied-by-tag-policy.js";
import snapshotRgNameInvalid from "./snapshot-rg-name-invalid.js";
import snapshotRgLocked from "./snapshot-rg-locked.js";
import backupDeploymentDeniedByPolicy from "./backup-deployment-denied-by-policy.js";
import configureBackupPolicyBlocked from "./configure-backup-policy-blocked.js";

/** The tags rules, sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const tagsRules: Rule[] = [
  snapshotRgDeniedByTagPolicy,
  snapshotRgNameInvalid,
  snapshotRgLocked,
  backupDeploymentDeniedByPolicy,
  configureBackupPolicyBlocked,
];
