/**
 * Azure Resource Manager JSON → model, as `az … show`, `az rest`, `az graph query` and the SDKs print it:
 * one resource, an array, a list response `{ value, nextLink? }`, or a Resource Graph result `{ data }`
 * (`data` as an array, or as the `{ "0": {...} }` dictionary older SDKs produce).
 * Resources are recognised by their ARM `type` (case-insensitive; Resource Graph writes it in lower case),
 * or, when a body has no `type` (some GET examples), by the type its `id` spells.
 */
import { describeValue, formatPath, InputError } from "../errors.js";
import { parseArmId, segmentValue } from "../model/ids.js";
import { emptyModel, type BackupJob, type EntityKind, type Model, type ResourceRef, type Vault } from "../model/types.js";
import { isUnknown, type Known } from "../model/unknown.js";
import {
  mapBackupPolicy,
  mapFirewall,
  mapFirewallPolicy,
  mapLock,
  mapNic,
  mapNsg,
  mapPolicyAssignment,
  mapPolicyDefinition,
  mapPolicyExemption,
  mapPolicySetDefinition,
  mapPrivateEndpoint,
  mapProtectedItem,
  mapProtectionContainer,
  mapProtectionIntent,
  mapResourceGroup,
  mapRoute,
  mapRouteTable,
  mapRuleCollectionGroup,
  mapSecurityRule,
  mapSubnet,
  mapVault,
  mapKeyVault,
  mapVirtualMachine,
  scopeOfExtensionId,
  type Location,
} from "./azure-map.js";
import { foldSharedDisks, recordManagedDisk } from "./disks.js";
import { ancestorChainFacts, foldManagementGroups, groupNameOfId, mapManagementGroup, recordGroupFacts } from "./management-groups.js";
import { readStructuredFile } from "./read-file.js";
import { Shape, subResource, type PathSegment } from "./shape.js";

export function loadArmFile(file: string): Model {
  return fromArm(readStructuredFile(file, "json"), file);
}

