/**
 * Service tags: how an NSG or firewall address token relates to a backup destination.
 *
 * Without a Service Tags file the relation is decided by name ("nominal containment"):
 * - `*`, `0.0.0.0/0` and `Internet` contain every public Azure service endpoint;
 * - a global tag contains its regional tags (`AzureBackup` ⊃ `AzureBackup.EastUS`);
 * - `AzureCloud` (and `AzureCloud.<region>` for the region) contains Azure's own services (AzureBackup, Storage);
 *   Microsoft Entra ID's tag also covers Microsoft 365 ranges, so its relation to AzureCloud is left undecided;
 * - distinct service tags are taken as disjoint;
 * - private and reserved CIDRs (RFC 1918, RFC 6598, ...) contain no public endpoint; any other explicit CIDR is
 *   undecided (`unknown`) until a Service Tags file tells which addresses the service uses.
 * With a file (`--service-tags`, Microsoft's weekly `ServiceTags_Public_*.json` or `az network list-service-tags`),
 * tags resolve to their published IPv4 prefixes and every question becomes set arithmetic.
 */
import { z } from "zod";
import { IPv4Set, isIPv6, NON_PUBLIC_IPV4, parseIPv4Range } from "./ipv4.js";

/** Lower-case region name without separators: "East US 2" → "eastus2". */
export function normalizeRegion(region: string): string {
  return region.toLowerCase().replace(/[\s_-]+/g, "");
}

// ---------------------------------------------------------------------------------------------------------------
// Address tokens as NSG rules, routes and firewall rules spell them.

export type AddressToken =
  | { kind: "any" }
  | { kind: "internet" }
  | { kind: "virtualNetwork" }
  | { kind: "azureLoadBalancer" }
  /** A service tag; `base` and `region` lower-case (`Storage.EastUS` → base "storage", region "eastus"). */
  | { kind: "tag"; text: string; base: string; region?: string }
  /** `nonPublic`: inside private or reserved space, so never a public service endpoint. */
  | { kind: "cidr"; text: string; set: IPv4Set; length: number; nonPublic: boolean }
  | { kind: "ipv6"; text: string }
  | { kind: "invalid"; text: string };

const CLASSIC: Record<string, AddressToken> = {
  internet: { kind: "internet" },
  virtual_network: { kind: "virtualNetwork" },
  virtualnetwork: { kind: "virtualNetwork" },
  azure_loadbalancer: { kind: "azureLoadBalancer" },
  azureloadbalancer: { kind: "azureLoadBalancer" },
};

const TAG_SYNTAX = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)?$/;
const tokenCache = new Map<string, AddressToken>();

/** Classifies one address token. Cached: estates repeat the same few hundred tokens. */
export function classifyAddress(text: string): AddressToken {
  const cached = tokenCache.get(text);
  if (cached) return cached;
  const s = text.trim();
  let token: AddressToken;
  const first = s.charCodeAt(0);
  // Most tokens are addresses: read them before trying names.
  const range = first >= 48 && first <= 57 ? parseIPv4Range(s) : undefined;
  const lowerText = range ? s : s.toLowerCase();
  if (s === "*" || s === "0.0.0.0/0") token = { kind: "any" };
  else if (!range && CLASSIC[lowerText]) token = CLASSIC[lowerText]!;
  else {
    if (range) {
      const set = IPv4Set.range(range[0], range[1]);
      token = { kind: "cidr", text: s, set, length: 32 - Math.log2(range[1] - range[0] + 1), nonPublic: NON_PUBLIC_IPV4.containsRange(range[0], range[1]) };
    } else if (isIPv6(s)) token = { kind: "ipv6", text: s };
    else if (TAG_SYNTAX.test(s)) {
      const [base, region] = lowerText.split(".");
      token = region === undefined ? { kind: "tag", text: s, base: base! } : { kind: "tag", text: s, base: base!, region: normalizeRegion(region) };
    } else token = { kind: "invalid", text: s };
  }
  if (tokenCache.size < 100_000) tokenCache.set(text, token);
  return token;
}

// ---------------------------------------------------------------------------------------------------------------
// Destinations

export type Containment = "all" | "none" | "unknown";

/** A public Azure service as a destination: its tag and, for regional services, the region the VM talks to. */
export interface ServiceSpace {
  /** The service tag, e.g. "AzureBackup". */
  tag: string;
  /** True when the service publishes per-region tags and the VM only needs its own region's endpoints. */
  regional: boolean;
  /** Normalized region, when known. */
  region?: string;
}

