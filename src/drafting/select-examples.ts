/**
 * Few-shot examples for an assessment, chosen by retrieval: the same initiative in earlier annexes
 * (the store's search for the card's title, kept only where the titles agree: folded, stemmed
 * title words overlap, compounds counted by their shared stem), and the assessments of other cards
 * with the same decision, newest annex first.
 */
import type { Card, CorpusDocument, DraftDecision, DraftSource, Section } from "../domain/index.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import { tokenizeDanish } from "../retrieval/danish-text.ts";

export type SelectExamplesOptions = {
  /** Earlier cards of the same initiative to quote (default 2). */
  sameInitiative?: number;
  /** Cards with the same decision to quote (default 3). */
  sameDecision?: number;
  /** Longest quote, characters (default 700). */
  maxQuote?: number;
  /** Least title similarity for "the same initiative", 0..1 (default 0.6). */
  minTitleSimilarity?: number;
};

/** Title words too common in this corpus to tell initiatives apart. */
const GENERIC_TITLE_WORDS = new Set(
  [
    "indsat",
    "styrket",
    "fler",
    "bedr",
    "ung",
    "borger",
    "bevilling",
    "midl",
    "tilsku",
    "støtt",
    "stott",
    "videreforels",
    "ny",
    "samlet",
    "særlig",
    "saerlig",
  ].map((word) => tokenizeDanish(word)[0] ?? word),
);

function titleTokens(title: string): string[] {
  return [...new Set(tokenizeDanish(title).filter((token) => !/^\d+$/u.test(token)))];
}

function tokensMeet(left: string, right: string): boolean {
  if (left === right) return true;
  const [short, long] = left.length <= right.length ? [left, right] : [right, left];
  return short.length >= 6 && long.startsWith(short);
}

/**
 * How alike two grant titles are, 0..1: the Dice coefficient of their folded, stemmed words, a
 * word meeting another when one is the other's stem ("opkvalificering" / "opkvalificeringsindsats");
 * words common to most titles ("indsats", "unge") count for little.
 */
export function titleSimilarity(left: string, right: string): number {
  const a = titleTokens(left);
  const b = titleTokens(right);
  if (a.length === 0 || b.length === 0) return 0;
  const weight = (token: string) => (GENERIC_TITLE_WORDS.has(token) ? 0.25 : 1);
  const total =
    a.reduce((sum, token) => sum + weight(token), 0) +
    b.reduce((sum, token) => sum + weight(token), 0);
  let shared = 0;
  const used = new Set<number>();
  for (const token of a) {
    const index = b.findIndex((other, position) => !used.has(position) && tokensMeet(token, other));
    if (index < 0) continue;
    used.add(index);
    shared += weight(token) + weight(b[index] ?? token);
  }
  return total === 0 ? 0 : shared / total;
}

/** A section's text as a quote of at most `max` characters, cut at a word. */
export function quoteOf(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max * 0.6)).trimEnd()} …`;
}

function toSource(
  card: Card,
  document: CorpusDocument,
  section: Section,
  reason: DraftSource["reason"],
  maxQuote: number,
): DraftSource {
  return {
    cardId: card.id,
    title: card.title,
    year: document.year,
    documentTitle: document.title,
    section: section.heading,
    quote: quoteOf(section.text, maxQuote),
    start: section.span.start,
    end: section.span.end,
    reason,
  };
}

/** Earlier cards of the same initiative, best title match first (the card itself excluded). */
export async function findSameInitiative(
  store: CorpusStore,
  card: Card,
  document: CorpusDocument,
  options: { limit?: number; minTitleSimilarity?: number } = {},
): Promise<Array<{ cardId: string; similarity: number }>> {
  const minimum = options.minTitleSimilarity ?? 0.6;
  const hits = await store.search({ query: card.title, kind: "annex", limit: 40 });
  const seen = new Map<string, { cardId: string; similarity: number; year: number }>();
  for (const hit of hits) {
    if (hit.cardId === card.id || hit.year >= document.year || seen.has(hit.cardId)) continue;
    const similarity = titleSimilarity(card.title, hit.title);
    if (similarity >= minimum)
      seen.set(hit.cardId, { cardId: hit.cardId, similarity, year: hit.year });
  }
  return [...seen.values()]
    .sort((left, right) => right.similarity - left.similarity || right.year - left.year)
    .slice(0, options.limit ?? 2)
    .map(({ cardId, similarity }) => ({ cardId, similarity }));
}

/** Examples for drafting the assessment of `card` with `decision`. */
export async function selectExamples(
  store: CorpusStore,
  card: Card,
  document: CorpusDocument,
  decision: DraftDecision,
  options: SelectExamplesOptions = {},
): Promise<DraftSource[]> {
  const maxQuote = options.maxQuote ?? 700;
  const sources: DraftSource[] = [];
  const sameInitiative = await findSameInitiative(store, card, document, {
    limit: options.sameInitiative ?? 2,
    ...(options.minTitleSimilarity === undefined
      ? {}
      : { minTitleSimilarity: options.minTitleSimilarity }),
  });
  const used = new Set([card.id]);
  for (const { cardId } of sameInitiative) {
    const stored = await store.getCard(cardId);
    if (stored === undefined) continue;
    used.add(cardId);
    for (const kind of ["assessment", "content"] as const) {
      const section = stored.card.sections.find((candidate) => candidate.kind === kind);
      if (section !== undefined && section.text.trim() !== "")
        sources.push(toSource(stored.card, stored.document, section, "same_initiative", maxQuote));
    }
  }

  const sameDecision = (await store.listCards({ kind: "annex", decision }))
    .filter((summary) => !used.has(summary.id))
    .sort(
      (left, right) =>
        right.year - left.year ||
        (left.number ?? 0) - (right.number ?? 0) ||
        left.id.localeCompare(right.id),
    );
  let taken = 0;
  for (const summary of sameDecision) {
    if (taken >= (options.sameDecision ?? 3)) break;
    const stored = await store.getCard(summary.id);
    const section = stored?.card.sections.find((candidate) => candidate.kind === "assessment");
    if (stored === undefined || section === undefined || section.text.trim().length < 20) continue;
    sources.push(toSource(stored.card, stored.document, section, "same_decision", maxQuote));
    taken += 1;
  }
  return sources;
}
