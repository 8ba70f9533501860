/**
 * Reads the real Azure REST examples in ../shared/azure-rest-examples (policy definitions, assignments, exemptions,
 * Recovery Services vaults) into model entities, for fixture tests. A deliberately small mapping of the fields the
 * tags and vault rules read; the ARM adapter (src/adapters/arm.ts) is the product's full reader.
 */
import { readFileSync } from "node:fs";
import type { PolicyAssignment, PolicyDefinition, PolicyExemption, ResourceRef, Vault } from "../../src/model/types.js";
import { sharedPath } from "./shared.js";

type Json = Record<string, unknown>;

/** The body of an example's response (200, else 201), or its `value` list. */
export function exampleBody(relative: string, status: "200" | "201" = "200"): Json {
  const example = JSON.parse(readFileSync(sharedPath("azure-rest-examples", relative), "utf8")) as { responses: Record<string, { body: Json }> };
  const response = example.responses[status] ?? example.responses["200"] ?? example.responses["201"];
  if (!response) throw new Error(`${relative}: no 200/201 response`);
  return response.body;
}

const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function ref(kind: ResourceRef["kind"], body: Json, file: string): ResourceRef {
  const r: ResourceRef = { kind, name: String(body.name), type: String(body.type), source: { adapter: "arm", file } };
  if (typeof body.id === "string") r.id = body.id;
  return r;
}

export function policyDefinitionFromArm(body: Json, file: string): PolicyDefinition {
  const p = obj(body.properties);
  return {
    ref: ref("policyDefinition", body, file),
    definitionId: str(body.id),
    policyType: str(p.policyType),
    mode: str(p.mode),
    displayName: str(p.displayName),
    policyRule: p.policyRule,
    parameters: p.parameters as Record<string, unknown> | undefined,
  };
}

export function policyAssignmentFromArm(body: Json, file: string): PolicyAssignment {
  const p = obj(body.properties);
  const parameters: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj(p.parameters))) parameters[k] = obj(v).value;
  const a: PolicyAssignment = {
    ref: ref("policyAssignment", body, file),
    assignmentName: String(body.name),
    scope: str(p.scope),
    notScopes: (p.notScopes as string[] | undefined) ?? [],
    policyDefinitionId: str(p.policyDefinitionId),
    parameters,
    enforcementMode: str(p.enforcementMode),
    identityType: str(obj(body.identity).type),
  };
  if (Array.isArray(p.overrides)) a.overrides = p.overrides;
  if (Array.isArray(p.resourceSelectors)) a.resourceSelectors = p.resourceSelectors;
  return a;
}

export function policyExemptionFromArm(body: Json, file: string): PolicyExemption {
  const p = obj(body.properties);
  const id = str(body.id);
  const marker = "/providers/microsoft.authorization/policyexemptions/";
  const at = id ? id.toLowerCase().lastIndexOf(marker) : -1;
  return {
    ref: ref("policyExemption", body, file),
    scope: id && at > 0 ? id.slice(0, at) : undefined,
    policyAssignmentId: str(p.policyAssignmentId),
    exemptionCategory: str(p.exemptionCategory),
    expiresOn: str(p.expiresOn),
    policyDefinitionReferenceIds: p.policyDefinitionReferenceIds as string[] | undefined,
  };
}

export function vaultFromArm(body: Json, file: string): Vault {
  const p = obj(body.properties);
  const redundancy = obj(p.redundancySettings);
  const security = obj(p.securitySettings);
  const softDelete = obj(security.softDeleteSettings);
  const id = String(body.id);
  const crr = str(redundancy.crossRegionRestore);
  const v: Vault = {
    ref: ref("vault", body, file),
    vaultName: String(body.name),
    resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(id)?.[1],
    subscriptionId: /\/subscriptions\/([^/]+)/i.exec(id)?.[1],
    location: str(body.location),
    tags: body.tags as Record<string, string> | undefined,
    skuName: str(obj(body.sku).name),
    storageRedundancy: str(redundancy.standardTierStorageRedundancy),
    crossRegionRestore: crr === undefined ? undefined : crr.toLowerCase() === "enabled",
    softDelete: {
      state: str(softDelete.softDeleteState),
      retentionDays: typeof softDelete.softDeleteRetentionPeriodInDays === "number" ? softDelete.softDeleteRetentionPeriodInDays : undefined,
      enhancedSecurityState: str(softDelete.enhancedSecurityState),
    },
    immutability: str(obj(security.immutabilitySettings).state),
    publicNetworkAccess: str(p.publicNetworkAccess),
    privateEndpointConnections: Array.isArray(p.privateEndpointConnections) ? p.privateEndpointConnections.map((c) => String(obj(c).id)) : undefined,
    resourceGuardOperationRequests: Array.isArray(p.resourceGuardOperationRequests) ? (p.resourceGuardOperationRequests as string[]) : undefined,
    identityType: str(obj(body.identity).type),
  };
  const mua = str(security.multiUserAuthorization);
  if (mua !== undefined) v.multiUserAuthorization = mua;
  return v;
}