const AZURE_CLOUD = "azurecloud";
/** Services whose endpoints are all Azure datacentre addresses (inside `AzureCloud`). */
const INSIDE_AZURE_CLOUD = new Set(["azurebackup", "storage"]);

/** Does a tag token contain the service's endpoints, by name alone? */
export function nominalTagContainment(token: { base: string; region?: string }, space: ServiceSpace): Containment {
  const base = space.tag.toLowerCase();
  const regionalMatch = (): Containment => {
    if (token.region === undefined) return "all";
    if (!space.regional || space.region === undefined) return "unknown";
    return token.region === space.region ? "all" : "none";
  };
  if (token.base === base) return regionalMatch();
  if (token.base === AZURE_CLOUD) return INSIDE_AZURE_CLOUD.has(base) ? regionalMatch() : "unknown";
  return "none";
}

/** Does an address token contain a public service's endpoints, by name (no Service Tags file)? */
export function nominalContainment(token: AddressToken, space: ServiceSpace): Containment {
  switch (token.kind) {
    case "any":
    case "internet":
      return "all";
    case "azureLoadBalancer":
    case "ipv6":
      return "none";
    case "tag":
      return nominalTagContainment(token, space);
    case "cidr":
      return token.nonPublic ? "none" : "unknown";
    case "virtualNetwork": // decided by the caller: it depends on the subnet's routes
    case "invalid":
      return "unknown";
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The Service Tags file

const prefixSchema = z.string().refine((s) => parseIPv4Range(s) !== undefined || isIPv6(s), { message: "expected an IPv4 or IPv6 address prefix" });

export const serviceTagsFileSchema = z.looseObject({
  changeNumber: z.union([z.string(), z.number()]).optional(),
  cloud: z.string().optional(),
  values: z.array(
    z.looseObject({
      name: z.string().min(1),
      id: z.string().optional(),
      properties: z.looseObject({
        addressPrefixes: z.array(prefixSchema),
        region: z.string().optional(),
        systemService: z.string().optional(),
      }),
    }),
  ),
});

export type ServiceTagsFile = z.infer<typeof serviceTagsFileSchema>;

interface TagEntry {
  name: string;
  region: string | undefined;
  systemService: string | undefined;
  prefixes: string[];
  set?: IPv4Set;
}

/** The tags of one Service Tags file, looked up case-insensitively. */
export class ServiceTagCatalogue {
  private readonly entries = new Map<string, TagEntry>();
  readonly cloud: string | undefined;
  readonly changeNumber: string | undefined;

  constructor(file: ServiceTagsFile) {
    this.cloud = file.cloud;
    this.changeNumber = file.changeNumber === undefined ? undefined : String(file.changeNumber);
    for (const v of file.values) {
      this.entries.set(v.name.toLowerCase(), {
        name: v.name,
        region: v.properties.region ? normalizeRegion(v.properties.region) : undefined,
        systemService: v.properties.systemService,
        prefixes: v.properties.addressPrefixes,
      });
    }
  }

  /** Validates a parsed file; throws the zod error to the caller (who turns it into an InputError). */
  static fromJson(value: unknown): ServiceTagCatalogue {
    return new ServiceTagCatalogue(serviceTagsFileSchema.parse(value));
  }

  get size(): number {
    return this.entries.size;
  }

  has(tag: string): boolean {
    return this.entries.has(tag.toLowerCase());
  }

  /** The tag's IPv4 prefixes as a set, or undefined when the file does not list the tag. */
  ipv4(tag: string): IPv4Set | undefined {
    const e = this.entries.get(tag.toLowerCase());
    if (!e) return undefined;
    e.set ??= IPv4Set.parseIPv4Only(e.prefixes);
    return e.set;
  }

  /** The tag's IPv4 prefixes as CIDR strings (for route longest-prefix matching). */
  ipv4Prefixes(tag: string): string[] | undefined {
    const e = this.entries.get(tag.toLowerCase());
    return e ? e.prefixes.filter((p) => parseIPv4Range(p) !== undefined) : undefined;
  }

  /** The addresses a service uses for a VM: the regional tag when the service is regional, else the global tag. */
  serviceAddresses(space: ServiceSpace): IPv4Set | undefined {
    if (space.regional) {
      if (space.region === undefined) return undefined;
      const direct = this.ipv4(`${space.tag}.${space.region}`);
      if (direct) return direct;
      const regional = [...this.entries.values()].find(
        (e) => e.name.toLowerCase().startsWith(`${space.tag.toLowerCase()}.`) && (e.region === space.region || normalizeRegion(e.name.split(".")[1] ?? "") === space.region),
      );
      return regional ? this.ipv4(regional.name) : undefined;
    }
    return this.ipv4(space.tag);
  }
}
