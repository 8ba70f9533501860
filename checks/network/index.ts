import type { Rule } from "../../src/engine/types.js";
import backupPrivateEndpointSubnetSize from "./backup-private-endpoint-subnet-size.js";
import nsgDuplicatePriority from "./nsg-duplicate-priority.js";
import sqlVmReachesAzureBackup from "./sql-vm-reaches-azure-backup.js";
import vmSnapshotExtensionConnectivity from "./vm-snapshot-extension-connectivity.js";

/** The network rules, sorted by id. Every rule module in this folder is listed here (test/catalog.test.ts checks). */
export const networkRules: Rule[] = [sqlVmReachesAzureBackup, vmSnapshotExtensionConnectivity, nsgDuplicatePriority, backupPrivateEndpointSubnetSize];
