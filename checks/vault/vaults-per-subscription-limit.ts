import { defineRule } from "../../src/engine/define-rule.js";
import { parseArmId } from "../../src/model/ids.js";
import type { Vault } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { distinctVaults, isDeployed } from "./_vault.js";

export const MAX_VAULTS_PER_SUBSCRIPTION = 500;

function subscriptionOf(v: Vault): string | undefined | null {
  if (isUnknown(v.subscriptionId)) return null;
  return v.subscriptionId ?? (v.ref.id ? parseArmId(v.ref.id).subscriptionId : undefined);
}

export default defineRule({
  id: "VAULT-012",
  name: "vaults-per-subscription-limit",
  title: "At most 500 Recovery Services vaults per subscription and region",
  severity: "warning",
  prevents: [],
  remediation: "Consolidate vaults (one vault holds up to 2,000 data sources) or spread them over another subscription.",
  check(ctx) {
    const groups = new Map<string, { subscription: string; region: string; known: Vault[] }>();
    const undecided: Vault[] = [];
    for (const v of distinctVaults(ctx.model)) {
      const sub = subscriptionOf(v);
      const loc = v.location;
      if (sub === null || isUnknown(loc)) {
        undecided.push(v);
        continue;
      }
      if (sub === undefined || loc === undefined) continue; // cannot be placed: counted nowhere
      const region = loc.replace(/\s+/g, "").toLowerCase();
      const key = `${sub.toLowerCase()}|${region}`;
      const g = groups.get(key) ?? { subscription: sub, region, known: [] };
      g.known.push(v);
      groups.set(key, g);
    }
    for (const g of groups.values()) {
      const count = g.known.length;
      // Report on a vault this deployment adds, when there is one: that is the create Azure refuses.
      const subject = g.known.find((v) => !isDeployed(v)) ?? g.known.at(-1)!;
      if (count > MAX_VAULTS_PER_SUBSCRIPTION) {
        ctx.report({
          resource: subject.ref,
          messageId: "tooManyVaults",
          message: `Subscription ${g.subscription} would hold ${count} Recovery Services vaults in ${g.region}; Azure Backup allows ${MAX_VAULTS_PER_SUBSCRIPTION}. Consolidate vaults or use another subscription.`,
          data: { subscription: g.subscription, region: g.region, value: count, limit: MAX_VAULTS_PER_SUBSCRIPTION },
        });
      } else if (count + undecided.length > MAX_VAULTS_PER_SUBSCRIPTION) {
        ctx.unknown({
          resource: subject.ref,
          messageId: "countUnknown",
          message: `Subscription ${g.subscription} holds ${count} vaults in ${g.region}, and ${undecided.length} more whose subscription or region is not known before deployment could bring it over ${MAX_VAULTS_PER_SUBSCRIPTION}.`,
          data: { subscription: g.subscription, region: g.region, value: count, undecided: undecided.length },
        });
      } else {
        ctx.pass(subject.ref);
      }
    }
  },
});
