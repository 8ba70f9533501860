/**
 * `pulumi preview --json` (a PreviewDigest) → model. Each step's `newState` is the resource as it will be
 * after the update: its inputs (unknowns as the sentinel, secrets as `[secret]`), parent and dependencies.
 */
import { z } from "zod";
import { InputError } from "../errors.js";
import type { Model } from "../model/types.js";
import { fromPulumiResources, type PulumiResourceRecord } from "./pulumi-resources.js";
import { readStructuredFile } from "./read-file.js";
import { zodInputError } from "./zod-error.js";

const stringArray = z.array(z.string());
/** Steps that keep the deployed resource: its `oldState` is what Azure has now (a replacement makes a new one). */
const KEEPING_OPS = new Set(["same", "update"]);

/** The part of apitype.ResourceV3 we read; other fields are allowed and ignored. */
const resourceStateSchema = z.looseObject({
  urn: z.string().min(1),
  type: z.string().min(1),
  id: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  parent: z.string().optional(),
  propertyDependencies: z.record(z.string(), stringArray).optional(),
  dependencies: stringArray.optional(),
  external: z.boolean().optional(),
});

const stepSchema = z.looseObject({
  op: z.string().min(1),
  urn: z.string().optional(),
  newState: resourceStateSchema.optional(),
  oldState: resourceStateSchema.optional(),
});

const diagnosticSchema = z.looseObject({
  urn: z.string().optional(),
  message: z.string().optional(),
  severity: z.string().optional(),
});

export const previewDigestSchema = z.looseObject({
  steps: z.array(stepSchema).optional(),
  diagnostics: z.array(diagnosticSchema).optional(),
});

/** Steps that leave nothing behind in the new state. */
const REMOVING_OPS = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace", "read-discard"]);
/** Steps that read an existing resource (`Vault.get(...)`) rather than manage it. */
const READ_OPS = new Set(["read", "read-replacement"]);
/** Steps that belong to a replacement: several of them legitimately name one URN. */
const REPLACEMENT_OPS = new Set(["replace", "create-replacement", "read-replacement", "import-replacement"]);

export function loadPreviewFile(file: string): Model {
  return fromPreview(readStructuredFile(file, "json"), file);
}

export function fromPreview(value: unknown, file: string): Model {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError(file, "", `expected a PreviewDigest object (the output of \`pulumi preview --json\`), found ${Array.isArray(value) ? "an array" : typeof value}`);
  }
  // Every PreviewDigest has `steps` (the stack itself is a step) and always `duration` and `changeSummary`. Without
  // any of them this is another file given to the wrong option, and reading it as an empty preview would report a
  // clean estate.
  if (!("steps" in value) && !("changeSummary" in value) && !("duration" in value)) {
    const v = value as Record<string, unknown>;
    const hint =
      "deployment" in v
        ? " (this looks like `pulumi stack export` output: pass it with --state)"
        : "value" in v || "data" in v || "id" in v || "type" in v
          ? " (this looks like Azure Resource Manager JSON: pass it with --arm)"
          : "vms" in v || "availabilityGroups" in v
            ? " (this looks like a workload inventory: pass it with --inventory)"
            : "";
    const keys = Object.keys(v);
    const found = keys.length === 0 ? "an empty object" : `an object with ${keys.slice(0, 5).map((k) => JSON.stringify(k)).join(", ")}${keys.length > 5 ? ", …" : ""}`;
    throw new InputError(file, "", `expected a PreviewDigest (the output of \`pulumi preview --json\`, with "steps"), found ${found}${hint}`);
  }
  const parsed = previewDigestSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw zodInputError(file, parsed.error);
  const digest = parsed.data;

  // A failed preview lists only the steps it reached: checking them would look cleaner than the truth.
  const failed = (digest.diagnostics ?? []).findIndex((d) => d.severity === "error");
  if (failed >= 0) {
    const message = (digest.diagnostics![failed]!.message ?? "").split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
    throw new InputError(file, `diagnostics[${failed}]`, `the preview failed, so its steps are incomplete: ${message.length > 200 ? `${message.slice(0, 200)}…` : message}`);
  }

  const records: PulumiResourceRecord[] = [];
  const pointers: string[] = [];
  const byUrn = new Map<string, { slot: number; op: string; pointer: string }>();
  (digest.steps ?? []).forEach((step, i) => {
    const state = step.newState;
    if (!state || REMOVING_OPS.has(step.op)) return;
    const pointer = `steps[${i}].newState`;
    const record: PulumiResourceRecord = { type: state.type, name: nameOfUrn(state.urn), urn: state.urn, inputs: state.inputs ?? {} };
    const old = step.oldState;
    if (old && KEEPING_OPS.has(step.op)) record.deployed = old.outputs ? { outputs: old.outputs, pointer: `steps[${i}].oldState.outputs` } : { outputs: old.inputs ?? {}, pointer: `steps[${i}].oldState.inputs` };
    if (state.id) record.id = state.id;
    if (state.outputs) record.outputs = state.outputs;
    if (state.parent) record.parent = state.parent;
    if (state.propertyDependencies) record.propertyDependencies = state.propertyDependencies;
    if (state.dependencies) record.dependencies = state.dependencies;
    if (state.external === true || READ_OPS.has(step.op)) record.external = true;
    const seen = byUrn.get(state.urn);
    if (seen) {
      if (!REPLACEMENT_OPS.has(seen.op) && !REPLACEMENT_OPS.has(step.op)) {
        throw new InputError(file, pointer, `the URN ${state.urn} is already created by ${seen.pointer} (op "${seen.op}"); a preview holds each resource once`);
      }
      // A replacement shows one resource as several steps: keep the latest state.
      records[seen.slot] = record;
      pointers[seen.slot] = pointer;
      byUrn.set(state.urn, { slot: seen.slot, op: step.op, pointer });
      return;
    }
    byUrn.set(state.urn, { slot: records.length, op: step.op, pointer });
    records.push(record);
    pointers.push(pointer);
  });
  return fromPulumiResources(records, { adapter: "preview", file, pointerOf: (index) => pointers[index]! });
}

/** The resource name is the last `::` part of a URN. */
export function nameOfUrn(urn: string): string {
  const parts = urn.split("::");
  return parts.length >= 4 ? parts.slice(3).join("::") : urn;
}
