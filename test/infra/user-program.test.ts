/**
 * `--program DIR` on a user's own Pulumi program: TypeScript written for `module: nodenext` (`./x.js` imports of
 * `./x.ts` files) and plain JavaScript, each loaded in-process under mocks with its stack's config.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runProgram } from "../../src/adapters/pulumi-program.js";
import { InputError } from "../../src/errors.js";
import { runCli } from "../harness/cli.js";
import { repoRoot } from "../harness/shared.js";

function project(files: Record<string, string>, pulumiYaml: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "bg-user-"));
  // A Pulumi project has its SDKs installed: link this repository's.
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(join(dir, "Pulumi.yaml"), stringify(pulumiYaml));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const STACK = stringify({
  config: {
    "azure-native:subscriptionId": "11111111-2222-3333-4444-555555555555",
    "shop:vaultName": "rsv-shop",
    "shop:softDelete": "Disabled",
  },
});

describe("a user's TypeScript program", () => {
  const dir = project(
    {
      "Pulumi.prod.yaml": STACK,
      "src/index.ts": [
        'import * as pulumi from "@pulumi/pulumi";',
        'import { vault } from "./vault.js";',
        "const cfg = new pulumi.Config();",
        'export const vaultId = vault(cfg.require("vaultName"), cfg.require("softDelete")).id;',
      ].join("\n"),
      "src/vault.ts": [
        'import * as recoveryservices from "@pulumi/azure-native/recoveryservices";',
        "export function vault(name: string, softDelete: string): recoveryservices.Vault {",
        "  return new recoveryservices.Vault(name, {",
        '    vaultName: name, resourceGroupName: "rg-shop", location: "northeurope", sku: { name: "Standard" },',
        "    properties: { securitySettings: { softDeleteSettings: { softDeleteState: softDelete } } },",
        "  });",
        "}",
      ].join("\n"),
    },
    { name: "shop", runtime: "nodejs", main: "src/" },
  );

  it("runs under mocks with its stack's config and exports its outputs", async () => {
    const run = await runProgram(dir, "prod");
    expect(run.project).toBe("shop");
    expect(run.config).toBeUndefined(); // not this project's program: its own config is not ours to validate
    expect(run.resources.map((r) => [r.type, r.name, r.id])).toEqual([
      [
        "azure-native:recoveryservices:Vault",
        "rsv-shop",
        "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-shop/providers/Microsoft.RecoveryServices/vaults/rsv-shop",
      ],
    ]);
    expect(run.outputs.vaultId).toBe(run.resources[0]!.id);
  });

  it("is checked like any other Pulumi source", async () => {
    const r = await runCli(["check", "--program", dir, "--stack", "prod", "--format", "json", "--fail-on", "never"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { summary: { resources: number }; findings: { resource: { name: string } }[] };
    expect(report.summary.resources).toBe(1);
  });

  it("reports a program that throws as an input error naming the program", async () => {
    const failing = project({ "Pulumi.prod.yaml": STACK, "index.ts": 'throw new Error("no such thing");\n' }, { name: "shop", runtime: "nodejs" });
    const e = await runProgram(failing, "prod").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e).toMatchObject({ file: join(failing, "index.ts") });
    expect((e as InputError).problem).toContain("no such thing");
  });
});

describe("a user's JavaScript program", () => {
  it("is loaded as it is, from the directory below Pulumi.yaml, with its resource options", async () => {
    const dir = project(
      {
        "Pulumi.prod.yaml": STACK,
        "app/index.js": [
          '"use strict";',
          'const resources = require("@pulumi/azure-native/resources");',
          'new resources.ResourceGroup("rg-shop", { resourceGroupName: "rg-shop", location: "northeurope" }, { protect: true, ignoreChanges: ["tags"] });',
        ].join("\n"),
      },
      { name: "shop", runtime: "nodejs", main: "app/" },
    );
    const run = await runProgram(join(dir, "app"), "prod");
    expect(run.projectDir).toBe(dir);
    expect(run.resources.map((r) => r.id)).toEqual(["/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-shop"]);
    // Resource options are recorded as the program set them.
    expect(run.resources[0]).toMatchObject({ protect: true, ignoreChanges: ["tags"] });
  });
});