interface Located {
  value: unknown;
  path: PathSegment[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The resources an ARM document holds, with where each one is. */
function resourcesOf(value: unknown, file: string): Located[] {
  const list = (items: unknown[], key: PathSegment[]) => items.map((v, i) => ({ value: v, path: [...key, i] }));
  if (Array.isArray(value)) return list(value, []);
  if (!isObject(value)) throw new InputError(file, "", `expected an ARM resource, an array, a {"value": [...]} list or a Resource Graph {"data": [...]} result, found ${describeValue(value)}`);
  const looksLikeResource = typeof value.id === "string" || typeof value.type === "string";
  if (!looksLikeResource && "data" in value) {
    const data = value.data;
    if (Array.isArray(data)) return list(data, ["data"]);
    // Older Resource Graph SDKs type `data` as a dictionary: { "0": {...}, "1": {...} }.
    if (isObject(data)) return Object.keys(data).map((k) => ({ value: data[k], path: ["data", k] }));
    throw new InputError(file, "data", `expected an array of rows, found ${describeValue(data)}`);
  }
  if (!looksLikeResource && "value" in value) {
    if (!Array.isArray(value.value)) throw new InputError(file, "value", `expected an array of resources, found ${describeValue(value.value)}`);
    return list(value.value, ["value"]);
  }
  return [{ value, path: [] }];
}

/**
 * The types backupguard reads, spelled as ARM spells them. Resource Graph prints types in lower case; reports show
 * the canonical spelling, so one resource type reads the same whichever command produced the file.
 */
const CANONICAL_TYPES = new Map(
  [
    "Microsoft.RecoveryServices/vaults",
    "Microsoft.RecoveryServices/vaults/backupPolicies",
    "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems",
    "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers",
    "Microsoft.RecoveryServices/vaults/backupProtectionIntent",
    "Microsoft.RecoveryServices/vaults/backupFabrics/backupProtectionIntent",
    "Microsoft.RecoveryServices/vaults/backupJobs",
    "Microsoft.RecoveryServices/vaults/backupstorageconfig",
    "Microsoft.RecoveryServices/vaults/backupconfig",
    "Microsoft.Compute/virtualMachines",
    "Microsoft.KeyVault/vaults",
    "Microsoft.Network/networkInterfaces",
    "Microsoft.Network/virtualNetworks",
    "Microsoft.Network/virtualNetworks/subnets",
    "Microsoft.Network/networkSecurityGroups",
    "Microsoft.Network/networkSecurityGroups/securityRules",
    "Microsoft.Network/routeTables",
    "Microsoft.Network/routeTables/routes",
    "Microsoft.Network/azureFirewalls",
    "Microsoft.Network/firewallPolicies",
    "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
    "Microsoft.Network/privateEndpoints",
    "Microsoft.Resources/resourceGroups",
    "Microsoft.Authorization/locks",
    "Microsoft.Authorization/policyDefinitions",
    "Microsoft.Authorization/policySetDefinitions",
    "Microsoft.Authorization/policyAssignments",
    "Microsoft.Authorization/policyExemptions",
  ].map((t) => [t.toLowerCase(), t]),
);

/** `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s` → `Microsoft.Network/virtualNetworks/subnets`. */
export function typeFromId(id: string): string | undefined {
  const parsed = parseArmId(id);
  if (parsed.provider) return [parsed.provider, ...parsed.segments.map(([t]) => t)].join("/");
  if (parsed.resourceGroup) return "Microsoft.Resources/resourceGroups";
  return undefined;
}

/** The vault id a child resource id belongs to. */
function vaultIdOf(id: string): string | undefined {
  const m = /^(.*?\/providers\/microsoft\.recoveryservices\/vaults\/[^/]+)/i.exec(id);
  return m?.[1];
}

/** Vault settings that ARM keeps in child resources (`backupstorageconfig`, `backupconfig`). */
interface VaultConfig {
  vaultId: string;
  storageRedundancy?: Known<string | undefined>;
  /** `storageTypeState`: Locked once an item is registered (Azure then refuses a redundancy change). */
  storageRedundancyLocked?: Known<boolean | undefined>;
  crossRegionRestore?: Known<boolean | undefined>;
  softDeleteState?: Known<string | undefined>;
  softDeleteRetentionDays?: Known<number | undefined>;
  enhancedSecurityState?: Known<string | undefined>;
}

/** Vault config resources are kept (and counted) in otherResources; their settings ride along here. */
const vaultConfigs = new WeakMap<ResourceRef, VaultConfig>();

/**
 * Folds `backupstorageconfig` / `backupconfig` settings into the ARM or live vault with the same id.
 * Runs per file and again after every source is merged (the vault and its config may come from two files).
 */
export function applyVaultConfigs(model: Model): void {
  for (const ref of model.otherResources) {
    const config = vaultConfigs.get(ref);
    if (!config) continue;
    const vault = model.vaults.find(
      (v) => (v.ref.source.adapter === "arm" || v.ref.source.adapter === "live") && v.ref.id && v.ref.id.toLowerCase() === config.vaultId.toLowerCase(),
    );
    if (vault) applyConfig(vault, config);
  }
}

function applyConfig(vault: Vault, c: VaultConfig): void {
  if (c.storageRedundancy !== undefined) vault.storageRedundancy = c.storageRedundancy;
  if (c.storageRedundancyLocked !== undefined) vault.storageRedundancyLocked = c.storageRedundancyLocked;
  if (c.crossRegionRestore !== undefined) vault.crossRegionRestore = c.crossRegionRestore;
  if (c.softDeleteState !== undefined) vault.softDelete.state = c.softDeleteState;
  if (c.softDeleteRetentionDays !== undefined) vault.softDelete.retentionDays = c.softDeleteRetentionDays;
  if (c.enhancedSecurityState !== undefined) vault.softDelete.enhancedSecurityState = c.enhancedSecurityState;
}

export function fromArm(value: unknown, file: string): Model {
  const mapper = new ArmMapper(file);
  for (const located of resourcesOf(value, file)) mapper.add(located);
  mapper.finish();
  applyVaultConfigs(mapper.model);
  foldManagementGroups(mapper.model);
  foldSharedDisks(mapper.model);
  return mapper.model;
}

interface ArmResource {
  top: Shape;
  props: Shape;
  id: string | undefined;
  type: string;
  lowerType: string;
  name: string;
  pointer: string;
  loc: Location;
}

class ArmMapper {
  readonly model = emptyModel();
  private readonly children: ArmResource[] = [];

  constructor(private readonly file: string) {}

  add(located: Located): void {
    const top = new Shape({ file: this.file, base: formatPath(located.path) }, located.value);
    if (!top.isObject) throw top.error("an ARM resource object");
    const id = top.get("id").str();
    const declaredType = top.get("type").str();
    if (isUnknown(id) || isUnknown(declaredType)) throw top.error("an ARM resource");
    const type = declaredType ?? (id ? typeFromId(id) : undefined);
    if (!type) {
      const hint = top.has("vmAgent") || top.has("statuses") ? " (a VM instance view on its own: `az vm get-instance-view` prints the VM with its instance view)" : "";
      throw new InputError(this.file, top.pointer, `expected an Azure resource with an "id" or a "type"${hint}`);
    }
    const parsed = id ? parseArmId(id) : undefined;
    const nameValue = top.get("name").str();
    const name = typeof nameValue === "string" ? nameValue : (parsed?.name ?? "");
    // Resource Graph rows carry resourceGroup and subscriptionId at the top level.
    const loc: Location = {
      resourceGroup: parsed?.resourceGroup ?? top.get("resourceGroup").str(),
      subscriptionId: parsed?.subscriptionId ?? top.get("subscriptionId").str(),
      vaultName: segmentValue(id, "vaults"),
    };
    // The REST shape nests fields under `properties`; the Azure CLI flattens them to the top (`az vm show`).
    const props = top.has("properties") ? top.get("properties").expectObject() : top;
    const lowerType = type.toLowerCase();
    const resource: ArmResource = { top, props, id, type: CANONICAL_TYPES.get(lowerType) ?? type, lowerType, name, pointer: top.pointer, loc };
    this.map(resource);
  }

  private ref(r: ArmResource, kind: EntityKind, name = r.name): ResourceRef {
    const ref: ResourceRef = { kind, name, type: r.type, source: { adapter: "arm", file: this.file, pointer: r.pointer } };
    if (r.id) ref.id = r.id;
    return ref;
  }

  private other(r: ArmResource): ResourceRef {
    const ref = this.ref(r, "other");
    this.model.otherResources.push(ref);
    return ref;
  }

  private map(r: ArmResource): void {
    const m = this.model;
    const { top, props, loc } = r;
    switch (r.lowerType) {
      case "microsoft.recoveryservices/vaults":
        m.vaults.push(mapVault(this.ref(r, "vault"), top, props, r.name, loc));
        return;
      case "microsoft.recoveryservices/vaults/backuppolicies":
        m.backupPolicies.push(mapBackupPolicy(this.ref(r, "backupPolicy"), props, r.name, loc));
        return;
      case "microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems":
        m.protectedItems.push(mapProtectedItem(this.ref(r, "protectedItem"), props, { itemName: r.name, containerName: segmentValue(r.id, "protectionContainers") }, loc));
        return;
      case "microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers":
        m.protectionContainers.push(mapProtectionContainer(this.ref(r, "protectionContainer"), props, r.name, loc));
        return;
      case "microsoft.recoveryservices/vaults/backupprotectionintent":
      case "microsoft.recoveryservices/vaults/backupfabrics/backupprotectionintent":
        m.protectionIntents.push(mapProtectionIntent(this.ref(r, "protectionIntent"), props, loc, undefined, r.name));
        return;
      case "microsoft.recoveryservices/vaults/backupjobs":
        m.backupJobs.push(this.job(r));
        return;
      case "microsoft.recoveryservices/vaults/backupstorageconfig":
      case "microsoft.recoveryservices/vaults/backupconfig":
        this.vaultConfig(r);
        return;
      case "microsoft.compute/virtualmachines":
        m.vms.push(mapVirtualMachine(this.ref(r, "vm"), top, props, r.name, loc));
        return;
      case "microsoft.keyvault/vaults":
        m.keyVaults.push(mapKeyVault(this.ref(r, "keyVault"), props, r.name, loc));
        return;
      case "microsoft.network/networkinterfaces":
        m.nics.push(mapNic(this.ref(r, "nic"), top, props, r.name));
        return;
      case "microsoft.network/virtualnetworks":
        this.other(r);
        this.vnetSubnets(r);
        return;
      case "microsoft.network/virtualnetworks/subnets":
        m.subnets.push(mapSubnet(this.ref(r, "subnet"), props, r.name, segmentValue(r.id, "virtualNetworks"), loc));
        return;
      case "microsoft.network/networksecuritygroups":
        m.nsgs.push(mapNsg(this.ref(r, "nsg"), top, props, r.name, loc));
        return;
      case "microsoft.network/routetables":
        m.routeTables.push(mapRouteTable(this.ref(r, "routeTable"), props, r.name));
        return;
      case "microsoft.network/networksecuritygroups/securityrules":
      case "microsoft.network/routetables/routes":
        this.children.push(r);
        return;
      case "microsoft.network/azurefirewalls":
        m.firewalls.push(mapFirewall(this.ref(r, "firewall"), props, r.name));
        return;
      case "microsoft.network/firewallpolicies":
        m.firewallPolicies.push(mapFirewallPolicy(this.ref(r, "firewallPolicy"), props, r.name, loc.resourceGroup));
        return;
      case "microsoft.network/firewallpolicies/rulecollectiongroups": {
        // `az network firewall policy rule-collection-group list` prints the groups without their policy: its id says it.
        const policyId = r.id ? /^(.*?\/providers\/microsoft\.network\/firewallpolicies\/[^/]+)/i.exec(r.id)?.[1] : undefined;
        const policyName = segmentValue(r.id, "firewallPolicies");
        m.firewallRuleCollectionGroups.push(mapRuleCollectionGroup(this.ref(r, "firewallRuleCollectionGroup"), props, r.name, { policyId, policyName, resourceGroup: loc.resourceGroup }));
        return;
      }
      case "microsoft.network/privateendpoints":
        m.privateEndpoints.push(mapPrivateEndpoint(this.ref(r, "privateEndpoint"), props));
        return;
      case "microsoft.resources/resourcegroups":
      case "microsoft.resources/subscriptions/resourcegroups":
        m.resourceGroups.push(mapResourceGroup(this.ref(r, "resourceGroup"), top, r.name, loc.subscriptionId));
        return;
      case "microsoft.authorization/locks":
        m.locks.push(mapLock(this.ref(r, "lock"), props, scopeOfExtensionId(r.id, "locks"), loc.resourceGroup));
        return;
      case "microsoft.authorization/policydefinitions":
        m.policyDefinitions.push(mapPolicyDefinition(this.ref(r, "policyDefinition"), props));
        return;
      case "microsoft.authorization/policysetdefinitions":
        m.policySetDefinitions.push(mapPolicySetDefinition(this.ref(r, "policySetDefinition"), props));
        return;
      case "microsoft.authorization/policyassignments": {
        const scope = props.get("scope").str() ?? scopeOfExtensionId(r.id, "policyAssignments");
        m.policyAssignments.push(mapPolicyAssignment(this.ref(r, "policyAssignment"), top, props, r.name, scope));
        return;
      }
      case "microsoft.authorization/policyexemptions":
        m.policyExemptions.push(mapPolicyExemption(this.ref(r, "policyExemption"), props, scopeOfExtensionId(r.id, "policyExemptions")));
        return;
      case "microsoft.compute/disks":
        // Kept as other; its maxShares folds into the VM data disks that attach it.
        recordManagedDisk(this.other(r), { id: r.id, name: r.name, resourceGroup: loc.resourceGroup, maxShares: props.get("maxShares").num() });
        return;
      case "microsoft.management/managementgroups":
        m.managementGroups.push(...mapManagementGroup(this.ref(r, "managementGroup"), props, r.name, [top]));
        return;
      case "microsoft.management/managementgroups/subscriptions":
      case "microsoft.resources/subscriptions":
        this.subscriptionPlacement(r);
        return;
      default:
        this.other(r);
    }
  }

  /** Standalone security rules and routes join their NSG / route table when the file holds it. */
  finish(): void {
    for (const r of this.children) {
      const parentId = r.id?.replace(/\/(securityRules|routes)\/[^/]+$/i, "");
      if (r.lowerType.endsWith("/securityrules")) {
        const nsg = parentId ? this.model.nsgs.find((n) => n.ref.id?.toLowerCase() === parentId.toLowerCase()) : undefined;
        const rule = mapSecurityRule(r.top, this.ref(r, "nsg"));
        // Only add a rule the NSG's own list does not already hold (an NSG GET lists every rule).
        if (nsg && !isUnknown(nsg.securityRules)) {
          if (!nsg.securityRules.some((x) => typeof x.name === "string" && x.name.toLowerCase() === r.name.toLowerCase())) nsg.securityRules.push(rule);
        } else this.other(r);
      } else {
        const table = parentId ? this.model.routeTables.find((t) => t.ref.id?.toLowerCase() === parentId.toLowerCase()) : undefined;
        if (table && !isUnknown(table.routes)) {
          if (!table.routes.some((x) => typeof x.name === "string" && x.name.toLowerCase() === r.name.toLowerCase())) table.routes.push(mapRoute(r.top));
        } else this.other(r);
      }
    }
  }

  private vnetSubnets(r: ArmResource): void {
    const subnets = r.props.get("subnets").arr();
    if (subnets === undefined || isUnknown(subnets)) return;
    for (const s of subnets) {
      const { name, id, props } = subResource(s);
      const subnetName = typeof name === "string" ? name : typeof id === "string" ? (parseArmId(id).name ?? "") : "";
      const ref: ResourceRef = { kind: "subnet", name: subnetName, type: "Microsoft.Network/virtualNetworks/subnets", source: { adapter: "arm", file: this.file, pointer: s.pointer } };
      if (typeof id === "string") ref.id = id;
      this.model.subnets.push(mapSubnet(ref, props, subnetName, r.name, r.loc));
    }
  }

  /**
   * Where a subscription sits: a group's subscription resource (`parent.id`), or a Resource Graph subscription row
   * (`managementGroupAncestorsChain`). The resource stays counted as other; its facts fold into the groups.
   */
  private subscriptionPlacement(r: ArmResource): void {
    const ref = this.other(r);
    if (r.lowerType === "microsoft.resources/subscriptions") {
      const subscriptionId = r.loc.subscriptionId ?? r.props.get("subscriptionId").str();
      recordGroupFacts(ref, ancestorChainFacts(subscriptionId, r.props.get("managementGroupAncestorsChain").arr()));
      return;
    }
    const group = groupNameOfId(r.props.get("parent", "id").str()) ?? groupNameOfId(r.id);
    const parsed = r.id ? parseArmId(r.id.trim()) : undefined;
    const subscriptionId = r.top.get("name").str() ?? parsed?.subscriptionId;
    if (typeof group === "string" && subscriptionId !== undefined) recordGroupFacts(ref, { members: [{ group, subscriptionId }], parents: [] });
  }

  private vaultConfig(r: ArmResource): void {
    const ref = this.other(r);
    const vaultId = r.id ? vaultIdOf(r.id) : undefined;
    if (!vaultId) return;
    const p = r.props;
    const config: VaultConfig = { vaultId };
    if (r.lowerType.endsWith("/backupstorageconfig")) {
      const storage = p.get("storageModelType").str() ?? p.get("storageType").str();
      if (storage !== undefined) config.storageRedundancy = storage;
      const state = p.get("storageTypeState").str();
      // Locked | Unlocked; Invalid says nothing.
      if (isUnknown(state) || (state !== undefined && /^(un)?locked$/i.test(state))) config.storageRedundancyLocked = isUnknown(state) ? state : /^locked$/i.test(state);
      const crr = p.get("crossRegionRestoreFlag").bool();
      if (crr !== undefined) config.crossRegionRestore = crr;
    } else {
      const state = p.get("softDeleteFeatureState").str();
      if (state !== undefined) config.softDeleteState = state;
      const days = p.get("softDeleteRetentionPeriodInDays").num();
      if (days !== undefined) config.softDeleteRetentionDays = days;
      const enhanced = p.get("enhancedSecurityState").str();
      if (enhanced !== undefined) config.enhancedSecurityState = enhanced;
    }
    vaultConfigs.set(ref, config);
  }

  private job(r: ArmResource): BackupJob {
    const p = r.props;
    const details = p.get("errorDetails").arr();
    const errors: BackupJob["errors"] = [];
    for (const d of isUnknown(details) ? [] : (details ?? [])) {
      d.expectObject();
      const code = d.get("errorCode").value;
      const error: BackupJob["errors"][number] = {};
      if (typeof code === "string" || typeof code === "number") error.code = String(code);
      const title = d.get("errorTitle").str();
      if (typeof title === "string" && title !== "") error.title = title;
      const message = d.get("errorString").str();
      if (typeof message === "string" && message !== "") error.message = message;
      const recommendations = d.get("recommendations").strList();
      if (Array.isArray(recommendations)) error.recommendations = recommendations.filter((x): x is string => typeof x === "string");
      errors.push(error);
    }
    return {
      ref: this.ref(r, "backupJob"),
      vaultName: r.loc.vaultName,
      resourceGroup: r.loc.resourceGroup,
      jobType: p.get("jobType").str(),
      operation: p.get("operation").str(),
      status: p.get("status").str(),
      backupManagementType: p.get("backupManagementType").str(),
      entityFriendlyName: p.get("entityFriendlyName").str(),
      workloadType: p.get("workloadType").str(),
      startTime: p.get("startTime").str(),
      endTime: p.get("endTime").str(),
      errors,
    };
  }
}
