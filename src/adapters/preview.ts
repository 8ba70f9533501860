import { UsageError } from "../errors.js";
import type { Model } from "../model/types.js";

export function loadPreviewFile(file: string): Model {
  throw new UsageError(`the preview adapter is not implemented yet (${file})`);
}
