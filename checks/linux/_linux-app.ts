/**
 * Shared reading of the Linux pre/post-script framework (VMSnapshotScriptPluginConfig.json and its scripts) from the
 * workload inventory, for the linux rules. Facts follow Microsoft's documentation and the VMSnapshot Linux extension
 * that enforces them (Azure/azure-linux-extensions, VMBackup/main/PluginHost.py and ScriptRunner.py).
 */
import type { RuleContext } from "../../src/engine/types.js";
import type { InventoryVm, LinuxAppConsistency, VirtualMachine } from "../../src/model/types.js";
import { isUnknown, type Unknown } from "../../src/model/unknown.js";
import { vmLabel, vmOfInventory, vmProtections } from "../vm/_vm-protection.js";

export const CONFIG_FILE = "/etc/azure/VMSnapshotScriptPluginConfig.json";
export const CONFIG_PATH = "linuxAppConsistency.config";

/** A protected VM whose inventory describes the pre/post-script framework. */
export interface LinuxTarget {
  vm: VirtualMachine;
  inventory: InventoryVm;
  app: LinuxAppConsistency;
  /** The VM's name for messages. */
  name: string;
}

/**
 * The protected VMs with a `linuxAppConsistency` section in the inventory. A Windows VM is left out (the framework is
 * Linux only); a VM whose OS is computed at preview gets an `unknown` from the calling rule via `onUnknownOs`.
 */
export function linuxTargets(ctx: RuleContext, onUnknownOs: (target: LinuxTarget, os: Unknown) => void = reportUnknownOs(ctx)): LinuxTarget[] {
  const protectedVms = new Set(vmProtections(ctx).map((p) => p.vm));
  const out: LinuxTarget[] = [];
  for (const inventory of ctx.model.inventoryVms) {
    const app = inventory.linuxAppConsistency;
    if (!app) continue;
    const vm = vmOfInventory(ctx, inventory);
    if (!vm || !protectedVms.has(vm)) continue;
    const target: LinuxTarget = { vm, inventory, app, name: vmLabel(vm) };
    const os = inventory.os ?? vm.os;
    if (isUnknown(os)) {
      onUnknownOs(target, os);
      continue;
    }
    if (os === "windows") continue;
    out.push(target);
  }
  return out;
}

function reportUnknownOs(ctx: RuleContext) {
  return (target: LinuxTarget): void =>
    ctx.unknown({
      resource: target.inventory.ref,
      messageId: "osUnknown",
      message: `The operating system of VM "${target.name}" is not known before deployment, so its Linux pre/post-script settings cannot be checked.`,
    });
}

/** The parsed config content, when the inventory carries it. */
export function configContent(app: LinuxAppConsistency): Record<string, unknown> | undefined {
  const content = app.config?.content;
  return content && typeof content === "object" && !Array.isArray(content) ? content : undefined;
}

/**
 * Reads a Unix file mode written as octal ("600", "0700") or as `ls -l` shows it ("-rw-------", "rwx------").
 * Returns the permission bits (0..0o777), or undefined when the text is neither.
 */
export function parseMode(mode: string): number | undefined {
  const text = mode.trim();
  if (/^0?[0-7]{3}$/.test(text) || /^[0-7]{4}$/.test(text)) return parseInt(text, 8) & 0o777;
  const symbolic = /^[-dl]?([r-][w-][xsS-])([r-][w-][xsS-])([r-][w-][xtT-])$/.exec(text);
  if (!symbolic) return undefined;
  let bits = 0;
  for (const triad of symbolic.slice(1, 4)) {
    bits = (bits << 3) | (triad[0] === "r" ? 4 : 0) | (triad[1] === "w" ? 2 : 0) | (/[xst]/.test(triad[2]!) ? 1 : 0);
  }
  return bits;
}

/** The mode as three octal digits, e.g. "640". */
export function formatMode(bits: number): string {
  return bits.toString(8).padStart(3, "0");
}

/** Group or others have any permission: the extension refuses config files and scripts like that. */
export function groupOrOthersHaveAccess(bits: number): boolean {
  return (bits & 0o077) !== 0;
}

export function isRoot(owner: string): boolean {
  return owner.trim() === "root" || owner.trim() === "0";
}

/** The two script locations the config names, with their labels. */
export const SCRIPT_KEYS = [
  { key: "preScriptLocation", label: "pre-script", side: "Pre" },
  { key: "postScriptLocation", label: "post-script", side: "Post" },
] as const;

/** `continueBackupOnFailure` as the extension reads it: true unless set to false. */
export function continuesOnFailure(content: Record<string, unknown> | undefined): boolean {
  return content?.continueBackupOnFailure !== false;
}
