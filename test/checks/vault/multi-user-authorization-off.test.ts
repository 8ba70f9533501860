import rule from "../../../checks/vault/multi-user-authorization-off.js";
import { build, ids, ref, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";

/** A model with the golden vault and extra resources the model does not map (Pulumi/ARM types), as adapters store them. */
function withOthers(...others: ReturnType<typeof ref>[]) {
  const m = build.model(build.vault());
  m.otherResources.push(...others);
  return m;
}

const PROXY_URN = "urn:pulumi:prod::estate::azure-native:recoveryservices:ResourceGuardProxy::guard";
/** A program's proxy, no id before it is created; the adapter tied it to `vaultName` (joined) or could not. */
const programProxy = () => ref("other", "guard", "azure-native:recoveryservices:ResourceGuardProxy", undefined, PROXY_URN);

const GUARD = "/subscriptions/11111111-0000-0000-0000-000000000000/resourceGroups/rg-guard/providers/Microsoft.DataProtection/resourceGuards/guard/modifyEncryptionSettings/default";

ruleTester.run(rule, {
  valid: [
    { name: "golden vault with a resource guard", model: build.model(build.vault({ resourceGuardOperationRequests: [GUARD] })) },
    { name: "Azure reports multi-user authorization Enabled", model: build.model(build.vault({ multiUserAuthorization: "Enabled" })) },
    { name: "a resource guard proxy maps a guard to the vault", model: withOthers(ref("vault", "VaultProxy", "Microsoft.RecoveryServices/vaults/backupResourceGuardProxies", `${ids.vault()}/backupResourceGuardProxies/VaultProxy`)) },
    {
      name: "a program's resource guard proxy whose vaultName names the vault (joined by the adapter, no id yet)",
      model: (() => {
        const m = build.model(build.vault({ guardProxyUrns: [PROXY_URN] }));
        m.otherResources.push(programProxy());
        return m;
      })(),
    },
  ],
  invalid: [
    {
      name: "another vault's program proxy does not make this vault unknown",
      model: (() => {
        const m = build.model(build.vault({ guardProxyUrns: [PROXY_URN] }), build.vault({ name: "rsv-other" }));
        m.otherResources.push(programProxy());
        return m;
      })(),
      errors: [{ messageId: "notProtected", resource: "rsv-other" }],
    },
    { name: "no resource guard (the golden builder's default)", model: build.model(build.vault()), errors: [{ messageId: "notProtected" }] },
    { name: "reported Disabled", model: build.model(build.vault({ multiUserAuthorization: "Disabled", resourceGuardOperationRequests: [] })), errors: [{ messageId: "notProtected", data: { multiUserAuthorization: "Disabled" } }] },
  ],
  unknown: [
    { name: "resource guard requests computed at preview", model: build.model(build.vault({ resourceGuardOperationRequests: UNKNOWN })), unknowns: [{ messageId: "settingUnknown" }] },
    { name: "a program's resource guard proxy whose vault is not known yet", model: withOthers(ref("vault", "proxy", "azure-native:recoveryservices:ResourceGuardProxy")), unknowns: [{ messageId: "settingUnknown" }] },
  ],
});
