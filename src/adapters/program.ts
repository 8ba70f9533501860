import { UsageError } from "../errors.js";
import type { Model } from "../model/types.js";

export async function loadProgram(dir: string | undefined, stack: string): Promise<Model> {
  throw new UsageError(`--program is not implemented yet (${dir ?? "infra/"}, stack ${stack})`);
}
