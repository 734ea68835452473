/**
 * Revisions: every revision is a new version of the same draft. A caseworker's own edit of the
 * text is validated as it stands; new notes or a new decision draft the text again.
 */
import { z } from "zod";
import type { Draft, ValidationResult } from "../domain/index.ts";
import { DraftDecisionSchema } from "../domain/index.ts";
import { validateText } from "../validation/validate-text.ts";

export const DraftRevisionRequestSchema = z
  .object({
    /** The caseworker's edited text of the whole draft (kept as written, validated). */
    text: z.string().min(1).max(100_000, "a draft is at most 100.000 characters").optional(),
    /** Replaces the notes and drafts the prose again. */
    notes: z.array(z.string().trim().min(1).max(4_000)).max(30).optional(),
    decision: DraftDecisionSchema.optional(),
    author: z.string().trim().min(1).max(200).optional(),
  })
  .refine((revision) => revision.text !== undefined || revision.notes !== undefined || revision.decision !== undefined, {
    message: "a revision needs text (your edited draft), notes or decision",
    path: ["text"],
  });
export type DraftRevisionRequest = z.infer<typeof DraftRevisionRequestSchema>;

/** Whether a validation result lets a draft be called clean. */
export function isClean(validation: ValidationResult): boolean {
  return validation.issues.every((issue) => issue.severity === "info");
}

/** A new version holding the caseworker's edited text, validated against the draft's allocation. */
export function reviseDraftText(draft: Draft, text: string, author: string, now: Date): Draft {
  const budgetYear = typeof draft.input.budgetYear === "number" ? draft.input.budgetYear : undefined;
  const validation =
    draft.allocation === undefined
      ? { ok: true, figures: [], issues: [] }
      : validateText(text, draft.allocation, { ...(budgetYear === undefined ? {} : { budgetYear }), ...(draft.decision === undefined ? {} : { decision: draft.decision }) });
  return {
    ...draft,
    version: draft.version + 1,
    text,
    sections: [{ key: "redigeret", heading: "Redigeret tekst", text, start: 0, fromData: false }],
    validation,
    status: isClean(validation) ? "clean" : "flagged",
    model: "manual",
    attempts: 0,
    input: { ...draft.input, revision: "text" },
    author,
    createdAt: now.toISOString(),
  };
}
