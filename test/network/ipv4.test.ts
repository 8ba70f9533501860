import { describe, expect, it } from "vitest";
import { IPv4Set, parseIPv4Range } from "../../src/network/ipv4.js";

const set = (...p: string[]) => IPv4Set.parse(p)!;

describe("IPv4Set", () => {
  it("parses addresses and prefixes, normalizing host bits", () => {
    expect(parseIPv4Range("10.0.1.4")).toEqual([167772420, 167772420]);
    expect(set("10.0.1.7/24").toString()).toBe("10.0.1.0-10.0.1.255");
    expect(set("0.0.0.0/0").isAll()).toBe(true);
    expect(IPv4Set.parse(["AzureBackup"])).toBeUndefined();
    expect(IPv4Set.parse(["10.0.0.0/33"])).toBeUndefined();
  });

  it("merges adjacent and overlapping ranges", () => {
    expect(set("10.0.0.0/25", "10.0.0.128/25").equals(set("10.0.0.0/24"))).toBe(true);
    expect(set("10.0.0.0/16", "10.0.5.0/24").equals(set("10.0.0.0/16"))).toBe(true);
  });

  it("intersects, subtracts and compares", () => {
    const a = set("10.0.0.0/16");
    const b = set("10.0.128.0/17", "10.1.0.0/16");
    expect(a.intersect(b).equals(set("10.0.128.0/17"))).toBe(true);
    expect(a.subtract(b).equals(set("10.0.0.0/17"))).toBe(true);
    expect(set("10.0.0.0/8").subtract(set("10.0.0.0/9", "10.128.0.0/9")).isEmpty()).toBe(true);
    expect(IPv4Set.ALL.subtract(set("0.0.0.0/1")).equals(set("128.0.0.0/1"))).toBe(true);
    expect(set("10.0.0.0/8").subtract(set("10.1.2.3")).size()).toBe(2 ** 24 - 1);
    expect(a.containsSet(set("10.0.3.0/24"))).toBe(true);
    expect(a.containsSet(b)).toBe(false);
    expect(a.overlaps(b)).toBe(true);
    expect(a.overlaps(set("11.0.0.0/8"))).toBe(false);
  });
});
