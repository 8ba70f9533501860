import rule from "../../../checks/vm/vm-agent-installed.js";
import { expect, it } from "vitest";
import type { Model } from "../../../src/model/types.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { findingsOf, ruleTester } from "../../harness/rule-tester.js";
import { estate, exampleEstate, VM_NAME } from "./_estate.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden VM (provisionVMAgent true)", model: estate() },
    { name: "provisionVMAgent not set (Azure installs the agent)", model: estate({ vm: { provisionVmAgent: undefined } }) },
    { name: "agent installed by hand, version in the inventory", model: estate({ vm: { provisionVmAgent: false }, inventory: {} }) },
    { name: "agent installed by hand, version in the instance view", model: estate({ vm: { provisionVmAgent: false, agentVersion: "2.7.41491.1102" } }) },
    { name: "Azure's REST example VM", model: exampleEstate() },
    { name: "no agent, but protection stopped", model: estate({ vm: { provisionVmAgent: false }, item: { protectionState: "ProtectionStopped" } }) },
  ],
  invalid: [
    {
      name: "VM created without the agent and nothing shows one installed",
      model: estate({ vm: { provisionVmAgent: false } }),
      errors: [{ messageId: "agentNotProvisioned", resource: VM_NAME, data: { value: false } }],
    },
    {
      name: "Linux VM created without the agent",
      model: estate({ vm: { os: "linux", provisionVmAgent: false } }),
      errors: [{ messageId: "agentNotProvisioned" }],
    },
  ],
  unknown: [{ name: "provisionVMAgent computed at preview", model: estate({ vm: { provisionVmAgent: UNKNOWN } }), unknowns: [{ messageId: "provisionUnknown" }] }],
});

/** A VM whose SQL Server databases Azure Backup protects, with no VM backup of its own. */
const sqlOnly = (vm: Parameters<typeof build.vm>[1]) => build.model(build.vault(), build.sqlPolicy(), build.vm(VM_NAME, vm), build.sqlItem(VM_NAME));

ruleTester.run(rule, {
  valid: [
    { name: "SQL-only VM with the agent", model: sqlOnly({ provisionVmAgent: true }) },
    { name: "SQL auto-protection intent on a VM with the agent", model: build.model(build.vault(), build.vm(VM_NAME, { provisionVmAgent: true }), build.sqlAutoProtectIntent(VM_NAME)) },
  ],
  invalid: [
    {
      name: "SQL-only VM without the agent",
      model: sqlOnly({ provisionVmAgent: false }),
      errors: [{ messageId: "agentNotProvisioned", resource: VM_NAME, data: { value: false, vmBackup: false, sqlBackup: true } }],
    },
    {
      name: "SQL auto-protection intent on a VM without the agent",
      model: build.model(build.vault(), build.vm(VM_NAME, { provisionVmAgent: false }), build.sqlAutoProtectIntent(VM_NAME)),
      errors: [{ messageId: "agentNotProvisioned", data: { sqlBackup: true } }],
    },
  ],
  unknown: [{ name: "SQL-only VM, provisionVMAgent computed at preview", model: sqlOnly({ provisionVmAgent: UNKNOWN }), unknowns: [{ messageId: "provisionUnknown" }] }],
});

it("names the VM-backup codes for VM backups and the SQL code for SQL protection", () => {
  const codes = (model: Model) => findingsOf(rule, { name: "", model }).map((f) => f.azureErrorCodes);
  const vmCodes = ["UserErrorGuestAgentStatusUnavailable", "VmNotInDesirableState", "AzureVmOffline"];
  expect(codes(estate({ vm: { provisionVmAgent: false } }))).toEqual([vmCodes]);
  expect(codes(sqlOnly({ provisionVmAgent: false }))).toEqual([["GuestAgentStatusUnavailableUserError"]]);
  expect(codes(estate({ vm: { provisionVmAgent: false }, extra: [build.sqlItem(VM_NAME)] }))).toEqual([[...vmCodes, "GuestAgentStatusUnavailableUserError"]]);
});
