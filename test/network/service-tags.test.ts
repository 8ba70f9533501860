import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/cli/commands/check.js";
import { InputError } from "../../src/errors.js";
import { classifyAddress, nominalContainment } from "../../src/network/service-tags.js";
import { loadServiceTags } from "../../src/network/load-service-tags.js";
import { sharedPath } from "../harness/shared.js";

const example = JSON.parse(readFileSync(sharedPath("azure-rest-examples", "network", "ServiceTagsList.json"), "utf8"));
const body = example.responses["200"].body;
const dir = mkdtempSync(join(tmpdir(), "bg-tags-"));
const write = (name: string, value: unknown) => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(value));
  return f;
};

describe("the Service Tags file", () => {
  it("loads Azure's ServiceTags_List response body and resolves tags case-insensitively", () => {
    const tags = loadServiceTags(write("tags.json", body));
    expect(tags.size).toBe(5);
    expect(tags.cloud).toBe("Public");
    expect(tags.ipv4("servicebus.eastus2")?.toString()).toBe("13.68.110.36, 40.70.146.64-40.70.146.71");
    expect(tags.serviceAddresses({ tag: "ServiceBus", regional: true, region: "eastus2" })?.size()).toBe(9);
    expect(tags.serviceAddresses({ tag: "ApiManagement", regional: true, region: "australiacentral" })?.size()).toBe(2 + 16);
    expect(tags.serviceAddresses({ tag: "AzureBackup", regional: true, region: "eastus" })).toBeUndefined();
  });

  it("a malformed prefix is an input error naming the file and the path inside it", () => {
    const bad = structuredClone(body);
    bad.values[1].properties.addressPrefixes[1] = "20.36.107.176/40";
    const file = write("bad.json", bad);
    expect(() => loadServiceTags(file)).toThrow(InputError);
    expect(() => loadServiceTags(file)).toThrow(/bad\.json at values\[1\]\.properties\.addressPrefixes\[1\]: expected an IPv4 or IPv6 address prefix/);
  });

  it("a file of the wrong shape is refused by `check --service-tags` before anything runs", async () => {
    const file = write("wrong.json", { parameters: {}, responses: {} });
    await expect(check({ format: "json", failOn: "error", color: false, serviceTags: file, arm: [file] })).rejects.toThrow(/wrong\.json at values/);
  });
});

describe("address tokens", () => {
  it.each([
    ["*", "any"],
    ["0.0.0.0/0", "any"],
    ["Internet", "internet"],
    ["INTERNET", "internet"],
    ["VirtualNetwork", "virtualNetwork"],
    ["AzureLoadBalancer", "azureLoadBalancer"],
    ["Storage.EastUS", "tag"],
    ["10.0.0.0/8", "cidr"],
    ["10.0.0.4", "cidr"],
    ["2603:1000::/40", "ipv6"],
    ["10.0.0.0/33", "invalid"],
  ])("%s is %s", (text, kind) => expect(classifyAddress(text).kind).toBe(kind));

  it("regional tags carry their region, normalized", () => {
    expect(classifyAddress("AzureBackup.EastUS2")).toMatchObject({ kind: "tag", base: "azurebackup", region: "eastus2" });
  });

  it("nominal containment by name", () => {
    const space = { tag: "AzureBackup", regional: true, region: "eastus" };
    expect(nominalContainment(classifyAddress("AzureBackup"), space)).toBe("all");
    expect(nominalContainment(classifyAddress("AzureBackup.EastUS"), space)).toBe("all");
    expect(nominalContainment(classifyAddress("AzureBackup.WestUS"), space)).toBe("none");
    expect(nominalContainment(classifyAddress("AzureCloud.eastus"), space)).toBe("all");
    expect(nominalContainment(classifyAddress("Sql"), space)).toBe("none");
    expect(nominalContainment(classifyAddress("192.168.0.0/16"), space)).toBe("none");
    expect(nominalContainment(classifyAddress("52.0.0.0/8"), space)).toBe("unknown");
    expect(nominalContainment(classifyAddress("AzureCloud"), { tag: "AzureActiveDirectory", regional: false })).toBe("unknown");
  });
});
