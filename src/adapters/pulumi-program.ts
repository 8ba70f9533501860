/**
 * Runs a Pulumi program in-process under Pulumi mocks, with a stack's configuration, and records every resource it
 * registers: type, name, URN, inputs, the state the mocks answered, parent, dependencies and property dependencies.
 * No cloud and no Pulumi CLI are involved.
 *
 * How: `pulumi.runtime.setMocks` answers every registration and invoke; the program runs inside
 * `runInPulumiStack` with a (client-side) stack transformation that sees each resource's options; then
 * `pulumi.runtime.disconnect()` drains the RPC queue so that every registration has completed.
 *
 * The mocks return plausible state: ARM IDs built from the inputs (so `vault.id` resolves to what Azure would
 * return), the Azure name, and a principal for system-assigned identities. `azure-native:authorization:getClientConfig`
 * answers with the stack's `azure-native:subscriptionId` / `azure-native:tenantId`.
 */
import * as pulumi from "@pulumi/pulumi";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { stableGuid } from "../../infra/azure-names.js";
import { CONFIG_NAMESPACE, parseStackConfig, type StackConfig } from "../../infra/config.js";
import { InputError, UsageError } from "../errors.js";
import { azureNativeToken, type PulumiResourceRecord } from "./pulumi-resources.js";
import { readStructuredFile, shapeError } from "./read-file.js";

/** One registered resource, in the shape `fromPulumiResources` takes (plus what the mocks know besides). */
export interface CollectedResource extends Omit<PulumiResourceRecord, "deployed" | "external"> {
  /** false for component resources (no Azure resource behind them). */
  custom: boolean;
  /** Resource options the program set (the engine would honour them; the mocks only record them). */
  protect?: boolean;
  ignoreChanges?: string[];
  retainOnDelete?: boolean;
}

export interface ProgramRun {
  /** Directory holding Pulumi.yaml and the stack files. */
  projectDir: string;
  project: string;
  stack: string;
  /** Absolute path of Pulumi.<stack>.yaml (or .yml, after the project file). */
  stackFile: string;
  /** The file that was loaded. */
  entry: string;
  /** Custom resources, in registration order (components and the stack are left out). */
  resources: CollectedResource[];
  /** Component resources (for parent links). */
  components: CollectedResource[];
  /** The stack outputs the program exported. */
  outputs: Record<string, unknown>;
  /** The validated backupguard configuration, when the program is this project's (or a copy of it). */
  config?: StackConfig;
}

const PLACEHOLDER_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
const PLACEHOLDER_TENANT = "00000000-0000-0000-0000-000000000000";

// ---------------------------------------------------------------------------------------------------------------
// Locating the program and its stack file

