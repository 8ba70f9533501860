/**
 * THE mapping from Pulumi resources (azure-native v3) to the model, shared by every Pulumi source:
 * the in-process program, `pulumi preview --json`, `pulumi stack export` and the CrossGuard pack.
 *
 * - Values: the unknown sentinel (anywhere, nested too) becomes UNKNOWN; `[secret]` and state-file secret
 *   envelopes become SECRET, so a secret value never reaches the model, a message or a report.
 * - Names: the explicit Azure name input (`vaultName`, `policyName`, ...), else the `name` output, else the
 *   Pulumi resource name. `ref.name` is always the Pulumi resource name.
 * - Ids: only what the source gives (`id`, `outputs.id`); none is ever made up.
 * - Joins: when a policy id is unknown at preview, the policy's URN comes from `propertyDependencies`.
 */
import { InputError } from "../errors.js";
import { parseArmId, segmentValue } from "../model/ids.js";
import { emptyModel, type EntityKind, type Model, type ResourceRef, type RouteTable, type SourceAdapter } from "../model/types.js";
import { isUnknown, SECRET, UNKNOWN, type Known } from "../model/unknown.js";
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
import { foldManagementGroups, mapManagementGroup, recordGroupFacts } from "./management-groups.js";
import type { ManagementGroup, Vault } from "../model/types.js";
import { joinPointer, Shape, type PathSegment, type ShapeContext } from "./shape.js";

export interface PulumiResourceRecord {
  type: string;
  name: string;
  urn?: string;
  id?: string;
  inputs: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  /** The resource as Azure has it before this update (a preview step's `oldState`), when the source shows it. */
  deployed?: { outputs: Record<string, unknown>; pointer?: string };
  parent?: string;
  propertyDependencies?: Record<string, string[]>;
  dependencies?: string[];
  /**
   * Read, not managed (`Vault.get(...)`, a `read` step, `external: true` in a stack export): Pulumi keeps only the
   * lookup arguments as inputs and the resource as Azure returned it as outputs, so the outputs describe it.
   */
  external?: boolean;
}

export interface PulumiSource {
  adapter: "program" | "preview" | "state";
  file?: string;
  /** Where record `index` sits in the file, e.g. `steps[3].newState`. */
  pointerOf?: (index: number) => string;
  /** Used only to synthesize URNs when a record has none. */
  stack?: string;
  project?: string;
}

/** What `pulumi preview --json` prints for a value not known until deployment. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** What `pulumi preview --json` prints for a secret. */
export const SECRET_PLACEHOLDER = "[secret]";
/** The signature key Pulumi's state uses for special objects, and the signatures we read. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** Deeper nesting than this is not an Azure resource: refuse it rather than recurse without bound. */
const MAX_DEPTH = 200;

/**
 * Replaces Pulumi's markers by the model's: unknown sentinel → UNKNOWN, secrets → SECRET, resource references →
 * their id, output values → their value. Returns a fresh tree; the input is not modified.
 */
export function normalizePulumiValue(value: unknown, ctx: ShapeContext, path: PathSegment[] = []): unknown {
  if (path.length > MAX_DEPTH) throw new InputError(ctx.file, joinPointer(ctx.base, path), `nested deeper than ${MAX_DEPTH} levels`);
  if (typeof value === "string") {
    if (value === UNKNOWN_SENTINEL) return UNKNOWN;
    if (value === SECRET_PLACEHOLDER) return SECRET;
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => normalizePulumiValue(v, ctx, [...path, i]));
  if (value !== null && typeof value === "object") {
    if (isUnknown(value)) return value;
    const obj = value as Record<string, unknown>;
    const sig = obj[SIG_KEY];
    if (sig === SECRET_SIG) return SECRET;
    if (sig === RESOURCE_REFERENCE_SIG) {
      const id = obj.id;
      if (id === undefined || id === "" || id === UNKNOWN_SENTINEL) return UNKNOWN;
      return normalizePulumiValue(id, ctx, [...path, "id"]);
    }
    if (sig === OUTPUT_VALUE_SIG) {
      if (obj.secret === true) return SECRET;
      if (!("value" in obj)) return UNKNOWN;
      return normalizePulumiValue(obj.value, ctx, [...path, "value"]);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) out[key] = normalizePulumiValue(obj[key], ctx, [...path, key]);
    return out;
  }
  return value;
}

