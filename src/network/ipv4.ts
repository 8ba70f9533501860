/**
 * IPv4 address sets as sorted, merged, inclusive intervals of 32-bit numbers. Parsing and validation of addresses
 * and CIDR prefixes go through ipaddr.js; the set algebra (union, intersection, difference) is done here, because
 * ipaddr.js matches single addresses against ranges but has no sets.
 */
import ipaddr from "ipaddr.js";

const MAX = 0xffffffff;

function toNumber(octets: number[]): number {
  return ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
}

function fromNumber(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

const CANONICAL = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})(?:\/(\d{1,2}))?$/;

function rangeOf(base: number, bits: number): [number, number] {
  const size = bits === 0 ? MAX + 1 : 2 ** (32 - bits);
  const start = bits === 0 ? 0 : base - (base % size);
  return [start, start + size - 1];
}

/** ipaddr.js's reading: four decimal parts without leading zeros, an optional prefix length 0-32. */
function parseWithIpaddr(s: string): [number, number] | undefined {
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(s)) {
    const [addr, bits] = ipaddr.IPv4.parseCIDR(s);
    return rangeOf(toNumber(addr.octets), bits);
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) {
    const n = toNumber(ipaddr.IPv4.parse(s).octets);
    return [n, n];
  }
  return undefined;
}

/**
 * The inclusive numeric range of an IPv4 address or CIDR prefix, or undefined when it is not one. The canonical
 * form (what Azure returns) is read directly; anything else goes through ipaddr.js, which decides validity.
 */
export function parseIPv4Range(text: string): [number, number] | undefined {
  const s = text.trim();
  let result: [number, number] | undefined;
  const m = CANONICAL.exec(s);
  if (m && Number(m[1]) <= 255 && Number(m[2]) <= 255 && Number(m[3]) <= 255 && Number(m[4]) <= 255 && (m[5] === undefined || Number(m[5]) <= 32)) {
    const base = toNumber([Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]);
    result = m[5] === undefined ? [base, base] : rangeOf(base, Number(m[5]));
  } else {
    result = parseWithIpaddr(s);
  }
  return result;
}

/** True for an IPv6 address or prefix (rules may list them; they never match IPv4 traffic). */
export function isIPv6(text: string): boolean {
  const s = text.trim();
  return s.includes(":") && (ipaddr.IPv6.isValidCIDR(s) || ipaddr.IPv6.isValid(s));
}

/** The prefix length of an IPv4 CIDR (32 for a plain address), or undefined. */
export function ipv4PrefixLength(text: string): number | undefined {
  const s = text.trim();
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(s)) return ipaddr.IPv4.parseCIDR(s)[1];
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) return 32;
  return undefined;
}

export class IPv4Set {
  /** Flat list [start0, end0, start1, end1, ...], sorted, disjoint, not adjacent. */
  private constructor(private readonly r: readonly number[]) {}

  static readonly EMPTY = new IPv4Set([]);
  static readonly ALL = new IPv4Set([0, MAX]);

  /** One inclusive range. */
  static range(start: number, end: number): IPv4Set {
    return new IPv4Set(start <= end ? [start, end] : [end, start]);
  }

