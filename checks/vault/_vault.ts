/** Helpers shared by the vault rules: names, private endpoints and what a vault protects. */
import { parseArmId, sameId, sameName } from "../../src/model/ids.js";
import type { Model, ProtectedItem, ProtectionContainer, ProtectionIntent, Vault } from "../../src/model/types.js";
import { isUnknown, type Known } from "../../src/model/unknown.js";
import type { ModelIndex } from "../../src/model/lookups.js";

export function vaultName(v: Vault): string {
  return isUnknown(v.vaultName) ? v.ref.name : v.vaultName;
}

/** Sources that read what is deployed, as opposed to what a Pulumi program intends. */
export const DEPLOYED_SOURCES = new Set(["state", "arm", "live"]);

function targetsVault(linkId: Known<string | undefined>, vault: Vault): boolean {
  if (isUnknown(linkId) || !linkId) return false;
  if (vault.ref.id && sameId(linkId, vault.ref.id)) return true;
  const parsed = parseArmId(linkId);
  return parsed.segments.some(([t]) => t.toLowerCase() === "vaults") && sameName(parsed.name, isUnknown(vault.vaultName) ? undefined : vault.vaultName);
}

/** Private endpoints for Azure Backup on the vault: the vault's own connection list, or the endpoints the model holds. */
export function privateEndpointCount(model: Model, vault: Vault): Known<number> {
  let unknownLink = false;
  let fromEndpoints = 0;
  for (const pe of model.privateEndpoints) {
    if (isUnknown(pe.connections)) {
      unknownLink = true;
      continue;
    }
    for (const c of pe.connections) {
      if (isUnknown(c.privateLinkServiceId)) {
        unknownLink = true;
        continue;
      }
      if (!targetsVault(c.privateLinkServiceId, vault)) continue;
      const groups = c.groupIds;
      if (isUnknown(groups)) unknownLink = true;
      else if ((groups ?? []).some((g) => !isUnknown(g) && /^azurebackup/i.test(g))) fromEndpoints++;
    }
  }
  const listed = vault.privateEndpointConnections;
  if (isUnknown(listed)) return listed;
  const count = Math.max(fromEndpoints, listed?.length ?? 0);
  if (unknownLink) return { $unknown: true, reason: "a private endpoint's target is not known before deployment" };
  return count;
}

/** Items, intents and containers the model places in this vault. */
export function contentsOf(model: Model, index: ModelIndex, vault: Vault): { items: ProtectedItem[]; intents: ProtectionIntent[]; containers: ProtectionContainer[]; unplaced: number } {
  let unplaced = 0;
  const inVault = (x: { vaultName: Known<string | undefined>; ref: { id?: string } }): boolean => {
    if (isUnknown(x.vaultName)) {
      unplaced++;
      return false;
    }
    if (x.vaultName) return sameName(x.vaultName, isUnknown(vault.vaultName) ? undefined : vault.vaultName);
    const parsed = x.ref.id ? parseArmId(x.ref.id) : undefined;
    return parsed?.segments.some(([t, n]) => t.toLowerCase() === "vaults" && sameName(n, isUnknown(vault.vaultName) ? undefined : vault.vaultName)) ?? false;
  };
  const items = model.protectedItems.filter((i) => (index.vaultOfItem(i) === vault) || (index.vaultOfItem(i) === undefined && inVault(i)));
  const intents = model.protectionIntents.filter((i) => (index.vaultOfItem(i) === vault) || (index.vaultOfItem(i) === undefined && inVault(i)));
  const containers = model.protectionContainers.filter((c) => inVault(c));
  return { items, intents, containers, unplaced };
}

function sameVault(a: Vault, b: Vault): boolean {
  if (a.ref.id && b.ref.id) return sameId(a.ref.id, b.ref.id);
  const aName = isUnknown(a.vaultName) ? undefined : a.vaultName;
  const bName = isUnknown(b.vaultName) ? undefined : b.vaultName;
  if (!sameName(aName, bName)) return false;
  const aRg = isUnknown(a.resourceGroup) ? undefined : a.resourceGroup;
  const bRg = isUnknown(b.resourceGroup) ? undefined : b.resourceGroup;
  return aRg === undefined || bRg === undefined || sameName(aRg, bRg);
}

export function isDeployed(v: { ref: { source: { adapter: string } } }): boolean {
  return DEPLOYED_SOURCES.has(v.ref.source.adapter);
}

/** The deployed twin of an intended vault (the same vault read from state, ARM or live), when the model holds both. */
export function deployedCounterpart(model: Model, vault: Vault): Vault | undefined {
  if (isDeployed(vault)) return undefined;
  return model.vaults.find((o) => o !== vault && isDeployed(o) && sameVault(o, vault));
}

/** One entry per vault: an intended vault and its deployed twin count once. */
export function distinctVaults(model: Model): Vault[] {
  const out: Vault[] = [];
  for (const v of model.vaults) if (!out.some((o) => sameVault(o, v))) out.push(v);
  return out;
}

/**
 * Whether the vault already has items registered in Azure: `protectedItemCount`, a locked storage type, or items,
 * intents and containers read from deployed sources. `unknown` when nothing in the model says.
 */
export function hasRegisteredItems(model: Model, index: ModelIndex, vault: Vault): Known<boolean> {
  const twin = deployedCounterpart(model, vault);
  const locked = [vault.storageRedundancyLocked, twin?.storageRedundancyLocked];
  if (locked.some((l) => l === true)) return true;
  const counts = [vault.protectedItemCount, twin?.protectedItemCount].filter((c): c is number => typeof c === "number");
  if (counts.some((c) => c > 0)) return true;
  const contents = contentsOf(model, index, vault);
  if ([...contents.items, ...contents.intents, ...contents.containers].some(isDeployed)) return true;
  if (counts.length > 0 || locked.some((l) => l === false)) return false;
  return { $unknown: true, reason: "the model does not say whether the vault already holds backup items (load live state or the stack export)" };
}

/**
 * The vaults a posture rule judges: every vault, except a deployed one whose intended twin (the program's or the
 * preview's) is also in the model. The intended settings are what the deployment makes; one finding, not two.
 */
export function judgedVaults(model: Model): Vault[] {
  return model.vaults.filter((v) => !isDeployed(v) || !model.vaults.some((o) => o !== v && !isDeployed(o) && sameVault(o, v)));
}
