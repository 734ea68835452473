/**
 * Answers a reviewer's question ("Hvad besluttede vi om TechBBQ i 2023?") from the corpus, with
 * the exact source of every sentence.
 *
 * Retrieval is the store's hybrid search (with the year filter when the question or the caller
 * names one), best passage per card. A relevance gate then asks whether any retrieved card shares
 * the question's content words (weighted by rarity across the corpus); when none does, the answer
 * is "Det fremgår ikke af materialet" and nothing else.
 *
 * Without a model the answer is extractive: fixed frame phrases ("beslutning:", "Økonomi:") around
 * sentences quoted from the card's assessment and money sections, each with its citation. The
 * question's own text never reaches the answer. When no year is given and the initiative appears
 * in several annexes with different decisions or money, each year is shown, each cited.
 *
 * With a model, the model gets numbered passages (material, not instructions) and answers in JSON
 * sentences that each cite passage ids; sentences without a valid citation, and sentences whose
 * money figures are not in the passages they cite (read with the one money grammar), are dropped
 * and the answer says so.
 */
import { z } from "zod";
import type { CorpusStore, StoredCard } from "../ports/corpus-store.ts";
import type { Card, CorpusDocument, Decision, ParsedDocument } from "../domain/index.ts";
import {
  DECISIONS,
  type ModelCallTrace,
  ModelCallTraceSchema,
  PassageCitationSchema,
  SECTION_KINDS,
} from "../domain/index.ts";
import type { LanguageModel, ModelTraceSink } from "../ports/language-model.ts";
import type { PromptLibrary } from "../ports/prompt-library.ts";
import { renderPrompt } from "../drafting/prompt-library.ts";
import type { InitiativeLinkStore, LinkVerdict } from "../ports/initiative-links.ts";
import { BilagsassistentError, InputError } from "../errors/errors.ts";
import { tokenizeDanish } from "../retrieval/danish-text.ts";
import { expandQuery } from "../retrieval/expand-query.ts";
import type { SearchHit, SearchMode } from "../ports/corpus-store.ts";
import { perCorpusVersion } from "./corpus-cache.ts";
import { sameTitleWord, titleTokens } from "./match-initiatives.ts";
import { readQuestion, type ReadQuestion } from "./read-question.ts";
import { selectFacts, selectTableFacts } from "./select-facts.ts";
import {
  figuresVerified,
  STREAMED_ANSWER_FORMAT,
  type StreamHooks,
  streamCitedSentences,
} from "./stream-cited-sentences.ts";
import {
  cardMoney,
  decisionSentence,
  listInitiatives,
  moneySentences,
  sectionSentences,
  type QuotedSentence,
} from "./timeline.ts";

/** The phrase for "the material does not answer this". */
export const NOT_IN_MATERIAL = "Det fremgår ikke af materialet.";
/**
 * Least share of the question's content words (weighted by rarity) a retrieved card must contain
 * for the material to count as answering it. Measured on evals/retrieval-questions.data.ts: see
 * `node --import tsx evals/retrieval-questions.ts`.
 */
export const RELEVANCE_THRESHOLD = 0.5;
/** Weight of an English question word that is neither in the glossary nor in the corpus ("Jewish", "centre"). */
const ENGLISH_UNKNOWN_WEIGHT = 0.25;
/** Re-ranking weights: word coverage of the card, of its title, the search rank, a stop question meeting a stopped grant, and a question that names the card's whole title. */
const RERANK = {
  coverage: 1,
  titleCoverage: 0.5,
  searchRank: 0.4,
  stopDecision: 0.5,
  exactName: 0.5,
} as const;
/** Retrieved cards the gate and the answer consider. */
const CANDIDATE_CARDS = 8;
/** A quoted sentence longer than this (a flattened table) is not put in an answer. */
const MAX_QUOTE_LENGTH = 400;

export const AnswerQuestionInputSchema = z.object({
  question: z
    .string()
    .trim()
    .min(1, "write a question")
    .max(2_000, "a question is at most 2,000 characters"),
  year: z.number().int().min(1990).max(2100).optional(),
});
export type AnswerQuestionInput = z.infer<typeof AnswerQuestionInputSchema>;