/** `azure-native:recoveryservices:Vault` and `azure-native:recoveryservices/v20250801:Vault` → `recoveryservices:Vault`. */
export function azureNativeToken(type: string): string | undefined {
  const m = /^azure-native:([A-Za-z0-9]+)(?:\/[A-Za-z0-9]+)?:([A-Za-z0-9]+)$/.exec(type);
  return m ? `${m[1]!.toLowerCase()}:${m[2]!}` : undefined;
}

/** The resource type inside a URN: `urn:pulumi:s::p::parent$azure-native:...:Vault::name` → `azure-native:...:Vault`. */
function typeOfUrn(urn: string): string | undefined {
  const parts = urn.split("::");
  if (parts.length < 4) return undefined;
  return parts[2]!.split("$").at(-1);
}

/** The Azure name input of each mapped resource type. */
const NAME_INPUT: Record<string, string> = {
  "recoveryservices:Vault": "vaultName",
  "recoveryservices:ProtectionPolicy": "policyName",
  "recoveryservices:ProtectedItem": "protectedItemName",
  "recoveryservices:ProtectionContainer": "containerName",
  "recoveryservices:ProtectionIntent": "intentObjectName",
  "compute:VirtualMachine": "vmName",
  "keyvault:Vault": "vaultName",
  "network:NetworkInterface": "networkInterfaceName",
  "network:VirtualNetwork": "virtualNetworkName",
  "network:Subnet": "subnetName",
  "network:NetworkSecurityGroup": "networkSecurityGroupName",
  "network:SecurityRule": "securityRuleName",
  "network:RouteTable": "routeTableName",
  "network:Route": "routeName",
  "network:AzureFirewall": "azureFirewallName",
  "network:FirewallPolicy": "firewallPolicyName",
  "network:FirewallPolicyRuleCollectionGroup": "ruleCollectionGroupName",
  "network:PrivateEndpoint": "privateEndpointName",
  "resources:ResourceGroup": "resourceGroupName",
  "authorization:ManagementLockAtResourceGroupLevel": "lockName",
  "authorization:ManagementLockAtSubscriptionLevel": "lockName",
  "authorization:ManagementLockByScope": "lockName",
  "authorization:PolicyDefinition": "policyDefinitionName",
  "authorization:PolicyDefinitionAtManagementGroup": "policyDefinitionName",
  "authorization:PolicySetDefinition": "policySetDefinitionName",
  "authorization:PolicySetDefinitionAtManagementGroup": "policySetDefinitionName",
  "authorization:PolicyAssignment": "policyAssignmentName",
  "authorization:PolicyExemption": "policyExemptionName",
  "management:ManagementGroup": "groupId",
  "compute:Disk": "diskName",
};

const POLICY_TOKENS = new Set(["recoveryservices:ProtectionPolicy"]);
const VAULT_TOKENS = new Set(["recoveryservices:Vault"]);
const VM_TOKENS = new Set(["compute:VirtualMachine"]);
const RESOURCE_GROUP_TOKENS = new Set(["resources:ResourceGroup"]);
const DEFINITION_TOKENS = new Set([
  "authorization:PolicyDefinition",
  "authorization:PolicyDefinitionAtManagementGroup",
  "authorization:PolicySetDefinition",
  "authorization:PolicySetDefinitionAtManagementGroup",
]);
const ASSIGNMENT_TOKENS = new Set(["authorization:PolicyAssignment"]);
const GROUP_TOKENS = new Set(["management:ManagementGroup"]);
const FIREWALL_POLICY_TOKENS = new Set(["network:FirewallPolicy"]);

interface Prepared {
  record: PulumiResourceRecord;
  token: string | undefined;
  ctx: ShapeContext;
  inputs: Shape;
  outputs: Shape;
  urn: string;
  id: string | undefined;
}

