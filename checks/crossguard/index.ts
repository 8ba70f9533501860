/**
 * The CrossGuard policy pack: `pulumi preview --policy-pack ./checks` (PulumiPolicy.yaml points here, at the
 * compiled copy in dist/). Constructing the PolicyPack starts the analyzer's gRPC server, so nothing imports this
 * file; the policies themselves live in policy.ts.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policy.js";

new PolicyPack("backupguard", { policies });
