/**
 * The workload inventory (YAML or JSON): what Azure Resource Manager cannot see, from inside the VMs.
 * Validated strictly: unknown keys, wrong types and bad enum values are input errors with file and path,
 * and so are broken cross-references (a database naming an undeclared availability group, a replica on a VM
 * or instance the file does not list).
 */
import { z } from "zod";
import { InputError, formatPath } from "../errors.js";
import { parseArmId } from "../model/ids.js";
import { emptyModel, type AvailabilityGroup, type InventoryVm, type Model, type ResourceRef, type SqlDatabase, type SqlInstance } from "../model/types.js";
import { readStructuredFile } from "./read-file.js";
import { zodInputError } from "./zod-error.js";

/** `mode: 600` unquoted in YAML is a number; both spellings mean the same octal mode. */
const fileMode = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((v) => String(v))
  .pipe(z.string().regex(/^[0-7]{3,4}$/, "expected an octal file mode such as \"700\""));

/** `2.7` unquoted in YAML is a number: keep versions as text. */
const versionText = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .pipe(z.string().regex(/^\d+(\.\d+){0,3}$/, "expected a version such as 2.7.41491.1102"));

const name = z.string().trim().min(1);

export const inventorySchema = z.strictObject({
  version: z.literal(1),
  vms: z.array(
    z.strictObject({
      /** Azure VM name; joined with Pulumi/ARM resources by id, else by name. */
      name,
      id: z
        .string()
        .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\/[^/]+$/i, "expected a VM resource id (/subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/virtualMachines/…)")
        .optional(),
      os: z.enum(["windows", "linux"]),
      agentVersion: versionText.optional(),
      /** The VSS backup type Azure VM backups take on this VM. */
      vssBackupType: z.enum(["copy-only", "full"]).optional(),
      otherBackupProducts: z.array(name).optional(),
      linuxAppConsistency: z
        .strictObject({
          config: z
            .strictObject({
              mode: fileMode.optional(),
              owner: name.optional(),
              /** VMSnapshotScriptPluginConfig.json as it is on the VM; the linux rules read it. */
              content: z.record(z.string(), z.unknown()).optional(),
            })
            .optional(),
          scripts: z.array(z.strictObject({ path: name, mode: fileMode.optional(), owner: name.optional() })).optional(),
        })
        .optional(),
      sqlInstances: z
        .array(
          z.strictObject({
            name,
            databases: z.array(
              z.strictObject({
                name,
                recoveryModel: z.enum(["FULL", "BULK_LOGGED", "SIMPLE"]),
                readOnly: z.boolean().optional(),
                mirroring: z.boolean().optional(),
                logShipping: z.boolean().optional(),
                availabilityGroup: name.optional(),
              }),
            ),
          }),
        )
        .optional(),
    }),
  ),
  availabilityGroups: z
    .array(
      z.strictObject({
        name,
        backupPreference: z.enum(["Primary", "SecondaryOnly", "Secondary", "None"]),
        replicas: z.array(z.strictObject({ vm: name, instance: name, role: z.enum(["PRIMARY", "SECONDARY"]) })).min(1),
      }),
    )
    .optional(),
});

export type Inventory = z.infer<typeof inventorySchema>;

export function loadInventoryFile(file: string): Model {
  return fromInventory(readStructuredFile(file, "auto"), file);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Fails on the second of two entries with the same name (SQL Server and Azure compare these names case-insensitively). */
function assertUnique(file: string, names: string[], pathOf: (i: number) => (string | number)[], what: string): void {
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    const first = seen.get(n.toLowerCase());
    if (first !== undefined) throw new InputError(file, formatPath(pathOf(i)), `duplicate ${what} "${n}" (already at ${formatPath(pathOf(first))})`);
    seen.set(n.toLowerCase(), i);
  });
}

