/**
 * Connectivity benchmark: an estate of VMs with NIC and subnet NSGs of N rules each, every VM with a protected SQL
 * database. Times NET-001 and NET-002 (every VM × AzureBackup, Storage, Entra ID through both NSGs) against
 * JSON.parse of the same input, measured in the same run, and prints the ratio. No assertion on time: the target
 * (≤ 2× JSON.parse) is printed for a person to read.
 *
 *   npm run bench                       # all benches
 *   node dist/bench/connectivity.bench.js --vms 10000 --rules 200 --vms-per-nic-nsg 4 --vms-per-subnet 40
 *
 * NIC NSGs are shared by a few VMs and subnet NSGs by a subnet's VMs, as in real estates; the outbound rules include
 * source-address conditions, so each VM's flows are still evaluated on their own (no memo hit across VMs).
 */
import { performance } from "node:perf_hooks";
import sqlVmReachesAzureBackup from "../checks/network/sql-vm-reaches-azure-backup.js";
import vmSnapshotExtensionConnectivity from "../checks/network/vm-snapshot-extension-connectivity.js";
import { runRules } from "../src/engine/run.js";
import { emptyModel, type Model, type ResourceRef, type SecurityRule } from "../src/model/types.js";

interface Options {
  vms: number;
  rules: number;
  vmsPerNicNsg: number;
  vmsPerSubnet: number;
  runs: number;
}

function options(argv: string[]): Options {
  const get = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] ? Number(argv[i + 1]) : fallback;
  };
  return { vms: get("--vms", 10_000), rules: get("--rules", 200), vmsPerNicNsg: get("--vms-per-nic-nsg", 4), vmsPerSubnet: get("--vms-per-subnet", 40), runs: get("--runs", 3) };
}

const SUB = "/subscriptions/00000000-0000-0000-0000-0000000000b1";
const rg = (name: string) => `${SUB}/resourceGroups/${name}`;
const ref = (kind: ResourceRef["kind"], name: string, type: string, id: string): ResourceRef => ({ kind, name, type, id, source: { adapter: "arm" } });

/** A deterministic pseudo-random sequence, so every run benchmarks the same estate. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const OTHER_TAGS = ["Sql", "AzureMonitor", "EventHub", "AzureKeyVault", "ServiceBus", "AzureContainerRegistry", "AppService", "GuestAndHybridManagement"];

/** N rules of the kinds real NSGs hold; the backup allows and the Internet deny sit at the end, so every flow walks the list. */
function nsgRules(n: number, rand: () => number, subnetIndex: number): SecurityRule[] {
  const rules: SecurityRule[] = [];
  const filler = n - 4;
  for (let i = 0; i < filler; i++) {
    const kind = i % 8;
    const priority = 100 + i * 10;
    const base: SecurityRule = {
      name: `rule-${i}`,
      priority,
      direction: kind < 3 ? "Inbound" : "Outbound",
      access: rand() < 0.5 ? "Allow" : "Deny",
      protocol: "Tcp",
      sourceAddressPrefixes: ["VirtualNetwork"],
      destinationAddressPrefixes: ["VirtualNetwork"],
      sourcePortRanges: ["*"],
      destinationPortRanges: [String(1024 + Math.floor(rand() * 50_000))],
      sourceApplicationSecurityGroupIds: [],
      destinationApplicationSecurityGroupIds: [],
    };
    if (kind === 3) base.protocol = "Udp";
    if (kind === 4) {
      // Private destinations on the backup port: their prefixes must be read to rule them out.
      base.destinationAddressPrefixes = [`10.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.0/24`, `172.${16 + Math.floor(rand() * 16)}.${Math.floor(rand() * 255)}.0/24`];
      base.destinationPortRanges = ["443"];
    }
    if (kind === 5) {
      base.destinationAddressPrefixes = [OTHER_TAGS[i % OTHER_TAGS.length]!];
      base.destinationPortRanges = ["443", "1433"];
    }
    if (kind === 6) {
      // Public CIDRs on other ports: parsed, never deciding.
      base.destinationAddressPrefixes = [`${20 + Math.floor(rand() * 30)}.${Math.floor(rand() * 255)}.0.0/16`, `${52 + Math.floor(rand() * 10)}.${Math.floor(rand() * 255)}.0.0/16`];
      base.destinationPortRanges = ["8080-8090", "9443"];
    }
    if (kind === 7) {
      // Source-address conditions make the verdict depend on the VM's address.
      base.sourceAddressPrefixes = [`10.${100 + (subnetIndex % 100)}.${Math.floor(rand() * 255)}.0/28`];
      base.destinationAddressPrefixes = ["Internet"];
      base.destinationPortRanges = ["22", "3389"];
    }
    rules.push(base);
  }
  const allow = (name: string, priority: number, tag: string): SecurityRule => ({
    name,
    priority,
    direction: "Outbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefixes: ["VirtualNetwork"],
    destinationAddressPrefixes: [tag],
    sourcePortRanges: ["*"],
    destinationPortRanges: ["443"],
    sourceApplicationSecurityGroupIds: [],
    destinationApplicationSecurityGroupIds: [],
  });
  rules.push(allow("allow-azurebackup-443", 3900, "AzureBackup"), allow("allow-storage-443", 3910, "Storage"), allow("allow-entra-443", 3920, "AzureActiveDirectory"));
  rules.push({ ...allow("deny-internet", 4000, "Internet"), access: "Deny", protocol: "*", destinationPortRanges: ["*"] });
  // Stored in a different order than their priorities, as exports often are.
  for (let i = rules.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [rules[i], rules[j]] = [rules[j]!, rules[i]!];
  }
  return rules;
}

