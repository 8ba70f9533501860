import rule from "../../../checks/linux/config-file-permissions.js";
import { build } from "../../harness/build.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { linuxEstate } from "../vm/_estate.js";
import { INVENTORY, osUnknown, withApp } from "./_linux.js";

const app = (o: Parameters<typeof build.linuxAppConsistency>[0]) => build.linuxAppConsistency(o);

ruleTester.run(rule, {
  valid: [
    { name: "golden: 600, root", model: linuxEstate() },
    { name: "read-only for root (400) is accepted by the extension", model: withApp(app({ mode: "400" })) },
    { name: "mode in ls -l form", model: withApp(app({ mode: "-rw-------" })) },
    { name: "four-digit octal", model: withApp(app({ mode: "0600" })) },
    { name: "Windows VM with leftover Linux settings is not checked", model: linuxEstate({ vm: { os: "windows" }, inventory: { os: "windows" }, app: app({ mode: "777" }) }) },
    { name: "unprotected Linux VM", model: linuxEstate({ app: app({ mode: "777" }), item: { protectionState: "ProtectionStopped" } }) },
  ],
  invalid: [
    {
      name: "world-readable config (644)",
      model: withApp(app({ mode: "644" })),
      errors: [{ messageId: "configMode", resource: INVENTORY, data: { value: "644", expected: "600" } }],
    },
    { name: "executable config (700)", model: withApp(app({ mode: "700" })), errors: [{ messageId: "configMode", data: { value: "700" } }] },
    { name: "config owned by a user", model: withApp(app({ owner: "azureuser" })), errors: [{ messageId: "configOwner", data: { value: "azureuser", expected: "root" } }] },
    {
      name: "wrong mode and wrong owner: two findings",
      model: withApp(app({ mode: "-rw-rw-r--", owner: "backup" })),
      errors: [{ messageId: "configMode", data: { value: "-rw-rw-r--" } }, { messageId: "configOwner" }],
    },
    { name: "scripts listed but no config file", model: withApp({ scripts: app({}).scripts }), errors: [{ messageId: "configMissing" }] },
  ],
  unknown: [
    { name: "OS computed at preview", model: osUnknown(app({ mode: "644" })), unknowns: [{ messageId: "osUnknown" }] },
    { name: "mode recorded in an unreadable form", model: withApp(app({ mode: "rw" })), unknowns: [{ messageId: "modeUnreadable", data: { value: "rw" } }] },
  ],
});
