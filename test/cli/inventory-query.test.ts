/**
 * The inventory query is checked against a real T-SQL parser (node-sql-parser, TransactSQL dialect) and against the
 * contract: the JSON its FOR JSON subqueries build must have the inventory's keys, nested the same way, and the
 * literal values it writes for enums must be values the contract allows.
 */
import { readFileSync } from "node:fs";
import { Parser } from "node-sql-parser";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { INVENTORY_QUERY, inventoryQuery } from "../../src/cli/commands/inventory-query.js";
import { main } from "../../src/cli/main.js";
import { sharedPath } from "../harness/shared.js";

type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** A JSON shape: leaf expressions, or nested objects / arrays of objects. */
type Shape = { kind: "leaf"; expr: Node } | { kind: "object"; keys: Map<string, Shape> } | { kind: "array"; of: Shape };

const parser = new Parser();
const statements = parser.astify(INVENTORY_QUERY, { database: "TransactSQL" }) as unknown as Node[];

function functionName(expr: Node): string | undefined {
  return expr?.type === "function" ? String(expr.name?.name?.[0]?.value ?? "").toUpperCase() : undefined;
}

/** The SELECT inside `JSON_QUERY((SELECT … FOR JSON PATH) [, path])`, with the path. */
function jsonQuerySubquery(expr: Node): { select: Node; path?: string } | undefined {
  if (functionName(expr) !== "JSON_QUERY") return undefined;
  const [first, second] = expr.args.value as Node[];
  const select = first?.ast;
  if (!select || select.type !== "select") return undefined;
  return { select, path: second?.value };
}

/** The JSON a `SELECT … FOR JSON PATH` produces: an array of objects keyed by the column aliases. */
function shapeOfForJson(select: Node): Shape {
  expect(select.for, "every nested SELECT ends in FOR JSON PATH").toMatchObject({ type: "for json", keyword: "PATH" });
  const keys = new Map<string, Shape>();
  for (const column of select.columns as Node[]) {
    expect(column.as, "every column of a FOR JSON SELECT has an alias").toBeTruthy();
    const sub = jsonQuerySubquery(column.expr);
    keys.set(column.as, sub ? shapeOfForJson(sub.select) : { kind: "leaf", expr: column.expr });
  }
  return { kind: "array", of: { kind: "object", keys } };
}

function queryShape(): Shape {
  const select = statements.find((s) => s.type === "select")!;
  expect(select.columns).toHaveLength(1);
  expect(select.columns[0].as).toBe("inventory");
  const top = jsonQuerySubquery(select.columns[0].expr);
  expect(top?.path, "the one-row array is unwrapped into an object").toBe("$[0]");
  const shape = shapeOfForJson(top!.select);
  return shape.kind === "array" ? shape.of : shape;
}

function at(shape: Shape, ...path: string[]): Shape {
  let s = shape;
  for (const key of path) {
    if (s.kind === "array") s = s.of;
    if (s.kind !== "object" || !s.keys.has(key)) throw new Error(`no key ${path.join(".")}`);
    s = s.keys.get(key)!;
  }
  return s.kind === "array" ? s.of : s;
}

function keysOf(shape: Shape): string[] {
  return shape.kind === "object" ? [...shape.keys.keys()] : [];
}

/** The contract's inventory example (YAML), and the enum lists its comments give (`key: value  # A | B | C`). */
function contractInventory(): { example: Node; enums: Map<string, string[]> } {
  const contract = readFileSync(sharedPath("design", "contract.md"), "utf8");
  const section = contract.slice(contract.indexOf("## The workload inventory"));
  const yamlText = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  const enums = new Map<string, string[]>();
  for (const line of yamlText.split("\n")) {
    const m = /^\s*-?\s*(\w+):[^#]*#\s*(?:optional:\s*)?([\w-]+(?:\s*\|\s*[\w-]+)+)\s*$/.exec(line);
    if (m) enums.set(m[1]!, m[2]!.split("|").map((v) => v.trim()));
  }
  return { example: parseYaml(yamlText) as Node, enums };
}

/** Keys of the example at a path (arrays stand for their elements; the union over elements). */
function contractKeys(example: Node, ...path: string[]): string[] {
  let nodes: Node[] = [example];
  for (const key of path) nodes = nodes.flatMap((n) => (Array.isArray(n[key]) ? n[key] : [n[key]])).filter((n) => n && typeof n === "object");
  return [...new Set(nodes.flatMap((n) => Object.keys(n)))];
}

function exampleValues(example: Node, key: string): string[] {
  const out = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object")
      for (const [k, v] of Object.entries(n)) {
        if (k === key && typeof v === "string") out.add(v);
        walk(v);
      }
  };
  walk(example);
  return [...out];
}

/** The string literals a CASE expression can produce. */
function caseResults(expr: Node): string[] {
  expect(expr.type, "an enum column is written by a CASE expression").toBe("case");
  return (expr.args as Node[]).map((arg) => {
    expect(["single_quote_string", "var_string"]).toContain(arg.result.type);
    return String(arg.result.value);
  });
}

function leaf(shape: Shape, ...path: string[]): Node {
  const s = path.reduce<Shape>((acc, key) => {
    const o = acc.kind === "array" ? acc.of : acc;
    if (o.kind !== "object") throw new Error(`not an object at ${key}`);
    return o.keys.get(key)!;
  }, shape);
  expect(s.kind, `${path.join(".")} is a scalar`).toBe("leaf");
  return (s as { expr: Node }).expr;
}