function findProjectDir(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "Pulumi.yaml")) || existsSync(join(dir, "Pulumi.yml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function projectFile(projectDir: string): string {
  return existsSync(join(projectDir, "Pulumi.yaml")) ? join(projectDir, "Pulumi.yaml") : join(projectDir, "Pulumi.yml");
}

/** This package's root: the directory with Pulumi.yaml above this file (works from src/ and from dist/src/). */
function ownProjectDir(): string {
  const dir = findProjectDir(__dirname);
  if (!dir) throw new UsageError("this installation has no Pulumi.yaml beside its infra/ program");
  return dir;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function entryOf(programDir: string): string | undefined {
  if (!isDirectory(programDir)) return existsSync(programDir) ? programDir : undefined;
  const pkg = join(programDir, "package.json");
  if (existsSync(pkg)) {
    try {
      const main = (JSON.parse(readFileSync(pkg, "utf8")) as { main?: unknown }).main;
      if (typeof main === "string") {
        const candidate = resolve(programDir, main);
        for (const c of [candidate, `${candidate}.ts`, `${candidate}.js`, join(candidate, "index.ts"), join(candidate, "index.js")]) {
          if (existsSync(c) && !isDirectory(c)) return c;
        }
      }
    } catch {
      // A broken package.json: fall back to index files.
    }
  }
  for (const f of ["index.ts", "index.js"]) if (existsSync(join(programDir, f))) return join(programDir, f);
  return undefined;
}

interface ProjectInfo {
  name: string;
  main?: string;
}

function readProject(projectDir: string): ProjectInfo {
  const file = projectFile(projectDir);
  const doc = readStructuredFile(file, "yaml");
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw shapeError(file, [], "a map (name, runtime, main)", doc);
  const { name, main } = doc as Record<string, unknown>;
  if (typeof name !== "string" || name.length === 0) throw shapeError(file, ["name"], "the project name", name);
  if (main !== undefined && typeof main !== "string") throw shapeError(file, ["main"], "a path", main);
  return { name, ...(main ? { main } : {}) };
}

export interface LocatedProgram {
  projectDir: string;
  project: ProjectInfo;
  entry: string;
}

/**
 * DIR may be the project directory (Pulumi.yaml, whose `main` names the program) or the program's own directory
 * below it. Without DIR: this package's own `infra/` (its compiled copy when running from dist/).
 */
function locateProgram(dir: string | undefined, cwd = process.cwd()): LocatedProgram {
  if (dir === undefined) {
    const projectDir = ownProjectDir();
    const project = readProject(projectDir);
    const compiled = __dirname.split(sep).includes("dist");
    const programDir = compiled ? join(projectDir, "dist", project.main ?? "infra") : resolve(projectDir, project.main ?? "infra");
    const entry = entryOf(programDir);
    if (!entry) throw new UsageError(`the embedded program is missing from ${programDir}; run \`npm run build\``);
    return { projectDir, project, entry };
  }
  const target = isAbsolute(dir) ? dir : resolve(cwd, dir);
  if (!existsSync(target)) throw new UsageError(`--program ${dir}: no such directory`);
  const projectDir = findProjectDir(isDirectory(target) ? target : dirname(target));
  if (!projectDir) throw new UsageError(`--program ${dir}: no Pulumi.yaml in that directory or above it`);
  const project = readProject(projectDir);
  const programDir = target === projectDir ? resolve(projectDir, project.main ?? ".") : target;
  const entry = entryOf(programDir);
  if (!entry) throw new UsageError(`--program ${dir}: no program entry in ${programDir} (package.json main, index.ts or index.js)`);
  return { projectDir, project, entry };
}

// ---------------------------------------------------------------------------------------------------------------
// The stack configuration

export interface StackSettings {
  file: string;
  /** Fully qualified keys (`project:key`) → the string the language host would pass. */
  config: Record<string, string>;
  secretKeys: string[];
  /** The parsed YAML value of every key of this project's namespace, keyed without the namespace. */
  projectValues: Record<string, unknown>;
}

export function readStackSettings(projectDir: string, projectName: string, stack: string): StackSettings {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(stack)) throw new UsageError(`--stack ${JSON.stringify(stack)}: expected a stack name (letters, digits, '-', '_', '.')`);
  // Pulumi names the stack file with the project file's extension: Pulumi.yml goes with Pulumi.<stack>.yml.
  const ext = extname(projectFile(projectDir));
  const file = join(projectDir, `Pulumi.${stack}${ext}`);
  if (!existsSync(file)) {
    const stacks = readdirSync(projectDir)
      .filter((f) => f.endsWith(ext) && f !== `Pulumi${ext}`)
      .map((f) => /^Pulumi\.(.+)$/.exec(f.slice(0, -ext.length))?.[1])
      .filter((s): s is string => !!s)
      .sort();
    const known = stacks.length > 0 ? `the stacks configured there: ${stacks.join(", ")}` : `there is no Pulumi.<stack>${ext} there`;
    throw new UsageError(`--stack ${stack}: no stack configuration ${file} (${known}; create it with \`pulumi stack init ${stack}\`, or pick another with --stack)`);
  }
  const doc = readStructuredFile(file, "yaml");
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw shapeError(file, [], "a map with a `config:` section", doc);
  const raw = (doc as Record<string, unknown>).config ?? {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw shapeError(file, ["config"], "a map of configuration keys", raw);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const projectValues: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const full = key.includes(":") ? key : `${projectName}:${key}`;
    const [namespace, ...rest] = full.split(":");
    if (namespace === projectName) projectValues[rest.join(":")] = value;
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
      // Encrypted values cannot be read without the stack's secrets provider: the program sees a placeholder.
      config[full] = "[secret]";
      secretKeys.push(full);
    } else if (typeof value === "string") config[full] = value;
    else config[full] = JSON.stringify(value);
  }
  return { file, config, secretKeys, projectValues };
}