export const CitationSchema = PassageCitationSchema.extend({
  /** The number the answer refers to ("[1]"). */
  id: z.number().int().positive(),
  section: z.enum(SECTION_KINDS),
  /** sourceText(documentId).slice(start, end) is the quoted span. */
  documentId: z.string(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const AnswerSchema = z.object({
  answer: z.string(),
  /** The decision of the best-matching card. */
  decision: z.enum(DECISIONS).optional(),
  /** Ordered by relevance; the answer refers to them by id. */
  citations: z.array(CitationSchema),
  /** True when the material does not answer the question. */
  notFound: z.boolean(),
  /** The annex year used as a filter, from the caller or the question. */
  year: z.number().int().optional(),
  /** Things the reviewer should know: dropped model sentences, unverified figures, a model failure. */
  warnings: z.array(z.string()),
  /** The language model calls behind the answer (none for an extractive answer). */
  modelCalls: z.array(ModelCallTraceSchema).optional(),
});
export type Answer = z.infer<typeof AnswerSchema>;

export type AnswerQuestionOptions = {
  store: CorpusStore;
  year?: number;
  model?: LanguageModel;
  now?: () => Date;
  /** Search mode (hybrid by default); the eval compares the modes. */
  mode?: SearchMode;
  signal?: AbortSignal;
  /** An admin's confirmed and split initiative links (year-less answers follow them). */
  links?: InitiativeLinkStore;
  /** The prompt library with prompts/answer.v1.md; a model without it is not asked (the answer is extractive, with a warning). */
  prompts?: PromptLibrary;
  /** Gets the trace of each model call (also kept on the answer as modelCalls). */
  onTrace?: ModelTraceSink;
  /** Streams a model's answer as it is written, sentence checks included (src/answers/stream-cited-sentences.ts). */
  stream?: StreamHooks;
};

/** How each decision is said in an answer. */
export const DECISION_LABELS: Record<Decision, string> = {
  uændret: "videreføres uændret",
  med_justeringer: "videreføres med justeringer",
  ophører: "videreføres ikke",
  betinget: "videreføres kun på betingelser",
  afventer: "afventer afklaring",
  ukendt: "kortet angiver ingen beslutning",
};

// ---------------------------------------------------------------------------------------------
// Relevance: does a retrieved card share the question's content words?

type CorpusStatistics = {
  cardTokens: Map<string, Set<string>>;
  documentFrequency: Map<string, number>;
  cardCount: number;
  /** Token sets of the card titles, so a hit's title is not tokenized on every question. */
  titleTokens: Map<string, ReadonlySet<string>>;
};

function cardText(card: Card): string {
  return [card.title, ...card.sections.flatMap((section) => [section.heading, section.text])].join(
    " ",
  );
}

/** Word statistics of the corpus, computed once per corpus version (see corpus-cache.ts). */
function corpusStatistics(store: CorpusStore): Promise<CorpusStatistics> {
  return perCorpusVersion(store, "answer-question:statistics", async () => {
    const parsed: ParsedDocument[] = await store.allDocuments();
    const cardTokens = new Map<string, Set<string>>();
    const documentFrequency = new Map<string, number>();
    const titleTokens = new Map<string, ReadonlySet<string>>();
    for (const document of parsed) {
      for (const card of document.cards) {
        const tokens = new Set(tokenizeDanish(cardText(card)));
        cardTokens.set(card.id, tokens);
        for (const token of tokens)
          documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
        if (!titleTokens.has(card.title))
          titleTokens.set(card.title, new Set(tokenizeDanish(card.title)));
      }
    }
    return { cardTokens, documentFrequency, cardCount: cardTokens.size, titleTokens };
  });
}

/** A question word with its Danish counterparts (English words via the query glossary), as stems. */
type QuestionTerm = { word: string; stems: string[]; translated: boolean };

function glossaryWords(word: string): string {
  const probe = `the ${word}`;
  return expandQuery(probe).slice(probe.length).trim();
}

function questionTerms(read: ReadQuestion): QuestionTerm[] {
  const terms: QuestionTerm[] = [];
  for (const word of read.words) {
    const own = tokenizeDanish(word);
    if (own.length === 0) continue;
    const danish = read.language === "en" ? glossaryWords(word) : "";
    terms.push({
      word,
      stems: [...new Set([...own, ...tokenizeDanish(danish)])],
      translated: danish !== "",
    });
  }
  return terms;
}

/** What is sent to search: the initiative words, and for English questions their Danish glossary words. */
export function searchQuery(read: ReadQuestion): string {
  if (read.language !== "en") return read.query;
  const additions = [
    ...new Set(
      read.words.flatMap((word) => glossaryWords(word).split(" ")).filter((word) => word !== ""),
    ),
  ];
  return [read.query, ...additions].join(" ").trim();
}

function tokenMatches(stem: string, tokens: ReadonlySet<string>): string | undefined {
  if (tokens.has(stem)) return stem;
  if (stem.length < 5) return undefined;
  for (const token of tokens) {
    if (token.includes(stem)) return token;
    if (stem.length >= 7 && token.length >= 7 && token.slice(0, 7) === stem.slice(0, 7))
      return token;
  }
  return undefined;
}

/** Share (0..1) of the question's terms, weighted by rarity in the corpus, that the card contains. */
function coverage(
  terms: readonly QuestionTerm[],
  tokens: ReadonlySet<string> | undefined,
  statistics: CorpusStatistics,
  language: ReadQuestion["language"],
): number {
  if (tokens === undefined || terms.length === 0) return 0;
  const idf = (token: string) =>
    Math.log(1 + statistics.cardCount / (statistics.documentFrequency.get(token) ?? 0.5));
  let total = 0;
  let matched = 0;
  for (const term of terms) {
    let best = 0;
    let weight = 0;
    /* A translated English word weighs what its Danish words weigh; the English form only helps it match. */
    const weighing = term.translated
      ? term.stems.filter((stem) => stem !== term.stems[0])
      : term.stems;
    for (const stem of term.stems) {
      const match = tokenMatches(stem, tokens);
      if (match !== undefined) best = Math.max(best, idf(match));
    }
    for (const stem of weighing)
      weight = Math.max(weight, statistics.documentFrequency.has(stem) ? idf(stem) : idf("\u0000"));
    /* An English word the glossary cannot translate and the corpus does not contain says little either way. */
    if (language === "en" && best === 0 && !term.translated) weight *= ENGLISH_UNKNOWN_WEIGHT;
    total += weight;
    matched += Math.min(best, weight);
  }
  return total === 0 ? 0 : matched / total;
}

/** Whether the question names every distinctive word of the title ("opkvalificering målrettet grøn omstilling"). */
function namesWholeTitle(title: string, terms: readonly QuestionTerm[]): boolean {
  const words = titleTokens(title);
  if (words.length === 0) return false;
  const stems = terms.flatMap((term) => term.stems);
  return words.every((word) => stems.some((stem) => sameTitleWord(stem, word)));
}

// ---------------------------------------------------------------------------------------------
// Retrieval

export type RankedCard = {
  cardId: string;
  hit: SearchHit;
  coverage: number;
  titleCoverage: number;
  score: number;
};

export type RetrieveCardsOptions = {
  year?: number;
  /** Only cards of this document kind (a question that names a budget note). */
  kind?: CorpusDocument["kind"];
  mode?: SearchMode;
  limit?: number /** Re-rank by word coverage (default true); false keeps the search order. */;
  rerank?: boolean;
};

/** Retrieves cards for a question, best first, each with its best passage, its word coverage and its re-ranking score. */
export async function retrieveCards(
  store: CorpusStore,
  read: ReadQuestion,
  options: RetrieveCardsOptions = {},
): Promise<RankedCard[]> {
  const query = searchQuery(read);
  if (query === "") return [];
  const hits = await store.search({
    query,
    limit: 60,
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.kind === undefined ? {} : { kind: options.kind }),
    ...(options.mode === undefined ? {} : { mode: options.mode }),
  });
  const statistics = await corpusStatistics(store);
  const terms = questionTerms(read);
  const seen = new Set<string>();
  const ranked: RankedCard[] = [];
  for (const hit of hits) {
    if (seen.has(hit.cardId)) continue;
    seen.add(hit.cardId);
    const cardCoverage = coverage(
      terms,
      statistics.cardTokens.get(hit.cardId),
      statistics,
      read.language,
    );
    const titleCoverage = coverage(
      terms,
      statistics.titleTokens.get(hit.title) ?? new Set(tokenizeDanish(hit.title)),
      statistics,
      read.language,
    );
    const rank = ranked.length;
    const stopBonus = read.asksAboutStop && hit.decision === "ophører" ? RERANK.stopDecision : 0;
    const score =
      RERANK.coverage * cardCoverage +
      RERANK.titleCoverage * titleCoverage +
      RERANK.searchRank / (rank + 1) +
      stopBonus +
      (namesWholeTitle(hit.title, terms) ? RERANK.exactName : 0);
    ranked.push({ cardId: hit.cardId, hit, coverage: cardCoverage, titleCoverage, score });
    if (ranked.length === CANDIDATE_CARDS * 2) break;
  }
  if (options.rerank !== false) ranked.sort((a, b) => b.score - a.score);
  return ranked.slice(0, options.limit ?? CANDIDATE_CARDS);
}

/**
 * Search results with the relevance cut: best passage per card, only cards that share enough of
 * the query's content words (the answers' relevance gate), cards whose whole title the query names
 * first. A query with no content words (only question words) keeps the search order, uncut.
 */
export async function relevantSearchHits(
  store: CorpusStore,
  query: string,
  hits: readonly SearchHit[],
  limit: number,
): Promise<SearchHit[]> {
  const read = readQuestion(query);
  const terms = questionTerms(read);
  /* A search query has no question words to tell its language by: read it as English too (glossary words) and keep the better reading. */
  const english: ReadQuestion = { ...read, language: "en" };
  const englishTerms = questionTerms(english);
  const seen = new Set<string>();
  const best = hits.filter((hit) => !seen.has(hit.cardId) && seen.add(hit.cardId) !== undefined);
  if (terms.length === 0) return best.slice(0, limit);
  const statistics = await corpusStatistics(store);
  const kept = best.filter((hit) => {
    const tokens = statistics.cardTokens.get(hit.cardId);
    return (
      Math.max(
        coverage(terms, tokens, statistics, read.language),
        coverage(englishTerms, tokens, statistics, "en"),
      ) >= RELEVANCE_THRESHOLD
    );
  });
  const named = kept.filter((hit) => namesWholeTitle(hit.title, terms));
  return [...named, ...kept.filter((hit) => !named.includes(hit))].slice(0, limit);
}

/** The cards that pass the relevance gate, in retrieval order. */
export function relevantCards(
  ranked: readonly RankedCard[],
  threshold = RELEVANCE_THRESHOLD,
): RankedCard[] {
  return ranked.filter((card) => card.coverage >= threshold);
}

// ---------------------------------------------------------------------------------------------
// The extractive answer

type Block = { text: string; citations: Array<Omit<Citation, "id">> };

/** The page (PDFs) whose span holds a citation's start, as an optional field. */
function pageField(pages: CorpusDocument["pages"], start: number): { page?: number } {
  const page = pages?.find(
    (candidate) => start >= candidate.start && start < candidate.end,
  )?.number;
  return page === undefined ? {} : { page };
}

function citationOf(stored: StoredCard, sentence: QuotedSentence): Omit<Citation, "id"> {
  return {
    cardId: stored.card.id,
    title: stored.card.title,
    year: stored.document.year,
    documentTitle: stored.document.title,
    documentId: stored.document.id,
    section: sentence.section,
    quote: sentence.text,
    start: sentence.start,
    end: sentence.end,
    ...pageField(stored.document.pages, sentence.start),
  };
}

const REASON_WORDS =
  /(?<![\p{L}])(?:da|fordi|idet|derfor|grundet|baggrund|resultat\p{L}*|erfaring\p{L}*|effekt\p{L}*|behov\p{L}*|efterspørgsel|lever op|relevant\p{L}*|virker|lykkedes)(?![\p{L}])/iu;

function reasonSentence(
  card: Card,
  decision: QuotedSentence | undefined,
): QuotedSentence | undefined {
  const sentences = card.sections
    .filter((section) => section.kind === "assessment")
    .flatMap(sectionSentences)
    .filter((sentence) => sentence.text.length <= MAX_QUOTE_LENGTH);
  const others = sentences.filter(
    (sentence) => decision === undefined || sentence.start !== decision.start,
  );
  if (
    decision !== undefined &&
    REASON_WORDS.test(decision.text) &&
    /\b(?:da|fordi|idet|grundet)\b/iu.test(decision.text)
  )
    return undefined;
  return others.find((sentence) => REASON_WORDS.test(sentence.text)) ?? others[0];
}

/**
 * What an answer quotes from a card, read once per card: the sentences depend only on the card, and
 * the stores hand out the same card objects until the document is replaced (a WeakMap, so a
 * replaced document's entries go with it).
 */
type CardQuotes = {
  decision: QuotedSentence | undefined;
  reason: QuotedSentence | undefined;
  /** Money sentences short enough to quote. */
  money: QuotedSentence[];
  /** The card's first quotable sentence of its text (a proposal or purpose sentence when there is one). */
  first: QuotedSentence | undefined;
  moneyKey: string;
  hasMoney: boolean;
};
const CARD_QUOTES = new WeakMap<Card, CardQuotes>();

function cardQuotes(card: Card): CardQuotes {
  const cached = CARD_QUOTES.get(card);
  if (cached !== undefined) return cached;
  const decision = decisionSentence(card);
  const sentences = card.sections
    .filter((section) => section.kind !== "economy" && section.kind !== "technical")
    .flatMap(sectionSentences)
    .filter((sentence) => sentence.text.length <= MAX_QUOTE_LENGTH);
  const quotes: CardQuotes = {
    decision,
    reason: reasonSentence(card, decision),
    money: moneySentences(card).filter((sentence) => sentence.text.length <= MAX_QUOTE_LENGTH),
    first: sentences.find((sentence) => /foresl|formål/iu.test(sentence.text)) ?? sentences[0],
    moneyKey: moneyKey(card),
    hasMoney: cardMoney(card).length > 0,
  };
  CARD_QUOTES.set(card, quotes);
  return quotes;
}

function cardHeading(stored: StoredCard): string {
  const { card, document } = stored;
  if (document.kind === "budget_note")
    return `${card.title} (budgetnotat, Budget ${document.budgetYear})`;
  return `${card.title} (bilag ${document.year}${card.number === undefined ? "" : `, nr. ${card.number}`})`;
}

/** One card's part of an extractive answer: heading and decision label, then quoted sentences, each followed by its citation marker. */
function cardBlock(
  stored: StoredCard,
  read: ReadQuestion,
  nextId: number,
  source: string | undefined,
): Block {
  const { card } = stored;
  const quotes = cardQuotes(card);
  const parts: string[] = [];
  const citations: Array<Omit<Citation, "id">> = [];
  const quote = (label: string, sentence: QuotedSentence) => {
    citations.push(citationOf(stored, sentence));
    parts.push(`${label}: "${sentence.text}" [${nextId + citations.length - 1}]`);
  };
  const isNote = stored.document.kind === "budget_note";
  parts.push(
    isNote
      ? `${cardHeading(stored)} – budgetnotat med forslag.`
      : `${cardHeading(stored)} – beslutning: ${DECISION_LABELS[card.decision]}.`,
  );
  const decision = quotes.decision;
  if (decision !== undefined && decision.text.length <= MAX_QUOTE_LENGTH)
    quote("Vurdering", decision);
  if (read.intent !== "money") {
    const reason = quotes.reason;
    if (reason !== undefined) quote(decision === undefined ? "Vurdering" : "Begrundelse", reason);
  }
  const money = quotes.money;
  const expiring = money.find(
    (sentence) => sentence.section === "grant" || sentence.section === "expiring_money",
  );
  const proposed = money.find(
    (sentence) => sentence.section === "proposed_money" || sentence.section === "agreement_text",
  );
  if (expiring !== undefined)
    quote(proposed === undefined ? "Økonomi" : "Økonomi (udløbende bevilling)", expiring);
  if (proposed !== undefined) quote(isNote ? "Forslag" : "Økonomi (forslag)", proposed);
  if (isNote && proposed === undefined && source !== undefined) {
    /* A budget note without agreement text: quote the total row of its first economy table. */
    const table = stored.tables.find(
      (candidate) => candidate.kind === "economy" && candidate.rows.some((row) => row.isTotal),
    );
    const total = table?.rows.find((row) => row.isTotal);
    if (table !== undefined && total !== undefined) {
      const text = source.slice(total.span.start, total.span.end).replace(/\s+/g, " ").trim();
      quote(
        `Økonomi (${table.unit}${table.priceLevel === undefined ? "" : `, ${table.priceLevel} p/l`})`,
        { text, section: "economy", start: total.span.start, end: total.span.end },
      );
    }
  }
  if (citations.length === 0 || (isNote && decision === undefined)) {
    const first = quotes.first;
    if (first !== undefined) {
      citations.unshift(citationOf(stored, first));
      parts.splice(1, 0, `Kortet: "${first.text}" [${nextId}]`);
      for (let index = 2; index < parts.length; index += 1)
        parts[index] = (parts[index] ?? "").replace(
          /\[(\d+)\]$/u,
          (_marker, id: string) => `[${Number(id) + 1}]`,
        );
    }
  }
  if (!quotes.hasMoney) parts.push("Kortet nævner ingen bevilling.");
  return { text: parts.join(" "), citations };
}

/** Money of a card as a comparable key (amounts and years of its grant and proposal figures). */
function moneyKey(card: Card): string {
  return cardMoney(card)
    .map((money) => `${money.amount.min}-${money.amount.max}:${money.years.join(",")}`)
    .sort()
    .join("|");
}

/** The initiative's cards (the best card's, latest first), or just the best card when it has none. */
async function initiativeCards(
  store: CorpusStore,
  best: StoredCard,
  verdicts: readonly LinkVerdict[],
): Promise<StoredCard[]> {
  const initiative = (await listInitiatives(store, verdicts)).find((candidate) =>
    candidate.cards.includes(best.card.id),
  );
  if (initiative === undefined || initiative.cards.length < 2) return [best];
  const cards: StoredCard[] = [best];
  for (const cardId of initiative.cards) {
    if (cardId === best.card.id) continue;
    const stored = await store.getCard(cardId);
    if (stored !== undefined) cards.push(stored);
  }
  return cards.sort((a, b) => b.document.year - a.document.year);
}

/** "i 2024 videreføres uændret; i 2026 videreføres ikke" when the decision changed over the years (oldest first), else undefined. */
function decisionChange(cards: readonly StoredCard[]): string | undefined {
  const annexCards = cards
    .filter((stored) => stored.document.kind === "annex" && stored.card.decision !== "ukendt")
    .sort((a, b) => a.document.year - b.document.year);
  if (new Set(annexCards.map((stored) => stored.card.decision)).size < 2) return undefined;
  return annexCards
    .map((stored) => `i ${stored.document.year} ${DECISION_LABELS[stored.card.decision]}`)
    .join("; ");
}

/** What a question of each asked kind looks for, in a frame that says the card does not state it. */
const ASKED_NOUNS: Record<ReadQuestion["asked"], string> = {
  decision: "en beslutning",
  reason: "en begrundelse",
  money: "et beløb",
  count: "et antal",
  result: "resultater",
  target: "et mål",
  period: "en periode",
  recipient: "en modtager eller samarbejdspartner",
  change: "en ændring",
  general: "det spurgte",
};

/** Kinds of question a budget note's tables answer. */
const TABLE_KINDS: ReadonlySet<ReadQuestion["asked"]> = new Set(["money", "period", "general"]);

/**
 * A card's part of an answer that leads with the asked fact: the heading, the fact sentences
 * quoted (budget notes: the table cells in a frame, then the row quoted), then the decision.
 * Undefined when the card states no fact of the asked kind.
 */
function factBlock(
  stored: StoredCard,
  read: ReadQuestion,
  nextId: number,
  source: string | undefined,
): Block | undefined {
  const { card } = stored;
  const isNote = stored.document.kind === "budget_note";
  const parts: string[] = [`${cardHeading(stored)}:`];
  const citations: Array<Omit<Citation, "id">> = [];
  const quote = (sentence: QuotedSentence & { fact?: string }, lead = "") => {
    citations.push({
      ...citationOf(stored, sentence),
      ...(sentence.fact === undefined ? {} : { fact: sentence.fact }),
    });
    parts.push(`${lead}"${sentence.text}" [${nextId + citations.length - 1}]`);
  };
  const wantsTable =
    isNote &&
    source !== undefined &&
    (TABLE_KINDS.has(read.asked) || read.asksTotal || read.model !== undefined) &&
    (read.asked !== "general" ||
      read.asksTotal ||
      read.model !== undefined ||
      read.years.length > 0);
  if (wantsTable) {
    for (const fact of selectTableFacts(card, stored.tables, read)) {
      const text = source.slice(fact.row.span.start, fact.row.span.end).replace(/\s+/g, " ").trim();
      if (text === "") continue;
      parts.push(fact.frame);
      quote(
        {
          text,
          section: "economy",
          start: fact.row.span.start,
          end: fact.row.span.end,
          fact: fact.fact,
        },
        "Rækken: ",
      );
    }
  }
  if (citations.length === 0) {
    const facts = selectFacts(card, read);
    const [first, second] = facts;
    if (first === undefined) return undefined;
    quote(first);
    if (second !== undefined && second.score >= first.score - 1) quote(second, "Også: ");
  }
  if (!isNote) parts.push(`Beslutning: ${DECISION_LABELS[card.decision]}.`);
  return { text: parts.join(" "), citations };
}

/** One card's answer: the asked fact when the question asks for one and the card states it, else the decision block. */
function answerBlock(
  stored: StoredCard,
  read: ReadQuestion,
  nextId: number,
  source: string | undefined,
): Block {
  const fact = factBlock(stored, read, nextId, source);
  if (fact !== undefined) return fact;
  const block = cardBlock(stored, read, nextId, source);
  if (read.asked === "decision" || read.asked === "reason" || read.asked === "general")
    return block;
  return { ...block, text: `Kortet angiver ikke ${ASKED_NOUNS[read.asked]}. ${block.text}` };
}

/** A later annex's decision that differs from the cited card's, in one cited sentence. */
function laterReversal(
  best: StoredCard,
  cards: readonly StoredCard[],
  nextId: number,
): Block | undefined {
  const later = cards
    .filter(
      (stored) =>
        stored.document.kind === "annex" &&
        stored.document.year > best.document.year &&
        stored.card.decision !== best.card.decision &&
        stored.card.decision !== "ukendt",
    )
    .sort((a, b) => b.document.year - a.document.year)[0];
  if (later === undefined) return undefined;
  const sentence = decisionSentence(later.card);
  const label = `Senere: i bilag ${later.document.year} (${later.card.title}) ${DECISION_LABELS[later.card.decision]}`;
  if (sentence === undefined || sentence.text.length > MAX_QUOTE_LENGTH)
    return { text: `${label}.`, citations: [] };
  return {
    text: `${label}: "${sentence.text}" [${nextId}]`,
    citations: [citationOf(later, sentence)],
  };
}

function numbered(citations: ReadonlyArray<Omit<Citation, "id">>): Citation[] {
  return citations.map((citation, index) => ({ id: index + 1, ...citation }));
}

async function extractiveAnswer(
  store: CorpusStore,
  read: ReadQuestion,
  relevant: readonly RankedCard[],
  yearGiven: boolean,
  verdicts: readonly LinkVerdict[] = [],
): Promise<Omit<Answer, "year" | "notFound" | "warnings">> {
  const first = relevant[0];
  const best = first === undefined ? undefined : await store.getCard(first.cardId);
  if (best === undefined) return { answer: NOT_IN_MATERIAL, citations: [] };
  const initiative = await initiativeCards(store, best, verdicts);
  const shown = yearGiven ? [best] : initiative;
  const blocks: Block[] = [];
  let nextId = 1;
  for (const stored of shown) {
    const source =
      stored.document.kind === "budget_note"
        ? await store.sourceText(stored.document.id)
        : undefined;
    const block = answerBlock(stored, read, nextId, source);
    nextId += block.citations.length;
    blocks.push(block);
  }
  if (yearGiven) {
    const reversal = laterReversal(best, initiative, nextId);
    if (reversal !== undefined) blocks.push(reversal);
  }
  const change = shown.length > 1 ? decisionChange(shown) : undefined;
  const lead =
    shown.length > 1
      ? `Initiativet findes i ${shown.length} bilag (${shown.map((stored) => stored.document.year).join(", ")}), nyeste først${change === undefined ? "" : `; beslutningen ændrede sig: ${change}`}.\n\n`
      : "";
  return {
    answer: lead + blocks.map((block) => block.text).join("\n\n"),
    decision: best.card.decision,
    citations: numbered(blocks.flatMap((block) => block.citations)),
  };
}

// ---------------------------------------------------------------------------------------------
// The model path

export const ModelAnswerSchema = z.object({
  sentences: z.array(z.object({ text: z.string(), citations: z.array(z.number().int()) })),
});
export type ModelAnswer = z.infer<typeof ModelAnswerSchema>;

/** A numbered passage the model answers from: an evidence sentence of the extractive answer, or a retrieved passage of a relevant card. */
type Passage = {
  id: number;
  cardId: string;
  title: string;
  documentTitle: string;
  documentId: string;
  year: number;
  section: Citation["section"];
  heading: string;
  quote: string;
  start: number;
  end: number;
  fact?: string;
};

/** What a question of each asked kind asks for, as the answer prompt says it. */
const ASKED_FOR_MODEL: Record<ReadQuestion["asked"], string> = {
  decision: "beslutningen",
  reason: "begrundelsen",
  money: "et beløb",
  count: "et antal",
  result: "resultater eller effekt",
  target: "et mål",
  period: "en periode eller dato",
  recipient: "en modtager eller samarbejdspartner",
  change: "hvad der ændrede sig",
  general: "initiativet i almindelighed",
};

const escapeAttribute = (text: string) => text.replace(/[<>"&]/g, " ");

function passageList(passages: readonly Passage[]): string {
  return passages
    .map(
      (passage) =>
        `<passage id="${passage.id}" kort="${escapeAttribute(passage.title)}" dokument="${escapeAttribute(passage.documentTitle)}" år="${passage.year}" afsnit="${escapeAttribute(passage.heading || passage.section)}">\n${passage.quote}\n</passage>`,
    )
    .join("\n\n");
}

/** Most passages the model gets. */
const MODEL_PASSAGES = 10;

async function modelAnswer(
  model: LanguageModel,
  prompts: PromptLibrary,
  question: string,
  store: CorpusStore,
  relevant: readonly RankedCard[],
  read: ReadQuestion,
  options: AnswerQuestionOptions,
  verdicts: readonly LinkVerdict[],
): Promise<Omit<Answer, "year" | "notFound">> {
  /* The same evidence as the extractive answer (the asked facts, every year of the initiative), then retrieved passages of the relevant cards. */
  const evidence = await extractiveAnswer(
    store,
    read,
    relevant,
    options.year !== undefined,
    verdicts,
  );
  const passages: Passage[] = [];
  const seen = new Set<string>();
  const push = (passage: Omit<Passage, "id">) => {
    const key = `${passage.documentId}:${passage.start}:${passage.end}`;
    if (seen.has(key) || passages.length >= MODEL_PASSAGES) return;
    seen.add(key);
    passages.push({ id: passages.length + 1, ...passage });
  };
  for (const { id: _id, page: _page, fact, ...citation } of evidence.citations)
    push({ ...citation, heading: "", ...(fact === undefined ? {} : { fact }) });
  const cardIds = new Set(relevant.map((card) => card.cardId));
  const hits = await store.search({
    query: searchQuery(read),
    limit: 40,
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.mode === undefined ? {} : { mode: options.mode }),
  });
  for (const hit of [
    ...relevant.map((card) => card.hit),
    ...hits.filter((hit) => cardIds.has(hit.cardId)),
  ])
    push({
      cardId: hit.cardId,
      title: hit.title,
      documentTitle: hit.documentTitle,
      documentId: hit.documentId,
      year: hit.year,
      section: hit.sectionKind,
      heading: hit.heading,
      quote: hit.quote,
      start: hit.start,
      end: hit.end,
    });
  const prompt = prompts.get("answer");
  const userContent = renderPrompt(prompt.user, {
    question,
    asked: ASKED_FOR_MODEL[read.asked],
    passages: passageList(passages),
  });
  const result =
    options.stream === undefined
      ? undefined
      : {
          value: await streamCitedSentences(
            model,
            {
              messages: [
                {
                  role: "system",
                  content: prompt.system.replace(
                    /\n[^\n]*JSON[^\n]*$/u,
                    `\n${STREAMED_ANSWER_FORMAT}`,
                  ),
                },
                { role: "user", content: userContent },
              ],
              passages: new Map(passages.map((passage) => [passage.id, passage.quote])),
              prompt: { id: "answer-stream", version: prompt.version },
              ...(options.signal === undefined ? {} : { signal: options.signal }),
              ...(options.onTrace === undefined ? {} : { onTrace: options.onTrace }),
            },
            options.stream,
          ),
        };
  const answered =
    result ??
    (await model.generateObject({
      messages: [
        { role: "system", content: prompt.system },
        { role: "user", content: userContent },
      ],
      schema: ModelAnswerSchema,
      schemaName: "cited_answer",
      context: { route: "answers", prompt: { id: prompt.id, version: prompt.version } },
      ...(options.onTrace === undefined ? {} : { onTrace: options.onTrace }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    }));
  const byId = new Map(passages.map((passage) => [passage.id, passage]));
  const warnings: string[] = [];
  const kept: Array<{ text: string; citations: number[] }> = [];
  for (const sentence of answered.value.sentences) {
    const text = sentence.text.trim();
    if (text === "") continue;
    const ids = [...new Set(sentence.citations)];
    if (ids.length === 0 || ids.some((id) => !byId.has(id))) {
      warnings.push(`En sætning uden gyldig kildehenvisning er udeladt: "${text}"`);
      continue;
    }
    if (
      !figuresVerified(
        text,
        ids.map((id) => byId.get(id)?.quote ?? ""),
      )
    ) {
      warnings.push(
        `Et beløb kunne ikke verificeres i de citerede kilder; sætningen er udeladt: "${text}"`,
      );
      continue;
    }
    kept.push({ text, citations: ids });
  }
  const citedIds = [...new Set(kept.flatMap((sentence) => sentence.citations))].sort(
    (a, b) => a - b,
  );
  const renumber = new Map(citedIds.map((id, index) => [id, index + 1]));
  const documentPages = new Map(
    citedIds.length === 0
      ? []
      : (await store.listDocuments()).map((document) => [document.id, document.pages]),
  );
  const citations: Citation[] = citedIds.flatMap((id) => {
    const passage = byId.get(id);
    if (passage === undefined) return [];
    return [
      {
        id: renumber.get(id) ?? id,
        cardId: passage.cardId,
        title: passage.title,
        year: passage.year,
        documentTitle: passage.documentTitle,
        documentId: passage.documentId,
        section: passage.section,
        quote: passage.quote,
        start: passage.start,
        end: passage.end,
        ...(passage.fact === undefined ? {} : { fact: passage.fact }),
        ...pageField(documentPages.get(passage.documentId), passage.start),
      },
    ];
  });
  if (kept.length === 0)
    return {
      ...evidence,
      warnings: [...warnings, "Modellens svar kunne ikke bruges; svaret er citater fra kilderne."],
    };
  const sentences = kept.map(
    (sentence) =>
      `${sentence.text} ${sentence.citations.map((id) => `[${renumber.get(id) ?? id}]`).join("")}`,
  );
  const unverified = warnings.some((warning) => warning.startsWith("Et beløb"));
  if (unverified)
    sentences.push("Et beløb i modellens svar kunne ikke verificeres i kilderne og er udeladt.");
  const best = await store.getCard(relevant[0]?.cardId ?? "");
  return {
    answer: sentences.join(" "),
    ...(best === undefined ? {} : { decision: best.card.decision }),
    citations,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------

/** Answers a reviewer's question with citations; "Det fremgår ikke af materialet" when the corpus does not answer it. */
export async function answerQuestion(
  question: string,
  options: AnswerQuestionOptions,
): Promise<Answer> {
  const parsed = AnswerQuestionInputSchema.safeParse({
    question,
    ...(options.year === undefined ? {} : { year: options.year }),
  });
  if (!parsed.success)
    throw new InputError(
      "invalid_question",
      `The question is not valid: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`,
    );
  const input = parsed.data;
  const read = readQuestion(input.question, options.now === undefined ? {} : { now: options.now });
  /* A question that names a budget note reads its years as the note's table columns, not as a document year. */
  const noteQuestion = read.documentKind === "budget_note";
  const year = input.year ?? (noteQuestion ? undefined : read.year);
  const retrieve = (kind?: CorpusDocument["kind"]) =>
    retrieveCards(options.store, read, {
      ...(year === undefined ? {} : { year }),
      ...(kind === undefined ? {} : { kind }),
      ...(options.mode === undefined ? {} : { mode: options.mode }),
    });
  let relevant = relevantCards(await retrieve(noteQuestion ? "budget_note" : undefined));
  if (relevant.length === 0 && noteQuestion) relevant = relevantCards(await retrieve());
  const base = year === undefined ? {} : { year };
  const verdicts = (await options.links?.list()) ?? [];
  if (relevant.length === 0)
    return { answer: NOT_IN_MATERIAL, citations: [], notFound: true, warnings: [], ...base };
  if (options.model !== undefined && options.prompts === undefined) {
    const answer = await extractiveAnswer(
      options.store,
      read,
      relevant,
      year !== undefined,
      verdicts,
    );
    return {
      ...answer,
      notFound: answer.citations.length === 0,
      warnings: [
        "Sprogmodellen har ingen svar-prompt (prompts/answer.v1.md); svaret er citater fra kilderne.",
      ],
      ...base,
    };
  }
  if (options.model !== undefined && options.prompts !== undefined) {
    const modelCalls: ModelCallTrace[] = [];
    const onTrace = (trace: ModelCallTrace) => {
      modelCalls.push(trace);
      options.onTrace?.(trace);
    };
    let streamed = false;
    const hooks = options.stream;
    const stream: StreamHooks | undefined =
      hooks === undefined
        ? undefined
        : {
            onDelta: (text) => {
              streamed = true;
              hooks.onDelta(text);
            },
            ...(hooks.onSentence === undefined ? {} : { onSentence: hooks.onSentence }),
          };
    try {
      const answer = await modelAnswer(
        options.model,
        options.prompts,
        input.question,
        options.store,
        relevant,
        read,
        { ...options, ...base, onTrace, ...(stream === undefined ? {} : { stream }) },
        verdicts,
      );
      return { ...answer, notFound: answer.citations.length === 0, ...base, modelCalls };
    } catch (error) {
      if (!(error instanceof BilagsassistentError) || error.category !== "upstream") throw error;
      // Text already streamed is not replaced by quotes: the stream ends with the error.
      if (streamed) throw error;
      const fallback = await extractiveAnswer(
        options.store,
        read,
        relevant,
        year !== undefined,
        verdicts,
      );
      return {
        ...fallback,
        notFound: false,
        warnings: [`Sprogmodellen svarede ikke (${error.code}); svaret er citater fra kilderne.`],
        ...base,
        modelCalls,
      };
    }
  }
  const answer = await extractiveAnswer(
    options.store,
    read,
    relevant,
    year !== undefined,
    verdicts,
  );
  return { ...answer, notFound: answer.citations.length === 0, warnings: [], ...base };
}
