import rule from "../../../checks/network/sql-vm-reaches-azure-backup.js";
import type { Firewall, SecurityRule } from "../../../src/model/types.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const denyInternet = build.securityRule({ name: "deny-internet", priority: 4000, access: "Deny", protocol: "*", destinationAddressPrefixes: ["Internet"], destinationPortRanges: ["*"] });
const allow = (name: string, priority: number, tag: string) => build.securityRule({ name, priority, destinationAddressPrefixes: [tag] });
const nsg = (rules: SecurityRule[], name = "nsg-sql") => build.nsg(name, { securityRules: rules });

/** A vault without private endpoints and with public network access: the SQL VM goes to the public endpoints. */
const publicVault = [build.vault({ publicNetworkAccess: "Enabled", privateEndpointConnections: [] }), build.privateEndpoint("pe-rsv-prod", { connections: [] })] as const;

/** Golden: vault with a private endpoint, SQL policy and item on sqlvm01, its NIC, subnet and NSG. */
function golden(...changes: { ref: { kind: string; name: string } }[]) {
  const base = [build.vault(), build.privateEndpoint(), build.sqlPolicy(), build.sqlItem(), build.vm(), build.nic(), build.subnet(), build.nsg()];
  const kept = base.filter((b) => !changes.some((c) => c.ref.kind === b.ref.kind && c.ref.name === b.ref.name));
  return build.model(...kept, ...(changes as Parameters<typeof build.model>));
}