function isSkipped(type: string): boolean {
  // The stack itself and providers are plumbing, not resources to check.
  return type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");
}

export function fromPulumiResources(records: PulumiResourceRecord[], source: PulumiSource): Model {
  const mapper = new PulumiMapper(source);
  const model = mapper.map(records);
  mapper.placeManagementGroups();
  foldManagementGroups(model);
  foldSharedDisks(model);
  return model;
}

class PulumiMapper {
  private readonly model = emptyModel();
  private readonly file: string;
  private readonly adapter: SourceAdapter;

  constructor(private readonly source: PulumiSource) {
    this.file = source.file ?? "Pulumi program";
    this.adapter = source.adapter;
  }

  map(records: PulumiResourceRecord[]): Model {
    const prepared = records.map((r, i) => this.prepare(r, i)).filter((p): p is Prepared => p !== undefined);
    for (const p of prepared) this.byUrn.set(p.urn, p);
    const deferred: Prepared[] = [];
    for (const p of prepared) {
      if (p.token === "network:SecurityRule" || p.token === "network:Route") deferred.push(p);
      else this.mapOne(p);
    }
    // Standalone rules and routes join their NSG / route table once every table is known.
    for (const p of deferred) {
      if (p.token === "network:SecurityRule") this.mergeSecurityRule(p);
      else this.mergeRoute(p);
    }
    for (const p of prepared) if (p.token === "recoveryservices:ResourceGuardProxy") this.joinGuardProxy(p);
    return this.model;
  }

  /**
   * A resource guard mapping (`ResourceGuardProxy`) has no id until it is created, but its `vaultName` input (or,
   * when that is `vault.name`, its propertyDependencies) names the vault it guards.
   */
  private joinGuardProxy(p: Prepared): void {
    const { vaultName, resourceGroup } = this.location(p);
    if (typeof vaultName !== "string") return;
    const vaults = this.model.vaults.filter((v) => {
      if (isUnknown(v.vaultName) || v.vaultName.toLowerCase() !== vaultName.toLowerCase()) return false;
      const rg = isUnknown(v.resourceGroup) ? undefined : v.resourceGroup;
      return typeof resourceGroup !== "string" || rg === undefined || rg.toLowerCase() === resourceGroup.toLowerCase();
    });
    if (vaults.length !== 1) return; // two vaults of that name in different groups: leave it to the id
    (vaults[0]!.guardProxyUrns ??= []).push(p.urn);
  }

  private prepare(record: PulumiResourceRecord, index: number): Prepared | undefined {
    const base = this.source.pointerOf?.(index) ?? record.urn ?? `resources[${index}]`;
    const ctx: ShapeContext = { file: this.file, base };
    if (typeof record.type !== "string" || record.type === "") throw new InputError(this.file, joinPointer(base, ["type"]), "expected a resource type token");
    if (isSkipped(record.type)) return undefined;
    const declaredInputs = record.inputs ?? {};
    if (typeof declaredInputs !== "object" || Array.isArray(declaredInputs) || declaredInputs === null)
      throw new Shape(ctx, declaredInputs, ["inputs"]).error("an object");
    const readOutputs = record.external && isPlainObject(record.outputs) ? record.outputs : undefined;
    const inputsRaw = readOutputs ? { ...readOutputs, ...declaredInputs } : declaredInputs;
    const inputs = new Shape(ctx, normalizePulumiValue(inputsRaw, ctx, [readOutputs ? "outputs" : "inputs"]), [readOutputs ? "outputs" : "inputs"]);
    const outputs = new Shape(ctx, record.outputs === undefined ? undefined : normalizePulumiValue(record.outputs, ctx, ["outputs"]), ["outputs"]);
    outputs.expectObject();
    const urn = record.urn ?? `urn:pulumi:${this.source.stack ?? "stack"}::${this.source.project ?? "project"}::${record.type}::${record.name}`;
    const outId = outputs.get("id").value;
    const id = knownId(record.id) ?? knownId(outId);
    return { record, token: azureNativeToken(record.type), ctx, inputs, outputs, urn, id };
  }

