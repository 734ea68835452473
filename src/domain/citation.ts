/** A quoted passage of the corpus with its exact source: what answers, chat and drafts cite. */
import { z } from "zod";

export const PassageCitationSchema = z.object({
  cardId: z.string(),
  title: z.string(),
  year: z.number().int(),
  documentTitle: z.string(),
  /** The section kind the passage stands in ("assessment", "proposed_money", …). */
  section: z.string(),
  /** The passage as read (OCR-repaired where the source needed it). */
  quote: z.string(),
  /** Raw source span of the quote in its document. */
  start: z.number().int(),
  end: z.number().int(),
  /** PDFs: the page the quote starts on; absent for documents without pages (text, Word). */
  page: z.number().int().positive().optional(),
  /** The asked fact as it stands in the quote ("5.175 møder"), for highlighting; absent when the quote answers no particular fact. */
  fact: z.string().optional(),
});
export type PassageCitation = z.infer<typeof PassageCitationSchema>;
