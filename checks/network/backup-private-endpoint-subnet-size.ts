import { defineRule } from "../../src/engine/define-rule.js";
import { normalizeId } from "../../src/model/ids.js";
import type { PrivateEndpoint } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { ipv4PrefixLength } from "../../src/network/ipv4.js";
import { backupEndpointsOf } from "./_connectivity.js";

/** Private IPs one Azure Backup private endpoint takes (v1: 11, including the storage endpoints; v2: 10 and growing). */
export const IPS_PER_BACKUP_ENDPOINT = 11;
/** Azure reserves five addresses in every subnet. */
const RESERVED_PER_PREFIX = 5;

export default defineRule({
  id: "NET-004",
  name: "backup-private-endpoint-subnet-size",
  title: "The subnet of an Azure Backup private endpoint has free addresses for it (about 11 each)",
  severity: "warning",
  prevents: [],
  remediation: "Put Azure Backup private endpoints in a subnet with about 11 free addresses for each of them (Azure Backup suggests a /26).",
  check(ctx) {
    const bySubnet = new Map<string, { endpoints: PrivateEndpoint[]; subnetId: string }>();
    for (const vault of ctx.model.vaults) {
      // The vault's limit of 12 endpoints is VAULT-007's; this rule counts addresses.
      const endpoints = backupEndpointsOf(ctx.index, vault);
      for (const pe of endpoints) {
        if (isUnknown(pe.subnetId)) {
          ctx.unknown({ resource: pe.ref, messageId: "subnetUnknown", message: `The subnet of private endpoint ${pe.ref.name} is computed at deployment; its free addresses cannot be counted.`, data: { endpoint: pe.ref.name } });
          continue;
        }
        if (!pe.subnetId) continue;
        const key = normalizeId(pe.subnetId);
        const entry = bySubnet.get(key) ?? { endpoints: [], subnetId: pe.subnetId };
        if (!entry.endpoints.includes(pe)) entry.endpoints.push(pe);
        bySubnet.set(key, entry);
      }
    }
    for (const { endpoints, subnetId } of bySubnet.values()) {
      const subnet = ctx.index.subnetById(subnetId);
      if (!subnet) continue; // not in the model: nothing to count
      const prefixes = subnet.addressPrefixes;
      if (isUnknown(prefixes) || (prefixes ?? []).some(isUnknown)) {
        ctx.unknown({ resource: subnet.ref, messageId: "prefixUnknown", message: `The address prefixes of subnet ${subnet.ref.name} are computed at deployment; the room for private endpoint(s) ${endpoints.map((e) => e.ref.name).join(", ")} cannot be checked.`, data: { subnet: subnet.ref.name } });
        continue;
      }
      const lengths = (prefixes as string[]).map(ipv4PrefixLength).filter((l): l is number => l !== undefined);
      if (lengths.length === 0) continue;
      const usable = lengths.reduce((n, l) => n + Math.max(0, 2 ** (32 - l) - RESERVED_PER_PREFIX), 0);
      // Everything else in the subnet takes addresses too: other private endpoints and VM NICs (a private
      // endpoint's own NIC is not counted twice: only NICs attached to a VM are).
      const inSubnet = (id: unknown) => typeof id === "string" && normalizeId(id) === normalizeId(subnetId);
      const vmNics = ctx.model.nics.filter((nic) => (!isUnknown(nic.vmId) && nic.vmId) || ctx.model.vms.some((vm) => !isUnknown(vm.nicIds) && (vm.nicIds ?? []).some((id) => typeof id === "string" && !!nic.ref.id && normalizeId(id) === normalizeId(nic.ref.id))));
      const others =
        ctx.model.privateEndpoints.filter((pe) => !endpoints.includes(pe) && inSubnet(pe.subnetId)).length +
        vmNics.reduce((n, nic) => n + (isUnknown(nic.ipConfigurations) ? 0 : (nic.ipConfigurations ?? []).filter((c) => inSubnet(c.subnetId)).length), 0);
      const needed = endpoints.length * IPS_PER_BACKUP_ENDPOINT + others;
      if (usable < needed) {
        ctx.report({
          resource: subnet.ref,
          messageId: "subnetTooSmall",
          message: `Subnet ${subnet.ref.name} (${(prefixes as string[]).join(", ")}) has ${usable} usable addresses, but its ${endpoints.length} Azure Backup private endpoint(s) need about ${endpoints.length * IPS_PER_BACKUP_ENDPOINT}${others ? ` besides the ${others} address(es) other resources take` : ""}; creating them fails or later storage endpoints find no address. Fix: use a larger subnet (a /26 is suggested).`,
          data: { subnet: subnet.ref.name, usable, needed, endpoints: endpoints.length, perEndpoint: IPS_PER_BACKUP_ENDPOINT },
        });
      } else ctx.pass(subnet.ref);
    }
  },
});
