import { expect, it } from "vitest";
import rule from "../../../checks/linux/script-file-permissions.js";
import { build } from "../../harness/build.js";
import { findingsOf, ruleTester } from "../../harness/rule-tester.js";
import { linuxEstate } from "../vm/_estate.js";
import { INVENTORY, osUnknown, withApp } from "./_linux.js";

const pre = "/opt/backup/pre.sh";
const post = "/opt/backup/post.sh";
const scripts = (preScript: object, postScript: object = { path: post, mode: "700", owner: "root" }) =>
  build.linuxAppConsistency({ scripts: [{ path: pre, mode: "700", owner: "root", ...preScript }, { ...postScript } as { path: string }] });

ruleTester.run(rule, {
  valid: [
    { name: "golden: both scripts 700 root", model: linuxEstate() },
    { name: "500 (no write) is accepted by the extension", model: withApp(scripts({ mode: "500" })) },
    { name: "ls -l form", model: withApp(scripts({ mode: "-rwx------" })) },
    { name: "scripts not recorded in the inventory", model: withApp({ ...build.linuxAppConsistency(), scripts: undefined }) },
  ],
  invalid: [
    {
      name: "pre-script readable by everyone (755)",
      model: withApp(scripts({ mode: "755" })),
      errors: [{ messageId: "scriptMode", resource: INVENTORY, data: { script: pre, value: "755", expected: "700", backupFails: false } }],
    },
    { name: "post-script owned by a user", model: withApp(scripts({}, { path: post, mode: "700", owner: "azureuser" })), errors: [{ messageId: "scriptOwner", data: { script: post, value: "azureuser" } }] },
    { name: "post-script missing from the VM", model: withApp(build.linuxAppConsistency({ scripts: [{ path: pre, mode: "700", owner: "root" }] })), errors: [{ messageId: "scriptMissing", data: { script: post } }] },
    {
      name: "with continueBackupOnFailure false the job fails",
      model: withApp({ ...scripts({ mode: "750" }), config: build.linuxAppConsistency({ content: { continueBackupOnFailure: false } }).config }),
      errors: [{ messageId: "scriptMode", data: { backupFails: true } }],
    },
  ],
  unknown: [
    { name: "OS computed at preview", model: osUnknown(scripts({ mode: "777" })), unknowns: [{ messageId: "osUnknown" }] },
    { name: "mode recorded in an unreadable form", model: withApp(scripts({ mode: "full" })), unknowns: [{ messageId: "modeUnreadable", data: { value: "full", script: pre } }] },
  ],
});

it("LINUX-006 names Azure's own error for each script, hyphen included", () => {
  const codes = (model: Parameters<typeof withApp>[0]) => findingsOf(rule, { name: "", model: withApp(model) }).map((f) => f.azureErrorCodes);
  expect(codes(scripts({ mode: "755" }))).toEqual([["InsufficientPermissionforPre-Script"]]);
  expect(codes(scripts({}, { path: post, mode: "700", owner: "nobody" }))).toEqual([["InsufficientPermissionforPost-Script"]]);
  expect(codes(build.linuxAppConsistency({ scripts: [{ path: post, mode: "700", owner: "root" }] }))).toEqual([["Pre-ScriptNotFound"]]);
});
