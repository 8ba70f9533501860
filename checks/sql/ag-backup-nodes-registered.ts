import { defineRule } from "../../src/engine/define-rule.js";
import type { RuleContext } from "../../src/engine/types.js";
import type { AvailabilityGroup } from "../../src/model/types.js";
import { isUnknown, UNKNOWN, type Known } from "../../src/model/unknown.js";
import { byVault, isRegisteredToVault, modelVm, protectorsOfGroup, sameLocation, type Protector } from "./_sql-protection.js";

interface Problem {
  messageId: "noPrimaryInInventory" | "primaryOutsideVaultScope" | "primaryNotRegistered" | "secondaryNotRegistered";
  message: string;
  data: Record<string, unknown>;
  certain: boolean;
}

/** Where the primary VM is not in the vault's region or subscription, it cannot be registered there at all. */
function outsideScope(ctx: RuleContext, vmName: string, vaultKey: string): Known<string | undefined> {
  const vault = ctx.index.vaultNamed(vaultKey);
  const vm = modelVm(ctx, vmName);
  if (!vault || !vm) return undefined;
  const pairs: [string, Known<string | undefined>, Known<string | undefined>][] = [
    ["region", vm.location, vault.location],
    ["subscription", vm.subscriptionId, vault.subscriptionId],
  ];
  let unknown = false;
  for (const [what, a, b] of pairs) {
    if (a === undefined || b === undefined) continue;
    if (isUnknown(a) || isUnknown(b)) {
      unknown = true;
      continue;
    }
    if (!(what === "region" ? sameLocation(a, b) : a.toLowerCase() === b.toLowerCase())) return `${what} ${a} (the vault is in ${b})`;
  }
  return unknown ? UNKNOWN : undefined;
}

function problemsFor(ctx: RuleContext, group: AvailabilityGroup, vaultKey: string): Problem[] {
  const primaries = group.replicas.filter((r) => r.role === "PRIMARY");
  const secondaries = group.replicas.filter((r) => r.role === "SECONDARY");
  const base = { availabilityGroup: group.groupName, vault: vaultKey, backupPreference: group.backupPreference ?? null };
  if (primaries.length === 0)
    return [{ messageId: "noPrimaryInInventory", message: `The inventory lists no PRIMARY replica for availability group ${group.groupName}.`, data: base, certain: false }];
  const out: Problem[] = [];
  for (const primary of primaries) {
    const scope = outsideScope(ctx, primary.vm, vaultKey);
    if (isUnknown(scope)) {
      out.push({ messageId: "primaryOutsideVaultScope", message: `The region or subscription of ${primary.vm} or of vault ${vaultKey} is computed at preview.`, data: { ...base, primary: primary.vm }, certain: false });
      continue;
    }
    if (scope) {
      out.push({
        messageId: "primaryOutsideVaultScope",
        message: `The primary replica of availability group ${group.groupName}, ${primary.vm}, is in ${scope}: only VMs in the vault's region and subscription can register, so configuring backup of the group in vault ${vaultKey} fails with FabricSvcBackupPreferenceCheckFailedUserError. Protect the group from a vault in the primary's region and subscription.`,
        data: { ...base, primary: primary.vm, outside: scope },
        certain: true,
      });
      continue;
    }
    const registered = isRegisteredToVault(ctx, primary.vm, vaultKey);
    if (registered === true) continue;
    out.push({
      messageId: "primaryNotRegistered",
      message:
        registered === false
          ? `The primary replica of availability group ${group.groupName}, ${primary.vm}, is not registered to vault ${vaultKey}: full and differential backups only run on the primary, so configuring backup fails with FabricSvcBackupPreferenceCheckFailedUserError. Register ${primary.vm} to the vault (a VMAppContainer protection container).`
          : `The model does not show whether ${primary.vm}, primary replica of availability group ${group.groupName}, is registered to vault ${vaultKey}.`,
      data: { ...base, primary: primary.vm },
      certain: registered === false,
    });
  }
  if (group.backupPreference === "SecondaryOnly") {
    const states = secondaries.map((s) => ({ vm: s.vm, registered: isRegisteredToVault(ctx, s.vm, vaultKey) }));
    if (!states.some((s) => s.registered === true)) {
      const definite = states.every((s) => s.registered === false);
      out.push({
        messageId: "secondaryNotRegistered",
        message: definite
          ? `Availability group ${group.groupName} prefers "Secondary only", but none of its secondary replicas (${secondaries.map((s) => s.vm).join(", ") || "none listed"}) is registered to vault ${vaultKey}: log and copy-only backups must run on a secondary, so configuring backup fails with FabricSvcBackupPreferenceCheckFailedUserError. Register at least one secondary, or change the backup preference.`
          : `The model does not show whether a secondary replica of availability group ${group.groupName} is registered to vault ${vaultKey}, which the "Secondary only" preference needs.`,
        data: { ...base, secondaries: secondaries.map((s) => s.vm) },
        certain: definite,
      });
    }
  }
  return out;
}

export default defineRule({
  id: "SQL-010",
  name: "ag-backup-nodes-registered",
  title: "The replicas an availability group's backups run on are registered to the vault that protects it",
  severity: "error",
  prevents: ["FabricSvcBackupPreferenceCheckFailedUserError"],
  remediation:
    "Register the primary replica's VM to the vault (and, with the \"Secondary only\" preference, at least one secondary); protect the group from a vault in the primary's region and subscription.",
  check(ctx) {
    for (const group of ctx.model.availabilityGroups) {
      const protectors = protectorsOfGroup(ctx, group);
      for (const [vaultKey, inVault] of byVault(protectors)) {
        if (vaultKey.startsWith("<")) {
          for (const p of inVault)
            ctx.unknown({ resource: p.ref, messageId: "primaryNotRegistered", message: `The vault of ${p.ref.name} is computed at preview; the registration of the replicas of ${group.groupName} cannot be checked.`, data: { availabilityGroup: group.groupName } });
          continue;
        }
        const problems = problemsFor(ctx, group, vaultKey);
        for (const p of inVault as Protector[]) {
          if (problems.length === 0) ctx.pass(p.ref);
          for (const problem of problems) {
            const input = { resource: p.ref, messageId: problem.messageId, message: problem.message, data: problem.data };
            if (problem.certain) ctx.report(input);
            else ctx.unknown(input);
          }
        }
      }
    }
  },
});
