import { defineRule } from "../../src/engine/define-rule.js";
import type { NetworkSecurityGroup, SecurityRule } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { describeChanges, desiredModel, diff, driftRef, matchLive, type Change, type Entity } from "./_drift.js";

function project(r: SecurityRule) {
  return {
    priority: r.priority,
    direction: r.direction,
    access: r.access,
    protocol: r.protocol,
    sourceAddressPrefixes: r.sourceAddressPrefixes,
    destinationAddressPrefixes: r.destinationAddressPrefixes,
    sourcePortRanges: r.sourcePortRanges,
    destinationPortRanges: r.destinationPortRanges,
  };
}

const nameOf = (r: SecurityRule) => (typeof r.name === "string" ? r.name.toLowerCase() : undefined);

export default defineRule({
  id: "DRIFT-005",
  name: "nsg-rules-drift",
  title: "An NSG's security rules (priority, access, prefixes, ports) match the stack",
  severity: "warning",
  prevents: [],
  remediation: "Re-apply the stack (`pulumi up`) to restore the rule set, or bring the stack in line with the rules Azure has if the change was agreed.",
  check(ctx) {
    const desired = desiredModel(ctx);
    if (!desired) return;
    for (const d of desired.nsgs) {
      const match = matchLive(ctx, "nsgs", d as NetworkSecurityGroup & Entity);
      if (match.kind !== "found") continue;
      const live = match.live as NetworkSecurityGroup & Entity;
      const ref = driftRef(d as NetworkSecurityGroup & Entity, live);
      if (isUnknown(d.securityRules) || isUnknown(live.securityRules)) {
        ctx.unknown({ resource: ref, messageId: "rulesUnknown", message: `The security rules of NSG ${d.nsgName as string} are not known, so they cannot be compared.` });
        continue;
      }
      const liveByName = new Map(live.securityRules.filter((r) => !r.isDefault).map((r) => [nameOf(r), r]));
      const changes: Change[] = [];
      let allNamesKnown = true;
      for (const rule of d.securityRules) {
        const name = nameOf(rule);
        if (!name) {
          allNamesKnown = false;
          continue;
        }
        const counterpart = liveByName.get(name);
        if (!counterpart) changes.push({ path: `securityRules.${rule.name as string}`, desired: "present", live: "missing" });
        else diff(project(rule), project(counterpart), `securityRules.${rule.name as string}`, changes);
      }
      // Rules added in Azure (outside the stack) count only when every desired rule name is known.
      if (allNamesKnown) {
        const declared = new Set(d.securityRules.map(nameOf));
        for (const [name, r] of liveByName) if (name && !declared.has(name)) changes.push({ path: `securityRules.${r.name as string}`, desired: "absent", live: "present" });
      }
      if (!changes.length) {
        ctx.pass(ref);
        continue;
      }
      ctx.report({
        resource: ref,
        messageId: "drifted",
        message: `NSG ${typeof d.nsgName === "string" ? d.nsgName : d.ref.name} has drifted: ${describeChanges(changes)}. A rule changed outside the stack can cut VMs off from Azure Backup; re-apply the stack or adopt the change in it.`,
        data: { changes },
      });
    }
  },
});
