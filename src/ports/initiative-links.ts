/**
 * An admin's verdicts on initiative links: two cards confirmed as the same grant across years, or
 * split apart. Keyed by card ids (stable across re-ingest), so a verdict outlives the documents'
 * re-reading. Node keeps them in a JSON file in the data folder; the Worker in memory.
 */
import { z } from "zod";

export const LinkVerdictSchema = z.object({
  /** The two card ids, in ascending order. */
  cards: z.tuple([z.string().min(1).max(200), z.string().min(1).max(200)]),
  verdict: z.enum(["confirm", "split"]),
  /** ISO 8601 time of the verdict. */
  at: z.string(),
});
export type LinkVerdict = z.infer<typeof LinkVerdictSchema>;

export type InitiativeLinkStore = {
  list(): Promise<LinkVerdict[]>;
  /** Stores a verdict, replacing an earlier one on the same two cards. */
  put(verdict: LinkVerdict): Promise<void>;
};