  static of(ranges: Iterable<readonly [number, number]>): IPv4Set {
    const sorted = [...ranges].map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]).sort((x, y) => x[0] - y[0]);
    const out: number[] = [];
    for (const [a, b] of sorted) {
      const last = out.length - 1;
      if (last > 0 && a <= out[last]! + 1) out[last] = Math.max(out[last]!, b);
      else out.push(a, b);
    }
    return new IPv4Set(out);
  }

  /** A set from CIDR prefixes / addresses; undefined when any entry is not IPv4. */
  static parse(prefixes: readonly string[]): IPv4Set | undefined {
    const ranges: [number, number][] = [];
    for (const p of prefixes) {
      const r = parseIPv4Range(p);
      if (!r) return undefined;
      ranges.push(r);
    }
    return IPv4Set.of(ranges);
  }

  /** A set from the IPv4 entries of a list, ignoring IPv6 ones (service tags list both). */
  static parseIPv4Only(prefixes: readonly string[]): IPv4Set {
    const ranges: [number, number][] = [];
    for (const p of prefixes) {
      const r = parseIPv4Range(p);
      if (r) ranges.push(r);
    }
    return IPv4Set.of(ranges);
  }

  isEmpty(): boolean {
    return this.r.length === 0;
  }

  isAll(): boolean {
    return this.r.length === 2 && this.r[0] === 0 && this.r[1] === MAX;
  }

  /** Number of addresses. */
  size(): number {
    let n = 0;
    for (let i = 0; i < this.r.length; i += 2) n += this.r[i + 1]! - this.r[i]! + 1;
    return n;
  }

  union(o: IPv4Set): IPv4Set {
    if (o.isEmpty()) return this;
    if (this.isEmpty()) return o;
    return IPv4Set.of([...this.pairs(), ...o.pairs()]);
  }

  intersect(o: IPv4Set): IPv4Set {
    if (this.isEmpty() || o.isEmpty()) return IPv4Set.EMPTY;
    if (o.isAll()) return this;
    if (this.isAll()) return o;
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < this.r.length && j < o.r.length) {
      const a = Math.max(this.r[i]!, o.r[j]!);
      const b = Math.min(this.r[i + 1]!, o.r[j + 1]!);
      if (a <= b) out.push(a, b);
      if (this.r[i + 1]! < o.r[j + 1]!) i += 2;
      else j += 2;
    }
    return new IPv4Set(out);
  }

  subtract(o: IPv4Set): IPv4Set {
    if (this.isEmpty() || o.isEmpty()) return this;
    const out: number[] = [];
    let j = 0;
    for (let i = 0; i < this.r.length; i += 2) {
      const end = this.r[i + 1]!;
      let cur = this.r[i]!;
      while (j < o.r.length && o.r[j + 1]! < cur) j += 2;
      for (let k = j; k < o.r.length && o.r[k]! <= end; k += 2) {
        if (o.r[k]! > cur) out.push(cur, o.r[k]! - 1);
        cur = Math.max(cur, o.r[k + 1]! + 1);
        if (cur > end) break;
      }
      if (cur <= end) out.push(cur, end);
    }
    return new IPv4Set(out);
  }

  /** True when the inclusive range [start, end] lies inside one interval of this set (no allocation). */
  containsRange(start: number, end: number): boolean {
    for (let i = 0; i < this.r.length; i += 2) if (this.r[i]! <= start && end <= this.r[i + 1]!) return true;
    return false;
  }

  /** True when every address of `o` is in this set. */
  containsSet(o: IPv4Set): boolean {
    return o.subtract(this).isEmpty();
  }

  overlaps(o: IPv4Set): boolean {
    return !this.intersect(o).isEmpty();
  }

  equals(o: IPv4Set): boolean {
    return this.r.length === o.r.length && this.r.every((v, i) => v === o.r[i]);
  }

  *pairs(): Generator<[number, number]> {
    for (let i = 0; i < this.r.length; i += 2) yield [this.r[i]!, this.r[i + 1]!];
  }

  /** A stable key (for memoisation). */
  key(): string {
    return this.r.join(",");
  }

  toString(): string {
    return [...this.pairs()].map(([a, b]) => (a === b ? fromNumber(a) : `${fromNumber(a)}-${fromNumber(b)}`)).join(", ") || "(none)";
  }
}

/**
 * Address space that is never a public Azure service endpoint: RFC 1918, shared address space (RFC 6598),
 * loopback, link-local, "this network", multicast and reserved.
 */
export const NON_PUBLIC_IPV4 = IPv4Set.parse([
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "224.0.0.0/4",
  "240.0.0.0/4",
])!;

/** The Azure host's virtual IP (DHCP, DNS, health probes, the VM agent's WireServer). */
export const AZURE_HOST_IP = IPv4Set.parse(["168.63.129.16/32"])!;
