/**
 * The timeline of an initiative: for each of its cards, oldest first, the document, the decision
 * with the sentence of the assessment that states it (and its raw span), and the money of the
 * card's grant, expiring-grant and proposal sections as the money grammar read it.
 */
import { z } from "zod";
import { classifyDecision } from "../corpus/classify-decision.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { Card, Figure, Section, SectionKind } from "../domain/index.ts";
import { AREAS, BASES, DECISIONS, SECTION_KINDS } from "../domain/index.ts";
import { toRawSpan } from "../domain/span.ts";
import { splitSentences } from "../money/index.ts";
import { perCorpusVersion } from "./corpus-cache.ts";
import type { LinkVerdict } from "../ports/initiative-links.ts";
import {
  type Initiative,
  type LinkableCard,
  type LinkReport,
  linkInitiatives,
} from "./match-initiatives.ts";

/** A sentence of a section as read, with its span in the raw source. */
export const QuotedSentenceSchema = z.object({
  text: z.string(),
  section: z.enum(SECTION_KINDS),
  start: z.number().int(),
  end: z.number().int(),
});
export type QuotedSentence = z.infer<typeof QuotedSentenceSchema>;

export const TimelineMoneySchema = z.object({
  /** As written ("5,7 mio. kr."). */
  text: z.string(),
  /** Whole DKK; a range has min < max. */
  amount: z.object({ min: z.number(), max: z.number() }),
  basis: z.enum(BASES).optional(),
  years: z.array(z.number().int()),
  area: z.enum(AREAS).optional(),
  /** grant / expiring_money (the money that expires) or proposed_money (the proposal); budget notes: economy, agreement_text. */
  section: z.enum(SECTION_KINDS),
  start: z.number().int(),
  end: z.number().int(),
  /** A part of another figure ("heraf", "fordelt på"): its whole already counts it. */
  part: z.boolean().optional(),
});
export type TimelineMoney = z.infer<typeof TimelineMoneySchema>;

/** The money of one budget year, summed per section and area from the typed figures. */
export const TimelineYearMoneySchema = z.object({
  year: z.number().int(),
  section: z.enum(SECTION_KINDS),
  area: z.enum(AREAS).optional(),
  /** Whole DKK in that year; a range when a figure was written as one. */
  amount: z.object({ min: z.number(), max: z.number() }),
  /** The figures it sums, as written. */
  figures: z.array(z.string()),
});
export type TimelineYearMoney = z.infer<typeof TimelineYearMoneySchema>;

export const TimelineEntrySchema = z.object({
  year: z.number().int(),
  documentTitle: z.string(),
  cardId: z.string(),
  title: z.string(),
  decision: z.enum(DECISIONS),
  money: z.array(TimelineMoneySchema),
  /**
   * Money per budget year from the typed figures: a per-year amount counts in each of its years,
   * an amount for one year in that year; parts are in their whole; a total over several years is
   * not split (it stays in `money`).
   */
  moneyPerYear: z.array(TimelineYearMoneySchema).optional(),
  /** The assessment sentence that states the decision; null when the card states none. */
  quote: QuotedSentenceSchema.nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** A change of decision between two consecutive years of an initiative. */
export const DecisionChangeSchema = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  from: z.enum(DECISIONS),
  to: z.enum(DECISIONS),
  /** The card of the later year. */
  cardId: z.string(),
});
export type DecisionChange = z.infer<typeof DecisionChangeSchema>;

export const TimelineSchema = z.object({
  id: z.string(),
  title: z.string(),
  entries: z.array(TimelineEntrySchema),
  /** Where the decision changed from one year to the next (cards stating no decision are skipped). */
  changes: z.array(DecisionChangeSchema),
});
export type Timeline = z.infer<typeof TimelineSchema>;

/** Sections whose money is the grant or the proposal. */
export const MONEY_SECTION_KINDS: readonly SectionKind[] = [
  "grant",
  "expiring_money",
  "proposed_money",
  "agreement_text",
  "economy",
];

/** The sentences of a section with their raw spans. */
export function sectionSentences(section: Section): QuotedSentence[] {
  return splitSentences(section.text).map(({ start, end }) => {
    const text = section.text.slice(start, end);
    const leading = text.length - text.trimStart().length;
    const trimmed = text.trim();
    const span = toRawSpan(section.offsets, start + leading, start + leading + trimmed.length);
    return {
      text: trimmed.replace(/\s+/g, " "),
      section: section.kind,
      start: span.start,
      end: span.end,
    };
  });
}

