/** Structured allocation data: the wire format of domain.md, and what the product keeps beyond it. */
import { z } from "zod";
import { AreaSchema } from "./money.ts";

const YEAR_KEY = /^(19|20|21)\d\d$/;
/** Largest amount of one line in one year, whole DKK (100 mia. kr.): sums stay exact integers. */
export const MAX_YEARLY_AMOUNT = 100_000_000_000;

export const AllocationLineSchema = z.object({
  area: AreaSchema,
  recipient: z.string().min(1).optional(),
  /** Whole DKK per budget year, keyed by the year as a string ("2027"). */
  amounts: z
    .record(
      z
        .string()
        .regex(YEAR_KEY, 'year keys are four-digit years such as "2027"')
        .meta({ examples: ["2027", "1999"] }),
      z
        .number()
        .int("amounts are whole kroner")
        .nonnegative("amounts cannot be negative")
        .max(MAX_YEARLY_AMOUNT, "an amount is at most 100 mia. kr. a year (whole kroner)"),
    )
    .refine((amounts) => Object.keys(amounts).length > 0, "a line needs at least one year"),
  committee: z.string().optional(),
  appropriation: z.string().optional(),
  label: z.string().optional(),
});
export type AllocationLine = z.infer<typeof AllocationLineSchema>;

export const AllocationSchema = z.object({
  initiative: z.string().min(1),
  /** p/l year the amounts are in; omitted for current prices. */
  priceLevel: z.number().int().min(1990).max(2100).optional(),
  lines: z.array(AllocationLineSchema).min(1),
  /** The card the proposal comes from, e.g. "bilag-2026-07". */
  cardId: z.string().optional(),
  /** Source span of the proposal sentence in that card's document. */
  source: z
    .object({
      documentId: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      quote: z.string(),
    })
    .optional(),
});
export type Allocation = z.infer<typeof AllocationSchema>;
