/**
 * Built-in Azure Policy definitions the evaluator recognises by id when the model holds only an assignment that
 * references them. Their rules are kept here as data, as published in Azure/azure-policy
 * (built-in-policies/policyDefinitions/{Tags,General,Compute,Backup}/*.json); ids checked against those files.
 * A built-in that is not listed here evaluates to `unknown`, never to a pass.
 */
import type { DefinitionData } from "./types.js";

const BUILTIN_PREFIX = "/providers/microsoft.authorization/policydefinitions/";

const tagParam = { type: "String", metadata: { displayName: "Tag Name" } };
const valueParam = { type: "String", metadata: { displayName: "Tag Value" } };
const RG_TYPE = { field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" };
const TAG_FIELD = "[concat('tags[', parameters('tagName'), ']')]";
const CONTRIBUTOR = ["/providers/microsoft.authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"];

function modify(operation: "add" | "addOrReplace", value: string): unknown {
  return { effect: "modify", details: { roleDefinitionIds: CONTRIBUTOR, operations: [{ operation, field: TAG_FIELD, value }] } };
}

interface Builtin {
  displayName: string;
  mode: "All" | "Indexed";
  parameters: Record<string, unknown>;
  policyRule: unknown;
}

const BUILTINS: Record<string, Builtin> = {
  // --- Tags: deny
  "96670d01-0a4d-4649-9c89-2d3abc0a5025": {
    displayName: "Require a tag on resource groups",
    mode: "All",
    parameters: { tagName: tagParam },
    policyRule: { if: { allOf: [RG_TYPE, { field: TAG_FIELD, exists: "false" }] }, then: { effect: "deny" } },
  },
  "8ce3da23-7156-49e4-b145-24f95f9dcb46": {
    displayName: "Require a tag and its value on resource groups",
    mode: "All",
    parameters: { tagName: tagParam, tagValue: valueParam },
    policyRule: { if: { allOf: [RG_TYPE, { field: TAG_FIELD, notEquals: "[parameters('tagValue')]" }] }, then: { effect: "deny" } },
  },
  "871b6d14-10aa-478d-b590-94f262ecfa99": {
    displayName: "Require a tag on resources",
    mode: "Indexed",
    parameters: { tagName: tagParam },
    policyRule: { if: { field: TAG_FIELD, exists: "false" }, then: { effect: "deny" } },
  },
  "1e30110a-5ceb-460c-a204-c1c3969c6d62": {
    displayName: "Require a tag and its value on resources",
    mode: "Indexed",
    parameters: { tagName: tagParam, tagValue: valueParam },
    policyRule: { if: { not: { field: TAG_FIELD, equals: "[parameters('tagValue')]" } }, then: { effect: "deny" } },
  },
  // --- Tags: modify
  "d157c373-a6c4-483d-aaad-570756956268": {
    displayName: "Add or replace a tag on resource groups",
    mode: "All",
    parameters: { tagName: tagParam, tagValue: valueParam },
    policyRule: { if: { allOf: [RG_TYPE, { field: TAG_FIELD, notEquals: "[parameters('tagValue')]" }] }, then: modify("addOrReplace", "[parameters('tagValue')]") },
  },
  "726aca4c-86e9-4b04-b0c5-073027359532": {
    displayName: "Add a tag to resource groups",
    mode: "All",
    parameters: { tagName: tagParam, tagValue: valueParam },
    policyRule: { if: { allOf: [RG_TYPE, { field: TAG_FIELD, exists: "false" }] }, then: modify("add", "[parameters('tagValue')]") },
  },
  "5ffd78d9-436d-4b41-a421-5baa819e3008": {
    displayName: "Add or replace a tag on resources",
    mode: "Indexed",
    parameters: { tagName: tagParam, tagValue: valueParam },
    policyRule: { if: { field: TAG_FIELD, notEquals: "[parameters('tagValue')]" }, then: modify("addOrReplace", "[parameters('tagValue')]") },
  },
  "4f9dc7db-30c1-420c-b61a-e1d640128d26": {
    displayName: "Add a tag to resources",
    mode: "Indexed",
    parameters: { tagName: tagParam, tagValue: valueParam },
    policyRule: { if: { field: TAG_FIELD, exists: "false" }, then: modify("add", "[parameters('tagValue')]") },
  },
  "cd3aa116-8754-49c9-a813-ad46512ece54": {
    displayName: "Inherit a tag from the resource group",
    mode: "Indexed",
    parameters: { tagName: tagParam },
    policyRule: {
      if: {
        allOf: [
          { field: TAG_FIELD, notEquals: "[resourceGroup().tags[parameters('tagName')]]" },
          { value: "[resourceGroup().tags[parameters('tagName')]]", notEquals: "" },
        ],
      },
      then: modify("addOrReplace", "[resourceGroup().tags[parameters('tagName')]]"),
    },
  },
  "ea3f2387-9b95-492a-a190-fcdc54f7b070": {
    displayName: "Inherit a tag from the resource group if missing",
    mode: "Indexed",
    parameters: { tagName: tagParam },
    policyRule: {
      if: { allOf: [{ field: TAG_FIELD, exists: "false" }, { value: "[resourceGroup().tags[parameters('tagName')]]", notEquals: "" }] },
      then: modify("add", "[resourceGroup().tags[parameters('tagName')]]"),
    },
  },
  "b27a0cbd-a167-4dfa-ae64-4337be671140": {
    displayName: "Inherit a tag from the subscription",
    mode: "Indexed",
    parameters: { tagName: tagParam },
    policyRule: {
      if: {
        allOf: [
          { field: TAG_FIELD, notEquals: "[subscription().tags[parameters('tagName')]]" },
          { value: "[subscription().tags[parameters('tagName')]]", notEquals: "" },
        ],
      },
      then: modify("addOrReplace", "[subscription().tags[parameters('tagName')]]"),
    },
  },
  "40df99da-1232-49b1-a39a-6da8d878f469": {
    displayName: "Inherit a tag from the subscription if missing",
    mode: "Indexed",
    parameters: { tagName: tagParam },
    policyRule: {
      if: { allOf: [{ field: TAG_FIELD, exists: "false" }, { value: "[subscription().tags[parameters('tagName')]]", notEquals: "" }] },
      then: modify("add", "[subscription().tags[parameters('tagName')]]"),
    },
  },
  // --- Tags: append
  "49c88fc8-6fd1-46fd-a676-f12d1d3a4c71": {
    displayName: "Append a tag and its value to resource groups",
    mode: "All",
    parameters: { tagName: tagParam, tagValue: valueParam },
    policyRule: {
      if: { allOf: [RG_TYPE, { field: TAG_FIELD, exists: "false" }] },
      then: { effect: "append", details: [{ field: TAG_FIELD, value: "[parameters('tagValue')]" }] },
    },
  },
  "2a0e14a6-b0a6-4fab-991a-187a4f81c498": {
    displayName: "Append a tag and its value to resources",
    mode: "Indexed",
    parameters: { tagName: tagParam, tagValue: valueParam },
    policyRule: { if: { field: TAG_FIELD, exists: "false" }, then: { effect: "append", details: [{ field: TAG_FIELD, value: "[parameters('tagValue')]" }] } },
  },
  "9ea02ca2-71db-412d-8b00-7c7ca9fcd32d": {
    displayName: "Append a tag and its value from the resource group",
    mode: "Indexed",
    parameters: { tagName: tagParam },
    policyRule: {
      if: { allOf: [{ field: TAG_FIELD, exists: "false" }, { value: "[resourceGroup().tags[parameters('tagName')]]", notEquals: "" }] },
      then: { effect: "append", details: [{ field: TAG_FIELD, value: "[resourceGroup().tags[parameters('tagName')]]" }] },
    },
  },
  // --- General
  "a08ec900-254a-4555-9bf5-e42af04b5c5c": {
    displayName: "Allowed resource types",
    mode: "Indexed",
    parameters: { listOfResourceTypesAllowed: { type: "Array" } },
    policyRule: { if: { not: { field: "type", in: "[parameters('listOfResourceTypesAllowed')]" } }, then: { effect: "deny" } },
  },
  "6c112d4e-5bc7-47ae-a041-ea2d9dccd749": {
    displayName: "Not allowed resource types",
    mode: "All",
    parameters: {
      listOfResourceTypesNotAllowed: { type: "Array" },
      effect: { type: "string", defaultValue: "Deny", allowedValues: ["Audit", "Deny", "Disabled"] },
    },
    policyRule: {
      if: { allOf: [{ field: "type", in: "[parameters('listOfResourceTypesNotAllowed')]" }, { value: "[field('type')]", exists: true }] },
      then: { effect: "[parameters('effect')]" },
    },
  },
  // The most common assignment of all: without it, every estate that restricts regions left tag findings unknown.
  "e56962a6-4747-49cd-b67b-bf8b01975c4c": {
    displayName: "Allowed locations",
    mode: "Indexed",
    parameters: { listOfAllowedLocations: { type: "Array" } },
    policyRule: {
      if: {
        allOf: [
          { field: "location", notIn: "[parameters('listOfAllowedLocations')]" },
          { field: "location", notEquals: "global" },
          { field: "type", notEquals: "Microsoft.AzureActiveDirectory/b2cDirectories" },
        ],
      },
      then: { effect: "deny" },
    },
  },
  "e765b5de-1225-4ba3-bd56-1ac6695af988": {
    displayName: "Allowed locations for resource groups",
    mode: "All",
    parameters: { listOfAllowedLocations: { type: "Array" } },
    policyRule: { if: { allOf: [RG_TYPE, { field: "location", notIn: "[parameters('listOfAllowedLocations')]" }] }, then: { effect: "deny" } },
  },
  "78460a36-508a-49a4-b2b2-2f5ec564f4bb": {
    displayName: "[Preview]: Do not allow deletion of resource types",
    mode: "All",
    parameters: {
      listOfResourceTypesDisallowedForDeletion: { type: "Array" },
      effect: { type: "String", defaultValue: "DenyAction", allowedValues: ["DenyAction", "Disabled"] },
    },
    policyRule: {
      if: { field: "type", in: "[parameters('listOfResourceTypesDisallowedForDeletion')]" },
      then: { effect: "[parameters('effect')]", details: { actionNames: ["delete"] } },
    },
  },
  // --- Compute
  "c0e996f8-39cf-4af9-9f45-83fbde810432": {
    displayName: "Only approved VM extensions should be installed",
    mode: "Indexed",
    parameters: {
      effect: { type: "string", defaultValue: "Audit", allowedValues: ["Audit", "Deny", "Disabled"] },
      approvedExtensions: { type: "Array" },
    },
    policyRule: {
      if: {
        allOf: [
          { field: "type", equals: "Microsoft.Compute/virtualMachines/extensions" },
          { field: "Microsoft.Compute/virtualMachines/extensions/type", notIn: "[parameters('approvedExtensions')]" },
        ],
      },
      then: { effect: "[parameters('effect')]" },
    },
  },
  // --- Backup
  "9ebbbba3-4d65-4da9-bb67-b22cfaaff090": {
    displayName: "[Preview]: Azure Recovery Services vaults should disable public network access",
    mode: "Indexed",
    parameters: { effect: { type: "String", defaultValue: "Audit", allowedValues: ["Audit", "Deny", "Disabled"] } },
    policyRule: {
      if: {
        allOf: [
          { field: "type", equals: "Microsoft.RecoveryServices/vaults" },
          { field: "Microsoft.RecoveryServices/vaults/publicNetworkAccess", notEquals: "Disabled" },
        ],
      },
      then: { effect: "[parameters('effect')]" },
    },
  },
};

/**
 * The "Configure backup on virtual machines ... to a new recovery services vault with a default policy" built-ins
 * (with / without a given tag). Their remediation deploys a vault named `RSVault-<location>-<guid>` with empty
 * `properties` into the VM's resource group. Their rules are not embedded: only the ids are needed.
 */
export const CONFIGURE_BACKUP_NEW_VAULT_DEFINITIONS: Record<string, string> = {
  "83644c87-93dd-49fe-bf9f-6aff8fd0834e": "Configure backup on virtual machines with a given tag to a new recovery services vault with a default policy",
  "98d0b9f8-fd90-49c9-88e2-d3baf3b0dd86": "Configure backup on virtual machines without a given tag to a new recovery services vault with a default policy",
};

/**
 * Built-ins whose rules are not carried, but whose allowed effects (audit, AuditIfNotExists, DeployIfNotExists,
 * Disabled) can never deny or modify a request. Listing them keeps them from making every verdict unknown.
 */
const NON_BLOCKING_BUILTINS: Record<string, { displayName: string; effect: string }> = {
  "013e242c-8828-4970-87b3-ab247555486d": { displayName: "Azure Backup should be enabled for Virtual Machines", effect: "auditIfNotExists" },
  "345fa903-145c-4fe1-8bcd-93ec2adccde8": { displayName: "Configure backup on virtual machines with a given tag to an existing recovery services vault in the same location", effect: "deployIfNotExists" },
  "09ce66bc-1220-4153-8104-e3f51c936913": { displayName: "Configure backup on virtual machines without a given tag to an existing recovery services vault in the same location", effect: "deployIfNotExists" },
  "83644c87-93dd-49fe-bf9f-6aff8fd0834e": { displayName: CONFIGURE_BACKUP_NEW_VAULT_DEFINITIONS["83644c87-93dd-49fe-bf9f-6aff8fd0834e"]!, effect: "deployIfNotExists" },
  "98d0b9f8-fd90-49c9-88e2-d3baf3b0dd86": { displayName: CONFIGURE_BACKUP_NEW_VAULT_DEFINITIONS["98d0b9f8-fd90-49c9-88e2-d3baf3b0dd86"]!, effect: "deployIfNotExists" },
  "31b8092a-36b8-434b-9af7-5ec844364148": { displayName: "[Preview]: Soft delete must be enabled for Recovery Services Vaults", effect: "audit" },
  "d6f6f560-14b7-49a4-9fc8-d2c3a9807868": { displayName: "[Preview]: Immutability must be enabled for Recovery Services vaults", effect: "audit" },
  "c7031eab-0fc0-4cd9-acd0-4497bd66d91a": { displayName: "[Preview]: Multi-User Authorization (MUA) must be enabled for Recovery Services Vaults", effect: "audit" },
  "deeddb44-9f94-4903-9fa0-081d524406e3": { displayName: "[Preview]: Azure Recovery Services vaults should use private link for backup", effect: "audit" },
};

/** The GUID of a built-in definition id (`/providers/Microsoft.Authorization/policyDefinitions/<guid>`), else undefined. */
export function builtinGuid(definitionId: string): string | undefined {
  const lowered = definitionId.trim().toLowerCase();
  if (!lowered.startsWith(BUILTIN_PREFIX)) return undefined;
  const guid = lowered.slice(BUILTIN_PREFIX.length);
  return /^[0-9a-f-]{36}$/.test(guid) ? guid : undefined;
}

/** The embedded built-in definition for an id, or undefined when backupguard does not carry it. */
export function builtinDefinition(definitionId: string): DefinitionData | undefined {
  const guid = builtinGuid(definitionId);
  if (!guid) return undefined;
  const nonBlocking = NON_BLOCKING_BUILTINS[guid];
  if (nonBlocking) {
    return {
      id: `/providers/Microsoft.Authorization/policyDefinitions/${guid}`,
      displayName: nonBlocking.displayName,
      mode: "All",
      policyRule: { if: {}, then: { effect: nonBlocking.effect } },
      parameters: {},
      builtIn: true,
      nonBlockingEffect: nonBlocking.effect,
    };
  }
  const b = BUILTINS[guid];
  if (!b) return undefined;
  return {
    id: `/providers/Microsoft.Authorization/policyDefinitions/${guid}`,
    displayName: b.displayName,
    mode: b.mode,
    policyRule: b.policyRule,
    parameters: b.parameters,
    builtIn: true,
  };
}

/** Every embedded built-in id (for tests and docs). */
export function embeddedBuiltinIds(): string[] {
  return [...Object.keys(BUILTINS), ...Object.keys(NON_BLOCKING_BUILTINS)];
}

const BUILTIN_SET_PREFIX = "/providers/microsoft.authorization/policysetdefinitions/";

/** Effects that never deny or change a request (case-insensitive). */
export const NON_BLOCKING_EFFECTS = new Set(["audit", "auditifnotexists", "deployifnotexists", "disabled", "manual"]);
/** Effects that deny or change a request: a member set to one of these needs its rule to be judged. */
export const REQUEST_CHANGING_EFFECTS = new Set(["deny", "modify", "append", "denyaction"]);

/**
 * Built-in initiatives whose members can deny or change a request only through an effect parameter of the initiative:
 * every effect parameter defaults to Audit, AuditIfNotExists or Disabled, and Deny is one of the allowed values of
 * some of them. Such an assignment is decided from its own parameter values: none set to Deny/Modify/Append/
 * DenyAction → it never blocks; one set so → the member it feeds is judged only with its definition (unknown until
 * the user passes it).
 *
 * Source: Azure/azure-policy, built-in-policies/policySetDefinitions/Security Center/AzureSecurityCenter.json
 * (version 57.30.0, commit 00ad49dc8ffca30e7d6cca66cee9ede5ce705cc0): every `...Effect` parameter read in its
 * parameters section defaults to Audit / AuditIfNotExists / Disabled; Deny appears only as an allowed value (e.g.
 * secureTransferToStorageAccountMonitoringEffect, keyVaultsShouldHavePurgeProtectionEnabledMonitoringEffect, the
 * Kubernetes container policies), and none allows Modify, Append or DenyAction. Whatever a parameter is set to
 * that is not an audit-family effect (or is not known) makes the assignment unknown, so the claim rests only on the
 * defaults.
 */
const PARAMETER_GATED_SETS: Record<string, { displayName: string; aka: string[]; version: string }> = {
  "1f3afdf9-d0c9-4c3d-847f-89da613e70a8": {
    displayName: "Microsoft cloud security benchmark",
    // The same id carried the older names; `az policy assignment list` shows the Defender for Cloud assignment as "ASC Default".
    aka: ["Azure Security Benchmark", "ASC Default"],
    version: "57.30.0",
  },
};

/** The GUID of a built-in initiative id (`/providers/Microsoft.Authorization/policySetDefinitions/<guid>`), else undefined. */
export function builtinSetGuid(setId: string): string | undefined {
  const lowered = setId.trim().toLowerCase();
  if (!lowered.startsWith(BUILTIN_SET_PREFIX)) return undefined;
  const guid = lowered.slice(BUILTIN_SET_PREFIX.length);
  return /^[0-9a-f-]{36}$/.test(guid) ? guid : undefined;
}

/** A carried built-in initiative whose blocking members are all gated by its parameters, or undefined. */
export function parameterGatedSet(setId: string): { guid: string; displayName: string; version: string } | undefined {
  const guid = builtinSetGuid(setId);
  const set = guid ? PARAMETER_GATED_SETS[guid] : undefined;
  return guid && set ? { guid, displayName: set.displayName, version: set.version } : undefined;
}

/** Every carried built-in initiative id (for tests and docs). */
export function embeddedBuiltinSetIds(): string[] {
  return Object.keys(PARAMETER_GATED_SETS);
}

/** The CLI command that prints a definition or initiative, for "pass this via --arm" advice. */
export function showCommandFor(id: string): string {
  const setGuid = builtinSetGuid(id);
  if (setGuid) return `az policy set-definition show --name ${setGuid}`;
  const guid = builtinGuid(id);
  if (guid) return `az policy definition show --name ${guid}`;
  const name = id.split("/").filter(Boolean).at(-1) ?? id;
  const kind = id.toLowerCase().includes("/policysetdefinitions/") ? "set-definition" : "definition";
  const mg = /\/managementgroups\/([^/]+)/i.exec(id)?.[1];
  return `az policy ${kind} show --name ${name}${mg ? ` --management-group ${mg}` : ""}`;
}
