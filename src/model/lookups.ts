/**
 * Cross-resource joins rules need, in one place: item → policy → vault, SQL database → protected item / intent,
 * VM → NICs → subnets → NSGs. Joins go by Azure resource ID (case-insensitive), then Pulumi URN, then names.
 */
import { normalizeId, parseArmId, sameName, segmentValue } from "./ids.js";
import type {
  BackupPolicy,
  InventoryVm,
  Model,
  NetworkInterface,
  NetworkSecurityGroup,
  ProtectedItem,
  ProtectionIntent,
  RouteTable,
  SqlDatabase,
  Subnet,
  Vault,
  VirtualMachine,
} from "./types.js";
import { isUnknown, UNKNOWN, type Known } from "./unknown.js";

type WithRef = { ref: { id?: string; urn?: string; name: string } };

function indexById<T extends WithRef>(entities: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const e of entities) if (e.ref.id) map.set(normalizeId(e.ref.id), e);
  return map;
}

function indexByUrn<T extends WithRef>(entities: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const e of entities) if (e.ref.urn) map.set(e.ref.urn, e);
  return map;
}

/**
 * The entity with this ARM id (compared as Azure does); else one that has no id yet (a Pulumi resource before
 * deployment) and that `matcherFor(id)` accepts, by the names the id spells.
 */
function byIdOrNames<T extends WithRef>(
  id: Known<string | undefined>,
  byId: Map<string, T>,
  entities: T[],
  matcherFor: (id: string) => (entity: T) => boolean,
): T | undefined {
  const s = knownString(id);
  if (!s) return undefined;
  const exact = byId.get(normalizeId(s));
  if (exact) return exact;
  const matches = matcherFor(s);
  return entities.find((e) => !e.ref.id && matches(e));
}

function knownString(v: Known<string | undefined>): string | undefined {
  return v === undefined || isUnknown(v) ? undefined : v;
}

/** Azure Backup's container name for a SQL VM: `VMAppContainer;Compute;<rg>;<vm>`. */
export function sqlContainerName(resourceGroup: string, vmName: string): string {
  return `VMAppContainer;Compute;${resourceGroup};${vmName}`;
}

/** Azure Backup's item name for a SQL database: `SQLDataBase;<instance>;<database>`. */
export function sqlItemName(instance: string, database: string): string {
  return `SQLDataBase;${instance};${database}`;
}

/** Parses `SQLDataBase;MSSQLSERVER;sales` (case-insensitive prefix). */
export function parseSqlItemName(name: string): { instance: string; database: string } | undefined {
  const m = /^sqldatabase;([^;]+);(.+)$/i.exec(name);
  return m ? { instance: m[1]!, database: m[2]! } : undefined;
}

/**
 * Parses `VMAppContainer;Compute;<rg>;<vm>` (also `Compute;<rg>;<vm>` inside longer names) and the Azure VM backup
 * names `IaasVMContainer;iaasvmcontainerv2;<rg>;<vm>` (container) and `VM;iaasvmcontainerv2;<rg>;<vm>` (item).
 */
export function parseContainerName(name: string): { resourceGroup: string; vmName: string } | undefined {
  const m = /(?:^|;)(?:compute|iaasvmcontainerv2);([^;]+);([^;]+)$/i.exec(name);
  return m ? { resourceGroup: m[1]!, vmName: m[2]! } : undefined;
}

export class ModelIndex {
  private readonly vaultsById: Map<string, Vault>;
  private readonly policiesById: Map<string, BackupPolicy>;
  private readonly policiesByUrn: Map<string, BackupPolicy>;
  private readonly vmsById: Map<string, VirtualMachine>;
  private readonly nicsById: Map<string, NetworkInterface>;
  private readonly subnetsById: Map<string, Subnet>;
  private readonly nsgsById: Map<string, NetworkSecurityGroup>;
  private readonly routeTablesById: Map<string, RouteTable>;

  constructor(readonly model: Model) {
    this.vaultsById = indexById(model.vaults);
    this.policiesById = indexById(model.backupPolicies);
    this.policiesByUrn = indexByUrn(model.backupPolicies);
    this.vmsById = indexById(model.vms);
    this.nicsById = indexById(model.nics);
    this.subnetsById = indexById(model.subnets);
    this.nsgsById = indexById(model.nsgs);
    this.routeTablesById = indexById(model.routeTables);
  }