describe("backupguard inventory-query", () => {
  const shape = queryShape();
  const { example, enums } = contractInventory();

  it("parses as T-SQL: SET NOCOUNT ON, then one SELECT", () => {
    expect(statements.map((s) => s.type)).toEqual(["set", "select"]);
  });

  it("builds the inventory's nesting: vms[].sqlInstances[].databases[] and availabilityGroups[].replicas[]", () => {
    expect(keysOf(shape)).toEqual(["version", "vms", "availabilityGroups"]);
    expect(keysOf(at(shape, "vms"))).toEqual(["name", "os", "sqlInstances"]);
    expect(keysOf(at(shape, "vms", "sqlInstances"))).toEqual(["name", "databases"]);
    expect(keysOf(at(shape, "vms", "sqlInstances", "databases"))).toEqual(["name", "recoveryModel", "readOnly", "mirroring", "logShipping", "availabilityGroup"]);
    expect(keysOf(at(shape, "availabilityGroups"))).toEqual(["name", "backupPreference", "replicas"]);
    expect(keysOf(at(shape, "availabilityGroups", "replicas"))).toEqual(["vm", "instance", "role"]);
  });

  it("uses only keys the contract's inventory has, and every key of its SQL Server part", () => {
    const paths: string[][] = [[], ["vms"], ["vms", "sqlInstances"], ["vms", "sqlInstances", "databases"], ["availabilityGroups"], ["availabilityGroups", "replicas"]];
    for (const path of paths) {
      const ours = keysOf(path.length ? at(shape, ...path) : shape);
      const theirs = contractKeys(example, ...path);
      expect(theirs, `contract keys at ${path.join(".") || "top"}`).toEqual(expect.arrayContaining(ours));
    }
    // The facts only SQL Server knows: the query must produce all of them.
    for (const path of [["vms", "sqlInstances"], ["vms", "sqlInstances", "databases"], ["availabilityGroups"], ["availabilityGroups", "replicas"]]) {
      expect(keysOf(at(shape, ...path)).sort(), path.join(".")).toEqual(contractKeys(example, ...path).sort());
    }
  });

  it("writes only enum values the contract allows", () => {
    expect(enums.get("backupPreference")).toEqual(["Primary", "SecondaryOnly", "Secondary", "None"]);
    const preferences = caseResults(leaf(shape, "availabilityGroups", "backupPreference"));
    expect(preferences.sort()).toEqual([...enums.get("backupPreference")!].sort());
    expect(enums.get("os")).toEqual(expect.arrayContaining(caseResults(leaf(shape, "vms", "os"))));
    expect(exampleValues(example, "role").sort()).toEqual(caseResults(leaf(shape, "availabilityGroups", "replicas", "role")).sort());
  });

  it("reads the recovery model from sys.databases, whose values are the contract's", () => {
    expect(leaf(shape, "vms", "sqlInstances", "databases", "recoveryModel")).toMatchObject({ type: "column_ref", table: "d", column: "recovery_model_desc" });
    expect(enums.get("recoveryModel")).toEqual(["FULL", "BULK_LOGGED", "SIMPLE"]);
  });

  it("writes the flags as bit, which FOR JSON renders as true/false", () => {
    for (const flag of ["readOnly", "mirroring", "logShipping"]) {
      const expr = leaf(shape, "vms", "sqlInstances", "databases", flag);
      expect(expr, flag).toMatchObject({ type: "cast", target: [{ dataType: "BIT" }] });
    }
  });

  it("reads the catalog views and msdb tables the facts come from", () => {
    const tables = parser.tableList(INVENTORY_QUERY, { database: "TransactSQL" });
    for (const t of [
      "select::sys::databases",
      "select::sys::database_mirroring",
      "select::msdb.dbo::log_shipping_primary_databases",
      "select::sys::availability_groups",
      "select::sys::availability_replicas",
      "select::sys::dm_hadr_availability_replica_states",
    ])
      expect(tables).toContain(t);
  });

  it("leaves out tempdb and database snapshots", () => {
    const selects: Node[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === "object") {
        if ((n as Node).type === "select") selects.push(n as Node);
        Object.values(n).forEach(walk);
      }
    };
    walk(statements);
    const fromDatabases = selects.filter((sel) => (sel.from as Node[] | null)?.[0]?.table === "databases");
    expect(fromDatabases).toHaveLength(1);
    expect(fromDatabases[0]!.where).toMatchObject({
      type: "binary_expr",
      operator: "AND",
      left: { operator: "<>", left: { column: "database_id" }, right: { value: 2 } },
      right: { operator: "IS", left: { column: "source_database_id" }, right: { type: "null" } },
    });
  });

  it("prints the query, or wraps it in JSON with --format json", async () => {
    let out = "";
    const io = { stdout: (s: string) => (out += s), stderr: () => undefined, isTTY: false, env: {} };
    expect(await main(["inventory-query"], io)).toBe(0);
    expect(out).toBe(INVENTORY_QUERY);
    out = "";
    expect(await main(["inventory-query", "--format", "json"], io)).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ version: 1, dialect: "T-SQL", query: INVENTORY_QUERY });
    expect(inventoryQuery({ format: "sql" }).exitCode).toBe(0);
  });
});
