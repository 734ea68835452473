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
import {
  checkAssessment,
  ECONOMY_KEY,
  isClean,
  PROSE_KEY,
  readAssessmentText,
} from "./assessment-pipeline.ts";
import { budgetNoteAllocation, validateBudgetNoteText } from "./draft-budget-note.ts";
import { editedSentenceSources, REVISION_OPERATIONS } from "./revise-assessment.ts";

export const DraftRevisionRequestSchema = z
  .object({
    /** The caseworker's edited text of the whole draft (kept as written, validated). */
    text: z.string().min(1).max(100_000, "a draft is at most 100.000 characters").optional(),
    /** Replaces the notes and drafts the prose again. */
    notes: z.array(z.string().trim().min(1).max(4_000)).max(30).optional(),
    decision: DraftDecisionSchema.optional(),
    author: z.string().trim().min(1).max(200).optional(),
    /** An operation on the draft's structure: shorter, longer, add_point, remove_point, plainer, formal. */
    operation: z.enum(REVISION_OPERATIONS).optional(),
    /** The point to add or remove (add_point, remove_point). */
    point: z.string().trim().min(1).max(4_000).optional(),
    /**
     * The version this revision was made from; when it is no longer the latest, the revision is
     * refused (409 draft_version_stale) instead of being built on text someone else has changed.
     */
    baseVersion: z.number().int().min(1).optional(),
  })
  .refine(
    (revision) =>
      revision.text !== undefined ||
      revision.notes !== undefined ||
      revision.decision !== undefined ||
      revision.operation !== undefined,
    {
      message: "a revision needs text (your edited draft), notes, decision or operation",
      path: ["text"],
    },
  )
  .refine(
    (revision) =>
      (revision.operation !== "add_point" && revision.operation !== "remove_point") ||
      revision.point !== undefined,
    { message: "add_point and remove_point need the point", path: ["point"] },
  );
export type DraftRevisionRequest = z.infer<typeof DraftRevisionRequestSchema>;

export { isClean } from "./assessment-pipeline.ts";

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
 * An assessment's edited text, through the one assessment pipeline: read back into its two
 * sections when the headings stand, else checked as one edited text (against an empty allocation
 * when the draft has none: every figure unmatched, never "ok" unchecked). The budget year is the
 * one draftAssessment records in `input.budgetYear`.
 */
function reviseAssessment(
  draft: Draft,
  text: string,
): { validation: ValidationResult; sections: DraftSection[]; text: string } {
  const budgetYear =
    typeof draft.input.budgetYear === "number" ? draft.input.budgetYear : undefined;
  const decision = DraftDecisionSchema.safeParse(draft.decision ?? draft.input.decision);
  const read = readAssessmentText(text);
  if (read !== undefined && decision.success) {
    const previous = draft.sections.find((section) => section.key === PROSE_KEY);
    const missing = draft.validation.issues.some((issue) => issue.code === "missing_allocation");
    const checked = checkAssessment(
      read.prose,
      read.economy,
      {
        title: draft.title,
        decision: decision.data,
        allocation: draft.allocation,
        ...(budgetYear === undefined ? {} : { budgetYear }),
        ...(missing
          ? {
              proposal: {
                figures: ["kortets forslag"],
                ...(draft.allocationProposal === undefined
                  ? {}
                  : { allocation: draft.allocationProposal.allocation }),
              },
            }
          : {}),
      },
      editedSentenceSources(previous, read.prose, []),
    );
    const economy = checked.sections.find((section) => section.key === ECONOMY_KEY);
    const before = draft.sections.find((section) => section.key === ECONOMY_KEY);
    if (economy !== undefined && before !== undefined && economy.text !== before.text)
      economy.fromData = false;
    return { validation: checked.validation, sections: checked.sections, text: checked.text };
  }
  const validation = validateText(
    text,
    draft.allocation ?? { initiative: draft.title, lines: [] },
    {
      ...(budgetYear === undefined ? {} : { budgetYear }),
      ...(draft.decision === undefined ? {} : { decision: draft.decision }),
    },
  );
  return { validation, sections: editedSection(text), text };
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
  const revised =
    draft.kind === "budget_note"
      ? { ...reviseBudgetNote(draft, text), text }
      : reviseAssessment(draft, text);
  const { validation, sections } = revised;
  return {
    ...draft,
    version: draft.version + 1,
    text: revised.text,
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
