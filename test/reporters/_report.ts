/**
 * A small but complete report for the reporter tests: every status (fail at each severity, unknown, suppressed),
 * passes, a rule with no applicable resource, a resource that came from a file, and text that needs escaping.
 * Built with the real engine over builder entities and a few fake rules, so the reporters see what `check` gives them.
 */
import { defineRule } from "../../src/engine/define-rule.js";
import { runRules } from "../../src/engine/run.js";
import type { Report, Rule } from "../../src/engine/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { build, UNKNOWN } from "../harness/build.js";

export const NOW = new Date("2026-11-21T00:00:00Z");

/** Fails every SQL item on the database `master` (error), passes the others. */
export const masterRule = defineRule({
  id: "SQL-901",
  name: "fake-master-full-only",
  title: "Fake: master gets full backups only",
  severity: "error",
  prevents: ["UserErrorSQLPODoesNotSupportBackupType"],
  remediation: "Protect master with a policy that schedules only full backups.",
  check(ctx) {
    for (const item of ctx.model.protectedItems.filter((i) => i.workload === "sqlDatabase")) {
      if (item.sqlDatabase === "master") {
        ctx.report({
          resource: item.ref,
          messageId: "masterDiffLog",
          message: `Database master on ${String(item.containerName)} is scheduled for Differential and Log backups.`,
          path: "policy.subPolicies[1]",
          data: { database: "master", types: ["Differential", "Log"] },
        });
      } else ctx.pass(item.ref);
    }
  },
});

/** Unknown when the VM's location is unknown (warning). */
export const vmRegionRule = defineRule({
  id: "VM-901",
  name: "fake-vm-region",
  title: "Fake: VMs are in the vault's region",
  severity: "warning",
  prevents: ["UserErrorVmNotInSameRegion"],
  remediation: "Put the VM and its vault in the same region.",
  check(ctx) {
    for (const vm of ctx.model.vms) {
      if (isUnknown(vm.location)) ctx.unknown({ resource: vm.ref, messageId: "locationUnknown", message: `The location of ${String(vm.vmName)} is not known before deployment.` });
      else ctx.pass(vm.ref);
    }
  },
});

/** A note with a message that needs escaping in every format. */
export const nsgNoteRule = defineRule({
  id: "NET-901",
  name: "fake-nsg-note",
  title: "Fake: NSG rules carry descriptions",
  severity: "note",
  prevents: [],
  remediation: "Describe each rule <why> & \"who\" | owner.",
  check(ctx) {
    for (const nsg of ctx.model.nsgs) {
      ctx.report({ resource: nsg.ref, messageId: "noDescription", message: `Rule "a|b" in ${String(nsg.nsgName)} <allows> & denies\nsecond line` });
    }
  },
});

/** An error on the vault, suppressed by the config below. */
export const vaultRule = defineRule({
  id: "VAULT-901",
  name: "fake-vault-immutability",
  title: "Fake: vaults are immutable",
  severity: "error",
  prevents: ["BMSUserErrorObjectLocked"],
  remediation: "Lock the vault's immutability.",
  check(ctx) {
    for (const v of ctx.model.vaults) ctx.report({ resource: v.ref, messageId: "notLocked", message: `Vault ${String(v.vaultName)} is not immutable.`, data: { value: "Unlocked" } });
  },
});

/** Evaluates nothing: JUnit shows it as "no applicable resources". */
export const idleRule = defineRule({
  id: "TAG-901",
  name: "fake-idle",
  title: "Fake: a rule with nothing to look at",
  severity: "warning",
  prevents: [],
  remediation: "Nothing to do.",
  check() {},
});

export const fakeRules: Rule[] = [masterRule, vmRegionRule, nsgNoteRule, vaultRule, idleRule];

export function sampleModel() {
  const master = build.sqlItem("sqlvm01", "master");
  master.ref.source = { adapter: "preview", file: "infra/preview.json", pointer: "steps[3].newState" };
  master.ref.urn = "urn:pulumi:dev::bg::azure-native:recoveryservices:ProtectedItem::sqlvm01-master";
  return build.model(
    build.vault(),
    build.sqlPolicy(),
    master,
    build.sqlItem("sqlvm01", "sales"),
    build.vm("sqlvm01"),
    build.vm("appvm02", { location: UNKNOWN }),
    build.nsg("nsg-sql"),
  );
}

export function sampleReport(): Report {
  return runRules(sampleModel(), fakeRules, {
    now: NOW,
    config: {
      rules: {},
      suppressions: [{ rule: "VAULT-901", resource: "rsv-*", justification: "Immutability is locked by the platform team | ticket <42>", expires: "2027-03-31" }],
    },
  });
}

export function emptyReport(): Report {
  return runRules(build.model(), fakeRules, { now: NOW });
}
