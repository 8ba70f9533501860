import type { Rule } from "../../src/engine/types.js";
import backupPolicyDrift from "./backup-policy-drift.js";
import desiredResourceMissing from "./desired-resource-missing.js";
import nsgRulesDrift from "./nsg-rules-drift.js";
import policyAssignmentDrift from "./policy-assignment-drift.js";
import protectedItemPolicyDrift from "./protected-item-policy-drift.js";
import vaultSettingsDrift from "./vault-settings-drift.js";

/** The drift rules (read by `audit` with an intended state), sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const driftRules: Rule[] = [desiredResourceMissing, vaultSettingsDrift, backupPolicyDrift, protectedItemPolicyDrift, nsgRulesDrift, policyAssignmentDrift];
