import { defineRule } from "../../src/engine/define-rule.js";
import type { ReportInput, RuleContext } from "../../src/engine/types.js";
import type { ResourceRef } from "../../src/model/types.js";
import { isUnknown } from "../../src/model/unknown.js";
import { databaseData, describeDatabase, eachProtection, itemDatabase } from "./_sql-protection.js";

/** Characters the Configure Protection operation rejects in database names (auto-protection accepts them). */
const CONFIGURE_PROTECTION_CHARACTERS = ["{", "}", "[", "]", ",", "=", "-", "(", ")", ".", "+", "&", ";", "'", "/"];
/** Name endings IIS request filtering lets through although they look like file extensions. */
const ALLOWED_EXTENSIONS = ["ad", "cs", "master"];

function fileExtension(name: string): string | undefined {
  const m = /\.([A-Za-z0-9_]{1,16})$/.exec(name);
  return m && !ALLOWED_EXTENSIONS.includes(m[1]!.toLowerCase()) ? m[1] : undefined;
}

interface NameProblem {
  messageId: "tempdb" | "singleQuote" | "fileExtension" | "configureProtectionCharacters";
  detail: string;
  data: Record<string, unknown>;
}

/** What is wrong with a database name; `explicit` when it is protected by its own item (Configure Protection). */
function nameProblems(name: string, explicit: boolean): NameProblem[] {
  if (name.toLowerCase() === "tempdb")
    return [{ messageId: "tempdb", detail: "tempdb is rebuilt at every start of SQL Server and can never be backed up, so Azure Backup cannot protect it", data: {} }];
  const out: NameProblem[] = [];
  if (name.includes("'"))
    out.push({ messageId: "singleQuote", detail: "Azure Backup cannot configure backup for a database whose name contains a single quotation mark", data: { character: "'" } });
  const ext = fileExtension(name);
  if (ext)
    out.push({ messageId: "fileExtension", detail: `the name ends in ".${ext}", which the service's request filtering treats as a file extension (only .ad, .cs and .master are allowed)`, data: { extension: ext } });
  if (explicit && out.length === 0) {
    const chars = CONFIGURE_PROTECTION_CHARACTERS.filter((c) => name.includes(c));
    if (chars.length > 0)
      out.push({
        messageId: "configureProtectionCharacters",
        detail: `the name contains ${chars.map((c) => `"${c}"`).join(", ")}, which the Configure Protection operation does not accept (auto-protection of the instance does)`,
        data: { characters: chars },
      });
  }
  return out;
}

function reportAll(ctx: RuleContext, resource: ResourceRef, subject: string, problems: NameProblem[], base: Record<string, unknown>): void {
  for (const p of problems) {
    const input: ReportInput = {
      resource,
      messageId: p.messageId,
      message: `${subject} cannot be protected: ${p.detail}. Rename the database${p.messageId === "configureProtectionCharacters" ? " or protect it through auto-protection of its instance" : ""}, or remove this protection.`,
      data: { ...base, ...p.data },
    };
    ctx.report(input);
  }
}

export default defineRule({
  id: "SQL-007",
  name: "database-not-protectable",
  title: "Protected SQL databases have names Azure Backup can protect (and are not tempdb)",
  severity: "warning",
  prevents: [],
  remediation:
    "Remove the protection of tempdb; rename databases whose names Azure Backup cannot handle, or protect them through auto-protection when only Configure Protection rejects the name.",
  check(ctx) {
    // Items and database intents: Configure Protection was asked for this exact name.
    const explicitProtectors = [
      ...ctx.model.protectedItems.filter((i) => i.workload === "sqlDatabase").map((item) => ({ ref: item.ref, named: itemDatabase(item) })),
      ...ctx.model.protectionIntents
        .filter((i) => i.workload === "sqlDatabase")
        .map((intent) => ({
          ref: intent.ref,
          named: isUnknown(intent.sqlDatabase) ? intent.sqlDatabase : intent.sqlDatabase ? { instance: "", database: intent.sqlDatabase } : undefined,
        })),
    ];
    for (const { ref, named } of explicitProtectors) {
      if (isUnknown(named)) {
        ctx.unknown({ resource: ref, messageId: "nameUnknown", message: `The database ${ref.name} protects is named by a value computed at preview; its name cannot be checked.` });
        continue;
      }
      if (!named) continue;
      const problems = nameProblems(named.database, true);
      if (problems.length === 0) ctx.pass(ref);
      else reportAll(ctx, ref, `Database "${named.database}"`, problems, { database: named.database });
    }

    // Auto-protection: the names come from the inventory.
    for (const p of eachProtection(ctx)) {
      if (p.via !== "autoProtection") continue;
      const problems = nameProblems(p.db.databaseName, false);
      if (problems.length === 0) continue;
      if (p.certain) reportAll(ctx, p.protector.ref, `${describeDatabase(p)}, covered by auto-protection,`, problems, databaseData(p));
      else
        ctx.unknown({
          resource: p.protector.ref,
          messageId: problems[0]!.messageId,
          message: `Auto-protection ${p.protector.ref.name} may cover ${describeDatabase(p)} (its VM is computed at preview), whose name Azure Backup cannot protect: ${problems[0]!.detail}.`,
          data: databaseData(p),
        });
    }

    // Names that differ only in case on one instance.
    for (const p of eachProtection(ctx)) {
      if (!p.certain) continue;
      const twins = ctx.model.sqlDatabases.filter(
        (other) =>
          other !== p.db &&
          other.vmName.toLowerCase() === p.db.vmName.toLowerCase() &&
          other.instanceName.toLowerCase() === p.db.instanceName.toLowerCase() &&
          other.databaseName.toLowerCase() === p.db.databaseName.toLowerCase() &&
          other.databaseName !== p.db.databaseName,
      );
      if (twins.length === 0) continue;
      ctx.report({
        resource: p.protector.ref,
        messageId: "caseCollision",
        message: `${describeDatabase(p)} cannot be told apart by Azure Backup from ${twins.map((t) => `"${t.databaseName}"`).join(", ")} on the same instance: names that differ only in case are not supported. Rename one of them.`,
        data: { ...databaseData(p), collidesWith: twins.map((t) => t.databaseName) },
      });
    }
  },
});
