/**
 * Passages copied between different cards of the same year: a long run of the same words (by
 * default 25 or more, allowing a word or two to differ, as "sundhedsvæsnet"/"sundhedsvæsnets") in
 * two cards of one document, or of two documents of the same year. Reusing last year's wording
 * is normal and is not compared. Shared status formulas ("Der er endnu ikke afholdt aktiviteter
 * …") are also normal: a copy is reported when it describes the initiative (a content section on
 * either side) or carries a count, percentage or amount, which belong to one grant only.
 */
import type { AuditFinding, Card, ParsedDocument, Section } from "../domain/index.ts";
import { toRawSpan } from "../domain/index.ts";
import type { AuditSources } from "./create-audit-finding.ts";
import { createAuditFinding, rawText } from "./create-audit-finding.ts";

export type FindCopiedPassagesOptions = {
  /** Fewest matching words for a copied passage. */
  minWords?: number;
};

type Token = { word: string; start: number; end: number };
type Passage = { document: ParsedDocument; card: Card; section: Section; tokens: Token[] };
type Match = { aStart: number; aEnd: number; bStart: number; bEnd: number; matched: number };

const SEED = 4;
const RESYNC: ReadonlyArray<readonly [number, number]> = [
  [1, 1],
  [1, 0],
  [0, 1],
  [2, 2],
  [2, 1],
  [1, 2],
  [2, 0],
  [0, 2],
];
const SPECIFIC_KINDS = new Set(["money", "count", "percent"]);

function fold(word: string): string {
  return word.toLowerCase().replace(/æ/gu, "ae").replace(/ø/gu, "o").replace(/å/gu, "a");
}

function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(/[\p{L}\p{N}]+(?:[.,/][\p{N}]+)*/gu), (match) => ({
    word: fold(match[0]),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

function sameRun(
  a: readonly Token[],
  ai: number,
  b: readonly Token[],
  bj: number,
  length: number,
): boolean {
  for (let offset = 0; offset < length; offset += 1) {
    const left = a[ai + offset];
    const right = b[bj + offset];
    if (left === undefined || right === undefined || left.word !== right.word) return false;
  }
  return true;
}

/** Runs of (nearly) the same words in `a` and `b`, each at least `minWords` matching words long. */
export function matchPassages(a: readonly Token[], b: readonly Token[], minWords: number): Match[] {
  const seeds = new Map<string, number[]>();
  for (let position = 0; position + SEED <= b.length; position += 1) {
    const key = b
      .slice(position, position + SEED)
      .map((token) => token.word)
      .join(" ");
    seeds.set(key, [...(seeds.get(key) ?? []), position]);
  }
  const matches: Match[] = [];
  for (let start = 0; start + SEED <= a.length; start += 1) {
    const key = a
      .slice(start, start + SEED)
      .map((token) => token.word)
      .join(" ");
    let best: Match | undefined;
    for (const bStart of seeds.get(key) ?? []) {
      let ai = start;
      let bj = bStart;
      let matched = 0;
      let lastA = start;
      let lastB = bStart;
      while (ai < a.length && bj < b.length) {
        if (a[ai]?.word === b[bj]?.word) {
          matched += 1;
          lastA = ai;
          lastB = bj;
          ai += 1;
          bj += 1;
          continue;
        }
        const skip = RESYNC.find(([skipA, skipB]) => sameRun(a, ai + skipA, b, bj + skipB, 3));
        if (skip === undefined) break;
        ai += skip[0];
        bj += skip[1];
      }
      if (best === undefined || matched > best.matched)
        best = { aStart: start, aEnd: lastA + 1, bStart, bEnd: lastB + 1, matched };
    }
    if (best !== undefined && best.matched >= minWords) {
      matches.push(best);
      start = best.aEnd - 1;
    }
  }
  return matches;
}

function passagesOf(document: ParsedDocument, card: Card): Passage[] {
  return card.sections
    .filter((section) => section.kind !== "grant")
    .map((section) => ({ document, card, section, tokens: tokenize(section.text) }));
}

function isSpecific(
  copy: Passage,
  original: Passage,
  span: { start: number; end: number },
  sources: AuditSources,
): boolean {
  if (copy.section.kind === "content" || original.section.kind === "content") return true;
  // "37-timers aktivering" names a scheme; it is no count of this grant's own.
  const raw = sources.get(copy.document.document.id) ?? "";
  return copy.card.figures.some(
    (figure) =>
      SPECIFIC_KINDS.has(figure.kind) &&
      figure.span.start >= span.start &&
      figure.span.end <= span.end &&
      !(
        figure.kind === "count" && /^-\p{L}/u.test(raw.slice(figure.span.end, figure.span.end + 2))
      ),
  );
}

function excerpt(text: string, words = 14): string {
  const parts = text.split(/\s+/u);
  return parts.length <= words ? text : `${parts.slice(0, words).join(" ")} …`;
}

/** One warning per copied passage, on the later card, naming the first card it also stands in. */
export function findCopiedPassages(
  documents: readonly ParsedDocument[],
  sources: AuditSources,
  options: FindCopiedPassagesOptions = {},
): AuditFinding[] {
  const minWords = options.minWords ?? 25;
  const cards = documents.flatMap((document) =>
    document.cards.map((card) => ({ document, card, passages: passagesOf(document, card) })),
  );
  const findings: AuditFinding[] = [];
  cards.forEach((later, laterPosition) => {
    const claimed: Array<{ section: Section; start: number; end: number }> = [];
    for (const earlier of cards.slice(0, laterPosition)) {
      if (earlier.document.document.year !== later.document.document.year) continue;
      for (const copy of later.passages) {
        for (const original of earlier.passages) {
          for (const match of matchPassages(copy.tokens, original.tokens, minWords)) {
            if (
              claimed.some(
                (other) =>
                  other.section === copy.section &&
                  match.aStart < other.end &&
                  other.start < match.aEnd,
              )
            )
              continue;
            const first = copy.tokens[match.aStart];
            const last = copy.tokens[match.aEnd - 1];
            const originalFirst = original.tokens[match.bStart];
            const originalLast = original.tokens[match.bEnd - 1];
            if (
              first === undefined ||
              last === undefined ||
              originalFirst === undefined ||
              originalLast === undefined
            )
              continue;
            const span = toRawSpan(copy.section.offsets, first.start, last.end);
            const originalSpan = toRawSpan(
              original.section.offsets,
              originalFirst.start,
              originalLast.end,
            );
            if (!isSpecific(copy, original, span, sources)) continue;
            claimed.push({ section: copy.section, start: match.aStart, end: match.aEnd });
            const where =
              earlier.document === later.document ? "" : ` i "${earlier.document.document.title}"`;
            const originalText = rawText(
              sources,
              earlier.document.document.id,
              originalSpan,
              original.section.text.slice(originalFirst.start, originalLast.end),
            );
            findings.push(
              createAuditFinding(later.document, later.card, sources, {
                code: "copied_passage",
                severity: "warning",
                message: `${match.matched} ord i afsnittet "${copy.section.heading}" står næsten ordret også på kortet "${earlier.card.title}"${where} (afsnittet "${original.section.heading}", tegn ${originalSpan.start}-${originalSpan.end}): "${excerpt(originalText)}". Tjek at teksten beskriver denne indsats og ikke er kopieret fra det andet kort.`,
                span,
                fallbackQuote: copy.section.text.slice(first.start, last.end),
                expected: "tekst om denne indsats",
                found: `${match.matched} ord som på "${earlier.card.title}"`,
              }),
            );
          }
        }
      }
    }
  });
  return findings;
}