  private ref(p: Prepared, kind: EntityKind, name = p.record.name): ResourceRef {
    const ref: ResourceRef = { kind, name, type: p.record.type, urn: p.urn, source: { adapter: this.adapter, file: this.source.file, pointer: p.ctx.base } };
    if (this.source.file === undefined) delete ref.source.file;
    if (p.id) ref.id = p.id;
    return ref;
  }

  /** Explicit Azure name input, else the `name` output, else the Pulumi resource name. */
  private azureName(p: Prepared): Known<string> {
    const key = p.token ? NAME_INPUT[p.token] : undefined;
    const explicit = key ? p.inputs.get(key).str() : undefined;
    if (typeof explicit === "string") return explicit;
    const output = p.outputs.get("name").str();
    if (typeof output === "string") return output;
    if (isUnknown(explicit)) return explicit;
    return p.record.name;
  }

  private location(p: Prepared): Location {
    // A resource read by id has no name inputs: its id spells them.
    const parsed = p.id ? parseArmId(p.id) : undefined;
    return {
      resourceGroup: this.nameThroughDependency(p, "resourceGroupName", RESOURCE_GROUP_TOKENS) ?? parsed?.resourceGroup,
      subscriptionId: parsed?.subscriptionId,
      vaultName: this.nameThroughDependency(p, "vaultName", VAULT_TOKENS) ?? segmentValue(p.id, "vaults"),
    };
  }

  /**
   * A name input such as `vaultName: vault.name` is unknown at preview while the vault is being created; the
   * input's propertyDependencies still name the vault, whose own name input is known.
   */
  private nameThroughDependency(p: Prepared, input: string, tokens: Set<string>): Known<string | undefined> {
    const value = p.inputs.get(input).str();
    if (!isUnknown(value)) return value;
    const urns = [...new Set((p.record.propertyDependencies?.[input] ?? []).filter((u) => tokens.has(azureNativeToken(typeOfUrn(u) ?? "") ?? "")))];
    const target = urns.length === 1 ? this.byUrn.get(urns[0]!) : undefined;
    const name = target ? this.azureName(target) : undefined;
    return typeof name === "string" ? name : value;
  }

  private readonly byUrn = new Map<string, Prepared>();

  /** `policyId: policy.id` is unknown while the policy is being created; the properties still depend on the policy. */
  private policyThroughDependency(p: Prepared, props: Shape): string | undefined {
    return isUnknown(props.get("policyId").value) ? this.dependencyOfType(p, ["properties", "policyId"], POLICY_TOKENS) : undefined;
  }

  /** `sourceResourceId: vm.id` is unknown while the VM is being created; the properties still depend on the VM. */
  private joinVmThroughDependency(p: Prepared, props: Shape, target: { sourceResourceUrn?: string }): void {
    if (!isUnknown(props.get("sourceResourceId").value)) return;
    const vmUrn = this.dependencyOfType(p, ["properties", "sourceResourceId"], VM_TOKENS);
    if (vmUrn) target.sourceResourceUrn = vmUrn;
  }

  /** The URN of the one dependency of `keys` whose type is in `tokens` (`dependencies` as the fallback). */
  private dependencyOfType(p: Prepared, keys: string[], tokens: Set<string>): string | undefined {
    const matching = (urns: string[] | undefined) =>
      [...new Set((urns ?? []).filter((u) => typeof u === "string" && tokens.has(azureNativeToken(typeOfUrn(u) ?? "") ?? "")))];
    const fromProperty = matching(keys.flatMap((k) => p.record.propertyDependencies?.[k] ?? []));
    if (fromProperty.length === 1) return fromProperty[0];
    if (fromProperty.length > 1) return undefined;
    const fromAll = matching(p.record.dependencies);
    return fromAll.length === 1 ? fromAll[0] : undefined;
  }

  private other(p: Prepared): void {
    this.model.otherResources.push(this.ref(p, "other"));
  }

