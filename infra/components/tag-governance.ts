/**
 * Tag governance that does not break backups.
 *
 * Azure Backup creates its own resource group for VM restore point collections (`AzureBackupRG_<geo>_<n>`, or
 * `<prefix><n><suffix>` when the VM policy says so), without tags. A Deny tag policy therefore makes every VM
 * snapshot fail with UserErrorRequestDisallowedByPolicy. This component:
 * - assigns the built-in Modify policy "Add or replace a tag on resource groups" once per required tag, with a
 *   system-assigned identity and the role the definition asks for (Contributor), so Azure tags the groups it
 *   creates instead of refusing them;
 * - pre-creates `<prefix>1<suffix>`, tagged, for the VM policies' `instantRPDetails` to point at.
 * With `effect: Deny` it assigns "Require a tag and its value on resource groups" instead (what many estates have):
 * keep the pre-created group then, or backups fail.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import { stableGuid } from "../azure-names";

/** Built-in definitions (Azure/azure-policy, built-in-policies/policyDefinitions/Tags). */
export const BUILTIN = {
  /** AddOrReplaceTag_ResourceGroup_Modify.json: mode All, effect modify, parameters tagName + tagValue. */
  addOrReplaceTagOnResourceGroups: "/providers/Microsoft.Authorization/policyDefinitions/d157c373-a6c4-483d-aaad-570756956268",
  /** ResourceGroupRequireTagAndValue_Deny.json: mode All, effect deny, parameters tagName + tagValue. */
  requireTagAndValueOnResourceGroups: "/providers/Microsoft.Authorization/policyDefinitions/8ce3da23-7156-49e4-b145-24f95f9dcb46",
} as const;

/** The role the Modify definition lists in `roleDefinitionIds`: Contributor. */
export const CONTRIBUTOR_ROLE = "b24988ac-6180-42a0-ab88-20f7382dd24c";

export interface TagGovernanceArgs {
  subscriptionId: pulumi.Input<string>;
  location: string;
  effect: "Modify" | "Deny";
  requiredTags: Record<string, string>;
  snapshotResourceGroup?: { prefix: string; suffix: string; create: boolean };
}

export class TagGovernance extends pulumi.ComponentResource {
  readonly assignments: authorization.PolicyAssignment[] = [];
  readonly roleAssignments: authorization.RoleAssignment[] = [];
  readonly snapshotResourceGroup?: resources.ResourceGroup;
  /** The name Azure Backup uses first for restore point collections, when the policies customise it. */
  readonly snapshotResourceGroupName?: string;

  constructor(name: string, args: TagGovernanceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("backupguard:infra:TagGovernance", name, {}, opts);
    const scope = pulumi.interpolate`/subscriptions/${args.subscriptionId}`;

    for (const [tagName, tagValue] of Object.entries(args.requiredTags)) {
      const slug = tagName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "tag";
      const assignmentName = `${args.effect === "Modify" ? "tag-rg" : "require-tag-rg"}-${slug}`.slice(0, 64);
      const modify = args.effect === "Modify";
      const assignment = new authorization.PolicyAssignment(
        assignmentName,
        {
          policyAssignmentName: assignmentName,
          scope,
          displayName: modify ? `Add or replace the tag '${tagName}' on resource groups` : `Require the tag '${tagName}' on resource groups`,
          policyDefinitionId: modify ? BUILTIN.addOrReplaceTagOnResourceGroups : BUILTIN.requireTagAndValueOnResourceGroups,
          parameters: { tagName: { value: tagName }, tagValue: { value: tagValue } },
          enforcementMode: "Default",
          // A Modify assignment acts through its own identity, which needs a location.
          ...(modify ? { identity: { type: "SystemAssigned" as const }, location: args.location } : {}),
        },
        { parent: this },
      );
      this.assignments.push(assignment);
      if (modify) {
        this.roleAssignments.push(
          new authorization.RoleAssignment(
            `${assignmentName}-contributor`,
            {
              roleAssignmentName: pulumi.interpolate`${scope}`.apply((s) => stableGuid(s, assignmentName, CONTRIBUTOR_ROLE)),
              scope,
              principalId: assignment.identity.apply((i) => i?.principalId ?? ""),
              principalType: "ServicePrincipal",
              roleDefinitionId: pulumi.interpolate`${scope}/providers/Microsoft.Authorization/roleDefinitions/${CONTRIBUTOR_ROLE}`,
            },
            { parent: this },
          ),
        );
      }
    }

    const rg = args.snapshotResourceGroup;
    if (rg) {
      this.snapshotResourceGroupName = `${rg.prefix}1${rg.suffix}`;
      if (rg.create) {
        // Pre-created with the required tags, in the region of the VMs; never locked (Azure Backup deletes expired
        // restore points in it).
        this.snapshotResourceGroup = new resources.ResourceGroup(
          this.snapshotResourceGroupName,
          { resourceGroupName: this.snapshotResourceGroupName, location: args.location, tags: args.requiredTags },
          { parent: this },
        );
      }
    }
    this.registerOutputs({});
  }
}
