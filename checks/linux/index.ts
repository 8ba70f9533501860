import type { Rule } from "../../src/engine/types.js";
import configFilePermissions from "./config-file-permissions.js";
import configRequiredFields from "./config-required-fields.js";
import configUnrecognisedSettings from "./config-unrecognised-settings.js";
import continueBackupOnFailure from "./continue-backup-on-failure.js";
import fsfreezeEnabled from "./fsfreeze-enabled.js";
import pollIntervalRange from "./poll-interval-range.js";
import scriptFilePermissions from "./script-file-permissions.js";
import scriptRetryCount from "./script-retry-count.js";
import scriptTimeoutLimit from "./script-timeout-limit.js";

/** The linux rules, sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const linuxRules: Rule[] = [
  configFilePermissions, // LINUX-001
  configRequiredFields, // LINUX-002
  scriptTimeoutLimit, // LINUX-003
  pollIntervalRange, // LINUX-004
  scriptRetryCount, // LINUX-005
  scriptFilePermissions, // LINUX-006
  fsfreezeEnabled, // LINUX-007
  continueBackupOnFailure, // LINUX-008
  configUnrecognisedSettings, // LINUX-009
];
