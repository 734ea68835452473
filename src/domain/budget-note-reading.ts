/** What a chat conversation has said so far about a budget note to draft, and the fields the chat asks for. */
import { z } from "zod";
import { AreaSchema } from "./money.ts";

/** A budget-note line as far as a message gives it: amounts in whole kroner by year. */
export const BudgetNoteLineReadingSchema = z.object({
  area: AreaSchema.optional(),
  amounts: z.record(z.string(), z.number()),
});

/** What a message (or a conversation so far) says about a budget note. */
export const BudgetNoteReadingSchema = z.object({
  title: z.string().optional(),
  purpose: z.array(z.string()).optional(),
  lines: z.array(BudgetNoteLineReadingSchema).optional(),
  area: AreaSchema.optional(),
  priceLevel: z.number().int().optional(),
  committee: z.string().optional(),
  appropriation: z.string().optional(),
  /** Amounts the message gives that cannot be placed on years ("2 mio. kr. samlet i 2027-2030"). */
  unplaced: z.array(z.string()).optional(),
});
export type BudgetNoteReading = z.infer<typeof BudgetNoteReadingSchema>;

/** The fields asked for, in the order the chat asks. */
export const BUDGET_NOTE_FIELDS = [
  "title",
  "purpose",
  "lines",
  "area",
  "priceLevel",
  "committee",
  "appropriation",
] as const;
export type BudgetNoteField = (typeof BUDGET_NOTE_FIELDS)[number];