  /** The vault holding a policy/item/intent, by vault name (+ resource group when both sides know it). */
  vaultNamed(vaultName: Known<string | undefined>, resourceGroup?: Known<string | undefined>): Vault | undefined {
    const name = knownString(vaultName);
    if (!name) return undefined;
    const rg = resourceGroup === undefined ? undefined : knownString(resourceGroup);
    return this.model.vaults.find(
      (v) =>
        sameName(v.vaultName, name) &&
        (rg === undefined || knownString(v.resourceGroup) === undefined || sameName(v.resourceGroup, rg)),
    );
  }

  vaultById(id: Known<string | undefined>): Vault | undefined {
    const s = knownString(id);
    return s ? this.vaultsById.get(normalizeId(s)) : undefined;
  }

  vaultOfPolicy(policy: BackupPolicy): Vault | undefined {
    return this.vaultNamed(policy.vaultName, policy.resourceGroup) ?? this.vaultNamed(segmentValue(policy.ref.id, "vaults"));
  }

  vaultOfItem(item: ProtectedItem | ProtectionIntent): Vault | undefined {
    return this.vaultNamed(item.vaultName, item.resourceGroup) ?? this.vaultNamed(segmentValue(item.ref.id, "vaults"));
  }

  /**
   * The policy an item or intent is protected with.
   * - `undefined`: no policy (not protected, or the policy is not in the model);
   * - UNKNOWN: the policy id is computed at preview and no propertyDependency names the policy.
   */
  policyOf(item: ProtectedItem | ProtectionIntent): Known<BackupPolicy | undefined> {
    if (item.policyUrn) {
      const byUrn = this.policiesByUrn.get(item.policyUrn);
      if (byUrn) return byUrn;
    }
    const pid = item.policyId;
    if (isUnknown(pid)) return item.policyUrn ? undefined : UNKNOWN;
    if (!pid) return undefined;
    const exact = this.policiesById.get(normalizeId(pid));
    if (exact) return exact;
    // Pulumi policies have no id before deployment: match on vault + policy name from the id.
    const vaultName = segmentValue(pid, "vaults");
    const policyName = segmentValue(pid, "backupPolicies");
    if (!policyName) return undefined;
    return this.model.backupPolicies.find(
      (p) => sameName(p.policyName, policyName) && (vaultName === undefined || sameName(p.vaultName, vaultName)),
    );
  }

  vmById(id: Known<string | undefined>): VirtualMachine | undefined {
    return byIdOrNames(id, this.vmsById, this.model.vms, (s) => {
      const parsed = parseArmId(s);
      return (vm) =>
        sameName(vm.vmName, parsed.name) &&
        (parsed.resourceGroup === undefined || knownString(vm.resourceGroup) === undefined || sameName(vm.resourceGroup, parsed.resourceGroup));
    });
  }

  /** A VM by name (and resource group when given), for inventory joins. */
  vmNamed(name: string, resourceGroup?: string): VirtualMachine | undefined {
    return this.model.vms.find(
      (vm) => sameName(vm.vmName, name) && (resourceGroup === undefined || sameName(vm.resourceGroup, resourceGroup)),
    );
  }

  /** The model VM an inventory VM describes: by id, else by name. */
  vmOfInventory(inv: InventoryVm): VirtualMachine | undefined {
    return (inv.vmId ? this.vmById(inv.vmId) : undefined) ?? this.vmNamed(inv.vmName);
  }

  /** The inventory facts about a model VM. */
  inventoryOfVm(vm: VirtualMachine): InventoryVm | undefined {
    return this.model.inventoryVms.find(
      (inv) => (inv.vmId && vm.ref.id ? normalizeId(inv.vmId) === normalizeId(vm.ref.id) : sameName(vm.vmName, inv.vmName)),
    );
  }

  nicById(id: Known<string | undefined>): NetworkInterface | undefined {
    return byIdOrNames(id, this.nicsById, this.model.nics, (s) => {
      const name = parseArmId(s).name;
      return (n) => sameName(n.nicName, name);
    });
  }

  subnetById(id: Known<string | undefined>): Subnet | undefined {
    return byIdOrNames(id, this.subnetsById, this.model.subnets, (s) => {
      const vnet = segmentValue(s, "virtualNetworks");
      const name = segmentValue(s, "subnets");
      return (sn) => sameName(sn.subnetName, name) && (vnet === undefined || sameName(sn.vnetName, vnet));
    });
  }

  nsgById(id: Known<string | undefined>): NetworkSecurityGroup | undefined {
    return byIdOrNames(id, this.nsgsById, this.model.nsgs, (s) => {
      const name = parseArmId(s).name;
      return (n) => sameName(n.nsgName, name);
    });
  }

