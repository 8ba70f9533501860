import { defineRule } from "../../src/engine/define-rule.js";
import type { SecurityRule } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";

function ruleName(r: SecurityRule): string {
  return isUnknown(r.name) ? "(name computed at deployment)" : r.name;
}

/** The nearest priority at or above `from` (within 100-4096) that no rule of that direction uses. */
function freePriority(taken: Set<number>, from: number): number | undefined {
  for (let p = from; p <= 4096; p++) if (!taken.has(p)) return p;
  for (let p = from - 1; p >= 100; p--) if (!taken.has(p)) return p;
  return undefined;
}

export default defineRule({
  id: "NET-003",
  name: "nsg-duplicate-priority",
  title: "No two security rules of one NSG share a priority in the same direction",
  severity: "error",
  prevents: ["SecurityRuleConflict"],
  remediation: "Give each rule of a direction its own priority; keep the order you intend (lower number first), e.g. by spacing priorities by 10.",
  check(ctx) {
    for (const nsg of ctx.model.nsgs) {
      if (isUnknown(nsg.securityRules)) {
        ctx.unknown({ resource: nsg.ref, messageId: "rulesUnknown", message: `The security rules of NSG ${nsg.ref.name} are computed at deployment; their priorities cannot be checked.`, data: { nsg: nsg.ref.name } });
        continue;
      }
      const groups = new Map<string, SecurityRule[]>();
      const taken = new Map<string, Set<number>>();
      let undecided = false;
      for (const r of nsg.securityRules.filter((x) => !x.isDefault)) {
        if (isUnknown(r.priority) || isUnknown(r.direction)) {
          undecided = true;
          ctx.unknown({
            resource: r.ref ?? nsg.ref,
            messageId: "priorityUnknown",
            message: `The ${isUnknown(r.priority) ? "priority" : "direction"} of rule ${ruleName(r)} in NSG ${nsg.ref.name} is computed at deployment; it may clash with another rule's.`,
            data: { nsg: nsg.ref.name, rule: ruleName(r) },
          });
          continue;
        }
        if (r.priority === undefined || r.direction === undefined) continue;
        const direction = r.direction.toLowerCase() === "inbound" ? "Inbound" : "Outbound";
        const key = `${direction}|${r.priority}`;
        groups.set(key, [...(groups.get(key) ?? []), r]);
        taken.set(direction, (taken.get(direction) ?? new Set()).add(r.priority));
      }
      let clash = false;
      for (const [key, rules] of groups) {
        if (rules.length < 2) continue;
        clash = true;
        const [direction, priority] = key.split("|") as [string, string];
        const names = rules.map(ruleName);
        const suggestion = freePriority(taken.get(direction)!, Number(priority) + 1);
        const move = suggestion === undefined ? "renumber the rules of this direction" : `move ${names[1]} to priority ${suggestion} (free)`;
        ctx.report({
          resource: rules[1]!.ref ?? nsg.ref,
          messageId: "duplicatePriority",
          message: `Rules ${names.join(" and ")} of NSG ${nsg.ref.name} share priority ${priority} (${direction}); Azure rejects the NSG with SecurityRuleConflict. Fix: ${move}.`,
          data: { nsg: nsg.ref.name, direction, priority: Number(priority), rules: names, suggestedPriority: suggestion },
        });
      }
      if (!clash && !undecided) ctx.pass(nsg.ref);
    }
  },
});
