/**
 * Groups cards into initiatives: the same grant across documents and years, under titles that
 * drift ("Støtte til TechBBQ's iværksætterprogram" in 2023, "Støtte til TechBBQ" in 2024). Titles
 * are compared as folded, stemmed tokens weighted by how rare they are among all titles (a weighted
 * Dice coefficient); long compounds that share a stem of at least eight letters count as the same
 * word ("Opkvalificeringsindsats" / "Opkvalificering"). Two cards of one document never join.
 * The id is the slug of the latest card's title, so it stays put until a newer annex renames it.
 */
import { z } from "zod";
import type { CardSummary } from "../ports/corpus-store.ts";
import { slugify } from "../corpus/slugify.ts";
import type { LinkVerdict } from "../ports/initiative-links.ts";
import { foldDanish, tokenizeDanish } from "../retrieval/danish-text.ts";

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
  "fortsaettels",
  "udvidels",
]);

export function titleTokens(title: string): string[] {
  return [
    ...new Set(
      tokenizeDanish(title).filter((token) => !/^\d+$/.test(token) && !TITLE_FRAME.has(token)),
    ),
  ];
}

/**
 * Whether two title words are one word: the same stem; one the start of the other (at least five
 * letters: "rehabilitering" / "rehabiliteringsteam"); or long words that share their first eight
 * letters (compounds, OCR-damaged endings: "rehabiliteringsteammøder" / "rehabiliteringsmeder").
 * The one rule by which the chat and the initiatives match title words.
 */
export function sameTitleWord(left: string, right: string): boolean {
  if (left === right) return true;
  if (
    Math.min(left.length, right.length) >= 5 &&
    (left.startsWith(right) || right.startsWith(left))
  )
    return true;
  if (left.length < SHARED_STEM_LENGTH || right.length < SHARED_STEM_LENGTH) return false;
  return left.slice(0, SHARED_STEM_LENGTH) === right.slice(0, SHARED_STEM_LENGTH);
}

/** Share (0..1) of the stems of `words` that are words of `title` (the chat's reading of "the initiative called …"). */
export function titleCoverage(words: string, title: string): number {
  const wanted = [...new Set(tokenizeDanish(words))];
  if (wanted.length === 0) return 0;
  const have = tokenizeDanish(title);
  return (
    wanted.filter((stem) => have.some((token) => sameTitleWord(stem, token))).length / wanted.length
  );
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
    for (const token of a)
      if (b.some((other) => sameTitleWord(token, other))) shared += weight(token);
    for (const token of b)
      if (a.some((other) => sameTitleWord(token, other))) shared += weight(token);
    return shared / total;
  };
}

export type MatchInitiativesOptions = {
  threshold?: number;
  /** An admin's confirmed and split links (card ids); they override the evidence. */
  verdicts?: readonly LinkVerdict[];
};

/** Why two cards of different documents are one initiative. */
export const LinkEvidenceSchema = z.enum([
  "title",
  "distinctive_word",
  "same_money",
  "cross_reference",
  "confirmed",
]);
export type LinkEvidence = z.infer<typeof LinkEvidenceSchema>;

export const InitiativeLinkSchema = z.object({
  /** The two card ids, older first. */
  cards: z.tuple([z.string(), z.string()]),
  /** Weighted title similarity (0..1). */
  similarity: z.number(),
  evidence: z.array(LinkEvidenceSchema),
  /** joined on title similarity; review: joined on weaker evidence, a reviewer should confirm; confirmed / split by an admin; suggested: not joined, a cross-reference a reviewer may confirm. */
  status: z.enum(["title", "review", "confirmed", "split", "suggested"]),
  /** The shared distinctive word, as the older title writes it. */
  word: z.string().optional(),
});
export type InitiativeLink = z.infer<typeof InitiativeLinkSchema>;

export const LinkReportSchema = z.object({
  /** Initiatives with cards in more than one document. */
  linkedInitiatives: z.number().int(),
  /** Links that joined two cards (title, review, confirmed). */
  linked: z.number().int(),
  /** Links a reviewer should confirm or split: joined on weaker evidence, or suggested cross-references. */
  toConfirm: z.array(InitiativeLinkSchema),
  links: z.array(InitiativeLinkSchema),
});
export type LinkReport = z.infer<typeof LinkReportSchema>;

/** A card as matching sees it: its title, and (when given) its text and money amounts for corroboration. */
export type LinkableCard = MatchableCard & {
  /** Body text of the card (sections), folded or not. */
  text?: string;
  /** Money amounts (whole DKK) of its grant and proposal. */
  amounts?: readonly number[];
};