const CONCLUDING = /på (?:den|denne) baggrund|samlet set|sammenfattende|vurderer derfor/iu;
const VERDICT = /vurdering(?:en)? er|vurderer|vurderes|anbefal|indstill/iu;

/** The assessment sentence that states the card's decision (the same reading classifyDecision makes), or undefined. */
export function decisionSentence(card: Card): QuotedSentence | undefined {
  if (card.decision === "ukendt") return undefined;
  const candidates = card.sections
    .filter((section) => section.kind === "assessment")
    .flatMap(sectionSentences)
    .filter((sentence) => classifyDecision(sentence.text) === card.decision);
  const fallback = card.sections
    .filter((section) => section.kind === "assessment")
    .flatMap(sectionSentences)
    .find((sentence) => classifyDecision(sentence.text) !== "ukendt");
  return (
    candidates.filter((sentence) => CONCLUDING.test(sentence.text)).at(-1) ??
    candidates.find((sentence) => VERDICT.test(sentence.text)) ??
    candidates[0] ??
    fallback
  );
}

function sectionOf(card: Card, figure: Figure): Section | undefined {
  return card.sections.find(
    (section) => figure.span.start >= section.span.start && figure.span.end <= section.span.end,
  );
}

/** The money figures of the card's grant, expiring-grant and proposal sections (budget notes: agreement text, else economy). */
export function cardMoney(card: Card): TimelineMoney[] {
  const money: TimelineMoney[] = [];
  const hasAgreement = card.sections.some((section) => section.kind === "agreement_text");
  for (const figure of card.figures) {
    if (figure.kind !== "money" || figure.amount === undefined) continue;
    const section = sectionOf(card, figure);
    if (section === undefined || !MONEY_SECTION_KINDS.includes(section.kind)) continue;
    if (section.kind === "economy" && hasAgreement) continue;
    money.push({
      text: figure.text,
      amount: figure.amount,
      ...(figure.basis === undefined ? {} : { basis: figure.basis }),
      years: figure.years,
      ...(figure.area === undefined ? {} : { area: figure.area }),
      section: section.kind,
      start: figure.span.start,
      end: figure.span.end,
      ...(figure.partOf === undefined ? {} : { part: true }),
    });
  }
  return money;
}

/**
 * A figure restates an earlier one in a year when that figure already counts the same amount in the
 * same year and section, for the same area or with either area unstated: "2,0 mio. kr. årligt på
 * service i 2024-2026. I 2026 udgør bevillingen 2,0 mio. kr.", "… i 2026, dvs. 9,7 mio. kr. på
 * service i 2026". A restatement of another amount ("19,4 mio. kr. samlet, dvs. 9,7 mio. kr.
 * årligt") is no double: its whole, a total over several years, is not in the per-year rows.
 */
function restates(
  figure: TimelineMoney,
  earlier: TimelineMoney,
  year: number,
  earlierYear: number,
): boolean {
  return (
    year === earlierYear &&
    figure.section === earlier.section &&
    figure.amount.min === earlier.amount.min &&
    figure.amount.max === earlier.amount.max &&
    (figure.area === undefined || earlier.area === undefined || figure.area === earlier.area)
  );
}

/** Money per budget year, section and area (see TimelineEntry.moneyPerYear); restatements count once. */
export function moneyPerYear(money: readonly TimelineMoney[]): TimelineYearMoney[] {
  const sums = new Map<string, TimelineYearMoney>();
  const counted: Array<{ figure: TimelineMoney; year: number }> = [];
  for (const figure of money) {
    if (figure.part === true || figure.years.length === 0) continue;
    if (figure.years.length > 1 && figure.basis !== "per_year") continue;
    for (const year of figure.years) {
      if (counted.some((earlier) => restates(figure, earlier.figure, year, earlier.year))) continue;
      counted.push({ figure, year });
      const key = `${year}|${figure.section}|${figure.area ?? ""}`;
      const entry = sums.get(key) ?? {
        year,
        section: figure.section,
        ...(figure.area === undefined ? {} : { area: figure.area }),
        amount: { min: 0, max: 0 },
        figures: [],
      };
      entry.amount = {
        min: entry.amount.min + figure.amount.min,
        max: entry.amount.max + figure.amount.max,
      };
      entry.figures.push(figure.text.replace(/\s+/gu, " "));
      sums.set(key, entry);
    }
  }
  return [...sums.values()].sort(
    (left, right) =>
      left.year - right.year ||
      left.section.localeCompare(right.section) ||
      (left.area ?? "").localeCompare(right.area ?? ""),
  );
}

