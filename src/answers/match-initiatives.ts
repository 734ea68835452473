/**
 * Groups cards into initiatives: the same grant across documents and years, under titles that
 * drift ("Støtte til TechBBQ's iværksætterprogram" in 2023, "Støtte til TechBBQ" in 2024). Titles
 * are compared as folded, stemmed tokens weighted by how rare they are among all titles (a weighted
 * Dice coefficient); long compounds that share a stem of at least eight letters count as the same
 * word ("Opkvalificeringsindsats" / "Opkvalificering"). Two cards of one document never join.
 * The id is the slug of the latest card's title, so it stays put until a newer annex renames it.
 */
import { z } from "zod";
import type { CardSummary } from "../corpus/corpus-store.ts";
import { slugify } from "../corpus/slugify.ts";
import { tokenizeDanish } from "../retrieval/danish-text.ts";

/** Weighted Dice similarity at or above which two titles of different documents are one initiative; tuned by reading the sample corpus: TechBBQ (0,75) joins, "Flere lære- og elevpladser til unge" / "Lære- og elevpladser" (0,71) are two grants with different 2021 results and stay apart (tests/answers/match-initiatives.test.ts). */
export const INITIATIVE_SIMILARITY_THRESHOLD = 0.73;
/** Shared leading letters that make two long words one stem (compounds, OCR-damaged endings). */
const SHARED_STEM_LENGTH = 8;

export const InitiativeSchema = z.object({
  /** Slug of the latest card's title. */
  id: z.string(),
  /** The latest card's title. */
  title: z.string(),
  /** Document years the initiative appears in, ascending. */
  years: z.array(z.number().int()),
  /** Card ids, oldest first. */
  cards: z.array(z.string()),
});
export type Initiative = z.infer<typeof InitiativeSchema>;

type MatchableCard = Pick<CardSummary, "id" | "documentId" | "title" | "year">;

/** Words that only introduce a title ("Videreførelse af …", "Specifik udfordring: …"). */
const TITLE_FRAME = new Set([
  "videreforel",
  "specifik",
  "udfordring",
  "bevilling",
  "styrk",
  "styrket",
]);

export function titleTokens(title: string): string[] {
  return [
    ...new Set(
      tokenizeDanish(title).filter((token) => !/^\d+$/.test(token) && !TITLE_FRAME.has(token)),
    ),
  ];
}

function sameWord(left: string, right: string): boolean {
  if (left === right) return true;
  if (left.length < SHARED_STEM_LENGTH || right.length < SHARED_STEM_LENGTH) return false;
  return left.slice(0, SHARED_STEM_LENGTH) === right.slice(0, SHARED_STEM_LENGTH);
}

export type TitleSimilarity = (left: string, right: string) => number;

/** A similarity of titles weighted by the rarity of their words among `titles`. */
export function createTitleSimilarity(titles: readonly string[]): TitleSimilarity {
  const tokenSets = titles.map(titleTokens);
  const documentFrequency = new Map<string, number>();
  for (const tokens of tokenSets)
    for (const token of tokens)
      documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  const weight = (token: string) =>
    Math.log(1 + titles.length / (documentFrequency.get(token) ?? 1));
  /* matchInitiatives compares every pair: tokenize each title once (bounded by the titles given, plus those compared). */
  const tokensOf = new Map<string, string[]>(
    titles.map((title, index) => [title, tokenSets[index] ?? []]),
  );
  const tokens = (title: string) => {
    let cached = tokensOf.get(title);
    if (cached === undefined) {
      cached = titleTokens(title);
      if (tokensOf.size < titles.length + 1_000) tokensOf.set(title, cached);
    }
    return cached;
  };
  return (left, right) => {
    const a = tokens(left);
    const b = tokens(right);
    if (a.length === 0 || b.length === 0) return 0;
    const total = [...a, ...b].reduce((sum, token) => sum + weight(token), 0);
    let shared = 0;
    for (const token of a) if (b.some((other) => sameWord(token, other))) shared += weight(token);
    for (const token of b) if (a.some((other) => sameWord(token, other))) shared += weight(token);
    return shared / total;
  };
}

export type MatchInitiativesOptions = { threshold?: number };

/** Groups cards into initiatives, ordered by latest year (newest first), then title. */
export function matchInitiatives(
  cards: readonly MatchableCard[],
  options: MatchInitiativesOptions = {},
): Initiative[] {
  const threshold = options.threshold ?? INITIATIVE_SIMILARITY_THRESHOLD;
  const similarity = createTitleSimilarity(cards.map((card) => card.title));
  const pairs: Array<{ left: number; right: number; score: number }> = [];
  cards.forEach((left, i) => {
    cards.forEach((right, j) => {
      if (j <= i || left.documentId === right.documentId) return;
      const score = similarity(left.title, right.title);
      if (score >= threshold) pairs.push({ left: i, right: j, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.left - b.left || a.right - b.right);
  const groupOf = cards.map((_, index) => index);
  const members = new Map<number, number[]>(cards.map((_, index) => [index, [index]]));
  for (const pair of pairs) {
    const leftGroup = groupOf[pair.left] ?? pair.left;
    const rightGroup = groupOf[pair.right] ?? pair.right;
    if (leftGroup === rightGroup) continue;
    const leftMembers = members.get(leftGroup) ?? [];
    const rightMembers = members.get(rightGroup) ?? [];
    const documents = new Set(leftMembers.map((index) => cards[index]?.documentId));
    if (rightMembers.some((index) => documents.has(cards[index]?.documentId))) continue;
    for (const index of rightMembers) groupOf[index] = leftGroup;
    members.set(leftGroup, [...leftMembers, ...rightMembers]);
    members.delete(rightGroup);
  }
  const initiatives: Initiative[] = [];
  const usedIds = new Set<string>();
  const groups = [...members.values()].map((indexes) =>
    indexes
      .flatMap((index) => (cards[index] === undefined ? [] : [cards[index]]))
      .sort((a, b) => a.year - b.year || a.id.localeCompare(b.id)),
  );
  groups.sort(
    (a, b) =>
      (b.at(-1)?.year ?? 0) - (a.at(-1)?.year ?? 0) ||
      (a.at(-1)?.id ?? "").localeCompare(b.at(-1)?.id ?? ""),
  );
  for (const group of groups) {
    const latest = group.at(-1);
    if (latest === undefined) continue;
    let id = slugify(latest.title) || latest.id;
    if (usedIds.has(id)) id = `${id}-${slugify(latest.id)}`;
    usedIds.add(id);
    initiatives.push({
      id,
      title: latest.title,
      years: [...new Set(group.map((card) => card.year))],
      cards: group.map((card) => card.id),
    });
  }
  return initiatives;
}
