import { UsageError } from "../errors.js";
import type { Model } from "../model/types.js";

export function loadInventoryFile(file: string): Model {
  throw new UsageError(`the inventory adapter is not implemented yet (${file})`);
}
