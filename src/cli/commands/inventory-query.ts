/**
 * `backupguard inventory-query`: the T-SQL a DBA runs on one SQL Server instance to produce that instance's part of the
 * workload inventory (contract: "The workload inventory"), as one JSON document.
 *
 * Shape of the result: `{ version: 1, vms: [{ name, os, sqlInstances: [{ name, databases: [...] }] }],
 * availabilityGroups: [{ name, backupPreference, replicas: [{ vm, instance, role }] }] }` — the inventory's own format.
 * Results of several instances are merged by hand (same VM: append to `sqlInstances`); an availability group's
 * replicas must all be listed, so the query runs on each of them.
 *
 * How the query is written, and why:
 * - Each nested `FOR JSON PATH` subquery sits inside `JSON_QUERY(...)`, so SQL Server embeds it as JSON rather than
 *   as an escaped string, and the outer `JSON_QUERY(..., '$[0]')` unwraps the one-row array into an object. The
 *   result is a single nvarchar(max) value, which sqlcmd prints on one line with `-y 0` (a bare FOR JSON result
 *   is split into 2,033-character rows).
 * - The backslash of `HOST\INSTANCE` replica names is written `CHAR(92)`, and the operating system comes from
 *   `SERVERPROPERTY('PathSeparator')` ('/' on Linux, '\' on Windows, NULL before SQL Server 2017, which is
 *   Windows-only), keeping the text free of characters that change meaning between tools.
 * - tempdb (database_id 2) and database snapshots are left out: Azure Backup protects neither.
 * Needs SQL Server 2016 or later (FOR JSON, JSON_QUERY).
 */
import type { CommandResult } from "./check.js";

export const INVENTORY_QUERY = `-- backupguard inventory-query: this SQL Server instance's part of the workload inventory, as JSON.
-- Run it as a login that can read sys.databases, the Always On views and msdb, for example:
--   sqlcmd -S <server>[\\<instance>] -E -y 0 -h -1 -i inventory-query.sql -o inventory.json
-- The result is one JSON document in the inventory's format. Merge the results of several instances into one
-- file: one entry per VM under "vms" (a second instance on the same VM goes under its "sqlInstances"), one entry per
-- availability group under "availabilityGroups". Every replica of an availability group must be listed under "vms":
-- run the query on each replica. Check that each "vms" name is the Azure VM name (the query reports the computer name).
-- Needs SQL Server 2016 or later.
SET NOCOUNT ON;

SELECT JSON_QUERY((
  SELECT
    1 AS [version],
    JSON_QUERY((
      SELECT
        CAST(SERVERPROPERTY('MachineName') AS nvarchar(128)) AS [name],
        CASE WHEN CAST(SERVERPROPERTY('PathSeparator') AS nvarchar(1)) = N'/' THEN 'linux' ELSE 'windows' END AS [os],
        JSON_QUERY((
          SELECT
            COALESCE(CAST(SERVERPROPERTY('InstanceName') AS nvarchar(128)), N'MSSQLSERVER') AS [name],
            JSON_QUERY((
              SELECT
                d.name AS [name],
                d.recovery_model_desc AS [recoveryModel],
                CAST(d.is_read_only AS bit) AS [readOnly],
                CAST(CASE WHEN m.mirroring_guid IS NULL THEN 0 ELSE 1 END AS bit) AS [mirroring],
                CAST(CASE WHEN EXISTS (
                  SELECT 1 FROM msdb.dbo.log_shipping_primary_databases AS lsp WHERE lsp.primary_database = d.name
                ) THEN 1 ELSE 0 END AS bit) AS [logShipping],
                dag.name AS [availabilityGroup]
              FROM sys.databases AS d
              LEFT JOIN sys.database_mirroring AS m ON m.database_id = d.database_id
              LEFT JOIN sys.availability_replicas AS dar ON dar.replica_id = d.replica_id
              LEFT JOIN sys.availability_groups AS dag ON dag.group_id = dar.group_id
              WHERE d.database_id <> 2 AND d.source_database_id IS NULL
              ORDER BY d.name
              FOR JSON PATH
            )) AS [databases]
          FOR JSON PATH
        )) AS [sqlInstances]
      FOR JSON PATH
    )) AS [vms],
    JSON_QUERY((
      SELECT
        ag.name AS [name],
        CASE ag.automated_backup_preference
          WHEN 0 THEN 'Primary'
          WHEN 1 THEN 'SecondaryOnly'
          WHEN 2 THEN 'Secondary'
          ELSE 'None'
        END AS [backupPreference],
        JSON_QUERY((
          SELECT
            CASE WHEN CHARINDEX(CHAR(92), ar.replica_server_name) > 0
              THEN LEFT(ar.replica_server_name, CHARINDEX(CHAR(92), ar.replica_server_name) - 1)
              ELSE ar.replica_server_name END AS [vm],
            CASE WHEN CHARINDEX(CHAR(92), ar.replica_server_name) > 0
              THEN SUBSTRING(ar.replica_server_name, CHARINDEX(CHAR(92), ar.replica_server_name) + 1, 128)
              ELSE N'MSSQLSERVER' END AS [instance],
            CASE WHEN rs.role_desc = 'PRIMARY' OR (rs.role_desc IS NULL AND gs.primary_replica = ar.replica_server_name)
              THEN 'PRIMARY' ELSE 'SECONDARY' END AS [role]
          FROM sys.availability_replicas AS ar
          LEFT JOIN sys.dm_hadr_availability_replica_states AS rs ON rs.replica_id = ar.replica_id
          LEFT JOIN sys.dm_hadr_availability_group_states AS gs ON gs.group_id = ar.group_id
          WHERE ar.group_id = ag.group_id
          ORDER BY ar.replica_server_name
          FOR JSON PATH
        )) AS [replicas]
      FROM sys.availability_groups AS ag
      ORDER BY ag.name
      FOR JSON PATH
    )) AS [availabilityGroups]
  FOR JSON PATH
), '$[0]') AS [inventory];
`;

export interface InventoryQueryOptions {
  format: "sql" | "json";
}

/** The query as T-SQL text, or (`--format json`) wrapped for tools: `{ version, dialect, minimumSqlServer, query }`. */
export function inventoryQuery(options: InventoryQueryOptions): CommandResult {
  if (options.format === "json") {
    const out = { version: 1, dialect: "T-SQL", minimumSqlServer: "2016", produces: "workload inventory (one instance)", query: INVENTORY_QUERY };
    return { output: `${JSON.stringify(out, null, 2)}\n`, exitCode: 0 };
  }
  return { output: INVENTORY_QUERY, exitCode: 0 };
}
