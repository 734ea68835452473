/**
 * Generates the reviewer question set of the answer eval from the corpus, systematically, and
 * splits it into dev and test by a seeded hash before any tuning. For each annex card: a question
 * for each kind of fact its text supports (decision, money, count, result, target, period,
 * recipient), worded as a reviewer would (Danish mostly, some English; some without æøå; some
 * with the annex year, some without); for each budget note: total, per-year, model-variant and
 * agreement-text questions; year-less questions about the recurring grants; and questions the
 * material does not answer. Every expected value is read from the card's source text and kept only
 * when it stands verbatim in the raw source or the card's read text.
 *
 *   node --import tsx evals/answer-questions/generate.ts     rewrites evals/answer-questions/*.json
 *
 * Re-running on an unchanged corpus writes the same files (the seed is fixed). The test split's
 * sha256 is written to split.json; the eval refuses to run when the test file no longer matches.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Card, CorpusDocument, ParsedDocument } from "../../src/domain/index.ts";
import { extractFigures, formatDanishNumber } from "../../src/money/index.ts";
import { createCorpusStore } from "../support/corpus-store.ts";
import { RECURRING_GRANTS, UNANSWERABLE } from "./fixed.ts";
import type { AnswerCase } from "./types.ts";

const SEED = "answer-eval-2026-12";
const OUT = import.meta.dirname;

/** A deterministic number in [0, 1) from the seed and a key. */
function seeded(key: string): number {
  return createHash("sha256").update(`${SEED}:${key}`).digest().readUInt32BE(0) / 2 ** 32;
}

const foldAeoeaa = (text: string) =>
  text
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "aa")
    .replace(/Æ/g, "Ae")
    .replace(/Ø/g, "O")
    .replace(/Å/g, "Aa");

const TITLE_LEADS =
  /^(?:videreførelse og udvidelse af|videreførelse af|fortsættelse af|udvidelse af|specifik udfordring:|bevilling til|støtte til|tilskud til|pulje til at|forankring af metoder fra|revurdering af behov for|justering af antal|samarbejde med|styrket|øvrige:)\s+/iu;

