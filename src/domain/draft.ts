/** Drafts: requests, the draft itself with its validation and sources, and kept versions. */
import { z } from "zod";
import { ModelCallTraceSchema } from "./model-call.ts";
import { AllocationLineSchema, AllocationSchema } from "./allocation.ts";
import { PassageCitationSchema } from "./citation.ts";
import { DecisionSchema } from "./corpus.ts";
import { ValidationResultSchema } from "./validation.ts";

/** The decisions a caseworker can draft for ("ukendt" is a reading of old text, not a choice). */
export const DRAFT_DECISIONS = [
  "uændret",
  "med_justeringer",
  "ophører",
  "betinget",
  "afventer",
] as const;
export const DraftDecisionSchema = z.enum(DRAFT_DECISIONS);
export type DraftDecision = z.infer<typeof DraftDecisionSchema>;

const NoteSchema = z
  .string()
  .trim()
  .min(1, "a note cannot be empty")
  .max(4_000, "a note is at most 4.000 characters");

export const AssessmentDraftRequestSchema = z
  .object({
    /** The initiative: a card id whose allocation data is stored ("bilag-2026-04"). */
    initiativeId: z.string().min(1).optional(),
    /** Or the earlier card by annex year and number. */
    card: z
      .object({ year: z.number().int().min(1990).max(2100), number: z.number().int().positive() })
      .optional(),
    decision: DraftDecisionSchema,
    /** The caseworker's points for "Indhold i justeret indsats", in Danish. */
    notes: z.array(NoteSchema).max(30, "at most 30 notes").optional(),
    /** Allocation data to use instead of the stored one (must not contradict it when both exist). */
    allocation: AllocationSchema.optional(),
    /** Who asks (recorded with the draft). */
    author: z.string().trim().min(1).max(200).optional(),
  })
  .refine((request) => request.initiativeId !== undefined || request.card !== undefined, {
    message: 'name the initiative: initiativeId (e.g. "bilag-2026-04") or card { year, number }',
    path: ["initiativeId"],
  });
export type AssessmentDraftRequest = z.infer<typeof AssessmentDraftRequestSchema>;

export const BudgetNoteLineSchema = AllocationLineSchema.extend({
  /** The activity as the economy table names it. */
  label: z.string().trim().min(1).max(300),
});

export const BudgetNoteDraftRequestSchema = z.object({
  title: z.string().trim().min(1).max(300),
  /** Note code, e.g. "BI12". */
  code: z
    .string()
    .trim()
    .regex(/^[A-ZÆØÅ]{1,4}\d{1,3}$/u, 'a code like "BI12"')
    .meta({ examples: ["BI12", "BI7", "BIØ102"] })
    .optional(),
  /** What the money is for: the caseworker's points, in Danish. */
  purpose: z.array(NoteSchema).min(1, "give at least one point on what the money is for").max(30),
  /** Målgruppe / Indsats / Målsætning / Opfølgning rows of "Forventet effekt og opfølgning". */
  effects: z
    .array(
      z.object({
        målgruppe: z.string().max(1_000),
        indsats: z.string().max(1_000),
        målsætning: z.string().max(1_000),
        opfølgning: z.string().max(1_000),
      }),
    )
    .max(10)
    .optional(),
  priceLevel: z.number().int().min(1990).max(2100),
  lines: z.array(BudgetNoteLineSchema).min(1).max(40),
  /** Default committee and appropriation for lines that give none ("BIU", "35.10"). */
  committee: z.string().trim().min(1).max(20),
  appropriation: z
    .string()
    .trim()
    .regex(/^\d{2}\.?\d{2}$/u, 'an appropriation number like "35.10"')
    .meta({ examples: ["35.10", "3510"] }),
  author: z.string().trim().min(1).max(200).optional(),
});
export type BudgetNoteDraftRequest = z.infer<typeof BudgetNoteDraftRequestSchema>;

export const DraftSourceSchema = PassageCitationSchema.extend({
  /** Why it was used: the same initiative in an earlier annex, or a card with the same decision. */
  reason: z.enum(["same_initiative", "same_decision", "budget_note_example"]),
});
export type DraftSource = z.infer<typeof DraftSourceSchema>;

/**
 * The source of one sentence of a draft: the caseworker's note ("note:1"), a section of the card
 * ("card:results"), the card's own proposal ("card:proposal"), an earlier card of the same grant
 * ("earlier:bilag-2024-05"), the decision, the allocation data ("data"), or a question the draft
 * asks the caseworker ("question"). An empty `sources` is a sentence without a source.
 */
export const SentenceSourceSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  sources: z.array(z.string()),
  /** Words the Danish lexicon does not know even as a compound (OCR damage left after repair). */
  suspect: z.array(z.string()).optional(),
});
export type SentenceSource = z.infer<typeof SentenceSourceSchema>;

export const DraftSectionSchema = z.object({
  key: z.string(),
  heading: z.string(),
  text: z.string(),
  /** Offset of this section's text within the draft's full `text`. */
  start: z.number().int().nonnegative(),
  /** Rendered from data by the project's formatter (never written by the model). */
  fromData: z.boolean(),
  /** Table rows, for table sections: first row is the header. */
  table: z.array(z.array(z.string())).optional(),
  /** Where each sentence of a prose section comes from (offsets into `text`). */
  sentences: z.array(SentenceSourceSchema).optional(),
});
export type DraftSection = z.infer<typeof DraftSectionSchema>;

export const DraftSchema = z.object({
  id: z.string(),
  kind: z.enum(["assessment", "budget_note"]),
  version: z.number().int().positive(),
  title: z.string(),
  /** Sections in order; for an annex card: indholdIJusteretIndsats, økonomiRessourcer. */
  sections: z.array(DraftSectionSchema),
  /** The whole draft as one text; validation offsets point into it. */
  text: z.string(),
  validation: ValidationResultSchema,
  /** "clean" only when validation found no error and no warning. */
  status: z.enum(["clean", "flagged"]),
  sources: z.array(DraftSourceSchema),
  prompt: z.object({ id: z.string(), version: z.string() }),
  model: z.string(),
  attempts: z.number().int().nonnegative(),
  /** The language model calls that wrote this version (none for the offline writer). */
  modelCalls: z.array(ModelCallTraceSchema).optional(),
  decision: DecisionSchema.optional(),
  allocation: AllocationSchema.optional(),
  /**
   * When the card proposes money but no allocation data exists: the allocation read from the
   * card's proposal, offered to the caseworker to create for review (never used to validate).
   */
  allocationProposal: z
    .object({ allocation: AllocationSchema, notes: z.array(z.string()) })
    .optional(),
  /** The request that produced this version. */
  input: z.record(z.string(), z.unknown()),
  author: z.string(),
  createdAt: z.string(),
});
export type Draft = z.infer<typeof DraftSchema>;
