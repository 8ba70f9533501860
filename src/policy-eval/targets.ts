/** Constructors for common policy targets. */
import type { Tags } from "../model/types.js";
import { isUnknown, type Known } from "../model/unknown.js";
import type { PolicyTarget } from "./types.js";

export const RESOURCE_GROUP_TYPE = "Microsoft.Resources/subscriptions/resourceGroups";

/** A resource group as a create request describes it. */
export function resourceGroupTarget(args: {
  subscriptionId: Known<string>;
  name: Known<string>;
  location: Known<string | undefined>;
  tags: Known<Tags>;
  description?: string;
}): PolicyTarget {
  const { subscriptionId, name } = args;
  const id: Known<string> = isUnknown(subscriptionId) ? subscriptionId : isUnknown(name) ? name : `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
  return {
    description: args.description ?? `resource group ${isUnknown(name) ? "(name not known)" : name}`,
    type: RESOURCE_GROUP_TYPE,
    name,
    id,
    subscriptionId,
    resourceGroupName: name,
    location: args.location,
    tags: args.tags,
    fieldsComplete: true,
  };
}

/** A resource inside a resource group (or a child resource when `parentId` is given). */
export function resourceTarget(args: {
  type: string;
  name: Known<string>;
  subscriptionId: Known<string>;
  resourceGroupName: Known<string>;
  location: Known<string | undefined>;
  tags: Known<Tags>;
  description: string;
  /** Full id of the parent resource for child types (e.g. the VM of an extension). */
  parentId?: Known<string>;
  fields?: Record<string, Known<unknown>>;
  fieldsComplete?: boolean;
  containerGroup?: PolicyTarget["containerGroup"];
}): PolicyTarget {
  const { type, name, subscriptionId, resourceGroupName } = args;
  let id: Known<string>;
  const lastType = type.split("/").at(-1)!;
  if (isUnknown(name)) id = name;
  else if (args.parentId !== undefined) id = isUnknown(args.parentId) ? args.parentId : `${args.parentId}/${lastType}/${name}`;
  else if (isUnknown(subscriptionId)) id = subscriptionId;
  else if (isUnknown(resourceGroupName)) id = resourceGroupName;
  else id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/${type}/${name}`;
  const target: PolicyTarget = {
    description: args.description,
    type,
    name,
    id,
    subscriptionId,
    resourceGroupName,
    location: args.location,
    tags: args.tags,
  };
  if (args.fields) target.fields = args.fields;
  if (args.fieldsComplete !== undefined) target.fieldsComplete = args.fieldsComplete;
  if (args.containerGroup) target.containerGroup = args.containerGroup;
  return target;
}
