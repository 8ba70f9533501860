/**
 * The shape of kb/error-codes.yaml, validated strictly at load: a broken knowledge base fails every test that reads it.
 */
import { z } from "zod";

/** Azure spells codes as one token; the Linux script framework's codes carry a hyphen (Pre-ScriptTimeout). */
const CODE = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

export const WORKLOADS = ["sql-in-vm", "azure-vm", "linux-scripts", "vault"] as const;
export const OPERATIONS = ["backup", "restore", "configure", "registration"] as const;
export const RETRY = ["helps", "does-not-help", "after-fix"] as const;

const text = z.string().trim().min(1);

export const errorCodeEntrySchema = z
  .strictObject({
    code: z.string().regex(CODE, "an error code as Azure spells it (letters, digits, _ and -)"),
    aliases: z.array(z.string().regex(CODE, "an error code as Azure spells it")).optional(),
    workload: z.enum(WORKLOADS),
    operations: z.array(z.enum(OPERATIONS)).min(1),
    /** Microsoft's English message, as Azure prints it, where one exists. */
    message: text.optional(),
    causes: z.array(text).min(1),
    /** Ordered steps. */
    fix: z.array(text).min(1),
    retry: z.enum(RETRY),
    predictable: z.boolean(),
    unpredictableReason: text.optional(),
    sources: z.array(z.url({ protocol: /^https$/ })).min(1),
  })
  .superRefine((entry, ctx) => {
    if (!entry.predictable && !entry.unpredictableReason) {
      ctx.addIssue({ code: "custom", path: ["unpredictableReason"], message: "required when predictable is false: say why it cannot be predicted before deployment" });
    }
    if (entry.predictable && entry.unpredictableReason) {
      ctx.addIssue({ code: "custom", path: ["unpredictableReason"], message: "only for entries with predictable: false" });
    }
  });

export const knowledgeBaseSchema = z.strictObject({
  version: z.literal(1),
  codes: z.array(errorCodeEntrySchema).min(1),
});

export type ErrorCodeEntry = z.infer<typeof errorCodeEntrySchema>;
export type Workload = (typeof WORKLOADS)[number];