  private mapOne(p: Prepared): void {
    const m = this.model;
    const inputs = p.inputs;
    switch (p.token) {
      case "recoveryservices:Vault": {
        const vault = mapVault(this.ref(p, "vault"), inputs, inputs.get("properties"), this.azureName(p), this.location(p));
        this.readVaultState(p, vault);
        m.vaults.push(vault);
        return;
      }
      case "recoveryservices:ProtectionPolicy":
        m.backupPolicies.push(mapBackupPolicy(this.ref(p, "backupPolicy"), inputs.get("properties"), this.azureName(p), this.location(p)));
        return;
      case "recoveryservices:ProtectedItem": {
        const props = inputs.get("properties");
        const policyUrn = this.policyThroughDependency(p, props);
        const names = { itemName: this.azureName(p), containerName: inputs.get("containerName").str() };
        const item = mapProtectedItem(this.ref(p, "protectedItem"), props, names, this.location(p), policyUrn);
        this.joinVmThroughDependency(p, props, item);
        m.protectedItems.push(item);
        return;
      }
      case "recoveryservices:ProtectionIntent": {
        const props = inputs.get("properties");
        const policyUrn = this.policyThroughDependency(p, props);
        const intent = mapProtectionIntent(this.ref(p, "protectionIntent"), props, this.location(p), policyUrn, this.azureName(p));
        this.joinVmThroughDependency(p, props, intent);
        m.protectionIntents.push(intent);
        return;
      }
      case "recoveryservices:ProtectionContainer":
        m.protectionContainers.push(mapProtectionContainer(this.ref(p, "protectionContainer"), inputs.get("properties"), this.azureName(p), this.location(p)));
        return;
      case "keyvault:Vault":
        m.keyVaults.push(mapKeyVault(this.ref(p, "keyVault"), inputs.get("properties"), this.azureName(p), this.location(p)));
        return;
      case "compute:VirtualMachine": {
        const vm = mapVirtualMachine(this.ref(p, "vm"), inputs, inputs, this.azureName(p), this.location(p));
        // Read-only: only the outputs (a stack export, an unchanged resource in a preview) say how Azure left the VM.
        const provisioning = p.outputs.get("provisioningState").str();
        if (vm.provisioningState === undefined && provisioning !== undefined) vm.provisioningState = provisioning;
        m.vms.push(vm);
        return;
      }
      case "network:NetworkInterface":
        m.nics.push(mapNic(this.ref(p, "nic"), inputs, inputs, this.azureName(p)));
        return;
      case "network:VirtualNetwork":
        this.other(p);
        this.inlineSubnets(p);
        return;
      case "network:Subnet":
        m.subnets.push(mapSubnet(this.ref(p, "subnet"), inputs, this.azureName(p), inputs.get("virtualNetworkName").str(), this.location(p)));
        return;
      case "network:NetworkSecurityGroup":
        m.nsgs.push(mapNsg(this.ref(p, "nsg"), inputs, inputs, this.azureName(p), this.location(p)));
        return;
      case "network:RouteTable": {
        const table = mapRouteTable(this.ref(p, "routeTable"), inputs, this.azureName(p));
        this.routeTableGroups.set(table, inputs.get("resourceGroupName").str());
        m.routeTables.push(table);
        return;
      }
      case "network:AzureFirewall": {
        const fw = mapFirewall(this.ref(p, "firewall"), inputs, this.azureName(p));
        const policyUrn = isUnknown(fw.firewallPolicyId) ? this.dependencyOfType(p, ["firewallPolicy"], FIREWALL_POLICY_TOKENS) : undefined;
        if (policyUrn) fw.firewallPolicyUrn = policyUrn;
        m.firewalls.push(fw);
        return;
      }
      case "network:FirewallPolicy": {
        const policy = mapFirewallPolicy(this.ref(p, "firewallPolicy"), inputs, this.azureName(p), this.location(p).resourceGroup);
        const baseUrn = isUnknown(policy.basePolicyId) ? this.dependencyOfType(p, ["basePolicy"], FIREWALL_POLICY_TOKENS) : undefined;
        if (baseUrn) policy.basePolicyUrn = baseUrn;
        m.firewallPolicies.push(policy);
        return;
      }
      case "network:FirewallPolicyRuleCollectionGroup": {
        // Joined to its policy by `firewallPolicyName: policy.name` (propertyDependencies), else by name + resource group.
        const policyId = p.id ? /^(.*?\/providers\/microsoft\.network\/firewallpolicies\/[^/]+)/i.exec(p.id)?.[1] : undefined;
        const group = mapRuleCollectionGroup(this.ref(p, "firewallRuleCollectionGroup"), inputs, this.azureName(p), {
          policyId,
          policyName: this.nameThroughDependency(p, "firewallPolicyName", FIREWALL_POLICY_TOKENS),
          resourceGroup: this.location(p).resourceGroup,
        });
        const policyUrn = this.dependencyOfType(p, ["firewallPolicyName"], FIREWALL_POLICY_TOKENS);
        if (policyUrn) group.policyUrn = policyUrn;
        m.firewallRuleCollectionGroups.push(group);
        return;
      }
      case "network:PrivateEndpoint":
        m.privateEndpoints.push(mapPrivateEndpoint(this.ref(p, "privateEndpoint"), inputs));
        return;
      case "resources:ResourceGroup":
        m.resourceGroups.push(mapResourceGroup(this.ref(p, "resourceGroup"), inputs, this.azureName(p), p.id ? parseArmId(p.id).subscriptionId : undefined));
        return;
      case "authorization:ManagementLockAtResourceGroupLevel":
        m.locks.push(mapLock(this.ref(p, "lock"), inputs, scopeOfExtensionId(p.id, "locks") ?? UNKNOWN, inputs.get("resourceGroupName").str()));
        return;
      case "authorization:ManagementLockAtSubscriptionLevel":
        m.locks.push(mapLock(this.ref(p, "lock"), inputs, scopeOfExtensionId(p.id, "locks") ?? UNKNOWN));
        return;
      case "authorization:ManagementLockByScope":
        m.locks.push(mapLock(this.ref(p, "lock"), inputs, inputs.get("scope").str()));
        return;
      case "authorization:PolicyDefinition":
      case "authorization:PolicyDefinitionAtManagementGroup":
        m.policyDefinitions.push(mapPolicyDefinition(this.ref(p, "policyDefinition"), inputs));
        return;
      case "authorization:PolicySetDefinition":
      case "authorization:PolicySetDefinitionAtManagementGroup":
        m.policySetDefinitions.push(mapPolicySetDefinition(this.ref(p, "policySetDefinition"), inputs));
        return;
      case "authorization:PolicyAssignment": {
        const definitionUrn = isUnknown(inputs.get("policyDefinitionId").value)
          ? this.dependencyOfType(p, ["policyDefinitionId"], DEFINITION_TOKENS)
          : undefined;
        m.policyAssignments.push(mapPolicyAssignment(this.ref(p, "policyAssignment"), inputs, inputs, this.azureName(p), inputs.get("scope").str(), definitionUrn));
        return;
      }
      case "authorization:PolicyExemption": {
        const assignmentUrn = isUnknown(inputs.get("policyAssignmentId").value)
          ? this.dependencyOfType(p, ["policyAssignmentId"], ASSIGNMENT_TOKENS)
          : undefined;
        m.policyExemptions.push(mapPolicyExemption(this.ref(p, "policyExemption"), inputs, inputs.get("scope").str(), assignmentUrn));
        return;
      }
      case "management:ManagementGroup": {
        const name = this.azureName(p);
        const groups = mapManagementGroup(this.ref(p, "managementGroup"), inputs, typeof name === "string" ? name : p.record.name, [p.outputs]);
        if (typeof name !== "string") this.unnamedGroups.add(groups[0]!);
        if (isUnknown(groups[0]!.parentName)) this.groupParents.push({ p, group: groups[0]! });
        m.managementGroups.push(...groups);
        return;
      }
      case "compute:Disk": {
        // Kept as other; its maxShares folds into the VM data disks that attach it.
        const ref = this.ref(p, "other");
        m.otherResources.push(ref);
        recordManagedDisk(ref, { id: p.id, name: this.azureName(p), resourceGroup: inputs.get("resourceGroupName").str(), maxShares: inputs.get("maxShares").num() });
        return;
      }
      case "management:ManagementGroupSubscription": {
        const ref = this.ref(p, "other");
        m.otherResources.push(ref);
        this.groupPlacements.push({ p, ref });
        return;
      }
      default:
        this.other(p);
    }
  }