/** The money sentences of a card: one per sentence that holds grant or proposal money, with its section, in card order. */
export function moneySentences(card: Card): QuotedSentence[] {
  const seen = new Set<string>();
  const sentences: QuotedSentence[] = [];
  for (const section of card.sections) {
    if (!MONEY_SECTION_KINDS.includes(section.kind)) continue;
    for (const sentence of sectionSentences(section)) {
      const holdsMoney = card.figures.some(
        (figure) =>
          figure.kind === "money" &&
          figure.span.start >= sentence.start &&
          figure.span.end <= sentence.end,
      );
      const key = `${sentence.start}:${sentence.end}`;
      if (holdsMoney && !seen.has(key)) {
        seen.add(key);
        sentences.push(sentence);
      }
    }
  }
  return sentences;
}

/** The cards of the store as initiative linking reads them: title, text and money amounts. */
async function linkableCards(store: CorpusStore): Promise<LinkableCard[]> {
  const summaries = await store.listCards();
  const byId = new Map(
    (await store.allDocuments()).flatMap((parsed) => parsed.cards.map((card) => [card.id, card])),
  );
  return summaries.map((summary) => {
    const card = byId.get(summary.id);
    return {
      id: summary.id,
      documentId: summary.documentId,
      title: summary.title,
      year: summary.year,
      ...(card === undefined
        ? {}
        : {
            text: card.sections.map((section) => section.text).join("\n"),
            amounts: cardMoney(card).map((money) => money.amount.min),
          }),
    };
  });
}

const verdictsKey = (verdicts: readonly LinkVerdict[]) =>
  verdicts
    .map((verdict) => `${verdict.cards.join(",")}=${verdict.verdict}`)
    .sort()
    .join(";");

/** Initiatives and the link report of the store (linked once per corpus version and set of verdicts). */
export async function linkStoreInitiatives(
  store: CorpusStore,
  verdicts: readonly LinkVerdict[] = [],
): Promise<{ initiatives: Initiative[]; report: LinkReport }> {
  const linked = await perCorpusVersion(
    store,
    `timeline:initiatives:${verdictsKey(verdicts)}`,
    async () => linkInitiatives(await linkableCards(store), { verdicts }),
  );
  return structuredClone(linked);
}

/** All initiatives of the store (matched once per corpus version; each call gets its own copy). */
export async function listInitiatives(
  store: CorpusStore,
  verdicts: readonly LinkVerdict[] = [],
): Promise<Initiative[]> {
  return (await linkStoreInitiatives(store, verdicts)).initiatives;
}

/** The changes of decision along entries ordered oldest first. */
export function decisionChanges(entries: readonly TimelineEntry[]): DecisionChange[] {
  const decided = entries.filter((entry) => entry.decision !== "ukendt");
  return decided.slice(1).flatMap((entry, index) => {
    const previous = decided[index];
    return previous === undefined || previous.decision === entry.decision
      ? []
      : [
          {
            fromYear: previous.year,
            toYear: entry.year,
            from: previous.decision,
            to: entry.decision,
            cardId: entry.cardId,
          },
        ];
  });
}

/** The timeline of one initiative, or undefined when no initiative has the id. */
export async function buildTimeline(
  store: CorpusStore,
  initiativeId: string,
  initiatives?: readonly Initiative[],
): Promise<Timeline | undefined> {
  const initiative = (initiatives ?? (await listInitiatives(store))).find(
    (candidate) => candidate.id === initiativeId,
  );
  if (initiative === undefined) return undefined;
  const entries: TimelineEntry[] = [];
  for (const cardId of initiative.cards) {
    const stored = await store.getCard(cardId);
    if (stored === undefined) continue;
    entries.push({
      year: stored.document.year,
      documentTitle: stored.document.title,
      cardId,
      title: stored.card.title,
      decision: stored.card.decision,
      money: cardMoney(stored.card),
      moneyPerYear: moneyPerYear(cardMoney(stored.card)),
      quote: decisionSentence(stored.card) ?? null,
    });
  }
  entries.sort((a, b) => a.year - b.year || a.cardId.localeCompare(b.cardId));
  return { id: initiative.id, title: initiative.title, entries, changes: decisionChanges(entries) };
}