/** Validates the backupguard keys of a stack file; the first problem becomes an InputError (exit 2). */
export function validateBackupguardConfig(settings: StackSettings): StackConfig {
  const parsed = parseStackConfig(settings.projectValues);
  if (parsed.ok) return parsed.config;
  const [first, ...more] = parsed.problems;
  const also = more.length > 0 ? `\n${more.map((p) => `  also at config.${p.key}: ${p.message}`).join("\n")}` : "";
  throw new InputError(settings.file, `config.${first!.key}`, `${first!.message}${also}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Mock state: ARM IDs and names as Azure would return them

const NAME_INPUT: Record<string, string> = {
  "recoveryservices:Vault": "vaultName",
  "recoveryservices:ProtectionPolicy": "policyName",
  "recoveryservices:ProtectionContainer": "containerName",
  "recoveryservices:ProtectedItem": "protectedItemName",
  "recoveryservices:ProtectionIntent": "intentObjectName",
  "recoveryservices:PrivateEndpointConnection": "privateEndpointConnectionName",
  "recoveryservices:ResourceGuardProxy": "resourceGuardProxyName",
  "network:NetworkSecurityGroup": "networkSecurityGroupName",
  "network:SecurityRule": "securityRuleName",
  "network:PrivateEndpoint": "privateEndpointName",
  "network:PrivateDnsZoneGroup": "privateDnsZoneGroupName",
  "network:VirtualNetwork": "virtualNetworkName",
  "network:Subnet": "subnetName",
  "network:NetworkInterface": "networkInterfaceName",
  "network:RouteTable": "routeTableName",
  "network:FirewallPolicy": "firewallPolicyName",
  "network:FirewallPolicyRuleCollectionGroup": "ruleCollectionGroupName",
  "network:Route": "routeName",
  "compute:VirtualMachine": "vmName",
  "resources:ResourceGroup": "resourceGroupName",
  "authorization:PolicyAssignment": "policyAssignmentName",
  "authorization:PolicyDefinition": "policyDefinitionName",
  "authorization:PolicySetDefinition": "policySetDefinitionName",
  "authorization:PolicyExemption": "policyExemptionName",
  "authorization:RoleAssignment": "roleAssignmentName",
  "authorization:ManagementLockAtResourceGroupLevel": "lockName",
};

/** Provider namespace and collection of the top-level resource types, for the generic ID shape. */
const ARM_TYPE: Record<string, string> = {
  "recoveryservices:Vault": "Microsoft.RecoveryServices/vaults",
  "network:NetworkSecurityGroup": "Microsoft.Network/networkSecurityGroups",
  "network:PrivateEndpoint": "Microsoft.Network/privateEndpoints",
  "network:VirtualNetwork": "Microsoft.Network/virtualNetworks",
  "network:NetworkInterface": "Microsoft.Network/networkInterfaces",
  "network:RouteTable": "Microsoft.Network/routeTables",
  "network:AzureFirewall": "Microsoft.Network/azureFirewalls",
  "network:FirewallPolicy": "Microsoft.Network/firewallPolicies",
  "compute:VirtualMachine": "Microsoft.Compute/virtualMachines",
};


function str(inputs: Record<string, unknown>, key: string): string | undefined {
  const v = inputs[key];
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/** The ARM ID Azure would give this resource, or undefined when the inputs do not say enough. */
function armIdFor(type: string, azureName: string, inputs: Record<string, unknown>, subscriptionId: string): string | undefined {
  const token = azureNativeToken(type);
  const rg = str(inputs, "resourceGroupName");
  const base = rg ? `/subscriptions/${subscriptionId}/resourceGroups/${rg}` : undefined;
  const vault = str(inputs, "vaultName");
  const fabric = str(inputs, "fabricName") ?? "Azure";
  const vaultBase = base && vault ? `${base}/providers/Microsoft.RecoveryServices/vaults/${vault}` : undefined;
  switch (token) {
    case "resources:ResourceGroup":
      return `/subscriptions/${subscriptionId}/resourceGroups/${azureName}`;
    case "recoveryservices:ProtectionPolicy":
      return vaultBase && `${vaultBase}/backupPolicies/${azureName}`;
    case "recoveryservices:ProtectionContainer":
      return vaultBase && `${vaultBase}/backupFabrics/${fabric}/protectionContainers/${azureName}`;
    case "recoveryservices:ProtectedItem": {
      const container = str(inputs, "containerName");
      return vaultBase && container && `${vaultBase}/backupFabrics/${fabric}/protectionContainers/${container}/protectedItems/${azureName}`;
    }
    case "recoveryservices:ResourceGuardProxy":
      return vaultBase && `${vaultBase}/backupResourceGuardProxies/${azureName}`;
    case "recoveryservices:ProtectionIntent":
      return vaultBase && `${vaultBase}/backupFabrics/${fabric}/backupProtectionIntent/${azureName}`;
    case "network:SecurityRule": {
      const nsg = str(inputs, "networkSecurityGroupName");
      return base && nsg && `${base}/providers/Microsoft.Network/networkSecurityGroups/${nsg}/securityRules/${azureName}`;
    }
    case "network:Subnet": {
      const vnet = str(inputs, "virtualNetworkName");
      return base && vnet && `${base}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/${azureName}`;
    }
    case "network:FirewallPolicyRuleCollectionGroup": {
      const policy = str(inputs, "firewallPolicyName");
      return base && policy && `${base}/providers/Microsoft.Network/firewallPolicies/${policy}/ruleCollectionGroups/${azureName}`;
    }
    case "network:PrivateDnsZoneGroup": {
      const pe = str(inputs, "privateEndpointName");
      return base && pe && `${base}/providers/Microsoft.Network/privateEndpoints/${pe}/privateDnsZoneGroups/${azureName}`;
    }
    case "authorization:PolicyAssignment":
    case "authorization:RoleAssignment":
    case "authorization:PolicyExemption": {
      const scope = str(inputs, "scope");
      const collection = token.endsWith("PolicyAssignment") ? "policyAssignments" : token.endsWith("RoleAssignment") ? "roleAssignments" : "policyExemptions";
      return scope && `${scope.replace(/\/+$/, "")}/providers/Microsoft.Authorization/${collection}/${azureName}`;
    }
    case "authorization:PolicyDefinition":
      return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/policyDefinitions/${azureName}`;
    case "authorization:PolicySetDefinition":
      return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/policySetDefinitions/${azureName}`;
    default: {
      const armType = token ? ARM_TYPE[token] : undefined;
      return base && armType && `${base}/providers/${armType}/${azureName}`;
    }
  }
}

function withIdentity(inputs: Record<string, unknown>, seed: string, tenantId: string): Record<string, unknown> {
  const identity = inputs.identity;
  if (identity && typeof identity === "object" && /SystemAssigned/i.test(String((identity as { type?: unknown }).type))) {
    return { ...inputs, identity: { ...identity, principalId: stableGuid("principal", seed), tenantId } };
  }
  return inputs;
}


// ---------------------------------------------------------------------------------------------------------------
// Loading TypeScript programs

let tsHookInstalled = false;

/**
 * Lets `require` load a TypeScript program the way Pulumi's ts-node does in transpile-only mode: each .ts file is
 * transpiled to CommonJS with the TypeScript compiler (the program's own copy first, else this package's), and a
 * relative `./x.js` that only exists as `./x.ts` resolves to it (programs written for `module: nodenext`).
 */
function installTypeScriptHook(projectDir: string): void {
  if (tsHookInstalled) return;
  let ts: typeof import("typescript");
  try {
    const local = createRequire(join(projectDir, "package.json"));
    ts = local("typescript") as typeof import("typescript");
  } catch {
    try {
      ts = createRequire(__filename)("typescript") as typeof import("typescript");
    } catch {
      throw new UsageError(`the program in ${projectDir} is TypeScript and no TypeScript compiler is installed there; run \`npm install\` in it, or compile it and point --program at the JavaScript`);
    }
  }
  const extensions = (Module as unknown as { _extensions: Record<string, (m: { _compile(code: string, file: string): void }, file: string) => void> })._extensions;
  extensions[".ts"] = (m, file) => {
    const source = readFileSync(file, "utf8");
    const out = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        inlineSourceMap: true,
        inlineSources: false,
      },
    });
    m._compile(out.outputText, file);
  };
  const mod = Module as unknown as { _resolveFilename: (request: string, parent: unknown, ...rest: unknown[]) => string };
  const original = mod._resolveFilename;
  mod._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]): string {
    try {
      return original.call(this, request, parent, ...rest);
    } catch (e) {
      if (request.startsWith(".") && request.endsWith(".js")) return original.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
      throw e;
    }
  };
  tsHookInstalled = true;
}

