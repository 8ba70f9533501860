import { describe, expect, it } from "vitest";
import rule, { compareVersions, parseVersion } from "../../../checks/vm/windows-agent-version.js";
import { build, UNKNOWN } from "../../harness/build.js";
import { findingsOf, ruleTester } from "../../harness/rule-tester.js";
import { estate, exampleEstate, VM_NAME } from "./_estate.js";

describe("agent version helpers", () => {
  it("compares dotted versions part by part, not as text", () => {
    expect(compareVersions(parseVersion("2.7.41491.949")!, parseVersion("2.6.1198.718")!)).toBeGreaterThan(0);
    expect(compareVersions(parseVersion("2.6.1198.99")!, parseVersion("2.6.1198.718")!)).toBeLessThan(0);
    expect(compareVersions(parseVersion("2.6.1198.718")!, parseVersion("2.6.1198.718")!)).toBe(0);
    expect(parseVersion("latest")).toBeUndefined();
  });
});

ruleTester.run(rule, {
  valid: [
    { name: "inventory reports a current agent (golden inventory)", model: estate({ inventory: {} }) },
    { name: "instance view reports exactly the minimum", model: estate({ vm: { agentVersion: "2.6.1198.718" } }) },
    { name: "Azure's REST example VM (agent 2.7.41491.949 in its instance view)", model: exampleEstate() },
    { name: "Linux VM with a Linux agent version (no Windows minimum applies)", model: estate({ vm: { os: "linux" }, inventory: { os: "linux", agentVersion: "2.2.53" } }) },
    { name: "no source reports the agent version", model: estate() },
    { name: "unprotected VM with an old agent", model: build.model(build.vault(), build.vm(VM_NAME, { agentVersion: "2.6.1000.0" })) },
    { name: "old agent on a VM whose protection is stopped", model: estate({ vm: { agentVersion: "2.5.0.0" }, item: { protectionState: "ProtectionStopped" } }) },
  ],
  invalid: [
    {
      name: "inventory reports an agent older than 2.6.1198.718",
      model: estate({ inventory: { agentVersion: "2.6.1198.99" } }),
      errors: [{ messageId: "agentTooOld", resource: VM_NAME, data: { value: "2.6.1198.99", minimum: "2.6.1198.718", source: "inventory" } }],
    },
    {
      name: "instance view reports an old agent",
      model: estate({ vm: { agentVersion: "2.5.1198.718" } }),
      errors: [{ messageId: "agentTooOld", data: { value: "2.5.1198.718", source: "instance view" } }],
    },
  ],
  unknown: [
    { name: "agent version computed at preview", model: estate({ vm: { agentVersion: UNKNOWN } }), unknowns: [{ messageId: "versionUnknown" }] },
    { name: "OS computed at preview", model: estate({ vm: { os: UNKNOWN, agentVersion: "2.5.0.0" } }), unknowns: [{ messageId: "osUnknown" }] },
    {
      name: "unreadable version string",
      model: estate({ inventory: { agentVersion: "latest" } }),
      unknowns: [{ messageId: "versionUnreadable", data: { value: "latest" } }],
    },
  ],
});

describe("VM-001 joins inventory entries to VMs as the model index does", () => {
  const vmId = build.vm(VM_NAME).ref.id!;
  it("by resource id, whatever the inventory name", () => {
    const model = estate({ extra: [build.inventoryVm("APPVM01-renamed", { vmId: vmId.toUpperCase(), agentVersion: "2.5.0.0" })] });
    expect(findingsOf(rule, { name: "", model }).map((f) => f.messageId)).toEqual(["agentTooOld"]);
  });
  it("not by name when the inventory entry's id names another VM", () => {
    const model = estate({ extra: [build.inventoryVm(VM_NAME, { vmId: vmId.replace(VM_NAME, "othervm"), agentVersion: "2.5.0.0" })] });
    expect(findingsOf(rule, { name: "", model })).toEqual([]);
  });
  it("by name, case-insensitively, when the entry has no id", () => {
    const model = estate({ extra: [build.inventoryVm(VM_NAME.toUpperCase(), { agentVersion: "2.5.0.0" })] });
    expect(findingsOf(rule, { name: "", model }).map((f) => f.messageId)).toEqual(["agentTooOld"]);
  });
});
