import rule from "../../../checks/vm/vm-agent-installed.js";
import { UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
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
