import rule from "../../../checks/vault/vault-read-only-lock.js";
import { build, ids, SUB, UNKNOWN, VAULT } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

const withLock = (...locks: ReturnType<typeof build.lock>[]) => build.model(build.vault(), build.vmPolicy(), ...locks);
const readOnly = (name: string, scope: string | typeof UNKNOWN) => build.lock(name, { level: "ReadOnly", scope });

ruleTester.run(rule, {
  valid: [
    { name: "golden vault, no lock", model: withLock() },
    { name: "CanNotDelete lock on the vault's resource group", model: withLock(build.lock("rg-nodelete", { scope: ids.resourceGroup("rg-backup") })) },
    { name: "ReadOnly lock on another resource group", model: withLock(readOnly("rg-sql-ro", ids.resourceGroup("rg-sql"))) },
    { name: "ReadOnly lock on another subscription", model: withLock(readOnly("sub-ro", "/subscriptions/99999999-0000-0000-0000-000000000000")) },
    { name: "ReadOnly lock on one policy only covers that policy", model: withLock(readOnly("policy-ro", ids.policy("vm-enhanced-daily"))) },
    { name: "ReadOnly lock on another vault", model: withLock(readOnly("other-ro", ids.vault("rsv-other"))) },
  ],
  invalid: [
    {
      name: "ReadOnly lock on the vault's resource group",
      model: withLock(readOnly("rg-readonly", ids.resourceGroup("rg-backup"))),
      errors: [{ messageId: "readOnlyLock", resource: VAULT, data: { lock: "rg-readonly", level: "ReadOnly", scope: "resource group rg-backup" } }],
    },
    {
      name: "ReadOnly lock on the vault itself (az lock list: scope only in the id)",
      model: withLock(build.lock("vault-ro", { level: "ReadOnly", scope: undefined, id: `${ids.vault()}/providers/Microsoft.Authorization/locks/vault-ro` })),
      errors: [{ messageId: "readOnlyLock", data: { lock: "vault-ro", scope: "the vault itself" } }],
    },
    {
      name: "ReadOnly lock on the subscription",
      model: withLock(readOnly("sub-ro", `/subscriptions/${SUB}`)),
      errors: [{ messageId: "readOnlyLock", data: { scope: `subscription ${SUB}` } }],
    },
    {
      name: "Pulumi resource-group lock named by group before its scope is known",
      model: withLock(build.lock("rg-ro", { level: "ReadOnly", scope: UNKNOWN, resourceGroupName: "rg-backup" })),
      errors: [{ messageId: "readOnlyLock", data: { scope: "resource group rg-backup" } }],
    },
  ],
  unknown: [
    { name: "lock level computed at preview", model: withLock(build.lock("rg-x", { level: UNKNOWN, scope: ids.resourceGroup("rg-backup") })), unknowns: [{ messageId: "lockUnknown" }] },
    { name: "ReadOnly lock whose scope is computed at preview", model: withLock(readOnly("ro", UNKNOWN)), unknowns: [{ messageId: "lockUnknown" }] },
    { name: "vault resource group computed at preview", model: build.model(build.vault({ resourceGroup: UNKNOWN }), readOnly("rg-readonly", ids.resourceGroup("rg-backup"))), unknowns: [{ messageId: "lockUnknown" }] },
  ],
});
