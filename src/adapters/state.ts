import { UsageError } from "../errors.js";
import type { Model } from "../model/types.js";

export function loadStateFile(file: string): Model {
  throw new UsageError(`the state adapter is not implemented yet (${file})`);
}