/** Forgets the program's modules so that loading it again (another stack) runs it again. */
function forgetModules(dir: string): void {
  const root = realDir(dir) + sep;
  const cache = createRequire(__filename).cache;
  for (const key of Object.keys(cache)) {
    if (key.startsWith(root) && !key.includes(`${sep}node_modules${sep}`)) delete cache[key];
  }
}

function realDir(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Running the program

function promiseOf<T>(value: pulumi.Input<T> | undefined): Promise<T | undefined> {
  if (value === undefined) return Promise.resolve(undefined);
  return new Promise((res) => pulumi.output(value).apply((v) => res(v as T)));
}

/** The resources named by a `dependsOn` option (a resource, a list, or Outputs/promises of either). */
async function resourcesIn(value: unknown): Promise<pulumi.Resource[]> {
  if (value === undefined || value === null) return [];
  if (pulumi.Resource.isInstance(value)) return [value];
  if (Array.isArray(value)) return (await Promise.all(value.map(resourcesIn))).flat();
  if (pulumi.Output.isInstance(value)) return resourcesIn(await new Promise((res) => (value as pulumi.Output<unknown>).apply(res)));
  if (value instanceof Promise) return resourcesIn(await value);
  return [];
}

async function urnOf(resource: unknown): Promise<string | undefined> {
  if (!pulumi.Resource.isInstance(resource)) return undefined;
  return promiseOf(resource.urn);
}

/** The resources an input value depends on through Outputs, as the engine's propertyDependencies records them. */
async function dependenciesOf(value: unknown, seen = new Set<unknown>()): Promise<Set<pulumi.Resource>> {
  const out = new Set<pulumi.Resource>();
  if (value === null || typeof value !== "object" || seen.has(value)) return out;
  seen.add(value);
  if (pulumi.Output.isInstance(value)) {
    const o = value as unknown as { allResources?: () => Promise<Set<pulumi.Resource>>; resources?: () => Set<pulumi.Resource> };
    const resources = o.allResources ? await o.allResources() : (o.resources?.() ?? new Set());
    for (const r of resources) out.add(r);
    return out;
  }
  if (pulumi.Resource.isInstance(value)) {
    out.add(value);
    return out;
  }
  const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  for (const child of children) for (const r of await dependenciesOf(child, seen)) out.add(r);
  return out;
}

interface Registration {
  type: string;
  name: string;
  id?: string;
  inputs: Record<string, unknown>;
  state: Record<string, unknown>;
  custom: boolean;
}

interface Observed {
  resource: pulumi.Resource;
  type: string;
  name: string;
  props: Record<string, unknown>;
  opts: pulumi.ResourceOptions;
}

/** Pulumi's runtime is global to the process: one program at a time. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the program of `dir` (default: this project's infra/) with the configuration of `Pulumi.<stack>.yaml` under
 * mocks and returns what it registered.
 */
export function runProgram(dir: string | undefined, stack: string): Promise<ProgramRun> {
  const run = queue.then(() => runProgramNow(dir, stack));
  queue = run.catch(() => undefined);
  return run;
}

async function runProgramNow(dir: string | undefined, stack: string): Promise<ProgramRun> {
  const located = locateProgram(dir);
  const settings = readStackSettings(located.projectDir, located.project.name, stack);
  const config = located.project.name === CONFIG_NAMESPACE ? validateBackupguardConfig(settings) : undefined;

  const knownSubscription = settings.config["azure-native:subscriptionId"];
  const subscriptionId = knownSubscription ?? PLACEHOLDER_SUBSCRIPTION;
  const tenantId = settings.config["azure-native:tenantId"] ?? PLACEHOLDER_TENANT;

  const registrations: Registration[] = [];
  const observed: Observed[] = [];
  pulumi.runtime.setAllConfig(settings.config, settings.secretKeys);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        if (!args.custom) {
          registrations.push({ type: args.type, name: args.name, inputs, state: {}, custom: false });
          return { id: undefined, state: {} };
        }
        const token = azureNativeToken(args.type);
        const nameKey = token ? NAME_INPUT[token] : undefined;
        const azureName = (nameKey && str(inputs, nameKey)) || args.name;
        const id = args.id || armIdFor(args.type, azureName, inputs, subscriptionId);
        const state = { ...withIdentity(inputs, id ?? `${args.type}::${args.name}`, tenantId), name: azureName, ...(id ? { id } : {}) };
        registrations.push({ type: args.type, name: args.name, ...(id && knownSubscription ? { id } : {}), inputs, state, custom: true });
        return { id: id ?? `${args.name}-id`, state };
      },
      call(args) {
        if (args.token === "azure-native:authorization:getClientConfig") {
          return { subscriptionId, tenantId, clientId: stableGuid("client", subscriptionId), objectId: stableGuid("object", subscriptionId) };
        }
        return args.inputs as Record<string, unknown>;
      },
    },
    located.project.name,
    stack,
    false,
  );

  installTypeScriptHookIfNeeded(located);
  forgetModules(dirname(located.entry));
  let exported: unknown;
  // The program's own failure is caught inside the stack callback: thrown out of it, it would also reject promises
  // inside the SDK's stack resource that nobody awaits.
  let programError: unknown;
  // An exception thrown inside an `apply` callback rejects a promise nobody awaits: the Pulumi engine fails the run
  // for it, so must we (instead of Node printing a stack trace and killing the process after the report).
  const onUnhandled = (e: unknown) => {
    programError ??= e;
  };
  process.on("unhandledRejection", onUnhandled);
  try {
    exported = await pulumi.runtime.runInPulumiStack(async () => {
      pulumi.runtime.registerStackTransformation((a) => {
        observed.push({ resource: a.resource, type: a.type, name: a.name, props: a.props as Record<string, unknown>, opts: a.opts });
        return undefined;
      });
      try {
        const mod = createRequire(__filename)(located.entry) as unknown;
        const main = typeof mod === "function" ? mod : (mod as { default?: unknown } | undefined)?.default;
        return (typeof main === "function" ? await (main as () => unknown)() : mod) as Record<string, unknown>;
      } catch (e) {
        programError = e;
        return {};
      }
    });
  } catch (e) {
    programError ??= e;
  } finally {
    await pulumi.runtime.disconnect().catch((e: unknown) => {
      programError ??= e;
    });
    // Node reports unhandled rejections after the microtask queue drains: give it one turn before listening stops.
    await new Promise((res) => setImmediate(res));
    process.off("unhandledRejection", onUnhandled);
  }
  if (programError !== undefined) {
    const message = programError instanceof Error ? programError.message : String(programError);
    const configProblem = stackConfigProblem(message);
    if (configProblem) throw new InputError(displayStackFile(settings.file), `config.${configProblem.key}`, configProblem.problem);
    throw new InputError(located.entry, "", `the Pulumi program failed under mocks (stack ${stack}): ${message.split("\n").slice(0, 8).join("\n")}`);
  }

  // Join what the mocks saw (inputs, state) with what the transformation saw (resource object, options).
  const byKey = new Map<string, Registration[]>();
  for (const r of registrations) byKey.set(`${r.type}::${r.name}`, [...(byKey.get(`${r.type}::${r.name}`) ?? []), r]);
  const resources: CollectedResource[] = [];
  const components: CollectedResource[] = [];
  for (const o of observed) {
    const reg = byKey.get(`${o.type}::${o.name}`)?.shift();
    if (!reg) continue;
    const urn = await urnOf(o.resource);
    const parent = await urnOf(o.opts.parent);
    const dependencies: string[] = [];
    for (const d of await resourcesIn(o.opts.dependsOn)) {
      const u = await urnOf(d);
      if (u && !dependencies.includes(u)) dependencies.push(u);
    }
    const propertyDependencies: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(o.props ?? {})) {
      const deps = [...(await dependenciesOf(value))];
      const urns = (await Promise.all(deps.map(urnOf))).filter((u): u is string => !!u);
      if (urns.length > 0) {
        propertyDependencies[key] = [...new Set(urns)];
        for (const u of urns) if (!dependencies.includes(u)) dependencies.push(u);
      }
    }
    const record: CollectedResource = {
      type: reg.type,
      name: reg.name,
      inputs: reg.inputs,
      custom: reg.custom,
      ...(urn ? { urn } : {}),
      ...(parent ? { parent } : {}),
      ...(dependencies.length ? { dependencies } : {}),
      ...(Object.keys(propertyDependencies).length ? { propertyDependencies } : {}),
      ...(o.opts.protect ? { protect: true } : {}),
      ...(o.opts.ignoreChanges?.length ? { ignoreChanges: [...o.opts.ignoreChanges] } : {}),
      ...(o.opts.retainOnDelete ? { retainOnDelete: true } : {}),
    };
    if (reg.custom) {
      if (reg.id) record.id = reg.id;
      record.outputs = reg.state;
      resources.push(record);
    } else components.push(record);
  }

  const outputs = exported && typeof exported === "object" ? (exported as Record<string, unknown>) : {};
  return {
    projectDir: located.projectDir,
    project: located.project.name,
    stack,
    stackFile: settings.file,
    entry: located.entry,
    resources,
    components,
    outputs,
    ...(config ? { config } : {}),
  };
}

function installTypeScriptHookIfNeeded(located: LocatedProgram): void {
  if (extname(located.entry) === ".ts") installTypeScriptHook(located.projectDir);
}

/**
 * Pulumi's own configuration errors (`config.require*`, `config.get*` with a constraint) are about a key of the stack
 * file: point at it there, as the stack file is what the user edits.
 */
function stackConfigProblem(message: string): { key: string; problem: string } | undefined {
  const missing = /^Missing required configuration variable '([^']+)'/.exec(message);
  if (missing) return { key: missing[1]!, problem: `the program requires this key and the stack file does not set it (\`pulumi config set ${missing[1]} <value>\`)` };
  const invalid = /^Configuration '([^']+)' value '([^']*)' (.+)$/m.exec(message);
  if (invalid) {
    const value = invalid[2]!.length > 60 ? `${invalid[2]!.slice(0, 60)}…` : invalid[2]!;
    return { key: invalid[1]!, problem: `the program refuses the value ${JSON.stringify(value)}: it ${invalid[3]}` };
  }
  return undefined;
}

function displayStackFile(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}
