import { defineRule } from "../../src/engine/define-rule.js";
import type { ResourceRef } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { modelVm, vmNameOf } from "./_sql-protection.js";

/** Azure reserves characters of the SQL container name: VM name + resource group name may use at most 84 (ARM VMs). */
export const MAX_VM_AND_RESOURCE_GROUP = 84;

interface VmGroup {
  vm: string;
  resourceGroup: string;
  containers: ResourceRef[];
  protectors: ResourceRef[];
}

export default defineRule({
  id: "SQL-009",
  name: "vm-name-length",
  title: "SQL VMs protected by Azure Backup have a VM name and resource group name of at most 84 characters together",
  severity: "warning",
  prevents: [],
  remediation:
    "Shorten the VM name or move the VM to a resource group with a shorter name before registering it for SQL backup (84 characters together at most).",
  check(ctx) {
    const groups = new Map<string, VmGroup>();
    const entities = [
      ...ctx.model.protectionContainers.map((c) => ({ entity: c, container: true })),
      ...ctx.model.protectedItems.filter((i) => i.workload === "sqlDatabase").map((i) => ({ entity: i, container: false })),
      ...ctx.model.protectionIntents.filter((i) => i.workload === "sqlInstance" || i.workload === "sqlDatabase").map((i) => ({ entity: i, container: false })),
    ];
    for (const { entity, container } of entities) {
      const on = vmNameOf(entity);
      if (isUnknown(on)) {
        ctx.unknown({ resource: entity.ref, messageId: "vmNameTooLong", message: `The VM ${entity.ref.name} is on is computed at preview; the length of its name and resource group cannot be checked.` });
        continue;
      }
      if (!on) continue; // an availability group's container names no VM
      let rg = on.resourceGroup;
      if (rg === undefined) {
        const vmRg = modelVm(ctx, on.name)?.resourceGroup;
        if (isUnknown(vmRg)) {
          ctx.unknown({ resource: entity.ref, messageId: "vmNameTooLong", message: `The resource group of ${on.name} is computed at preview; the length of the VM and resource group names cannot be checked.`, data: { vm: on.name } });
          continue;
        }
        rg = vmRg;
      }
      if (rg === undefined) continue;
      const key = `${rg.toLowerCase()}/${on.name.toLowerCase()}`;
      const g = groups.get(key) ?? { vm: on.name, resourceGroup: rg, containers: [], protectors: [] };
      (container ? g.containers : g.protectors).push(entity.ref);
      groups.set(key, g);
    }
    for (const g of groups.values()) {
      const length = g.vm.length + g.resourceGroup.length;
      // The registration (container) is what fails; without one in the sources, the items and intents carry it.
      const targets = g.containers.length > 0 ? g.containers : g.protectors;
      for (const resource of targets) {
        if (length <= MAX_VM_AND_RESOURCE_GROUP) {
          ctx.pass(resource);
          continue;
        }
        ctx.report({
          resource,
          messageId: "vmNameTooLong",
          message:
            `VM ${g.vm} in resource group ${g.resourceGroup} has ${length} characters of VM and resource group name together; Azure Backup for SQL Server ` +
            `allows ${MAX_VM_AND_RESOURCE_GROUP} (some characters of the container name are reserved). Shorten the VM or resource group name before registering the VM.`,
          data: { vm: g.vm, resourceGroup: g.resourceGroup, length, limit: MAX_VM_AND_RESOURCE_GROUP },
        });
      }
    }
  },
});