/** A title word this long (folded stem) that few titles share is distinctive ("rehabiliteringsteammøder"). */
const DISTINCTIVE_LENGTH = 12;
/** Least title similarity for a distinctive shared word to join two cards (the word must carry the titles). */
const DISTINCTIVE_MIN_SIMILARITY = 0.2;

const pairKey = (left: string, right: string) =>
  left < right ? `${left}\u0000${right}` : `${right}\u0000${left}`;

/** The long word two titles share that at most two titles have, if any (by the 8-letter stem). */
function distinctiveWord(
  left: readonly string[],
  right: readonly string[],
  titleFrequency: (token: string) => number,
): string | undefined {
  for (const token of left) {
    if (token.length < DISTINCTIVE_LENGTH) continue;
    const other = right.find(
      (candidate) =>
        sameTitleWord(token, candidate) &&
        Math.min(token.length, candidate.length) >= DISTINCTIVE_LENGTH,
    );
    if (other !== undefined && titleFrequency(token) <= 2) return token;
  }
  return undefined;
}

/** Groups cards into initiatives, ordered by latest year (newest first), then title. */
export function matchInitiatives(
  cards: readonly LinkableCard[],
  options: MatchInitiativesOptions = {},
): Initiative[] {
  return linkInitiatives(cards, options).initiatives;
}

/**
 * Groups cards into initiatives and reports every link with its evidence. Two cards of different
 * documents join when their titles are similar (weighted Dice at or above the threshold), or when
 * their titles share a distinctive long word (a renamed or OCR-damaged title) and one more sign
 * agrees: the same money amount, or each card's text names the word (a cross-reference); those
 * joins are listed for a reviewer to confirm. A card whose text names another document's
 * distinctive title word, without the titles agreeing, is suggested, not joined. An admin's
 * verdicts override: confirmed pairs join, split pairs never share an initiative.
 */
