/**
 * Resolves an Azure Policy `field` reference against a target: `type`, `name`, `fullName`, `location`, `id`, `kind`,
 * `tags`, `tags['x']` / `tags[x]` / `tags.x`, and aliases such as `Microsoft.Compute/virtualMachines/extensions/type`.
 */
import { UNKNOWN, isUnknown, type Known, type Unknown } from "../model/unknown.js";
import type { PolicyTarget } from "./types.js";

export type FieldValue = { kind: "present"; value: Known<unknown> } | { kind: "absent" } | { kind: "unknown"; reason: string };

const present = (value: Known<unknown>): FieldValue => ({ kind: "present", value });
const ABSENT: FieldValue = { kind: "absent" };
const unknownField = (reason: string): FieldValue => ({ kind: "unknown", reason });

function unknownReason(value: Unknown, what: string): string {
  return `${what} is not known (${value.reason ?? "unknown"})`;
}

/** `tags['cost center']`, `tags["x"]`, `tags[x]`, `tags.x` → the tag name; undefined for other fields. */
export function tagNameOf(field: string): string | undefined {
  const m = /^tags(?:\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[([^\]]*)\]|\.(.+))$/i.exec(field.trim());
  if (!m) return undefined;
  return (m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").trim();
}

function tagValue(target: PolicyTarget, tag: string): FieldValue {
  if (isUnknown(target.tags)) return unknownField(unknownReason(target.tags, `the tags of the ${target.description}`));
  const wanted = tag.toLowerCase();
  if (target.uncertainTags?.includes(wanted)) return unknownField(`tag "${tag}" may or may not be added to the ${target.description}`);
  for (const [k, v] of Object.entries(target.tags)) if (k.toLowerCase() === wanted) return present(v);
  return ABSENT;
}

function known(value: Known<unknown>, what: string, target: PolicyTarget): FieldValue {
  if (isUnknown(value)) return unknownField(unknownReason(value, `the ${what} of the ${target.description}`));
  return value === undefined ? ABSENT : present(value);
}

export function resolveField(path: string, target: PolicyTarget): FieldValue {
  const field = path.trim();
  const lowered = field.toLowerCase();
  const tag = tagNameOf(field);
  if (tag !== undefined) return tagValue(target, tag);
  if (field.includes("[*]")) return unknownField(`array alias "${field}" is not evaluated`);
  switch (lowered) {
    case "type":
      return present(target.type);
    case "name":
      return known(target.name, "name", target);
    case "fullname":
      return known(target.name, "name", target);
    case "location": {
      // Azure Policy normalizes the location field: "East US 2" equals "eastus2" (Learn: policy definition structure).
      const location = target.location;
      return known(typeof location === "string" ? location.toLowerCase().replace(/\s+/g, "") : location, "location", target);
    }
    case "id":
      return known(target.id, "id", target);
    case "kind":
      return target.kind === undefined ? ABSENT : present(target.kind);
    case "tags":
      if (isUnknown(target.tags)) return unknownField(unknownReason(target.tags, `the tags of the ${target.description}`));
      if (target.uncertainTags?.length) return unknownField(`some tags of the ${target.description} are uncertain`);
      return present(target.tags);
  }
  for (const [k, v] of Object.entries(target.fields ?? {})) if (k.toLowerCase() === lowered) return known(v, `"${field}"`, target);
  const typePrefix = `${target.type.toLowerCase()}/`;
  if (lowered.startsWith(typePrefix) && !lowered.slice(typePrefix.length).includes("/")) {
    // An alias of the target's own type that the request does not list.
    return target.fieldsComplete ? ABSENT : unknownField(`alias "${field}" of the ${target.description} is not known before deployment`);
  }
  if (field.includes("/")) return ABSENT; // an alias of another resource type: absent on this request
  return target.fieldsComplete ? ABSENT : unknownField(`property "${field}" of the ${target.description} is not modelled`);
}

/** A field's value for `field()` inside expressions: the value, null when absent, or an Unknown. */
export function fieldForExpression(path: string, target: PolicyTarget): unknown {
  const v = resolveField(path, target);
  if (v.kind === "present") return v.value;
  if (v.kind === "absent") return null;
  return { ...UNKNOWN, reason: v.reason };
}
