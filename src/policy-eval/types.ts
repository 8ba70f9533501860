/** Shared shapes of the policy evaluator. */
import type { Tags } from "../model/types.js";
import type { Known } from "../model/unknown.js";

/** Three-valued logic: a policy question we can answer, or cannot answer before deployment. */
export type Tri = true | false | "unknown";

export function triAnd(...values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes("unknown") ? "unknown" : true;
}

export function triOr(...values: Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes("unknown") ? "unknown" : false;
}

export function triNot(value: Tri): Tri {
  return value === "unknown" ? "unknown" : !value;
}

/**
 * A resource as an ARM request would describe it to Azure Policy: what Azure Backup (or Pulumi) is about to create.
 * It may not exist yet: the resource group Azure Backup creates for snapshots, a restore point collection inside it,
 * a VM extension.
 */
export interface PolicyTarget {
  /** What it is, in words, for messages: "resource group AzureBackupRG_eastus_1 that Azure Backup creates". */
  description: string;
  /** ARM type, e.g. `Microsoft.Resources/subscriptions/resourceGroups`. */
  type: string;
  name: Known<string>;
  /** Full ARM id when every segment is known. */
  id: Known<string>;
  subscriptionId: Known<string>;
  /** The resource group the resource is in (for a resource group: its own name). */
  resourceGroupName: Known<string | undefined>;
  location: Known<string | undefined>;
  /** Tags the request carries. A tag whose presence itself is uncertain is listed in `uncertainTags`. */
  tags: Known<Tags>;
  /** Lower-cased tag names that may or may not be on the request (e.g. a Modify policy that may add them). */
  uncertainTags?: string[];
  kind?: string;
  /** Values of aliases the request sets, e.g. `Microsoft.Compute/virtualMachines/extensions/publisher`. */
  fields?: Record<string, Known<unknown>>;
  /** True when `fields` holds every alias of the target's own type that the request sets: others are absent. */
  fieldsComplete?: boolean;
  /** The containing resource group as `resourceGroup()` sees it (not set for a resource group itself). */
  containerGroup?: { name: Known<string>; location: Known<string | undefined>; tags: Known<Tags>; id: Known<string> };
}

/** A tag a rule demands: present, or present with one of the values. */
export interface TagRequirement {
  tag: string;
  values?: string[];
}

/** A policy definition as the evaluator needs it, from the model or from the built-in catalogue. */
export interface DefinitionData {
  /** Full definition id when known. */
  id?: string;
  displayName: string;
  mode: Known<string | undefined>;
  policyRule: Known<unknown>;
  parameters: Known<Record<string, unknown> | undefined>;
  builtIn: boolean;
  /**
   * Set for built-ins whose rule is not carried but whose every allowed effect neither blocks nor changes a request
   * (audit and deploy-if-not-exists families): the evaluator needs nothing more to know they never deny.
   */
  nonBlockingEffect?: string;
}
