/** Test helpers for drift rules: the stack's version of a live entity (Pulumi name and URN, no Azure id at preview). */
import type { ResourceRef } from "../../../src/model/types.js";

export function asDesired<T extends { ref: ResourceRef }>(entity: T, pulumiName: string, keepId = false): T {
  const ref: ResourceRef = {
    kind: entity.ref.kind,
    name: pulumiName,
    type: entity.ref.type,
    urn: `urn:pulumi:prod::backup::${entity.ref.type}::${pulumiName}`,
    source: { adapter: "preview", file: "preview.json" },
  };
  if (keepId && entity.ref.id) ref.id = entity.ref.id;
  return { ...structuredClone(entity), ref };
}
