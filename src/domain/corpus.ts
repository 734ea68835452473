/** The typed model of the corpus: documents, cards, sections, figures and budget-note tables. */
import { z } from "zod";
import { AreaSchema, BasisSchema, MoneyUnitSchema, PriceLevelSchema } from "./money.ts";
import { OffsetAnchorsSchema, SpanSchema } from "./span.ts";

export const DOCUMENT_KINDS = ["annex", "budget_note"] as const;
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

export const DocumentSchema = z.object({
  /** Stable id, e.g. "bilag-2026" or "budgetnotat-bi07-2023". */
  id: z.string().min(1),
  kind: DocumentKindSchema,
  /** The year the document's own title names (the 2023 annex, BI07 of Budget 2023). */
  year: z.number().int(),
  /** The budget the document feeds (the 2023 annex feeds Budget 2024). */
  budgetYear: z.number().int(),
  title: z.string().min(1),
  /** Source file path relative to the corpus folder, or the upload name. */
  source: z.string().min(1),
  /** sha256 of the raw source text, hex. */
  contentHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .meta({ examples: ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"] }),
  /** Layout parser that read it. */
  layout: z.string().min(1),
  /** PDFs: each page's number (1-based) and span [start, end) in the raw source, so a citation can name its page. Absent for text and Word files. */
  pages: z
    .array(
      z.object({
        number: z.number().int().min(1),
        start: z.number().int().nonnegative(),
        end: z.number().int().nonnegative(),
      }),
    )
    .optional(),
});
export type CorpusDocument = z.infer<typeof DocumentSchema>;

/**
 * Section kinds. Annex cards: content, results, expiring_money (the grant that expires),
 * assessment (Faglig vurdering / Forvaltningens vurdering), proposed_money, grant (the
 * "Bevilling 2023: …" line of older annexes). Budget notes: background, content,
 * expected_effect, economy, risk, technical (Bevillingstekniske oplysninger), other_technical,
 * previous_funding, agreement_text (Forslag til aftaletekst). Anything else: other.
 */
export const SECTION_KINDS = [
  "content",
  "results",
  "expiring_money",
  "assessment",
  "proposed_money",
  "grant",
  "background",
  "expected_effect",
  "economy",
  "risk",
  "technical",
  "other_technical",
  "previous_funding",
  "agreement_text",
  "other",
] as const;
export const SectionKindSchema = z.enum(SECTION_KINDS);
export type SectionKind = z.infer<typeof SectionKindSchema>;

export const SectionSchema = z.object({
  kind: SectionKindSchema,
  /** The heading as it reads after OCR repair ("Indhold i indsatsen"). */
  heading: z.string(),
  /** Body text (OCR-repaired where the source needed it; raw otherwise). */
  text: z.string(),
  /** Where the section (heading and body) lies in the raw source. */
  span: SpanSchema,
  /** Maps offsets in `text` to the raw source. */
  offsets: OffsetAnchorsSchema,
  /** Half of a two-half card: "udløb" (Beskrivelse af udløb) or "vurdering" (Faglig vurdering). */
  half: z.enum(["udløb", "vurdering"]).optional(),
});
export type Section = z.infer<typeof SectionSchema>;

/**
 * What a number in a text is. Not money: a table's unit header ("1.000 kr., 2023 p/l"), a price-level
 * tag ("(2027 p/l)") and a row of column headings ("2022 2023 2024 2025 2026").
 */
export const FIGURE_KINDS = [
  "money",
  "count",
  "percent",
  "date",
  "reference",
  "other",
  "unit_header",
  "price_level",
  "heading",
] as const;
export const FigureKindSchema = z.enum(FIGURE_KINDS);

/** Amount in whole kroner; a range ("2-300.000") has min < max. */
export const AmountRangeSchema = z.object({ min: z.number().int(), max: z.number().int() });
export type AmountRange = z.infer<typeof AmountRangeSchema>;

export const FigureSchema = z.object({
  kind: FigureKindSchema,
  /** The figure as written ("5,7 mio. kr."). */
  text: z.string(),
  /** Where it stands in the raw source. */
  span: SpanSchema,
  /** Whole DKK (money only). */
  amount: AmountRangeSchema.optional(),
  /** Decimals the writer gave in the unit written: "5,7 mio." has 1, "11 mio." has 0. */
  decimals: z.number().int().nonnegative().optional(),
  unit: MoneyUnitSchema.optional(),
  /** A non-money number's value (participants, percent). */
  value: z.number().optional(),
  basis: BasisSchema.optional(),
  /** The budget years the figure applies to, ascending. */
  years: z.array(z.number().int()),
  area: AreaSchema.optional(),
  priceLevel: PriceLevelSchema.optional(),
  /** Recipient administration or committee ("BIF", "SOF", "BIU"). */
  recipient: z.string().optional(),
  /** Fields read from the rest of the sentence rather than the figure's own clause (weaker evidence). */
  inherited: z.array(z.enum(["area", "recipient", "priceLevel", "years", "basis"])).optional(),
  /** The figure was read only after normalising its characters (invisible, other digits, look-alikes). */
  normalised: z.boolean().optional(),
  /** "heraf" / "fordelt på": this figure is a part of the previous money figure. */
  partOf: z.number().int().optional(),
  /** The sentence the figure stands in, as the (OCR-repaired) text the grammar was given has it, trimmed, and its raw span. */
  sentence: z.object({ text: z.string(), span: SpanSchema }),
});
export type Figure = z.infer<typeof FigureSchema>;

export const DECISIONS = [
  "uændret",
  "med_justeringer",
  "ophører",
  "betinget",
  "afventer",
  "ukendt",
] as const;
export const DecisionSchema = z.enum(DECISIONS);
/** The administration's decision on continuing a grant. */
export type Decision = z.infer<typeof DecisionSchema>;

export const CARD_FLAGS = [
  "title_derived",
  "number_inferred",
  "number_ocr_repaired",
  "two_column",
  "table_row",
  "ocr_repaired",
  "bold_heading_only",
] as const;
export const CardFlagSchema = z.enum(CARD_FLAGS);
export type CardFlag = z.infer<typeof CardFlagSchema>;

export const CardSchema = z.object({
  /** "bilag-2026-07", "bilag-2023-03" (ordinal where the layout has no number), "bi07-2023". */
  id: z.string().min(1),
  documentId: z.string().min(1),
  /** Card number as printed (2026 layout), or undefined. */
  number: z.number().int().positive().optional(),
  /** Position in the document, 1-based. */
  ordinal: z.number().int().positive(),
  title: z.string().min(1),
  pejlemærke: z.string().optional(),
  /** Group heading other than pejlemærke, e.g. "inden for BIU's egen ramme". */
  group: z.string().optional(),
  sections: z.array(SectionSchema),
  decision: DecisionSchema,
  flags: z.array(CardFlagSchema),
  span: SpanSchema,
  figures: z.array(FigureSchema),
});
export type Card = z.infer<typeof CardSchema>;

export const TableRowSchema = z.object({
  label: z.string(),
  area: AreaSchema.optional(),
  committee: z.string().optional(),
  /** Bevilling number, e.g. "35.10". */
  appropriation: z.string().optional(),
  /** "U" (udgift) or "I" (indtægt) where given. */
  direction: z.enum(["U", "I"]).optional(),
  /** Value per year in the table's unit; null where the cell is empty or "-". */
  values: z.record(z.string(), z.number().nullable()),
  /** The row's own stated total, when the table has a total column. */
  statedTotal: z.number().optional(),
  /** Whether this is a totals row ("Udgifter i alt", "I alt"). */
  isTotal: z.boolean(),
  span: SpanSchema,
});
export type TableRow = z.infer<typeof TableRowSchema>;

export const BudgetTableSchema = z.object({
  id: z.string(),
  cardId: z.string(),
  /** economy (Økonomi), technical (Bevillingstekniske oplysninger), effect, other. */
  kind: z.enum(["economy", "technical", "effect", "other"]),
  title: z.string(),
  /** "1.000 kr." in the sample notes. */
  unit: MoneyUnitSchema,
  priceLevel: PriceLevelSchema.optional(),
  years: z.array(z.number().int()),
  rows: z.array(TableRowSchema),
  /** True when this table continues or splits an earlier one. */
  continuation: z.boolean(),
  span: SpanSchema,
});
export type BudgetTable = z.infer<typeof BudgetTableSchema>;

/** Everything a layout parser reads out of one source file. */
export const ParsedDocumentSchema = z.object({
  document: DocumentSchema,
  cards: z.array(CardSchema),
  tables: z.array(BudgetTableSchema),
});
export type ParsedDocument = z.infer<typeof ParsedDocumentSchema>;
