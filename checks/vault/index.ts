import type { Rule } from "../../src/engine/types.js";
import softDeleteDisabled from "./soft-delete-disabled.js";
import softDeleteNotAlwaysOn from "./soft-delete-not-always-on.js";
import softDeleteRetentionOutOfRange from "./soft-delete-retention-out-of-range.js";
import immutabilityNotLocked from "./immutability-not-locked.js";
import crossRegionRestoreNeedsGrs from "./cross-region-restore-needs-grs.js";
import redundancyChangeAfterProtection from "./redundancy-change-after-protection.js";
import privateEndpointLimit from "./private-endpoint-limit.js";
import privateEndpointAfterRegistration from "./private-endpoint-after-registration.js";
import publicAccessWithPrivateEndpoints from "./public-access-with-private-endpoints.js";
import publicAccessDisabledWithoutPrivateEndpoint from "./public-access-disabled-without-private-endpoint.js";
import multiUserAuthorizationOff from "./multi-user-authorization-off.js";
import vaultsPerSubscriptionLimit from "./vaults-per-subscription-limit.js";
import datasourcesPerVaultLimit from "./datasources-per-vault-limit.js";
import vaultReadOnlyLock from "./vault-read-only-lock.js";

/** The vault rules, sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const vaultRules: Rule[] = [
  softDeleteDisabled,
  softDeleteNotAlwaysOn,
  softDeleteRetentionOutOfRange,
  immutabilityNotLocked,
  crossRegionRestoreNeedsGrs,
  redundancyChangeAfterProtection,
  privateEndpointLimit,
  privateEndpointAfterRegistration,
  publicAccessWithPrivateEndpoints,
  publicAccessDisabledWithoutPrivateEndpoint,
  multiUserAuthorizationOff,
  vaultsPerSubscriptionLimit,
  datasourcesPerVaultLimit,
  vaultReadOnlyLock,
];
