/**
 * Builds one corpus-audit finding: the document and card it belongs to, the raw source span and
 * its quote. Shared by the audit's checks; the rounding helpers compare figures as written.
 */
import type {
  AuditFinding,
  Card,
  Figure,
  ParsedDocument,
  Severity,
  Span,
  ValidationCode,
} from "../domain/index.ts";
import { halfStep } from "../money/index.ts";

/** Raw source texts by document id, for quotes. */
export type AuditSources = ReadonlyMap<string, string>;

export type AuditFindingInput = {
  code: ValidationCode;
  severity: Severity;
  /** Danish, for a caseworker. */
  message: string;
  /** Raw source span of the quoted passage. */
  span: Span;
  /** Used when the raw source is not at hand. */
  fallbackQuote?: string;
  expected?: string;
  found?: string;
};

/** A finding on `document` (and `card`, if given), quoting the raw source at `span`. */
export function createAuditFinding(
  document: ParsedDocument,
  card: Card | undefined,
  sources: AuditSources,
  input: AuditFindingInput,
): AuditFinding {
  const raw = sources.get(document.document.id);
  const quote =
    raw === undefined ? (input.fallbackQuote ?? "") : raw.slice(input.span.start, input.span.end);
  return {
    documentId: document.document.id,
    documentTitle: document.document.title,
    ...(card === undefined ? {} : { cardId: card.id, cardTitle: card.title }),
    code: input.code,
    severity: input.severity,
    message: input.message,
    start: input.span.start,
    end: input.span.end,
    quote,
    ...(input.expected === undefined ? {} : { expected: input.expected }),
    ...(input.found === undefined ? {} : { found: input.found }),
  };
}

/** A half-open range of whole kroner: every amount that rounds to what was written. */
export type WrittenRange = { low: number; high: number };

/** The amounts a money figure may stand for, given the precision it was written with. */
export function writtenRange(figure: Figure): WrittenRange | undefined {
  if (figure.amount === undefined) return undefined;
  const half = halfStep(figure);
  return { low: figure.amount.min - half, high: figure.amount.max + half };
}

/** The range of a sum (or difference, with sign -1) of written figures. */
export function combineRanges(
  terms: ReadonlyArray<{ range: WrittenRange; sign?: 1 | -1 }>,
): WrittenRange {
  let low = 0;
  let high = 0;
  for (const { range, sign = 1 } of terms) {
    if (sign === 1) {
      low += range.low;
      high += range.high;
    } else {
      low -= range.high;
      high -= range.low;
    }
  }
  return { low, high };
}

/** Whether two written ranges share an amount: the figures agree within rounding. */
export function rangesOverlap(left: WrittenRange, right: WrittenRange): boolean {
  return left.low < right.high && right.low < left.high;
}

/** The raw text of a span, whitespace collapsed, for messages. */
export function rawText(
  sources: AuditSources,
  documentId: string,
  span: Span,
  fallback = "",
): string {
  const raw = sources.get(documentId);
  return (raw === undefined ? fallback : raw.slice(span.start, span.end))
    .replace(/\s+/gu, " ")
    .trim();
}