  /**
   * Settings only Azure reports: multi-user authorization (read-only, in the outputs), and the storage redundancy
   * the vault has before this update (a preview's old state), which Azure refuses to change once items are protected.
   */
  private readVaultState(p: Prepared, vault: Vault): void {
    if (vault.multiUserAuthorization === undefined) {
      const mua = p.outputs.get("properties", "securitySettings", "multiUserAuthorization").str();
      if (mua !== undefined) vault.multiUserAuthorization = mua;
    }
    const deployed = p.record.deployed;
    if (!deployed) return;
    const ctx: ShapeContext = { file: this.file, base: deployed.pointer ?? joinPointer(p.ctx.base, ["deployed"]) };
    const before = new Shape(ctx, normalizePulumiValue(deployed.outputs, ctx));
    const redundancy = before.get("properties", "redundancySettings", "standardTierStorageRedundancy").str();
    if (redundancy !== undefined) vault.deployedStorageRedundancy = redundancy;
  }

  /** Groups whose parent is a group of the same program, by `details.parent.id: parent.id` (unknown at preview). */
  private readonly groupParents: { p: Prepared; group: ManagementGroup }[] = [];
  /** `ManagementGroupSubscription` resources, placed once every group is mapped. */
  private readonly groupPlacements: { p: Prepared; ref: ResourceRef }[] = [];

