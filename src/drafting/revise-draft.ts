/**
 * Revisions: every revision is a new version of the same draft. A caseworker's own edit of the
 * text is validated as it stands (an assessment as one text against its allocation, a budget note
 * read back section by section as draftBudgetNote validates it); new notes or a new decision
 * draft the text again.
 */
import { z } from "zod";
import type { Allocation, Draft, DraftSection, ValidationResult } from "../domain/index.ts";
import { BudgetNoteDraftRequestSchema, DraftDecisionSchema } from "../domain/index.ts";
import { validateText } from "../validation/validate-text.ts";
import { budgetNoteAllocation, validateBudgetNoteText } from "./draft-budget-note.ts";

export const DraftRevisionRequestSchema = z
  .object({
    /** The caseworker's edited text of the whole draft (kept as written, validated). */
    text: z.string().min(1).max(100_000, "a draft is at most 100.000 characters").optional(),
    /** Replaces the notes and drafts the prose again. */
    notes: z.array(z.string().trim().min(1).max(4_000)).max(30).optional(),
    decision: DraftDecisionSchema.optional(),
    author: z.string().trim().min(1).max(200).optional(),
  })
  .refine(
    (revision) =>
      revision.text !== undefined ||
      revision.notes !== undefined ||
      revision.decision !== undefined,
    {
      message: "a revision needs text (your edited draft), notes or decision",
      path: ["text"],
    },
  );
export type DraftRevisionRequest = z.infer<typeof DraftRevisionRequestSchema>;

/** Whether a validation result lets a draft be called clean. */
export function isClean(validation: ValidationResult): boolean {
  return validation.issues.every((issue) => issue.severity === "info");
}

/** The allocation a budget note's figures are checked against: the draft's own, else the one its request gives. */
function budgetNoteAllocationOf(draft: Draft): Allocation | undefined {
  if (draft.allocation !== undefined) return draft.allocation;
  const request = BudgetNoteDraftRequestSchema.safeParse(draft.input);
  return request.success ? budgetNoteAllocation(request.data) : undefined;
}

/** The whole text as one section: what an assessment revision (or an unreadable note) holds. */
function editedSection(text: string): DraftSection[] {
  return [{ key: "redigeret", heading: "Redigeret tekst", text, start: 0, fromData: false }];
}

/**
 * An assessment's edited text against its allocation, at the draft's budget year (draftAssessment
 * records it in `input.budgetYear`; a draft without one is checked without period_before_budget_year).
 */
function reviseAssessment(
  draft: Draft,
  text: string,
): { validation: ValidationResult; sections: DraftSection[] } {
  const budgetYear =
    typeof draft.input.budgetYear === "number" ? draft.input.budgetYear : undefined;
  const validation =
    draft.allocation === undefined
      ? { ok: true, figures: [], issues: [] }
      : validateText(text, draft.allocation, {
          ...(budgetYear === undefined ? {} : { budgetYear }),
          ...(draft.decision === undefined ? {} : { decision: draft.decision }),
        });
  return { validation, sections: editedSection(text) };
}

/**
 * A budget note's edited text, read back section by section and validated as draftBudgetNote
 * validates a drafted note. A section the caseworker left as it was keeps `fromData`.
 */
function reviseBudgetNote(
  draft: Draft,
  text: string,
): { validation: ValidationResult; sections: DraftSection[] } {
  const allocation = budgetNoteAllocationOf(draft);
  if (allocation === undefined)
    return { validation: { ok: true, figures: [], issues: [] }, sections: editedSection(text) };
  const { validation, sections } = validateBudgetNoteText(text, allocation);
  if (sections.length === 0) return { validation, sections: editedSection(text) };
  const unchanged = (section: DraftSection): boolean =>
    draft.sections.some(
      (earlier) => earlier.key === section.key && earlier.text === section.text && earlier.fromData,
    );
  return {
    validation,
    sections: sections.map((section) =>
      unchanged(section) ? { ...section, fromData: true } : section,
    ),
  };
}

/** A new version holding the caseworker's edited text, validated against the draft's allocation. */
export function reviseDraftText(draft: Draft, text: string, author: string, now: Date): Draft {
  const { validation, sections } =
    draft.kind === "budget_note" ? reviseBudgetNote(draft, text) : reviseAssessment(draft, text);
  return {
    ...draft,
    version: draft.version + 1,
    text,
    sections,
    validation,
    status: isClean(validation) ? "clean" : "flagged",
    model: "manual",
    attempts: 0,
    input: { ...draft.input, revision: "text" },
    author,
    createdAt: now.toISOString(),
  };
}