export function linkInitiatives(
  cards: readonly LinkableCard[],
  options: MatchInitiativesOptions = {},
): { initiatives: Initiative[]; report: LinkReport } {
  const threshold = options.threshold ?? INITIATIVE_SIMILARITY_THRESHOLD;
  const similarity = createTitleSimilarity(cards.map((card) => card.title));
  const tokens = cards.map((card) => titleTokens(card.title));
  const texts = cards.map((card) => (card.text === undefined ? undefined : foldDanish(card.text)));
  const titleFrequency = (token: string) =>
    tokens.filter((list) => list.some((other) => sameTitleWord(token, other))).length;
  const verdicts = new Map(
    (options.verdicts ?? []).map((verdict) => [pairKey(...verdict.cards), verdict.verdict]),
  );
  const indexOf = new Map(cards.map((card, index) => [card.id, index]));
  const links: Array<InitiativeLink & { left: number; right: number }> = [];
  cards.forEach((left, i) => {
    cards.forEach((right, j) => {
      if (j <= i || left.documentId === right.documentId) return;
      const score = similarity(left.title, right.title);
      const [older, newer] = left.year <= right.year ? [i, j] : [j, i];
      const ids: [string, string] = [cards[older]?.id ?? "", cards[newer]?.id ?? ""];
      const verdict = verdicts.get(pairKey(left.id, right.id));
      const sameMoney = (left.amounts ?? []).some(
        (amount) => amount > 0 && (right.amounts ?? []).includes(amount),
      );
      const evidence: LinkEvidence[] = [];
      let status: InitiativeLink["status"] | undefined;
      let word: string | undefined;
      if (score >= threshold) {
        evidence.push("title");
        status = "title";
      } else {
        word = distinctiveWord(tokens[i] ?? [], tokens[j] ?? [], titleFrequency);
        const stem = word?.slice(0, DISTINCTIVE_LENGTH);
        const crossReference =
          stem !== undefined &&
          texts[i]?.includes(stem) === true &&
          texts[j]?.includes(stem) === true;
        if (
          word !== undefined &&
          score >= DISTINCTIVE_MIN_SIMILARITY &&
          (sameMoney || crossReference)
        ) {
          evidence.push("distinctive_word");
          if (crossReference) evidence.push("cross_reference");
          status = "review";
        }
      }
      if (sameMoney && status !== undefined) evidence.push("same_money");
      if (verdict === "confirm") {
        evidence.push("confirmed");
        status = "confirmed";
      } else if (verdict === "split" && status !== undefined) status = "split";
      if (status === undefined) return;
      links.push({
        left: i,
        right: j,
        cards: ids,
        similarity: Math.round(score * 100) / 100,
        evidence,
        status,
        ...(word === undefined ? {} : { word }),
      });
    });
  });
  /* Cross-references: exactly one card of another document names a card's distinctive title word in its text. */
  cards.forEach((card, i) => {
    for (const token of tokens[i] ?? []) {
      if (token.length < DISTINCTIVE_LENGTH || titleFrequency(token) > 1) continue;
      const naming = cards.flatMap((other, j) =>
        j !== i && other.documentId !== card.documentId && texts[j]?.includes(token) === true
          ? [j]
          : [],
      );
      const [j] = naming;
      const other = j === undefined ? undefined : cards[j];
      if (naming.length !== 1 || j === undefined || other === undefined) continue;
      if (links.some((link) => pairKey(...link.cards) === pairKey(card.id, other.id))) continue;
      const [older, newer] = card.year <= other.year ? [card, other] : [other, card];
      const verdict = verdicts.get(pairKey(card.id, other.id));
      links.push({
        left: i,
        right: j,
        cards: [older.id, newer.id],
        similarity: Math.round(similarity(card.title, other.title) * 100) / 100,
        evidence: verdict === "confirm" ? ["cross_reference", "confirmed"] : ["cross_reference"],
        status: verdict === "confirm" ? "confirmed" : verdict === "split" ? "split" : "suggested",
        word: token,
      });
    }
  });
  /* Confirmed pairs of cards that no evidence links (an admin's own join). */
  for (const [key, verdict] of verdicts) {
    if (verdict !== "confirm" || links.some((link) => pairKey(...link.cards) === key)) continue;
    const [leftId, rightId] = key.split("\u0000");
    const left = indexOf.get(leftId ?? "");
    const right = indexOf.get(rightId ?? "");
    if (left === undefined || right === undefined) continue;
    const [older, newer] =
      (cards[left]?.year ?? 0) <= (cards[right]?.year ?? 0) ? [left, right] : [right, left];
    links.push({
      left,
      right,
      cards: [cards[older]?.id ?? "", cards[newer]?.id ?? ""],
      similarity:
        Math.round(similarity(cards[left]?.title ?? "", cards[right]?.title ?? "") * 100) / 100,
      evidence: ["confirmed"],
      status: "confirmed",
    });
  }
  const rank = { confirmed: 3, title: 2, review: 1, split: 0, suggested: 0 } as const;
  const joining = links
    .filter((link) => rank[link.status] > 0)
    .sort(
      (a, b) =>
        rank[b.status] - rank[a.status] ||
        b.similarity - a.similarity ||
        a.left - b.left ||
        a.right - b.right,
    );
  const splitPairs = [...verdicts].filter(([, verdict]) => verdict === "split").map(([key]) => key);
  const groupOf = cards.map((_, index) => index);
  const members = new Map<number, number[]>(cards.map((_, index) => [index, [index]]));
  for (const pair of joining) {
    const leftGroup = groupOf[pair.left] ?? pair.left;
    const rightGroup = groupOf[pair.right] ?? pair.right;
    if (leftGroup === rightGroup) continue;
    const leftMembers = members.get(leftGroup) ?? [];
    const rightMembers = members.get(rightGroup) ?? [];
    const documents = new Set(leftMembers.map((index) => cards[index]?.documentId));
    if (rightMembers.some((index) => documents.has(cards[index]?.documentId))) continue;
    const leftIds = leftMembers.map((index) => cards[index]?.id ?? "");
    const rightIds = rightMembers.map((index) => cards[index]?.id ?? "");
    if (leftIds.some((a) => rightIds.some((b) => splitPairs.includes(pairKey(a, b))))) continue;
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
  const groupIndex = new Map(
    initiatives.flatMap((initiative, index) => initiative.cards.map((card) => [card, index])),
  );
  const reported = links.map(({ left: _left, right: _right, ...link }) => link);
  const joined = reported.filter(
    (link) =>
      rank[link.status] > 0 && groupIndex.get(link.cards[0]) === groupIndex.get(link.cards[1]),
  );
  return {
    initiatives,
    report: {
      linkedInitiatives: initiatives.filter(
        (initiative) =>
          new Set(initiative.cards.map((card) => cards[indexOf.get(card) ?? -1]?.documentId)).size >
          1,
      ).length,
      linked: joined.length,
      toConfirm: reported.filter((link) => link.status === "review" || link.status === "suggested"),
      links: reported,
    },
  };
}
