import type { Rule } from "../../src/engine/types.js";
import diskCountLimit from "./disk-count-limit.js";
import diskSizeLimit from "./disk-size-limit.js";
import encryptedVmKeyVaultAccess from "./encrypted-vm-key-vault-access.js";
import enhancedPolicyDiskTypes from "./enhanced-policy-disk-types.js";
import ephemeralOsDisk from "./ephemeral-os-disk.js";
import offlineVmCrashConsistent from "./offline-vm-crash-consistent.js";
import sharedDisks from "./shared-disks.js";
import trustedLaunchStandardPolicy from "./trusted-launch-standard-policy.js";
import vaultVmLimit from "./vault-vm-limit.js";
import vmAgentInstalled from "./vm-agent-installed.js";
import vmInVaultRegion from "./vm-in-vault-region.js";
import vmInVaultSubscription from "./vm-in-vault-subscription.js";
import vmProvisioningFailed from "./vm-provisioning-failed.js";
import vmSingleVault from "./vm-single-vault.js";
import windowsAgentVersion from "./windows-agent-version.js";

/** The vm rules, sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const vmRules: Rule[] = [
  windowsAgentVersion, // VM-001
  vmAgentInstalled, // VM-002
  vmInVaultRegion, // VM-003
  vmInVaultSubscription, // VM-004
  vaultVmLimit, // VM-005
  ephemeralOsDisk, // VM-006
  enhancedPolicyDiskTypes, // VM-007
  trustedLaunchStandardPolicy, // VM-008
  sharedDisks, // VM-009
  diskSizeLimit, // VM-010
  diskCountLimit, // VM-011
  vmProvisioningFailed, // VM-012
  offlineVmCrashConsistent, // VM-013
  vmSingleVault, // VM-014
  encryptedVmKeyVaultAccess, // VM-015
];