/** How a reviewer names a card: its title without the lead words and the bracketed part, sometimes shortened, sometimes without æøå. */
function subjectOf(card: Card, key: string): string {
  let subject = card.title
    .replace(/\([^)]*\)/g, " ")
    .replace(/["“”'’]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  for (let round = 0; round < 2; round += 1) subject = subject.replace(TITLE_LEADS, "");
  const words = subject.split(" ");
  if (words.length > 7 && seeded(`${key}:short`) < 0.6) subject = words.slice(0, 6).join(" ");
  subject = subject.charAt(0).toLowerCase() + subject.slice(1);
  /* Names keep their capital ("TechBBQ", "SSP+", "Sabaah"): a first word with a second capital, or a name the title leads with. */
  if (
    /^\p{Lu}\S*\p{Lu}/u.test(subject.charAt(0).toUpperCase() + subject.slice(1)) ||
    /^(?:til|med)\s/iu.test(card.title.replace(/^\S+\s/u, ""))
  )
    subject = subject.charAt(0).toUpperCase() + subject.slice(1);
  if (seeded(`${key}:fold`) < 0.25) subject = foldAeoeaa(subject);
  return subject;
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

type Read = { card: Card; document: CorpusDocument; raw: string; text: string };

function inSource(read: Read, value: string): boolean {
  const wanted = collapse(value);
  return collapse(read.raw).includes(wanted) || collapse(read.text).includes(wanted);
}

function sectionText(card: Card, kinds: readonly string[]): string {
  return card.sections
    .filter((section) => kinds.includes(section.kind))
    .map((section) => section.text)
    .join("\n");
}

/** The noun after a count ("5.175 møder" → "møder"), when it is a plain word. */
function nounAfter(text: string, end: number): string | undefined {
  const match = /^\s+(?:ekstra\s+|nye\s+|unikke\s+)?([a-zæøå]{4,})(?![\p{L}-])/u.exec(
    text.slice(end),
  );
  const noun = match?.[1];
  if (noun === undefined) return undefined;
  if (
    /^(?:mio|pct|procent|kr|gange|uger|måneder|timer|dage|år|årligt|til|fra|af|og|i|om|per|pr)$/u.test(
      noun,
    )
  )
    return undefined;
  return noun;
}

const TARGET = /\b(?:mål|målsætning\p{L}*|krav\p{L}*|succeskriteri\p{L}*|forvent\p{L}*)/iu;
const RECIPIENT =
  /\b(?:hos|varetages af|i samarbejde med|leverandøren|leverandør|tilskud til|drives af)\s+((?:[A-ZÆØÅ][\p{L}+&-]*)(?:\s+(?:[A-ZÆØÅ][\p{L}+&-]*|og|for|i))*)/u;

function cardCases(read: Read, recurring: ReadonlySet<string>): AnswerCase[] {
  const { card, document } = read;
  const cases: AnswerCase[] = [];
  const key = card.id;
  /* A card of a recurring grant is asked with its year, so the expected card is that year's. */
  const withYear = recurring.has(card.id) || seeded(`${key}:year`) < 0.5;
  const english = (kind: string) => seeded(`${key}:${kind}:en`) < 0.2;
  const yearPhrase = (kind: string) => {
    if (!withYear) return "";
    const form = seeded(`${key}:${kind}:yearform`);
    return form < 0.5
      ? ` i ${document.year}`
      : form < 0.8
        ? ` i ${document.year}-bilaget`
        : ` i bilaget fra ${document.year}`;
  };
  const englishYear = () => (withYear ? ` in ${document.year}` : "");
  const add = (kind: AnswerCase["kind"], question: string, values: string[]) => {
    /* A value of one or two digits alone ("1", "30") would be found in almost any answer: not a check. */
    const kept = values.filter((value) => !/^\d{1,2}$/.test(value.trim()) && inSource(read, value));
    if (values.length > 0 && kept.length === 0) return;
    cases.push({
      id: `${card.id}:${kind}`,
      question,
      kind,
      expectedCards: [card.id],
      expectedValues: [...new Set(kept)],
      ...(withYear ? { year: document.year } : {}),
    });
  };
  const subject = subjectOf(card, key);
  // decision (every card that states one)
  if (card.decision !== "ukendt")
    add(
      "decision",
      english("decision")
        ? `What did we decide about ${subject}${englishYear()}?`
        : `Hvad besluttede forvaltningen om ${subject}${yearPhrase("decision")}?`,
      [],
    );
  // money: figures of the grant / expiring / proposal sections
  const moneyText = sectionText(card, ["grant", "expiring_money", "proposed_money"]);
  const money = extractFigures(moneyText).filter((figure) => figure.kind === "money");
  if (money.length > 0)
    add(
      "money",
      english("money")
        ? `How much money did ${subject} get${englishYear()}?`
        : seeded(`${key}:money:form`) < 0.5
          ? `Hvor mange penge fik ${subject}${yearPhrase("money")}?`
          : `Hvad er bevillingen til ${subject}${yearPhrase("money")}?`,
      money.map((figure) => figure.text),
    );
  // count: a count with a plain noun in the results or content
  const resultText = sectionText(card, ["results"]);
  const countSource = resultText || sectionText(card, ["content"]);
  const counts = extractFigures(countSource).flatMap((figure) => {
    if (figure.kind !== "count") return [];
    const noun = nounAfter(countSource, figure.end);
    return noun === undefined ? [] : [{ figure, noun }];
  });
  const count = counts[0];
  if (count !== undefined) {
    const values = counts
      .filter((candidate) => candidate.noun === count.noun)
      .map((candidate) => candidate.figure.text);
    add(
      "count",
      english("count")
        ? `How many ${count.noun} were there in ${subject}${englishYear()}?`
        : `Hvor mange ${count.noun} var der i ${subject}${yearPhrase("count")}?`,
      values,
    );
  }
  // result: any count or percentage the results section states
  const resultFigures = extractFigures(resultText).filter(
    (figure) => figure.kind === "count" || figure.kind === "percent",
  );
  if (resultFigures.length > 0)
    add(
      "result",
      english("result")
        ? `What were the results of ${subject}${englishYear()}?`
        : seeded(`${key}:result:form`) < 0.5
          ? `Hvilke resultater har ${subject} givet${yearPhrase("result")}?`
          : `Hvordan er det gået med ${subject}${yearPhrase("result")}?`,
      resultFigures.map((figure) => figure.text),
    );
  // target: figures of sentences that state a goal or requirement
  const targetFigures = card.sections
    .flatMap((section) =>
      extractFigures(section.text).filter(
        (figure) =>
          (figure.kind === "percent" || figure.kind === "count") &&
          TARGET.test(figure.sentence.text),
      ),
    )
    .map((figure) => figure.text);
  if (targetFigures.length > 0)
    add(
      "target",
      english("target")
        ? `What is the target for ${subject}${englishYear()}?`
        : `Hvad er målet for ${subject}${yearPhrase("target")}?`,
      targetFigures,
    );
  // period: a year range in the money sections
  const ranges = [
    ...(moneyText || sectionText(card, ["content"])).matchAll(
      /(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d/g,
    ),
  ].map((match) => match[0]);
  if (ranges.length > 0)
    add(
      "period",
      english("period")
        ? `For which period is ${subject} funded${englishYear()}?`
        : `Hvilken periode dækker bevillingen til ${subject}${yearPhrase("period")}?`,
      ranges,
    );
  // recipient: a named provider, partner or grantee
  const recipient = RECIPIENT.exec(
    card.sections
      .filter((section) => section.kind !== "assessment")
      .map((section) => section.text)
      .join("\n"),
  )?.[1];
  if (recipient !== undefined && recipient.length >= 3)
    add(
      "recipient",
      english("recipient")
        ? `Who runs ${subject}${englishYear()}?`
        : `Hvem er leverandør eller samarbejdspartner på ${subject}${yearPhrase("recipient")}?`,
      [recipient.split(/\s+/).slice(0, 2).join(" ")],
    );
  return cases;
}

function noteCases(parsed: ParsedDocument, raw: string): AnswerCase[] {
  const cases: AnswerCase[] = [];
  for (const card of parsed.cards) {
    const read: Read = {
      card,
      document: parsed.document,
      raw,
      text: card.sections.map((section) => section.text).join("\n"),
    };
    const subject = subjectOf(card, card.id);
    const economy = parsed.tables.filter(
      (table) => table.cardId === card.id && table.kind === "economy",
    );
    const models = economy.filter((table) => /model\s*\d/iu.test(table.title));
    for (const table of economy) {
      const total = table.rows.find((row) => row.isTotal);
      if (total === undefined) continue;
      const model = /model\s*(\d)/iu.exec(table.title)?.[1];
      const modelPhrase = model === undefined ? "" : ` i model ${model}`;
      if (total.statedTotal !== undefined) {
        const value = formatDanishNumber(total.statedTotal);
        if (inSource(read, value))
          cases.push({
            id: `${card.id}:total${model ?? ""}`,
            question:
              seeded(`${card.id}:${model}:total:en`) < 0.25
                ? `What does ${subject} cost in total${model === undefined ? "" : ` in model ${model}`} according to the budget note?`
                : `Hvad koster ${subject} i alt${modelPhrase} ifølge budgetnotatet?`,
            kind: "table_total",
            expectedCards: [card.id],
            expectedValues: [value],
          });
      }
      const years = table.years.filter(
        (year) => total.values[String(year)] !== null && total.values[String(year)] !== undefined,
      );
      for (const year of years.filter((_, index) => index === 0 || index === years.length - 1)) {
        const value = formatDanishNumber(total.values[String(year)] ?? 0);
        if (!inSource(read, value)) continue;
        cases.push({
          id: `${card.id}:year${year}${model ?? ""}`,
          question: `Hvad er udgifterne i ${year}${modelPhrase} i budgetnotatet om ${subject}?`,
          kind: "table_year",
          expectedCards: [card.id],
          expectedValues: [value],
        });
      }
    }
    if (models.length > 1)
      cases.push({
        id: `${card.id}:models`,
        question: `Hvilke økonomimodeller indeholder budgetnotatet om ${subject}?`,
        kind: "table_total",
        expectedCards: [card.id],
        expectedValues: models
          .flatMap((table) => {
            const total = table.rows.find((row) => row.isTotal)?.statedTotal;
            return total === undefined ? [] : [formatDanishNumber(total)];
          })
          .slice(0, 1),
      });
    const agreement = card.sections.find((section) => section.kind === "agreement_text");
    if (agreement !== undefined) {
      const figure = extractFigures(agreement.text).find((candidate) => candidate.kind === "money");
      cases.push({
        id: `${card.id}:agreement`,
        question: `Hvad står der i forslaget til aftaletekst i budgetnotatet om ${subject}?`,
        kind: "agreement",
        expectedCards: [card.id],
        expectedValues: figure === undefined ? [] : [figure.text],
      });
    }
    const effect = card.sections.find((section) => section.kind === "expected_effect");
    if (effect !== undefined) {
      const figures = extractFigures(effect.text).filter(
        (figure) => figure.kind === "percent" || figure.kind === "count",
      );
      if (figures.length > 0)
        cases.push({
          id: `${card.id}:effect`,
          question: `Hvilken effekt forventes af ${subject} ifølge budgetnotatet?`,
          kind: "target",
          expectedCards: [card.id],
          expectedValues: [...new Set(figures.map((figure) => figure.text))].filter((value) =>
            inSource(read, value),
          ),
        });
    }
  }
  return cases;
}

function canonical(cases: readonly AnswerCase[]): string {
  return JSON.stringify(
    cases.map((item) =>
      Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))),
    ),
  );
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

async function main() {
  const temp = await createCorpusStore();
  try {
    const documents = await temp.store.allDocuments();
    const recurring = new Set(RECURRING_GRANTS.flatMap((grant) => grant.cards));
    const cases: AnswerCase[] = [];
    for (const parsed of documents) {
      const raw = (await temp.store.sourceText(parsed.document.id)) ?? "";
      if (parsed.document.kind === "budget_note") {
        cases.push(...noteCases(parsed, raw));
        continue;
      }
      for (const card of parsed.cards) {
        const read: Read = {
          card,
          document: parsed.document,
          raw: raw.slice(card.span.start, card.span.end),
          text: card.sections.map((section) => section.text).join("\n"),
        };
        cases.push(...cardCases(read, recurring));
      }
    }
    for (const grant of RECURRING_GRANTS)
      for (const [index, question] of grant.questions.entries())
        cases.push({
          id: `${grant.id}:history${index}`,
          question,
          kind: "history",
          expectedCards: [...grant.cards],
          expectedValues: [],
          history: [...grant.cards],
        });
    for (const [index, question] of UNANSWERABLE.entries())
      cases.push({
        id: `unanswerable:${index}`,
        question,
        kind: "unanswerable",
        expectedCards: [],
        expectedValues: [],
      });
    const dev = cases.filter((item) => seeded(`split:${item.id}`) < 0.5);
    const test = cases.filter((item) => seeded(`split:${item.id}`) >= 0.5);
    const testJson = canonical(test);
    writeFileSync(path.join(OUT, "dev.json"), `${JSON.stringify(dev, null, 1)}\n`);
    writeFileSync(path.join(OUT, "test.json"), `${JSON.stringify(test, null, 1)}\n`);
    writeFileSync(
      path.join(OUT, "split.json"),
      `${JSON.stringify({ seed: SEED, dev: dev.length, test: test.length, testSha256: sha256(testJson) }, null, 2)}\n`,
    );
    const kinds = new Map<string, number>();
    for (const item of cases) kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1);
    console.log(
      `${cases.length} questions (${dev.length} dev, ${test.length} test):`,
      Object.fromEntries(kinds),
    );
  } finally {
    await temp.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

export { canonical };