function estate(o: Options): Model {
  const rand = lcg(42);
  const m = emptyModel();
  const vault = `${rg("rg-backup")}/providers/Microsoft.RecoveryServices/vaults/rsv-bench`;
  m.vaults.push({
    ref: ref("vault", "rsv-bench", "Microsoft.RecoveryServices/vaults", vault),
    vaultName: "rsv-bench",
    resourceGroup: "rg-backup",
    subscriptionId: SUB.split("/")[2],
    location: "eastus",
    tags: undefined,
    skuName: "RS0",
    storageRedundancy: "GeoRedundant",
    crossRegionRestore: undefined,
    softDelete: { state: "AlwaysON", retentionDays: 14, enhancedSecurityState: undefined },
    immutability: undefined,
    publicNetworkAccess: "Enabled",
    privateEndpointConnections: [],
    resourceGuardOperationRequests: undefined,
    identityType: undefined,
  });
  const subnets = Math.ceil(o.vms / o.vmsPerSubnet);
  for (let s = 0; s < subnets; s++) {
    const nsgId = `${rg("rg-net")}/providers/Microsoft.Network/networkSecurityGroups/nsg-subnet-${s}`;
    m.nsgs.push({ ref: ref("nsg", `nsg-subnet-${s}`, "Microsoft.Network/networkSecurityGroups", nsgId), nsgName: `nsg-subnet-${s}`, resourceGroup: "rg-net", location: "eastus", securityRules: nsgRules(o.rules, rand, s), subnetIds: undefined, nicIds: undefined });
    const subnetId = `${rg("rg-net")}/providers/Microsoft.Network/virtualNetworks/vnet-bench/subnets/snet-${s}`;
    m.subnets.push({
      ref: ref("subnet", `snet-${s}`, "Microsoft.Network/virtualNetworks/subnets", subnetId),
      subnetName: `snet-${s}`,
      vnetName: "vnet-bench",
      resourceGroup: "rg-net",
      addressPrefixes: [`10.${100 + Math.floor(s / 256)}.${s % 256}.0/24`],
      nsgId,
      routeTableId: undefined,
      serviceEndpoints: [],
    });
  }
  for (let v = 0; v < o.vms; v++) {
    const s = Math.floor(v / o.vmsPerSubnet);
    const nicNsg = Math.floor(v / o.vmsPerNicNsg);
    const nsgId = `${rg("rg-net")}/providers/Microsoft.Network/networkSecurityGroups/nsg-nic-${nicNsg}`;
    if (v % o.vmsPerNicNsg === 0) {
      m.nsgs.push({ ref: ref("nsg", `nsg-nic-${nicNsg}`, "Microsoft.Network/networkSecurityGroups", nsgId), nsgName: `nsg-nic-${nicNsg}`, resourceGroup: "rg-net", location: "eastus", securityRules: nsgRules(o.rules, rand, s), subnetIds: undefined, nicIds: undefined });
    }
    const vmName = `sqlvm${v}`;
    const vmId = `${rg("rg-sql")}/providers/Microsoft.Compute/virtualMachines/${vmName}`;
    const nicId = `${rg("rg-sql")}/providers/Microsoft.Network/networkInterfaces/${vmName}-nic`;
    m.vms.push({
      ref: ref("vm", vmName, "Microsoft.Compute/virtualMachines", vmId),
      vmName,
      resourceGroup: "rg-sql",
      subscriptionId: SUB.split("/")[2],
      location: "eastus",
      tags: undefined,
      os: "windows",
      vmSize: "Standard_D4s_v5",
      osDisk: undefined,
      dataDisks: [],
      nicIds: [nicId],
      securityType: undefined,
      powerState: undefined,
      provisionVmAgent: true,
      agentVersion: undefined,
    });
    m.nics.push({
      ref: ref("nic", `${vmName}-nic`, "Microsoft.Network/networkInterfaces", nicId),
      nicName: `${vmName}-nic`,
      location: "eastus",
      nsgId,
      ipConfigurations: [{ name: "ipconfig1", subnetId: m.subnets[s]!.ref.id, privateIpAddress: `10.${100 + Math.floor(s / 256)}.${s % 256}.${4 + (v % o.vmsPerSubnet)}`, applicationSecurityGroupIds: [] }],
      vmId,
    });
    const container = `VMAppContainer;Compute;rg-sql;${vmName}`;
    m.protectedItems.push({
      ref: ref("protectedItem", `${vmName}-sales`, "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems", `${vault}/backupFabrics/Azure/protectionContainers/${container}/protectedItems/SQLDataBase;MSSQLSERVER;sales`),
      vaultName: "rsv-bench",
      resourceGroup: "rg-backup",
      containerName: container,
      itemName: "SQLDataBase;MSSQLSERVER;sales",
      workload: "sqlDatabase",
      protectedItemType: "AzureVmWorkloadSQLDatabase",
      policyId: `${vault}/backupPolicies/sql-daily`,
      sourceResourceId: vmId,
      protectionState: "Protected",
    });
  }
  return m;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function main(): void {
  const o = options(process.argv.slice(2));
  const text = JSON.stringify(estate(o));
  const nsgs = Math.ceil(o.vms / o.vmsPerSubnet) + Math.ceil(o.vms / o.vmsPerNicNsg);
  console.log(`connectivity: ${o.vms} VMs, ${nsgs} NSGs × ${o.rules} rules (NIC NSG per ${o.vmsPerNicNsg} VMs, subnet per ${o.vmsPerSubnet}), input ${(text.length / 1024 / 1024).toFixed(1)} MiB`);
  const rules = [sqlVmReachesAzureBackup, vmSnapshotExtensionConnectivity];
  const parses: number[] = [];
  const evals: number[] = [];
  for (let run = 0; run < o.runs; run++) {
    let t = performance.now();
    const model = JSON.parse(text) as Model;
    parses.push(performance.now() - t);
    t = performance.now();
    const report = runRules(model, rules, { now: new Date() });
    evals.push(performance.now() - t);
    const flows = report.passes.length * 3 + report.findings.length;
    if (run === 0) console.log(`  run 1: ${report.passes.length} VMs proved (${flows} flows), ${report.findings.length} findings`);
  }
  const parse = median(parses);
  const evaluation = median(evals);
  const ratio = evaluation / parse;
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
  console.log(`  JSON.parse  ${parse.toFixed(0)} ms (median of ${o.runs} runs: ${list(parses)})`);
  console.log(`  evaluation  ${evaluation.toFixed(0)} ms (median of ${o.runs} runs: ${list(evals)}; each on a freshly parsed model)`);
  console.log(`  ratio       ${ratio.toFixed(2)}× JSON.parse (target ≤ 2×) ${ratio <= 2 ? "ok" : "ABOVE TARGET"}`);
}

main();
