/**
 * Management groups into the model, for the policy evaluator's scope checks (an assignment at a management group
 * applies to the subscriptions below it).
 *
 * Sources: a group as ARM returns it (REST GET, `az account management-group show --expand --recurse`, Resource
 * Graph), with `details.parent` and, when expanded, `children` (subscriptions and child groups, nested); a
 * subscription's place in a group (`Microsoft.Management/managementGroups/subscriptions`, azure-native
 * `ManagementGroupSubscription`); a Resource Graph subscription row with `managementGroupAncestorsChain`; an
 * azure-native `ManagementGroup` (`details.parent.id`, and in a stack export its `children`).
 *
 * Facts that arrive apart from their group (a membership, an ancestor chain) ride on the counted resource that
 * carried them and are folded into the groups by `foldManagementGroups`, per source and again once every source is
 * merged. The same group read twice becomes one entity: the first one the model holds, completed by the others.
 */
import { parseArmId } from "../model/ids.js";
import type { ManagementGroup, Model, ResourceRef } from "../model/types.js";
import { isUnknown, type Known, type Unknown } from "../model/unknown.js";
import type { Shape } from "./shape.js";

const GROUP_TYPE = "Microsoft.Management/managementGroups";

/** `/providers/Microsoft.Management/managementGroups/<name>` → `<name>` (Azure's own examples pad ids with a space). */
export function groupNameOfId(id: Known<string | undefined>): Known<string | undefined> {
  if (id === undefined || isUnknown(id)) return id;
  return parseArmId(id.trim()).managementGroup;
}

function groupIdOf(name: string): string {
  return `/providers/${GROUP_TYPE}/${name}`;
}

function unknownParent(group: string): Unknown {
  return { $unknown: true, reason: `the source does not name the parent of management group ${group}` };
}

/**
 * The parent a group body names: `details.parent` (id, else name), else the nearest entry of
 * `details.managementGroupAncestorsChain`. `null` when the body says nothing about its parent.
 */
function declaredParent(node: Shape): Known<string | undefined> | null {
  const details = node.get("details");
  if (details.unknown) return details.value as Unknown;
  const parent = details.get("parent");
  if (parent.unknown) return parent.value as Unknown;
  const id = parent.get("id").str();
  if (isUnknown(id)) return id;
  const fromId = groupNameOfId(id);
  if (fromId) return fromId;
  const name = parent.get("name").str();
  if (name !== undefined && (isUnknown(name) || name !== "")) return name;
  const chain = details.get("managementGroupAncestorsChain").arr();
  if (isUnknown(chain)) return chain;
  if (chain && chain.length > 0) return chain[0]!.get("name").str() ?? null;
  return null;
}

function isSubscriptionChild(child: Shape): boolean {
  const type = child.get("type").str();
  const id = child.get("id").str();
  if (typeof type === "string") return /(^|\/)subscriptions$/i.test(type.trim());
  return typeof id === "string" && /^\s*\/subscriptions\/[^/]+\s*$/i.test(id);
}

function isGroupChild(child: Shape): boolean {
  const type = child.get("type").str();
  const id = child.get("id").str();
  if (typeof type === "string") return /managementgroups$/i.test(type.trim());
  return typeof id === "string" && /\/managementgroups\/[^/]+\s*$/i.test(id);
}

/**
 * A group body (ARM `properties` or the CLI's flattened object, azure-native inputs or outputs) and the groups
 * nested in its `children`. `fallbacks` are read when `node` says nothing (a stack export's outputs).
 */
export function mapManagementGroup(ref: ResourceRef, node: Shape, groupName: string, fallbacks: Shape[] = []): ManagementGroup[] {
  const bodies = [node, ...fallbacks];
  let parentName: Known<string | undefined> | null = null;
  for (const body of bodies) {
    parentName = declaredParent(body);
    if (parentName !== null) break;
  }
  if (parentName === null) {
    // The tenant root group is named after the tenant and has no parent.
    const tenant = bodies.map((b) => b.get("tenantId").str()).find((t) => t !== undefined);
    parentName = typeof tenant === "string" && tenant.toLowerCase() === groupName.toLowerCase() ? undefined : unknownParent(groupName);
  }
  const childrenNode = bodies.map((b) => b.get("children")).find((c) => !c.absent);
  const out: ManagementGroup[] = [];
  const group: ManagementGroup = { ref, groupName, parentName, subscriptionIds: undefined };
  out.push(group);
  if (childrenNode) group.subscriptionIds = readChildren(childrenNode, group, ref, out);
  return out;
}

