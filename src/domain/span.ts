/** Character spans into a document's raw source text, and maps from derived text back to them. */
import { z } from "zod";

/** A half-open character range `[start, end)` into the raw source text of a document. */
export const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Span = z.infer<typeof SpanSchema>;

/**
 * Anchors that map offsets in a derived text (OCR-repaired, or re-assembled from two columns)
 * back to the raw source: `[textOffset, rawOffset]`, sorted by textOffset. An offset between
 * two anchors maps linearly from the nearest anchor at or before it.
 */
export const OffsetAnchorsSchema = z.array(z.tuple([z.number().int(), z.number().int()]));
export type OffsetAnchors = z.infer<typeof OffsetAnchorsSchema>;

/** Maps an offset in derived text to the raw source, given its anchors. */
export function toRawOffset(anchors: OffsetAnchors, textOffset: number): number {
  let low = 0;
  let high = anchors.length - 1;
  let best: readonly [number, number] = [0, 0];
  while (low <= high) {
    const middle = (low + high) >> 1;
    const anchor = anchors[middle];
    if (anchor === undefined) break;
    if (anchor[0] <= textOffset) {
      best = anchor;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return best[1] + (textOffset - best[0]);
}

/** Maps a span of derived text to the raw source. */
export function toRawSpan(anchors: OffsetAnchors, start: number, end: number): Span {
  const rawStart = toRawOffset(anchors, start);
  const rawEnd = Math.max(rawStart, toRawOffset(anchors, Math.max(start, end - 1)) + 1);
  return { start: rawStart, end: rawEnd };
}