/** Cross-references zod cannot see. */
function checkReferences(inv: Inventory, file: string): void {
  const groups = inv.availabilityGroups ?? [];
  assertUnique(file, inv.vms.map((v) => v.name), (i) => ["vms", i, "name"], "VM");
  assertUnique(file, groups.map((g) => g.name), (i) => ["availabilityGroups", i, "name"], "availability group");
  inv.vms.forEach((vm, v) => {
    if (vm.id) {
      const idName = parseArmId(vm.id).name;
      if (idName && !same(idName, vm.name)) throw new InputError(file, formatPath(["vms", v, "id"]), `names VM "${idName}", but the entry is "${vm.name}"`);
    }
    const instances = vm.sqlInstances ?? [];
    assertUnique(file, instances.map((s) => s.name), (i) => ["vms", v, "sqlInstances", i, "name"], "SQL instance");
    instances.forEach((inst, s) => {
      assertUnique(file, inst.databases.map((d) => d.name), (i) => ["vms", v, "sqlInstances", s, "databases", i, "name"], "database");
      inst.databases.forEach((db, d) => {
        if (!db.availabilityGroup) return;
        const path = formatPath(["vms", v, "sqlInstances", s, "databases", d, "availabilityGroup"]);
        const group = groups.find((g) => same(g.name, db.availabilityGroup!));
        if (!group) throw new InputError(file, path, `names availability group "${db.availabilityGroup}", which availabilityGroups does not declare`);
        if (!group.replicas.some((r) => same(r.vm, vm.name) && same(r.instance, inst.name)))
          throw new InputError(file, path, `names availability group "${group.name}", but ${vm.name}/${inst.name} is not one of its replicas`);
      });
    });
  });
  groups.forEach((group, g) => {
    group.replicas.forEach((replica, r) => {
      const vm = inv.vms.find((x) => same(x.name, replica.vm));
      if (!vm) throw new InputError(file, formatPath(["availabilityGroups", g, "replicas", r, "vm"]), `names VM "${replica.vm}", which vms does not list`);
      if (!(vm.sqlInstances ?? []).some((i) => same(i.name, replica.instance)))
        throw new InputError(file, formatPath(["availabilityGroups", g, "replicas", r, "instance"]), `names SQL instance "${replica.instance}", which VM "${vm.name}" does not list`);
    });
    assertUnique(file, group.replicas.map((x) => `${x.vm}/${x.instance}`), (i) => ["availabilityGroups", g, "replicas", i], "replica");
    const primaries = group.replicas.flatMap((x, i) => (x.role === "PRIMARY" ? [i] : []));
    if (primaries.length > 1)
      throw new InputError(file, formatPath(["availabilityGroups", g, "replicas", primaries[1]!, "role"]), `a second PRIMARY replica; an availability group has one primary`);
  });
}

export function fromInventory(value: unknown, file: string): Model {
  const parsed = inventorySchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw zodInputError(file, parsed.error);
  const inv = parsed.data;
  checkReferences(inv, file);

  const model = emptyModel();
  const ref = (kind: ResourceRef["kind"], refName: string, type: string, path: (string | number)[]): ResourceRef => ({
    kind,
    name: refName,
    type,
    source: { adapter: "inventory", file, pointer: formatPath(path) },
  });
  inv.vms.forEach((vm, v) => {
    const entity: InventoryVm = { ref: ref("inventoryVm", vm.name, "backupguard:inventory:Vm", ["vms", v]), vmName: vm.name, os: vm.os };
    if (vm.id) entity.vmId = vm.id;
    if (vm.agentVersion) entity.agentVersion = vm.agentVersion;
    if (vm.vssBackupType) entity.vssBackupType = vm.vssBackupType;
    if (vm.otherBackupProducts) entity.otherBackupProducts = vm.otherBackupProducts;
    if (vm.linuxAppConsistency) entity.linuxAppConsistency = vm.linuxAppConsistency;
    model.inventoryVms.push(entity);
    (vm.sqlInstances ?? []).forEach((inst, s) => {
      const instance: SqlInstance = {
        ref: ref("sqlInstance", `${vm.name}/${inst.name}`, "backupguard:inventory:SqlInstance", ["vms", v, "sqlInstances", s]),
        vmName: vm.name,
        instanceName: inst.name,
      };
      if (vm.id) instance.vmId = vm.id;
      model.sqlInstances.push(instance);
      inst.databases.forEach((db, d) => {
        const database: SqlDatabase = {
          ref: ref("sqlDatabase", `${vm.name}/${inst.name}/${db.name}`, "backupguard:inventory:SqlDatabase", ["vms", v, "sqlInstances", s, "databases", d]),
          vmName: vm.name,
          instanceName: inst.name,
          databaseName: db.name,
          recoveryModel: db.recoveryModel,
        };
        if (vm.id) database.vmId = vm.id;
        if (db.readOnly !== undefined) database.readOnly = db.readOnly;
        if (db.mirroring !== undefined) database.mirroring = db.mirroring;
        if (db.logShipping !== undefined) database.logShipping = db.logShipping;
        if (db.availabilityGroup) database.availabilityGroup = db.availabilityGroup;
        model.sqlDatabases.push(database);
      });
    });
  });
  (inv.availabilityGroups ?? []).forEach((group, g) => {
    const ag: AvailabilityGroup = {
      ref: ref("availabilityGroup", group.name, "backupguard:inventory:AvailabilityGroup", ["availabilityGroups", g]),
      groupName: group.name,
      backupPreference: group.backupPreference,
      replicas: group.replicas.map((r) => ({ vm: r.vm, instance: r.instance, role: r.role })),
    };
    model.availabilityGroups.push(ag);
  });
  return model;
}
