import rule from "../../../checks/vm/vault-vm-limit.js";
import { build, UNKNOWN, VAULT } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { estate, manyVmItems } from "./_estate.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden: one protected VM", model: estate() },
    { name: "exactly 1,000 VMs in one vault", model: build.model(build.vault(), build.vmPolicy(), ...manyVmItems(1000)) },
    {
      name: "1,001 items, but two of them protect the same VM",
      model: build.model(build.vault(), build.vmPolicy(), ...manyVmItems(1000), build.vmItem("bulkvm0000", { name: "bulkvm0000-again" })),
    },
    {
      name: "1,200 VMs spread over two vaults",
      model: build.model(
        build.vault(),
        build.vault({ name: "rsv-second" }),
        ...manyVmItems(600),
        ...Array.from({ length: 600 }, (_, i) => build.vmItem(`secondvm${i}`, { vaultName: "rsv-second" })),
      ),
    },
  ],
  invalid: [
    {
      name: "1,001 VMs in one vault",
      model: build.model(build.vault(), build.vmPolicy(), ...manyVmItems(1001)),
      errors: [{ messageId: "tooManyVms", resource: VAULT, data: { count: 1001, limit: 1000 } }],
    },
    {
      name: "stopped protections still count (the VMs stay registered)",
      model: build.model(build.vault(), ...manyVmItems(990), ...manyVmItems(20, { protectionState: "ProtectionStopped" }, "stoppedvm")),
      errors: [{ messageId: "tooManyVms", data: { count: 1010 } }],
    },
  ],
  unknown: [
    {
      name: "1,000 VMs in the vault and one more whose vault is computed at preview",
      model: build.model(build.vault(), ...manyVmItems(1000), build.vmItem("pendingvm", { vaultName: UNKNOWN, id: "" })),
      unknowns: [{ messageId: "countUnknown", data: { count: 1000, unplaced: 1 } }],
    },
  ],
});
