/**
 * Cross-references between cards of one annex: "nr. 26 “Styrket uddannelsesmentorindsats”" must
 * name a card of the same annex whose number and title agree. Titles are compared folded (æøå,
 * case, spaces, punctuation) and with a small edit allowance, so OCR damage is not a finding.
 */
import type { AuditFinding, Card, ParsedDocument } from "../domain/index.ts";
import { toRawSpan } from "../domain/index.ts";
import type { AuditSources } from "./create-audit-finding.ts";
import { createAuditFinding } from "./create-audit-finding.ts";

const QUOTES = "“”\"'‘’„«»";
/** "nr. 26 “"Styrket uddannelsesmentorindsats”" — a number, then a quoted title (which may wrap a line). */
const REFERENCE = new RegExp(
  `(?<![\\p{L}])nr\\.?\\s*(\\d{1,3})\\s*[${QUOTES}]+\\s*([^${QUOTES}]{3,120}?)\\s*[${QUOTES}]`,
  "giu",
);

/** A title folded for comparison: lower case, æøå and their OCR stand-ins folded, letters and digits only. */
export function foldTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/æ/gu, "ae")
    .replace(/ø/gu, "o")
    .replace(/å/gu, "a")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]/gu, "");
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      current[column] = Math.min(
        (previous[column] ?? 0) + 1,
        (current[column - 1] ?? 0) + 1,
        (previous[column - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/** Whether two titles name the same card, allowing OCR damage (about one edit in eight letters). */
export function titlesAgree(left: string, right: string): boolean {
  const a = foldTitle(left);
  const b = foldTitle(right);
  if (a.length === 0 || b.length === 0) return false;
  if (a === b) return true;
  return editDistance(a, b) <= Math.max(2, Math.floor(Math.max(a.length, b.length) / 8));
}

/** One finding per reference whose number names no card or a card with another title. */
export function checkCrossReferences(
  document: ParsedDocument,
  sources: AuditSources,
): AuditFinding[] {
  const numbered = document.cards.filter(
    (card): card is Card & { number: number } => card.number !== undefined,
  );
  if (document.document.kind !== "annex" || numbered.length === 0) return [];
  const findings: AuditFinding[] = [];
  for (const card of document.cards) {
    for (const section of card.sections) {
      REFERENCE.lastIndex = 0;
      for (
        let match = REFERENCE.exec(section.text);
        match !== null;
        match = REFERENCE.exec(section.text)
      ) {
        const number = Number(match[1]);
        const title = (match[2] ?? "").replace(/\s+/gu, " ").trim();
        const target = numbered.find((candidate) => candidate.number === number);
        if (target !== undefined && titlesAgree(target.title, title)) continue;
        const named = numbered.find((candidate) => titlesAgree(candidate.title, title));
        const span = toRawSpan(section.offsets, match.index, match.index + match[0].length);
        const found = `nr. ${number} "${title}"`;
        let message: string;
        let expected: string;
        if (target === undefined) {
          message = `Henvisningen til nr. ${number} "${title}" peger på et kort, der ikke findes i bilaget.`;
          expected =
            named === undefined ? "et kort i bilaget" : `nr. ${named.number} "${named.title}"`;
        } else if (named === undefined) {
          message = `Henvisningen nævner nr. ${number} "${title}", men nr. ${number} hedder "${target.title}", og ingen kort i bilaget har titlen "${title}".`;
          expected = `nr. ${number} "${target.title}"`;
        } else if (named === card) {
          message = `Henvisningen nævner nr. ${number} "${title}", men det er dette korts egen titel (nr. ${named.number}); nr. ${number} hedder "${target.title}". Titlen er formentlig kopieret fra det andet kort.`;
          expected = `nr. ${number} "${target.title}"`;
        } else {
          message = `Henvisningen nævner nr. ${number} "${title}", men nr. ${number} hedder "${target.title}"; titlen passer på nr. ${named.number}. Nummer eller titel er forkert.`;
          expected = `nr. ${named.number} "${named.title}" eller nr. ${number} "${target.title}"`;
        }
        findings.push(
          createAuditFinding(document, card, sources, {
            code: "cross_reference",
            severity: "error",
            message,
            span,
            fallbackQuote: match[0],
            expected,
            found,
          }),
        );
      }
    }
  }
  return findings;
}
