/** What the validators return: figures with a status, and issues with a code, a Danish message and a span. */
import { z } from "zod";
import { AmountRangeSchema, FigureKindSchema } from "./corpus.ts";
import { AreaSchema, BasisSchema, MoneyUnitSchema, PriceLevelSchema } from "./money.ts";

export const VALIDATION_CODES = [
  "amount_mismatch",
  "unit_error",
  "period_mismatch",
  "basis_confusion",
  "area_mismatch",
  "price_level_mismatch",
  "recipient_mismatch",
  "parts_do_not_add_up",
  "unmatched_figure",
  "line_not_mentioned",
  "period_before_budget_year",
  "decision_conflict",
  "table_row_total",
  "table_column_total",
  "table_split_mismatch",
  "agreement_text_mismatch",
  "cross_reference",
  "copied_passage",
  "header_body_mismatch",
  "text_too_long",
  "ambiguous_basis",
  "figure_normalised",
  "contradictory_count",
  "missing_allocation",
  "unsourced_sentence",
  "suspect_word",
] as const;
export const ValidationCodeSchema = z.enum(VALIDATION_CODES);
export type ValidationCode = z.infer<typeof ValidationCodeSchema>;

export const SEVERITIES = ["error", "warning", "info"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const ValidationIssueSchema = z.object({
  code: ValidationCodeSchema,
  severity: SeveritySchema,
  /** Written for a caseworker, in Danish. */
  message: z.string(),
  /** Offsets into the validated text. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** What the data says, as the department would write it ("5,7 mio. kr. årligt"). */
  expected: z.string().optional(),
  /** What the text says. */
  found: z.string().optional(),
});
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

export const ValidatedFigureSchema = z.object({
  kind: FigureKindSchema,
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  amount: AmountRangeSchema.optional(),
  unit: MoneyUnitSchema.optional(),
  decimals: z.number().int().optional(),
  basis: BasisSchema.optional(),
  years: z.array(z.number().int()),
  area: AreaSchema.optional(),
  priceLevel: PriceLevelSchema.optional(),
  recipient: z.string().optional(),
  /** Read only after normalising its characters (see figure_normalised). */
  normalised: z.boolean().optional(),
  status: z.enum(["ok", "error", "warning"]),
  /** Index of the allocation line the figure was matched to. */
  matchedLine: z.number().int().nonnegative().optional(),
  /** Short reason, in Danish, shown next to the figure. */
  reason: z.string().optional(),
});
export type ValidatedFigure = z.infer<typeof ValidatedFigureSchema>;

export const ValidationResultSchema = z.object({
  ok: z.boolean(),
  figures: z.array(ValidatedFigureSchema),
  issues: z.array(ValidationIssueSchema),
});
export type ValidationResult = z.infer<typeof ValidationResultSchema>;

export const AuditFindingSchema = z.object({
  documentId: z.string(),
  documentTitle: z.string(),
  cardId: z.string().optional(),
  cardTitle: z.string().optional(),
  code: ValidationCodeSchema,
  severity: SeveritySchema,
  message: z.string(),
  /** Raw source span of the quoted passage. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
  expected: z.string().optional(),
  found: z.string().optional(),
});
export type AuditFinding = z.infer<typeof AuditFindingSchema>;
