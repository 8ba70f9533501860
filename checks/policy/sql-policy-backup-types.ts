import { defineRule } from "../../src/engine/define-rule.js";
import { eachPolicy, INVALID_POLICY_INPUT, readSubPolicies, subsOfType, UNREAD } from "./_policy-helpers.js";

export default defineRule({
  id: "POLICY-001",
  name: "sql-policy-backup-types",
  title: "A SQL Server backup policy has exactly one Full sub-policy and at most one Differential and one Log",
  severity: "error",
  prevents: [INVALID_POLICY_INPUT],
  remediation:
    "Give the policy exactly one sub-policy with policyType Full, and at most one Differential and one Log; remove any other backup type (CopyOnlyFull, Incremental and the snapshot types are not SQL Server policy types).",
  check(ctx) {
    eachPolicy(ctx, "sql", (p) => {
      const subs = readSubPolicies(p);
      if (subs === UNREAD) return;

      for (const s of subs.filter((x) => x.sqlType === undefined)) {
        p.fail(
          "unsupportedType",
          `Backup policy "${p.name}": sub-policy ${s.index} has backup type "${s.type}", which a SQL Server in Azure VM policy cannot hold (only Full, Differential and Log). Remove it or change its policyType.`,
          `${s.path}.policyType`,
          { value: s.type, allowed: ["Full", "Differential", "Log"] },
        );
      }

      const fulls = subsOfType(subs, "Full");
      if (fulls.length === 0) {
        p.fail(
          "missingFull",
          `Backup policy "${p.name}" has no Full sub-policy; every SQL Server policy needs one, because differential and log backups depend on a full backup. Add a sub-policy with policyType Full.`,
          "subPolicies",
          { types: subs.map((s) => s.type) },
        );
      }
      for (const type of ["Full", "Differential", "Log"] as const) {
        const same = subsOfType(subs, type);
        if (same.length > 1) {
          p.fail(
            "duplicateType",
            `Backup policy "${p.name}" holds ${same.length} ${type} sub-policies (at ${same.map((s) => s.path).join(", ")}); Azure allows one of each type. Merge them into one.`,
            same[1]!.path,
            { type, count: same.length, max: 1 },
          );
        }
      }
    });
  },
});