  /** Groups whose Azure name is computed at preview: the model holds them under their Pulumi name, which no scope names. */
  private readonly unnamedGroups = new WeakSet<ManagementGroup>();

  /** The name of the program's management group a `groupId`-like input depends on, when the input is unknown. */
  private groupThroughDependency(p: Prepared, keys: string[]): string | undefined {
    const urn = this.dependencyOfType(p, keys, GROUP_TOKENS);
    const group = urn ? this.model.managementGroups.find((g) => g.ref.urn === urn) : undefined;
    // A group whose name is not known cannot be placed by name: its members and children stay unknown.
    return group && !this.unnamedGroups.has(group) ? group.groupName : undefined;
  }

  placeManagementGroups(): void {
    for (const { p, group } of this.groupParents) {
      if (!isUnknown(p.inputs.get("details", "parent", "id").value)) continue;
      const parent = this.groupThroughDependency(p, ["details"]);
      if (parent) group.parentName = parent;
    }
    for (const { p, ref } of this.groupPlacements) {
      const declared = p.inputs.get("groupId").str();
      const group = typeof declared === "string" ? declared : this.groupThroughDependency(p, ["groupId"]);
      if (typeof group !== "string") continue; // placed in a group the source does not name: membership stays unknown
      // Without a subscriptionId input, Azure uses the provider's subscription: known only once deployed.
      const subscriptionId =
        p.inputs.get("subscriptionId").str() ?? p.outputs.get("name").str() ?? (p.id ? parseArmId(p.id).subscriptionId : undefined) ?? {
          $unknown: true as const,
          reason: "the subscription is the provider's default, not named in the program",
        };
      recordGroupFacts(ref, { members: [{ group, subscriptionId }], parents: [] });
    }
  }

