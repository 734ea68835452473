/**
 * Where each sentence of an assessment comes from. Every writer's prose (the offline writer's,
 * a model's, a caseworker's edit) is read sentence by sentence against the evidence the draft
 * had: the caseworker's notes, the card's sections, the card's own proposal, earlier cards of the
 * same grant, the decision and the allocation data. A sentence is sourced when the evidence holds
 * most of its content words and every number it states; the register's own words (the
 * department's framing: "forvaltningen", "vurderer", "desuden") need no source. Words the Danish
 * lexicon does not know, even as a compound, are reported as suspect (OCR damage).
 */
import type { DanishLexicon } from "../corpus/danish-lexicon.ts";
import { isDanishWordOrCompound } from "../corpus/repair-ocr.ts";
import type { SentenceSource } from "../domain/index.ts";
import { splitSentences } from "../money/index.ts";
import { tokenizeDanish } from "../retrieval/danish-text.ts";
import type { AssessmentContext } from "./ports.ts";

/** A text the draft may draw on, with the id a sentence's source is named by. */
export type Evidence = { id: string; text: string };

/** Share of a sentence's content words the evidence must hold (tuned on the dev cards). */
export const MIN_COVERAGE = 0.6;

/**
 * The department's register: words that frame a point rather than state a fact. A sentence made
 * of these alone states nothing that needs a source.
 */
const REGISTER = new Set(
  tokenizeDanish(
    [
      "forvaltningen forvaltningens faglige fagligt vurdering vurderer vurderes vurderet",
      "indsatsen indsatser indsats initiativet videreføres videreførelse videreføre fortsætter",
      "fremadrettet fremover desuden samtidig derfor endvidere herunder således dermed",
      "bemærker bemærkes peger lægger vægt på fremhæver understøtter viser ifølge",
      "resultaterne resultater erfaringerne erfaringer opgørelse opgjort perioden periode",
      "justeringer justeringen justeres betingelse betingelser forudsætning forudsætninger",
      "opfyldt opfyldes følgende nedenstående ovenstående beskrevet bilaget kortet forslaget",
      "foreslår foreslås forslag anbefaler anbefales kan skal bør vil blandt andet",
      "målsætningen målsætning målet mål nået opnået nåede indfriet indfries lykkedes",
      "angiv angive hvilke hvilken uddyb mangler årligt årlige år tidligere indgik indgår også",
    ].join(" "),
  ),
);

const NUMBER = /\d+(?:[.,]\d+)*/gu;
const WORD = /\p{L}+/gu;

function numbersOf(text: string): string[] {
  return (text.match(NUMBER) ?? []).map((number) => number.replace(/[.,]/gu, ""));
}

function meets(left: string, right: string): boolean {
  if (left === right) return true;
  const [short, long] = left.length <= right.length ? [left, right] : [right, left];
  return short.length >= 5 && long.startsWith(short);
}

type Indexed = { id: string; tokens: Set<string>; numbers: Set<string> };

function indexEvidence(evidence: readonly Evidence[]): Indexed[] {
  return evidence.map(({ id, text }) => ({
    id,
    tokens: new Set(tokenizeDanish(text).filter((token) => !/^\d+$/u.test(token))),
    numbers: new Set(numbersOf(text)),
  }));
}

function holds(source: Indexed, token: string): boolean {
  if (source.tokens.has(token)) return true;
  for (const known of source.tokens) if (meets(known, token)) return true;
  return false;
}

/**
 * An unknown word that is a known word with one inner letter added: OCR damage that a compound
 * reading would otherwise explain away ("deltagsende" for "deltagende", "derigsennem").
 */
function oneLetterTooMany(word: string, lexicon: DanishLexicon): boolean {
  if (lexicon.isWord(word) || lexicon.isWord(word.toLowerCase()) || word.length < 6) return false;
  for (let index = 1; index < word.length - 1; index += 1)
    if (lexicon.isWord(`${word.slice(0, index)}${word.slice(index + 1)}`)) return true;
  return false;
}

/** Words of a sentence the lexicon does not know, even as a compound (names and abbreviations pass). */
export function suspectWords(sentence: string, lexicon: DanishLexicon | undefined): string[] {
  if (lexicon === undefined) return [];
  const suspect: string[] = [];
  for (const match of sentence.matchAll(WORD)) {
    const word = match[0];
    if (word.length <= 3 || /^\p{Lu}/u.test(word)) continue;
    if (!isDanishWordOrCompound(word, lexicon) || oneLetterTooMany(word, lexicon))
      suspect.push(word);
  }
  return suspect;
}

