/**
 * One resource, several sources: a Pulumi preview or stack export and `--arm` files may all describe the same Azure
 * resource. The contract joins them by Azure resource ID (case-insensitive, as Azure compares ids) and by Pulumi URN,
 * so the report must count that resource once and show each of its findings once.
 */
import { normalizeId } from "../model/ids.js";
import type { ResourceRef } from "../model/types.js";
import type { FindingResource } from "./types.js";

type Resource = Pick<ResourceRef, "type" | "name" | "id" | "urn">;

function keysOf(r: Resource): string[] {
  const keys: string[] = [];
  if (r.urn) keys.push(`urn:${r.urn}`);
  if (r.id) keys.push(`id:${normalizeId(r.id)}`);
  return keys;
}

/** Groups resource refs that share a URN or an Azure id (transitively), and names each group. */
export class ResourceIdentities {
  private readonly parent = new Map<string, string>();
  /** First URN and first id seen in each group, to complete a finding's resource from the others. */
  private readonly known = new Map<string, { urn?: string; id?: string }>();

  constructor(refs: readonly Resource[]) {
    for (const ref of refs) {
      const [first, ...rest] = keysOf(ref);
      if (first === undefined) continue;
      this.add(first);
      for (const k of rest) this.union(first, this.add(k));
    }
    for (const ref of refs) {
      const [first] = keysOf(ref);
      if (first === undefined) continue;
      const root = this.find(first);
      const facts = this.known.get(root) ?? {};
      if (ref.urn && !facts.urn) facts.urn = ref.urn;
      if (ref.id && !facts.id) facts.id = ref.id;
      this.known.set(root, facts);
    }
  }

  private add(key: string): string {
    if (!this.parent.has(key)) this.parent.set(key, key);
    return key;
  }

  private find(key: string): string {
    let root = key;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    // Path compression keeps later lookups flat.
    for (let k = key; k !== root; ) {
      const next = this.parent.get(k)!;
      this.parent.set(k, root);
      k = next;
    }
    return root;
  }

  private union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }

  /** A key equal for every source's view of one resource; undefined for a resource with neither URN nor id. */
  keyOf(r: Resource): string | undefined {
    const keys = keysOf(r);
    for (const k of keys) if (this.parent.has(k)) return this.find(k);
    return keys[0];
  }

  /** The resource with the URN and id that another source knows filled in ("urn and id are present when known"). */
  complete(r: FindingResource): FindingResource {
    if (r.urn && r.id) return r;
    const key = this.keyOf(r);
    const facts = key === undefined ? undefined : this.known.get(key);
    if (!facts) return r;
    const out: FindingResource = { ...r };
    if (!out.urn && facts.urn) out.urn = facts.urn;
    if (!out.id && facts.id) out.id = facts.id;
    return out;
  }

  /** How many distinct resources the refs describe (each one without URN or id counts on its own). */
  count(refs: readonly Resource[]): number {
    const keyed = new Set<string>();
    let unkeyed = 0;
    for (const r of refs) {
      const key = this.keyOf(r);
      if (key === undefined) unkeyed++;
      else keyed.add(key);
    }
    return keyed.size + unkeyed;
  }
}
