/**
 * `--program [DIR]`: the Pulumi program, run in-process under mocks with a stack's configuration (see
 * pulumi-program.ts), mapped to the model like any other Pulumi source. For this project's own program the stack
 * file may also name the facts a pre-deployment check needs about what already exists (`backupguard:inventory`,
 * `backupguard:arm`); they are loaded unless the command line gives its own `--inventory` / `--arm`.
 */
import { isAbsolute, relative, resolve } from "node:path";
import type { StackConfig } from "../../infra/config.js";
import { mergeModels, type Model } from "../model/types.js";
import { loadArmFile } from "./arm.js";
import { loadInventoryFile } from "./inventory.js";
import { azureNativeToken, fromPulumiResources } from "./pulumi-resources.js";
import { runProgram, type CollectedResource } from "./pulumi-program.js";

export interface ProgramOptions {
  /** Load the inventory and ARM files the stack configuration names (default true). */
  stackFacts?: boolean;
}

/** A path for messages and SARIF: relative to the working directory when below it. */
function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

const lower = (s: unknown) => (typeof s === "string" ? s.toLowerCase() : undefined);

/**
 * The key of the stack file a resource of this project's program comes from, so that a finding points at the
 * line to change: `config.backupguard:vmPolicies[0]`, `config.backupguard:vms[2]`, ...
 */
function configPointerOf(resource: CollectedResource, config: StackConfig): string | undefined {
  const key = (k: string) => `config.backupguard:${k}`;
  const inputs = resource.inputs;
  const props = (inputs.properties ?? {}) as Record<string, unknown>;
  const token = azureNativeToken(resource.type);
  switch (token) {
    case "recoveryservices:Vault":
    case "recoveryservices:ResourceGuardProxy":
    case "network:PrivateEndpoint":
    case "network:PrivateDnsZoneGroup":
      return key("vault");
    case "recoveryservices:ProtectionPolicy": {
      const name = lower(inputs.policyName);
      const vm = config.vmPolicies.findIndex((p) => p.name.toLowerCase() === name);
      if (vm >= 0) return key(`vmPolicies[${vm}]`);
      const sql = config.sqlPolicies.findIndex((p) => p.name.toLowerCase() === name);
      return sql >= 0 ? key(`sqlPolicies[${sql}]`) : undefined;
    }
    case "network:NetworkSecurityGroup":
    case "network:SecurityRule":
      return key("network");
    case "authorization:PolicyAssignment":
    case "authorization:RoleAssignment":
      return key("tagGovernance");
    case "resources:ResourceGroup":
      return lower(inputs.resourceGroupName) === config.resourceGroup.toLowerCase() ? key("resourceGroup") : key("tagGovernance");
    case "recoveryservices:ProtectedItem":
    case "recoveryservices:ProtectionContainer":
    case "recoveryservices:ProtectionIntent": {
      const source = lower(props.sourceResourceId);
      const vm = source ? config.vms.findIndex((v) => v.id.toLowerCase() === source) : -1;
      if (vm >= 0) return key(`vms[${vm}]`);
      const container = lower(inputs.containerName) ?? lower(props.itemId);
      const ag = config.availabilityGroups.findIndex((g) => g.containerName && container?.includes(g.containerName.toLowerCase()));
      return ag >= 0 ? key(`availabilityGroups[${ag}]`) : undefined;
    }
    default:
      return undefined;
  }
}

export async function loadProgram(dir: string | undefined, stack: string, options: ProgramOptions = {}): Promise<Model> {
  const run = await runProgram(dir, stack);
  const file = displayPath(run.stackFile);
  const config = run.config;
  const model = fromPulumiResources(run.resources, {
    adapter: "program",
    file,
    stack: run.stack,
    project: run.project,
    ...(config ? { pointerOf: (i: number) => configPointerOf(run.resources[i]!, config) ?? run.resources[i]!.urn ?? `resources[${i}]` } : {}),
  });
  if (!config || options.stackFacts === false) return model;
  const facts: Model[] = [];
  if (config.inventory) facts.push(loadInventoryFile(displayPath(resolve(run.projectDir, config.inventory))));
  for (const arm of config.arm) facts.push(loadArmFile(displayPath(resolve(run.projectDir, arm))));
  return mergeModels(model, ...facts);
}