/** The sources of one sentence: the fewest evidence texts (at most three) that cover it, or none. */
export function sourcesOfSentence(sentence: string, indexed: readonly Indexed[]): string[] {
  if (/\?\s*$/u.test(sentence)) return ["question"];
  const content = [
    ...new Set(tokenizeDanish(sentence).filter((token) => !/^\d+$/u.test(token))),
  ].filter((token) => !REGISTER.has(token));
  const numbers = [...new Set(numbersOf(sentence))];
  const chosen: Indexed[] = [];
  let uncovered = content;
  let missingNumbers = numbers;
  const coverage = () => (content.length === 0 ? 1 : 1 - uncovered.length / content.length);
  while ((coverage() < MIN_COVERAGE || missingNumbers.length > 0) && chosen.length < 3) {
    let best: { source: Indexed; gain: number } | undefined;
    for (const source of indexed) {
      if (chosen.includes(source)) continue;
      const gain =
        uncovered.filter((token) => holds(source, token)).length +
        missingNumbers.filter((number) => source.numbers.has(number)).length * 2;
      if (gain > 0 && (best === undefined || gain > best.gain)) best = { source, gain };
    }
    if (best === undefined) break;
    const source = best.source;
    chosen.push(source);
    uncovered = uncovered.filter((token) => !holds(source, token));
    missingNumbers = missingNumbers.filter((number) => !source.numbers.has(number));
  }
  if (coverage() < MIN_COVERAGE || missingNumbers.length > 0) return [];
  if (chosen.length === 0) {
    /* Register words only: the decision (or the framing) is its source. */
    const decision = indexed.find((source) => source.id === "decision");
    return decision === undefined ? [] : ["decision"];
  }
  return chosen.map((source) => source.id);
}

/** Every sentence of a prose text with its sources and suspect words, offsets into `prose`. */
export function sourceSentences(
  prose: string,
  evidence: readonly Evidence[],
  lexicon?: DanishLexicon,
): SentenceSource[] {
  const indexed = indexEvidence(evidence);
  const result: SentenceSource[] = [];
  let offset = 0;
  for (const line of prose.split("\n")) {
    const bullet = /^\s*(?:[-•*–]|\d+[.)])\s+/u.exec(line)?.[0] ?? "";
    const body = line.slice(bullet.length);
    for (const { start, end } of splitSentences(body)) {
      const sentence = body.slice(start, end);
      if (sentence.trim() === "") continue;
      const suspect = suspectWords(sentence, lexicon);
      result.push({
        start: offset + bullet.length + start,
        end: offset + bullet.length + end,
        sources: sourcesOfSentence(sentence, indexed),
        ...(suspect.length === 0 ? {} : { suspect }),
      });
    }
    offset += line.length + 1;
  }
  return result;
}

/** Ids of the card's sections: the expiring half by kind, the proposal (the card's own assessment) as one. */
function sectionId(kind: string): string {
  return kind === "assessment" || kind === "proposed_money" ? "card:proposal" : `card:${kind}`;
}

/** The evidence an assessment may draw on. */
export function evidenceOf(
  context: Pick<AssessmentContext, "card" | "notes" | "examples" | "economySentence"> & {
    decisionWords: readonly string[];
  },
): Evidence[] {
  const evidence: Evidence[] = [
    { id: "decision", text: context.decisionWords.join(" ") },
    ...context.notes.map((note, index) => ({ id: `note:${index + 1}`, text: note })),
  ];
  const bySection = new Map<string, string[]>();
  for (const section of context.card.sections) {
    const id = sectionId(section.kind);
    bySection.set(id, [...(bySection.get(id) ?? []), section.text]);
  }
  for (const [id, texts] of bySection) evidence.push({ id, text: texts.join("\n") });
  for (const example of context.examples)
    if (example.reason === "same_initiative")
      evidence.push({
        id: `earlier:${example.cardId}`,
        text: `${example.year} ${example.documentTitle} ${example.quote}`,
      });
  evidence.push({ id: "data", text: context.economySentence });
  return evidence;
}
