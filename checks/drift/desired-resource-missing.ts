import { defineRule } from "../../src/engine/define-rule.js";
import type { EntityCollection } from "../../src/model/types.js";
import { azureName, desiredModel, matchLive, type Entity } from "./_drift.js";

/** The resources whose absence breaks backup, with how a message names them. */
const WATCHED: [EntityCollection, string][] = [
  ["vaults", "Recovery Services vault"],
  ["backupPolicies", "Backup policy"],
  ["protectedItems", "Protected item"],
  ["nsgs", "Network security group"],
  ["policyAssignments", "Policy assignment"],
];

export default defineRule({
  id: "DRIFT-001",
  name: "desired-resource-missing",
  title: "Every vault, backup policy, protected item, NSG and policy assignment the stack declares exists in Azure",
  severity: "warning",
  prevents: [],
  remediation: "Run `pulumi up` to re-create it, or, if it was removed on purpose, remove it from the stack (and `pulumi refresh`).",
  check(ctx) {
    const desired = desiredModel(ctx);
    if (!desired) return;
    for (const [collection, label] of WATCHED) {
      for (const d of desired[collection] as unknown as Entity[]) {
        const match = matchLive(ctx, collection, d);
        const name = azureName(collection, d) ?? d.ref.name;
        if (match.kind === "found") ctx.pass(d.ref);
        else if (match.kind === "unidentified")
          ctx.unknown({ resource: d.ref, messageId: "unidentified", message: `${label} ${d.ref.name} has neither a known Azure id nor a known name in the stack, so it cannot be looked up in Azure.` });
        else if (match.kind === "unread")
          ctx.unknown({
            resource: d.ref,
            messageId: "notRead",
            message: `${label} ${name} was not found, but the audit could not read all ${collection} in its scope, so its absence is not proven.`,
            data: { name },
          });
        else
          ctx.report({
            resource: d.ref,
            messageId: "missing",
            message: `${label} ${name} is declared by the stack but does not exist in Azure (deleted or never deployed).`,
            data: { name, collection },
          });
      }
    }
  },
});