const hub = build.routeTable("rt-sql", { routes: [{ name: "default-via-hub", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.0.0.4" }] });
const tunnelled = build.subnet("snet-sql", { routeTableId: ids.routeTable("rt-sql") });
const appRule = (name: string, priority: number, o: { fqdnTags?: string[]; targetFqdns?: string[] }) => ({
  collection: name,
  priority,
  action: "Allow",
  name,
  fqdnTags: o.fqdnTags ?? [],
  targetFqdns: o.targetFqdns ?? [],
  protocols: [{ protocolType: "Https", port: 443 }],
  sourceAddresses: ["10.0.1.0/24"],
});
const firewall = (rules: Firewall["applicationRules"]) => build.firewall("afw-hub", { applicationRules: rules });

const serviceTags = {
  cloud: "Public",
  values: [
    { name: "AzureBackup.EastUS", id: "AzureBackup.EastUS", properties: { region: "eastus", systemService: "AzureBackup", addressPrefixes: ["20.42.0.0/16"] } },
    { name: "Storage.EastUS", id: "Storage.EastUS", properties: { region: "eastus", systemService: "AzureStorage", addressPrefixes: ["52.239.0.0/16"] } },
    { name: "AzureActiveDirectory", id: "AzureActiveDirectory", properties: { region: "", systemService: "AzureAD", addressPrefixes: ["20.190.128.0/18"] } },
  ],
};
const cidrNsg = nsg([allow("allow-ab-cidr", 100, "20.42.0.0/16"), allow("allow-st-cidr", 110, "52.239.0.0/16"), allow("allow-aad-cidr", 120, "20.190.128.0/18"), denyInternet]);

ruleTester.run(rule, {
  valid: [
    { name: "golden: Azure Backup through the vault's private endpoint, Entra ID allowed by its service tag", model: golden() },
    { name: "public vault: the three service tags are allowed before deny-internet", model: golden(...publicVault) },
    { name: "auto-protection intent instead of items, same network", model: build.model(...publicVault, build.sqlPolicy(), build.sqlAutoProtectIntent(), build.vm(), build.nic(), build.subnet(), build.nsg()) },
    { name: "no NSG at all: nothing filters outbound", model: golden(...publicVault, build.subnet("snet-sql", { nsgId: undefined })) },
    { name: "a VM without protected SQL databases is not checked", model: build.model(build.vm(), build.nic(), build.subnet(), nsg([denyInternet])) },
    {
      name: "forced tunnelling through an Azure Firewall that allows the FQDN tag, the Storage FQDNs and Entra ID",
      model: golden(
        ...publicVault,
        tunnelled,
        hub,
        firewall([
          appRule("backup", 200, { fqdnTags: ["AzureBackup"] }),
          appRule("storage", 210, { targetFqdns: ["*.blob.core.windows.net", "*.queue.core.windows.net"] }),
          appRule("entra", 220, { targetFqdns: ["login.microsoftonline.com"] }),
        ]),
      ),
    },
    { name: "explicit CIDRs decided with the Service Tags file", model: golden(...publicVault, cidrNsg), extras: { serviceTags } },
    {
      name: "a vault that refuses public traffic and has no private endpoint is the vault's finding (VAULT-010), not a network path",
      model: golden(build.vault({ publicNetworkAccess: "Disabled", privateEndpointConnections: [] }), build.privateEndpoint("pe-rsv-prod", { connections: [] }), nsg([allow("allow-storage-443", 110, "Storage"), allow("allow-entra-443", 120, "AzureActiveDirectory"), denyInternet])),
    },
  ],
  invalid: [
    {
      name: "deny-internet without an AzureBackup allow blocks Azure Backup (public vault)",
      model: golden(...publicVault, nsg([allow("allow-storage-443", 110, "Storage"), allow("allow-entra-443", 120, "AzureActiveDirectory"), denyInternet])),
      errors: [
        {
          messageId: "blocked",
          resource: "sqlvm01",
          data: { vm: "sqlvm01", destination: "AzureBackup", verdict: "deny", nsg: "nsg-sql", rule: "deny-internet", priority: 4000, level: "subnet", fix: { nsg: "nsg-sql", nsgId: ids.nsg("nsg-sql"), level: "subnet", name: "allow-azurebackup-443-outbound", priority: 3990, below: 4000, destinationAddressPrefix: "AzureBackup", protocol: "Tcp", destinationPortRange: "443" } },
        },
      ],
    },
    {
      name: "private endpoints do not cover Entra ID: it must still be allowed",
      model: golden(nsg([allow("allow-azurebackup-443", 100, "AzureBackup"), allow("allow-storage-443", 110, "Storage"), denyInternet])),
      errors: [{ messageId: "blocked", data: { destination: "AzureActiveDirectory", rule: "deny-internet", level: "subnet" } }],
    },
    {
      name: "a NIC NSG that denies everything blocks all three at the NIC",
      model: golden(build.nic("sqlvm01-nic", { nsgId: ids.nsg("nsg-nic") }), nsg([build.securityRule({ name: "deny-all-out", priority: 100, access: "Deny", protocol: "*", destinationAddressPrefixes: ["*"], destinationPortRanges: ["*"] })], "nsg-nic")),
      errors: ["AzureBackup (private endpoint pe-rsv-prod)", "Storage (private endpoint pe-rsv-prod)", "AzureActiveDirectory"].map((destination) => ({ messageId: "blocked", data: { destination, nsg: "nsg-nic", rule: "deny-all-out", priority: 100, level: "nic" } })),
    },
    {
      name: "a deny on VirtualNetwork blocks the private endpoint; Storage still has its public path",
      model: golden(nsg([build.securityRule({ name: "deny-vnet-out", priority: 3000, access: "Deny", protocol: "*", destinationAddressPrefixes: ["VirtualNetwork"], destinationPortRanges: ["*"] }), ...(build.nsg().securityRules as SecurityRule[])])),
      errors: [{ messageId: "blocked", data: { destination: "AzureBackup (private endpoint pe-rsv-prod)", rule: "deny-vnet-out", priority: 3000, fix: { nsg: "nsg-sql", nsgId: ids.nsg("nsg-sql"), level: "subnet", name: "allow-virtualnetwork-443-outbound", priority: 2990, below: 3000, destinationAddressPrefix: "VirtualNetwork", protocol: "Tcp", destinationPortRange: "443" } } }],
    },
    {
      name: "forced tunnelling: the firewall allows only the AzureBackup FQDN tag",
      model: golden(...publicVault, tunnelled, hub, firewall([appRule("backup", 200, { fqdnTags: ["AzureBackup"] })])),
      errors: [
        { messageId: "blocked", data: { destination: "Storage", decidedBy: "firewall", firewall: { firewall: "afw-hub", kind: "default", collection: "(none)", rule: "default deny", access: "Deny", suggest: { collection: "backup", priority: 200 }, fqdn: "*.blob.core.windows.net" } } },
        { messageId: "blocked", data: { destination: "AzureActiveDirectory", decidedBy: "firewall" } },
      ],
    },
    {
      name: "with the Service Tags file, a CIDR that misses the region's Azure Backup addresses is decided",
      model: golden(...publicVault, nsg([allow("allow-ab-cidr", 100, "20.43.0.0/16"), allow("allow-storage-443", 110, "Storage"), allow("allow-entra-443", 120, "AzureActiveDirectory"), denyInternet])),
      extras: { serviceTags },
      errors: [{ messageId: "blocked", data: { destination: "AzureBackup", rule: "deny-internet" } }],
    },
  ],
  unknown: [
    {
      name: "the subnet's NSG id is computed at preview",
      model: golden(...publicVault, build.subnet("snet-sql", { nsgId: UNKNOWN })),
      unknowns: ["AzureBackup", "Storage", "AzureActiveDirectory"].map((destination) => ({ messageId: "undecided", data: { destination, verdict: "unknown" } })),
    },
    {
      name: "forced tunnelling to an appliance that is not in the model",
      model: golden(...publicVault, tunnelled, hub),
      unknowns: ["AzureBackup", "Storage", "AzureActiveDirectory"].map((destination) => ({ messageId: "undecided", data: { destination, route: { routeTable: "rt-sql", route: "default-via-hub", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", routeTableId: ids.routeTable("rt-sql"), nextHopIpAddress: "10.0.0.4" } } })),
    },
    {
      name: "explicit CIDRs without the Service Tags file",
      model: golden(...publicVault, cidrNsg),
    },
    {
      name: "the vault is not in the model and the public path is blocked: a private endpoint may exist",
      model: build.model(build.sqlItem(), build.vm(), build.nic(), build.subnet(), nsg([allow("allow-entra-443", 120, "AzureActiveDirectory"), denyInternet])),
      unknowns: [{ messageId: "undecided", data: { destination: "AzureBackup" } }, { messageId: "undecided", data: { destination: "Storage" } }],
    },
  ],
});
