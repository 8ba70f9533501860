import rule from "../../../checks/vm/encrypted-vm-key-vault-access.js";
import type { AdeEncryption } from "../../../src/model/types.js";
import { build, ids, UNKNOWN } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { estate, VM_NAME } from "./_estate.js";

const KV = ids.keyVault("kv-ade");
const bekOnly: AdeEncryption = { secretVaultId: KV, kekVaultId: undefined, usesKek: false, from: "osDisk.encryptionSettings" };
const withKek: AdeEncryption = { secretVaultId: KV, kekVaultId: KV, usesKek: true, from: "extension" };
const kv = (o: Parameters<typeof build.keyVault>[1] = {}) => build.keyVault("kv-ade", o);
const secretsOnly = [{ objectId: "oid-1", keys: [], secrets: ["get", "list"] }];

ruleTester.run(rule, {
  valid: [
    { name: "golden: VM without Azure Disk Encryption", model: estate() },
    { name: "encrypted VM not protected", model: build.model(build.vm(VM_NAME, { diskEncryption: bekOnly }), kv({ accessPolicies: [] })) },
  ],
  invalid: [
    {
      name: "access-policy vault without any policy",
      model: estate({ vm: { diskEncryption: bekOnly }, extra: [kv({ accessPolicies: [] })] }),
      errors: [{ messageId: "noBackupAccess", resource: "kv-ade", data: { keyVault: "kv-ade", needs: ["secrets"], accessPolicies: 0 } }],
    },
    {
      name: "KEK used but the policy grants secrets only",
      model: estate({ vm: { diskEncryption: withKek }, extra: [kv({ accessPolicies: secretsOnly })] }),
      errors: [{ messageId: "noBackupAccess", resource: "kv-ade", data: { needs: ["keys", "secrets"], accessPolicies: 1 } }],
    },
    {
      name: "secrets get without list",
      model: estate({ vm: { diskEncryption: bekOnly }, extra: [kv({ accessPolicies: [{ objectId: "oid-1", keys: ["all"], secrets: ["get"] }] })] }),
      errors: [{ messageId: "noBackupAccess", data: { needs: ["secrets"] } }],
    },
  ],
  unknown: [
    {
      name: "a policy grants the permissions, but whose object id it is cannot be told",
      model: estate({ vm: { diskEncryption: bekOnly }, extra: [kv({ accessPolicies: secretsOnly })] }),
      unknowns: [{ messageId: "backupPrincipalUnconfirmed", resource: "kv-ade", data: { objectIds: ["oid-1"], needs: ["secrets"] } }],
    },
    {
      name: "`all` permissions count as get/list",
      model: estate({ vm: { diskEncryption: withKek }, extra: [kv({ accessPolicies: [{ objectId: "oid-2", keys: ["All"], secrets: ["all"] }] })] }),
      unknowns: [{ messageId: "backupPrincipalUnconfirmed", data: { objectIds: ["oid-2"] } }],
    },
    { name: "RBAC vault", model: estate({ vm: { diskEncryption: bekOnly }, extra: [kv({ enableRbacAuthorization: true })] }), unknowns: [{ messageId: "rbacVault", resource: "kv-ade" }] },
    { name: "key vault not in the inputs", model: estate({ vm: { diskEncryption: bekOnly } }), unknowns: [{ messageId: "keyVaultNotInModel", data: { keyVaultId: KV } }] },
    { name: "key vault id computed at preview", model: estate({ vm: { diskEncryption: { ...bekOnly, secretVaultId: UNKNOWN } } }), unknowns: [{ messageId: "keyVaultIdUnknown" }] },
    { name: "encryption settings computed at preview", model: estate({ vm: { diskEncryption: UNKNOWN } }), unknowns: [{ messageId: "encryptionUnknown" }] },
    {
      name: "access policies computed at preview",
      model: estate({ vm: { diskEncryption: bekOnly }, extra: [kv({ accessPolicies: [UNKNOWN] })] }),
      unknowns: [{ messageId: "accessPoliciesUnknown" }],
    },
  ],
});
