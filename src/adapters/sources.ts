/**
 * Builds one model from every source a command was given. Each adapter turns its raw input into the model;
 * joins between sources happen in the model's lookups (by Azure resource ID, URN, names).
 */
import { mergeModels, type Model } from "../model/types.js";
import { applyVaultConfigs, loadArmFile } from "./arm.js";
import { foldSharedDisks } from "./disks.js";
import { loadInventoryFile } from "./inventory.js";
import { foldManagementGroups } from "./management-groups.js";
import { loadPreviewFile } from "./preview.js";
import { loadProgram } from "./program.js";
import { loadStateFile } from "./state.js";

export interface SourceOptions {
  /** Directory of a Pulumi program (true: the project's own infra/). */
  program?: string | true;
  stack?: string;
  preview?: string;
  state?: string;
  arm?: string[];
  inventory?: string;
}

export function hasSource(o: SourceOptions): boolean {
  return Boolean(o.program || o.preview || o.state || (o.arm && o.arm.length > 0));
}

export async function loadSources(o: SourceOptions): Promise<Model> {
  const models: Model[] = [];
  // The facts a stack file names (inventory, ARM) stand in for --inventory/--arm only when neither is given.
  const stackFacts = !o.inventory && !(o.arm && o.arm.length > 0);
  if (o.program) models.push(await loadProgram(o.program === true ? undefined : o.program, o.stack ?? "dev", { stackFacts }));
  if (o.preview) models.push(loadPreviewFile(o.preview));
  if (o.state) models.push(loadStateFile(o.state));
  for (const file of o.arm ?? []) models.push(loadArmFile(file));
  if (o.inventory) models.push(loadInventoryFile(o.inventory));
  const model = mergeModels(...models);
  // A vault's backup storage / backup config may come in a different --arm file than the vault itself.
  applyVaultConfigs(model);
  // So may a management group and the subscriptions placed in it; and two sources may hold one group.
  foldManagementGroups(model);
  // And a VM and the shared disk it attaches.
  foldSharedDisks(model);
  return model;
}
