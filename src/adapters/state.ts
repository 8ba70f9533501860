/**
 * `pulumi stack export` → model. The desired values come from each resource's `inputs`; `id` and `outputs`
 * supply Azure ids and computed values. The stack and providers are skipped; resources pending deletion
 * (`delete: true`, the old half of a replacement) are not part of the intended state.
 */
import { z } from "zod";
import { InputError } from "../errors.js";
import type { Model } from "../model/types.js";
import { nameOfUrn } from "./preview.js";
import { fromPulumiResources, type PulumiResourceRecord } from "./pulumi-resources.js";
import { readStructuredFile } from "./read-file.js";
import { zodInputError } from "./zod-error.js";

const stringArray = z.array(z.string());

const stateResourceSchema = z.looseObject({
  urn: z.string().min(1),
  type: z.string().min(1),
  id: z.string().optional(),
  custom: z.boolean().optional(),
  delete: z.boolean().optional(),
  external: z.boolean().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  parent: z.string().optional(),
  dependencies: stringArray.optional(),
  propertyDependencies: z.record(z.string(), stringArray).optional(),
});

export const stackExportSchema = z.looseObject({
  version: z.number().int().positive(),
  deployment: z.looseObject({
    resources: z.array(stateResourceSchema).optional(),
  }),
});

export function loadStateFile(file: string): Model {
  return fromStackExport(readStructuredFile(file, "json"), file);
}

export function fromStackExport(value: unknown, file: string): Model {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError(file, "", `expected the output of \`pulumi stack export\` (an object with "deployment"), found ${Array.isArray(value) ? "an array" : typeof value}`);
  }
  if (!("deployment" in value)) {
    const v = value as Record<string, unknown>;
    const hint =
      "steps" in v || "changeSummary" in v
        ? " (this looks like `pulumi preview --json` output: pass it with --preview)"
        : "value" in v || "data" in v || "id" in v || "type" in v
          ? " (this looks like Azure Resource Manager JSON: pass it with --arm)"
          : "";
    throw new InputError(file, "deployment", `is required: expected the output of \`pulumi stack export\`${hint}`);
  }
  const parsed = stackExportSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw zodInputError(file, parsed.error);

  const records: PulumiResourceRecord[] = [];
  const pointers: string[] = [];
  const seen = new Map<string, string>();
  (parsed.data.deployment.resources ?? []).forEach((r, i) => {
    if (r.delete) return;
    const pointer = `deployment.resources[${i}]`;
    const earlier = seen.get(r.urn);
    if (earlier) throw new InputError(file, pointer, `the URN ${r.urn} is already at ${earlier}; a stack holds each resource once`);
    seen.set(r.urn, pointer);
    const record: PulumiResourceRecord = { type: r.type, name: nameOfUrn(r.urn), urn: r.urn, inputs: r.inputs ?? {} };
    if (r.id) record.id = r.id;
    if (r.outputs) record.outputs = r.outputs;
    if (r.parent) record.parent = r.parent;
    if (r.propertyDependencies) record.propertyDependencies = r.propertyDependencies;
    if (r.dependencies) record.dependencies = r.dependencies;
    if (r.external) record.external = true;
    records.push(record);
    pointers.push(pointer);
  });
  return fromPulumiResources(records, { adapter: "state", file, pointerOf: (index) => pointers[index]! });
}