  /** A VirtualNetwork's inline `subnets` become subnets of the model, pointing at the VNet resource. */
  private inlineSubnets(p: Prepared): void {
    const subnets = p.inputs.get("subnets").arr();
    if (subnets === undefined || isUnknown(subnets)) return;
    const vnetName = this.azureName(p);
    const outputSubnets = p.outputs.get("subnets").arr();
    subnets.forEach((s, i) => {
      if (s.unknown) return;
      s.expectObject();
      const name = s.get("name").str();
      const subnetName: Known<string> = name === undefined ? UNKNOWN : name;
      const ref = this.ref(p, "subnet", `${p.record.name}/${typeof subnetName === "string" ? subnetName : `subnets[${i}]`}`);
      delete ref.id;
      // State outputs carry each subnet's id: take it from the output subnet of the same name.
      if (typeof name === "string" && outputSubnets && !isUnknown(outputSubnets)) {
        const match = outputSubnets.find((o) => o.get("name").value === name);
        const id = match ? knownId(match.get("id").value) : undefined;
        if (id) ref.id = id;
      }
      this.model.subnets.push(mapSubnet(ref, s, subnetName, vnetName, this.location(p)));
    });
  }

  private mergeSecurityRule(p: Prepared): void {
    const nsgUrn = this.dependencyOfType(p, ["networkSecurityGroupName"], new Set(["network:NetworkSecurityGroup"]));
    const nsg =
      (nsgUrn ? this.model.nsgs.find((n) => n.ref.urn === nsgUrn) : undefined) ??
      findByNameAndGroup(this.model.nsgs, (n) => n.nsgName, p.inputs.get("networkSecurityGroupName").str(), p.inputs.get("resourceGroupName").str());
    if (!nsg) {
      // The NSG is managed elsewhere: its other rules are unknown, so the rule alone says nothing about it.
      this.other(p);
      return;
    }
    const rule = mapSecurityRule(p.inputs, this.ref(p, "nsg"), this.azureName(p));
    if (isUnknown(nsg.securityRules)) return;
    // An NSG read as Azure returned it (a `get` resource) already lists this rule: the standalone resource replaces it,
    // as in the ARM adapter, instead of appearing twice (which would look like two rules sharing a priority).
    const same = typeof rule.name === "string" ? nsg.securityRules.findIndex((x) => typeof x.name === "string" && x.name.toLowerCase() === (rule.name as string).toLowerCase()) : -1;
    if (same >= 0) nsg.securityRules[same] = rule;
    else nsg.securityRules.push(rule);
  }

  private mergeRoute(p: Prepared): void {
    const tableUrn = this.dependencyOfType(p, ["routeTableName"], new Set(["network:RouteTable"]));
    const table =
      (tableUrn ? this.model.routeTables.find((t) => t.ref.urn === tableUrn) : undefined) ??
      findByNameAndGroup(this.model.routeTables, (t) => t.routeTableName, p.inputs.get("routeTableName").str(), p.inputs.get("resourceGroupName").str(), (t) =>
        this.routeTableGroups.get(t),
      );
    if (!table) {
      this.other(p);
      return;
    }
    if (!isUnknown(table.routes)) table.routes.push(mapRoute(p.inputs, this.azureName(p)));
  }

  /** Route tables have no resource group in the model; remembered from their inputs to place standalone routes. */
  private readonly routeTableGroups = new Map<RouteTable, Known<string | undefined>>();
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function knownId(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" && v !== UNKNOWN_SENTINEL ? v : undefined;
}

function findByNameAndGroup<T>(
  entities: T[],
  nameOf: (e: T) => Known<string>,
  name: Known<string | undefined>,
  resourceGroup: Known<string | undefined>,
  groupOf?: (e: T) => Known<string | undefined>,
): T | undefined {
  if (typeof name !== "string") return undefined;
  const candidates = entities.filter((e) => {
    const n = nameOf(e);
    return typeof n === "string" && n.toLowerCase() === name.toLowerCase();
  });
  const group = (e: T): Known<string | undefined> => (groupOf ? groupOf(e) : (e as { resourceGroup?: Known<string | undefined> }).resourceGroup);
  const sameGroup = candidates.filter((e) => {
    const g = group(e);
    return typeof g !== "string" || typeof resourceGroup !== "string" || g.toLowerCase() === resourceGroup.toLowerCase();
  });
  return sameGroup.length === 1 ? sameGroup[0] : undefined;
}