/** Subscriptions directly under `parent`; child groups (and theirs, recursively) are appended to `out`. */
function readChildren(children: Shape, parent: ManagementGroup, parentRef: ResourceRef, out: ManagementGroup[]): Known<Known<string>[] | undefined> {
  const items = children.arr();
  if (items === undefined || isUnknown(items)) return items;
  const subscriptions: Known<string>[] = [];
  for (const child of items) {
    if (child.unknown) {
      subscriptions.push(child.value as Unknown);
      continue;
    }
    child.expectObject();
    const id = child.get("id").str();
    const name = child.get("name").str();
    if (isSubscriptionChild(child)) {
      const sub = name ?? (typeof id === "string" ? parseArmId(id.trim()).subscriptionId : id);
      if (sub !== undefined) subscriptions.push(sub);
    } else if (isGroupChild(child)) {
      const childName = typeof name === "string" ? name : groupNameOfId(id);
      if (typeof childName !== "string") continue;
      const ref: ResourceRef = { kind: "managementGroup", name: childName, type: GROUP_TYPE, id: typeof id === "string" ? id.trim() : groupIdOf(childName), source: { ...parentRef.source, pointer: child.pointer } };
      const nested: ManagementGroup = { ref, groupName: childName, parentName: parent.groupName, subscriptionIds: undefined };
      out.push(nested);
      const grandChildren = child.get("children");
      if (!grandChildren.absent) nested.subscriptionIds = readChildren(grandChildren, nested, ref, out);
    }
  }
  return subscriptions;
}

// ---------------------------------------------------------------------------------------------------------------
// Facts carried by other resources

export interface GroupFacts {
  /** `subscriptionId` sits directly under `group` (an unknown subscription still tells that the group has members). */
  members: { group: string; subscriptionId: Known<string> }[];
  /** `group`'s parent; undefined: `group` is the tenant root. */
  parents: { group: string; parent: string | undefined }[];
}

const factsByCarrier = new WeakMap<ResourceRef, GroupFacts>();
/** Groups made up from facts alone (no group resource read yet): a group resource read later takes their place. */
const synthesized = new WeakSet<ManagementGroup>();

/** Records facts on the resource that carried them (a membership resource, a subscription row). */
export function recordGroupFacts(carrier: ResourceRef, facts: GroupFacts): void {
  if (facts.members.length > 0 || facts.parents.length > 0) factsByCarrier.set(carrier, facts);
}

/** `managementGroupAncestorsChain` (nearest first, ending at the tenant root group) of a subscription row. */
export function ancestorChainFacts(subscriptionId: Known<string | undefined>, chain: Known<Shape[] | undefined>): GroupFacts {
  const facts: GroupFacts = { members: [], parents: [] };
  if (chain === undefined || isUnknown(chain)) return facts;
  const names = chain.map((c) => c.get("name").str());
  if (names.some((n) => typeof n !== "string")) return facts;
  const known = names as string[];
  if (known.length === 0) return facts;
  if (subscriptionId !== undefined) facts.members.push({ group: known[0]!, subscriptionId });
  known.forEach((name, i) => facts.parents.push({ group: name, parent: known[i + 1] }));
  return facts;
}

function sameGroup(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function addSubscription(group: ManagementGroup, subscriptionId: Known<string>): void {
  const list = group.subscriptionIds;
  // A list not known as a whole keeps that doubt as an unknown member next to the known one.
  const current: Known<string>[] = list === undefined ? [] : isUnknown(list) ? [list] : list;
  if (typeof subscriptionId === "string" && current.some((s) => typeof s === "string" && sameGroup(s, subscriptionId))) return;
  group.subscriptionIds = [...current, subscriptionId];
}

/**
 * Applies the facts the model's other resources carry, then makes one entity per group name. Idempotent: runs per
 * source and again after every source is merged.
 */
export function foldManagementGroups(model: Model): void {
  const groups = model.managementGroups;
  const ensure = (name: string, carrier: ResourceRef): ManagementGroup => {
    const existing = groups.find((g) => sameGroup(g.groupName, name));
    if (existing) return existing;
    const ref: ResourceRef = { kind: "managementGroup", name, type: GROUP_TYPE, id: groupIdOf(name), source: carrier.source };
    const created: ManagementGroup = { ref, groupName: name, parentName: unknownParent(name), subscriptionIds: undefined };
    synthesized.add(created);
    groups.push(created);
    return created;
  };
  for (const carrier of model.otherResources) {
    const facts = factsByCarrier.get(carrier);
    if (!facts) continue;
    for (const p of facts.parents) {
      const group = ensure(p.group, carrier);
      if (isUnknown(group.parentName)) group.parentName = p.parent;
    }
    for (const m of facts.members) addSubscription(ensure(m.group, carrier), m.subscriptionId);
  }
  // One entity per group: the first read wins, the others complete what it does not know.
  for (let i = 0; i < groups.length; i++) {
    const keep = groups[i]!;
    for (let j = groups.length - 1; j > i; j--) {
      const other = groups[j]!;
      if (!sameGroup(other.groupName, keep.groupName)) continue;
      if (synthesized.has(keep) && !synthesized.has(other)) {
        // The group's own resource names it in findings, not the membership that implied it.
        keep.ref = other.ref;
        synthesized.delete(keep);
        if (!isUnknown(other.parentName)) keep.parentName = other.parentName;
      }
      if (isUnknown(keep.parentName) && !isUnknown(other.parentName)) keep.parentName = other.parentName;
      const subs = other.subscriptionIds;
      if (isUnknown(subs)) addSubscription(keep, subs);
      else for (const s of subs ?? []) addSubscription(keep, s);
      if (keep.subscriptionIds === undefined && subs !== undefined) keep.subscriptionIds = [];
      groups.splice(j, 1);
    }
  }
}
