import { defineRule } from "../../src/engine/define-rule.js";
import { isUnknown } from "../../src/model/unknown.js";
import { inventoryOf, protectedVms, vmLabel } from "./_vm-protection.js";

/** The oldest Windows VM agent (WaAppAgent.exe) Azure Backup works with. */
export const MIN_WINDOWS_AGENT = "2.6.1198.718";

/** Parses a dotted agent version ("2.7.41491.1102") into numbers; undefined when it is not one. */
export function parseVersion(version: string): number[] | undefined {
  const trimmed = version.trim();
  if (!/^\d+(\.\d+){1,3}$/.test(trimmed)) return undefined;
  return trimmed.split(".").map(Number);
}

/** Negative when a < b, 0 when equal, positive when a > b; missing parts count as 0. */
export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const MIN_PARTS = parseVersion(MIN_WINDOWS_AGENT)!;

export default defineRule({
  id: "VM-001",
  name: "windows-agent-version",
  title: "Protected Windows VMs run Azure VM agent 2.6.1198.718 or later",
  severity: "error",
  prevents: ["UserErrorGuestAgentStatusUnavailable"],
  remediation:
    "Update the Windows Azure VM agent on the VM to the current release (2.6.1198.718 at the very least) before the first backup, and keep it updated outside backup windows.",
  check(ctx) {
    for (const { vm } of protectedVms(ctx)) {
      const inventory = inventoryOf(ctx, vm);
      const os = inventory?.os ?? vm.os;
      const name = vmLabel(vm);
      if (isUnknown(os)) {
        ctx.unknown({
          resource: vm.ref,
          messageId: "osUnknown",
          message: `The operating system of VM "${name}" is not known before deployment, so its Windows agent version cannot be checked.`,
        });
        continue;
      }
      if (os !== "windows") continue; // the Linux agent has no documented minimum: it comes from the distribution

      const sources: { source: "inventory" | "instance view"; version: string }[] = [];
      if (inventory?.agentVersion) sources.push({ source: "inventory", version: inventory.agentVersion });
      if (typeof vm.agentVersion === "string" && vm.agentVersion) sources.push({ source: "instance view", version: vm.agentVersion });
      if (sources.length === 0) {
        if (isUnknown(vm.agentVersion))
          ctx.unknown({
            resource: vm.ref,
            messageId: "versionUnknown",
            message: `The VM agent version of "${name}" is not known before deployment; give it in the workload inventory (vms[].agentVersion) to check it.`,
          });
        continue; // no source reports the version: nothing to check
      }

      let failed = false;
      for (const { source, version } of sources) {
        const parts = parseVersion(version);
        if (!parts) {
          ctx.unknown({
            resource: vm.ref,
            messageId: "versionUnreadable",
            message: `The VM agent version "${version}" of "${name}" (${source}) is not a dotted version number, so it cannot be compared with ${MIN_WINDOWS_AGENT}.`,
            data: { value: version, source },
          });
          failed = true;
          continue;
        }
        if (compareVersions(parts, MIN_PARTS) < 0) {
          ctx.report({
            resource: vm.ref,
            messageId: "agentTooOld",
            message: `VM "${name}" runs Windows VM agent ${version} (${source}); Azure Backup needs ${MIN_WINDOWS_AGENT} or later, and with an older agent the backup extension cannot talk to the service. Update the agent before enabling backup.`,
            path: source === "instance view" ? "agentVersion" : undefined,
            data: { value: version, minimum: MIN_WINDOWS_AGENT, source },
          });
          failed = true;
        }
      }
      if (!failed) ctx.pass(vm.ref);
    }
  },
});
