import rule from "../../../checks/linux/config-unrecognised-settings.js";
import { ruleTester } from "../../harness/rule-tester.js";
import { linuxEstate } from "../vm/_estate.js";
import { INVENTORY, osUnknown, withContent } from "./_linux.js";

ruleTester.run(rule, {
  valid: [
    { name: "golden config", model: linuxEstate() },
    { name: "appName (read by the extension for telemetry)", model: withContent({ appName: "orders-db" }) },
  ],
  invalid: [
    {
      name: "misspelt setting, case differs",
      model: withContent({ ScriptsExecutionPollTimeSeconds: undefined, scriptsExecutionPollTimeSeconds: 2 }),
      errors: [{ messageId: "unknownSetting", resource: INVENTORY, data: { key: "scriptsExecutionPollTimeSeconds", suggestion: "ScriptsExecutionPollTimeSeconds" } }],
    },
    { name: "older name for the timeout", model: withContent({ timeoutInSeconds: undefined, timeout: 30 }), errors: [{ messageId: "unknownSetting", data: { key: "timeout", suggestion: "timeoutInSeconds" } }] },
    { name: "a setting that is nothing like a known one", model: withContent({ owner: "dba" }), errors: [{ messageId: "unknownSetting", data: { key: "owner" } }] },
    { name: "pluginName changed", model: withContent({ pluginName: "oracle" }), errors: [{ messageId: "pluginNameChanged", data: { value: "oracle", expected: "ScriptRunner" } }] },
  ],
  unknown: [{ name: "OS computed at preview", model: osUnknown(), unknowns: [{ messageId: "osUnknown" }] }],
});