  routeTableById(id: Known<string | undefined>): RouteTable | undefined {
    return byIdOrNames(id, this.routeTablesById, this.model.routeTables, (s) => {
      const name = parseArmId(s).name;
      return (r) => sameName(r.routeTableName, name);
    });
  }

  /** Protected items (VM backup) whose source is this VM. */
  vmBackupItemsOf(vm: VirtualMachine): ProtectedItem[] {
    return this.model.protectedItems.filter((it) => it.workload === "vm" && this.itemIsOnVm(it, vm));
  }

  /** Protected SQL database items and SQL intents on this VM. */
  sqlProtectionOnVm(vm: VirtualMachine): (ProtectedItem | ProtectionIntent)[] {
    return [
      ...this.model.protectedItems.filter((it) => it.workload === "sqlDatabase" && this.itemIsOnVm(it, vm)),
      ...this.model.protectionIntents.filter((it) => (it.workload === "sqlInstance" || it.workload === "sqlDatabase") && this.itemIsOnVm(it, vm)),
    ];
  }

  itemIsOnVm(item: ProtectedItem | ProtectionIntent, vm: VirtualMachine): boolean {
    if (item.sourceResourceUrn && vm.ref.urn === item.sourceResourceUrn) return true;
    const src = knownString(item.sourceResourceId);
    if (src) {
      if (vm.ref.id && normalizeId(src) === normalizeId(vm.ref.id)) return true;
      const parsed = parseArmId(src);
      if (
        sameName(vm.vmName, parsed.name) &&
        (knownString(vm.resourceGroup) === undefined || parsed.resourceGroup === undefined || sameName(vm.resourceGroup, parsed.resourceGroup))
      )
        return true;
    }
    const container = "containerName" in item ? knownString(item.containerName) : undefined;
    const parsedContainer = container ? parseContainerName(container) : undefined;
    return !!parsedContainer && sameName(vm.vmName, parsedContainer.vmName);
  }

  /**
   * What protects a SQL database: protected items named `SQLDataBase;<instance>;<db>` in container
   * `VMAppContainer;Compute;<rg>;<vm>`, and auto-protection intents on its instance (case-insensitive).
   */
  protectionOfDatabase(db: SqlDatabase): { items: ProtectedItem[]; intents: ProtectionIntent[] } {
    const vm = db.vmId ? this.vmById(db.vmId) : this.vmNamed(db.vmName);
    const onDbVm = (it: ProtectedItem | ProtectionIntent): boolean => {
      if (vm) return this.itemIsOnVm(it, vm);
      const src = knownString(it.sourceResourceId);
      if (src && sameName(parseArmId(src).name, db.vmName)) return true;
      const container = "containerName" in it ? knownString(it.containerName) : undefined;
      const parsed = container ? parseContainerName(container) : undefined;
      return !!parsed && sameName(parsed.vmName, db.vmName);
    };
    const items = this.model.protectedItems.filter((it) => {
      if (it.workload !== "sqlDatabase" || !onDbVm(it)) return false;
      const itemName = knownString(it.itemName);
      const parsed = itemName ? parseSqlItemName(itemName) : undefined;
      const instance = parsed?.instance ?? knownString(it.sqlInstance);
      const database = parsed?.database ?? knownString(it.sqlDatabase);
      return sameName(instance, db.instanceName) && sameName(database, db.databaseName);
    });
    const intents = this.model.protectionIntents.filter((it) => {
      if (!onDbVm(it)) return false;
      if (it.workload === "sqlInstance") return sameName(knownString(it.sqlInstance), db.instanceName);
      if (it.workload === "sqlDatabase")
        return sameName(knownString(it.sqlInstance), db.instanceName) && sameName(knownString(it.sqlDatabase), db.databaseName);
      return false;
    });
    return { items, intents };
  }

  /** The NICs of a VM (by the VM's NIC ids, or NICs that name the VM). */
  nicsOfVm(vm: VirtualMachine): Known<NetworkInterface[]> {
    if (isUnknown(vm.nicIds)) return UNKNOWN;
    const nics: NetworkInterface[] = [];
    for (const id of vm.nicIds ?? []) {
      if (isUnknown(id)) return UNKNOWN;
      const nic = this.nicById(id);
      if (nic) nics.push(nic);
    }
    for (const nic of this.model.nics) {
      if (!nics.includes(nic) && vm.ref.id && knownString(nic.vmId) && normalizeId(knownString(nic.vmId)!) === normalizeId(vm.ref.id)) nics.push(nic);
    }
    return nics;
  }
}
