import { UsageError } from "../errors.js";
import type { Model } from "../model/types.js";

export function loadArmFile(file: string): Model {
  throw new UsageError(`the arm adapter is not implemented yet (${file})`);
}
