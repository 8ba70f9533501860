/** Test helpers for the linux rules: the golden protected Linux VM with one change to its framework facts. */
import type { LinuxAppConsistency, Model } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { linuxEstate, VM_NAME, type EstateOptions } from "../vm/_estate.js";

export { VM_NAME };

/** The inventory entity name the linux findings are reported on. */
export const INVENTORY = VM_NAME;

/** Golden Linux estate whose config content has `content` merged in (a key set to undefined is removed). */
export function withContent(content: Record<string, unknown>, o: EstateOptions = {}): Model {
  const app = build.linuxAppConsistency({ content });
  for (const [k, v] of Object.entries(content)) if (v === undefined) delete app.config!.content![k];
  return linuxEstate({ ...o, app });
}

export function withApp(app: LinuxAppConsistency, o: EstateOptions = {}): Model {
  return linuxEstate({ ...o, app });
}

/** The golden Linux estate whose OS is computed at preview (inventory silent on it): every linux rule is undecided. */
export function osUnknown(app: LinuxAppConsistency = build.linuxAppConsistency()): Model {
  return linuxEstate({ app, vm: { os: UNKNOWN }, inventory: { os: undefined } });
}
