/**
 * Mutation eval of validateText on the real proposal statements of the 2026 annex: each
 * statement (the card's "Økonomi/ressourcer" proposal text) must pass against its allocation file
 * (corpus/allocations/bilag-2026-NN.json), and each single change of it (amount, unit, period, per
 * year vs total, area, price level, recipient, dropped or changed part) must be caught with the
 * right code. Prints recall per mutation class, the false-alarm rate on real and paraphrased
 * statements (the parsed section texts, the allocation files' raw source quotes, and paraphrases
 * rendered from the data), and throughput.
 *
 * Run: node --import tsx evals/validation-mutations.ts
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { readDocument } from "../src/corpus/read-document.ts";
import type { Allocation, Decision, ValidationCode } from "../src/domain/index.ts";
import { AllocationSchema } from "../src/domain/index.ts";
import type { TextFigure } from "../src/money/index.ts";
import {
  amountRuns,
  extractFigures,
  formatAllocation,
  formatDanishAmount,
  formatPeriod,
} from "../src/money/index.ts";
import { readBundledCorpus } from "../src/runtime/node/corpus-files.ts";
import { validateText } from "../src/validation/validate-text.ts";

const CORPUS_DIR = path.resolve(import.meta.dirname, "../corpus");
const ALLOCATIONS_DIR = path.join(CORPUS_DIR, "allocations");
const BUDGET_YEAR = 2027;

/** A real proposal statement with its allocation data. */
export type RealStatement = {
  cardId: string;
  /** The card's proposal section text, as parsed (OCR-repaired where the parser repairs). */
  text: string;
  /** The raw source quote of the allocation file, OCR damage and all. */
  quote: string | undefined;
  allocation: Allocation;
  decision: Decision;
};

export const MUTATION_CLASSES = [
  "amount",
  "unit",
  "period",
  "basis",
  "area",
  "priceLevel",
  "recipient",
  "partDropped",
  "partChanged",
] as const;
export type MutationClass = (typeof MUTATION_CLASSES)[number];

/** The code each class must raise (any one of them, as an error). */
export const EXPECTED_CODES: Record<MutationClass, readonly ValidationCode[]> = {
  amount: ["amount_mismatch"],
  unit: ["unit_error"],
  period: ["period_mismatch"],
  basis: ["basis_confusion"],
  area: ["area_mismatch"],
  priceLevel: ["price_level_mismatch"],
  recipient: ["recipient_mismatch"],
  partDropped: ["parts_do_not_add_up"],
  /* A part changed within the whole's rounding still adds up; the data then catches it. */
  partChanged: ["parts_do_not_add_up", "amount_mismatch"],
};

export type Mutation = {
  cardId: string;
  kind: MutationClass;
  text: string;
  allocation: Allocation;
  decision: Decision;
  note: string;
};

/** Statements the source itself gets wrong against its allocation file (real findings, not false alarms). */
export const KNOWN_SOURCE_ERRORS: Record<
  string,
  { codes: readonly ValidationCode[]; reason: string }
> = {
  "bilag-2026-10": {
    codes: ["period_mismatch", "period_before_budget_year"],
    reason:
      'The card proposes "1,4 mio. kr. årligt på service i 2024 - 2026" (the expiring period); the allocation file has 2027-2030.',
  },
};

/** Every 2026 proposal statement that has an allocation file. */
export async function loadRealStatements(): Promise<RealStatement[]> {
  const files = await readBundledCorpus(CORPUS_DIR);
  const annex = files.find((file) => file.entry?.id === "bilag-2026");
  if (annex === undefined) throw new Error("the bundled corpus has no bilag-2026");
  const parsed = await readDocument(annex.name, annex.bytes, annex.entry);
  const names = readdirSync(ALLOCATIONS_DIR)
    .filter((name) => /^bilag-2026-\d\d\.json$/.test(name))
    .sort();
  const statements: RealStatement[] = [];
  for (const name of names) {
    const allocation = AllocationSchema.parse(
      JSON.parse(readFileSync(path.join(ALLOCATIONS_DIR, name), "utf8")),
    );
    const card = parsed.cards.find((candidate) => candidate.id === allocation.cardId);
    if (card === undefined)
      throw new Error(`${name}: no card ${allocation.cardId ?? "(no cardId)"} in the 2026 annex`);
    const text = card.sections
      .filter((section) => section.kind === "proposed_money")
      .map((section) => section.text)
      .join("\n")
      .trim();
    if (text === "") continue;
    statements.push({
      cardId: card.id,
      text,
      quote: allocation.source?.quote,
      allocation,
      decision: card.decision,
    });
  }
  return statements;
}

/** Paraphrases of an allocation the validator must accept: other per-year words, units, totals. */
export function paraphrase(allocation: Allocation): string[] {
  const rendered = formatAllocation(allocation);
  const texts = [
    rendered,
    rendered.replaceAll(" årligt", " om året"),
    rendered.replaceAll(" årligt", " pr. år"),
    formatAllocation(allocation, "Forvaltningen foreslår at videreføre indsatsen med"),
  ];
  const pl = allocation.priceLevel === undefined ? "" : ` (${allocation.priceLevel} p/l)`;
  const perLine = allocation.lines.map((line) => {
    const runs = amountRuns(line);
    const run = runs[0];
    if (runs.length !== 1 || run === undefined) return undefined;
    const area = `på ${line.area}`;
    return {
      kroner: `${formatDanishAmount(run.amount, { unit: "kr." })}${run.years.length > 1 ? " årligt" : ""}${pl} ${area} i ${formatPeriod(run.years)}`,
      thousands: `${formatDanishAmount(run.amount, { unit: "kr." }).replace(/\.000 kr\.$/, " t.kr.")}${run.years.length > 1 ? " årligt" : ""}${pl} ${area} i ${formatPeriod(run.years)}`,
      total: `i alt ${formatDanishAmount(run.amount * run.years.length, { unit: "mio. kr.", decimals: 1 })}${pl} ${area} i ${formatPeriod(run.years)}`,
      fromTo: `${formatDanishAmount(run.amount)}${run.years.length > 1 ? " pr. år" : ""}${pl} ${area} ${run.years.length > 1 ? `fra ${run.years[0]} til ${run.years[run.years.length - 1]}` : `i ${run.years[0]}`}`,
    };
  });
  if (perLine.every((line) => line !== undefined)) {
    for (const key of ["kroner", "thousands", "total", "fromTo"] as const) {
      const lines = perLine.map((line) => line?.[key] ?? "");
      texts.push(
        `Der foreslås ${lines.length <= 1 ? lines[0] : `${lines.slice(0, -1).join(", ")} og ${lines[lines.length - 1]}`}.`,
      );
    }
  }
  return [...new Set(texts)];
}

const UNIT_STEP: Record<string, number> = {
  "kr.": 1,
  "1.000 kr.": 1_000,
  "mio. kr.": 1_000_000,
  "mia. kr.": 1_000_000_000,
};

/** Every amount the data could be read as, so a changed amount can steer clear of them. */
function readings(allocation: Allocation): number[] {
  return allocation.lines.flatMap((line) => {
    const values = Object.values(line.amounts);
    return [
      ...values,
      values.reduce((sum, value) => sum + value, 0),
      ...amountRuns(line).map((run) => run.amount * run.years.length),
    ];
  });
}

function replaceSpan(text: string, start: number, end: number, replacement: string): string {
  return `${text.slice(0, start)}${replacement}${text.slice(end)}`;
}

/** The amount written again, moved by at least 0,2 mio. kr. and two written steps, away from every reading of the data. */
function changedAmount(figure: TextFigure, allocation: Allocation): string | undefined {
  if (
    figure.amount === undefined ||
    figure.unit === undefined ||
    figure.amount.min !== figure.amount.max
  )
    return undefined;
  const step = UNIT_STEP[figure.unit] ?? 1;
  const decimals = figure.decimals ?? 0;
  const delta = Math.max(200_000, (2 * step) / 10 ** decimals);
  const taken = readings(allocation);
  for (const sign of [1, -1, 2, -2, 3]) {
    const kroner = figure.amount.min + sign * delta;
    if (kroner <= 0 || taken.some((reading) => Math.abs(reading - kroner) <= delta / 2)) continue;
    return formatDanishAmount(kroner, { unit: figure.unit, decimals });
  }
  return undefined;
}

const YEAR_EXPRESSION =
  /(?<![\d/])((?:19|20)\d\d)(?:(\s*-\s*)((?:19|20)\d\d))?(?![\d])(?!\s*-?\s*p\s*\/|\s*\/\s*p)/gu;
const PRICE_LEVEL_YEAR = /((?:19|20)\d\d)(?=\s*-?\s*p\s*\/\s*[l1I]|\s*\/\s*p\.?\s*[l1I])/giu;
/** An area word as a figure's own area: "på service", "påservice", "til indsats" (not "en samlet indsats"). */
const AREA_WORD = /(?<=p[åa]\s*|til\s+)(service|indsats|overf\p{L}{1,2}rsler)(?=i\s|[^\p{L}]|$)/gu;
const PER_YEAR_WORD = /(?<![\p{L}])(?:å|a|&)rligt(?![\p{L}])/gu;
const RECIPIENT_WORD = /(?<=\btil\s+)(BIF|SOF|BUF|SUF|KFF|ØKF)(?![\p{L}])/gu;

/** Every single-change mutation of a statement, by class. */
export function mutateStatement(statement: RealStatement): Mutation[] {
  const { text, allocation } = statement;
  const mutations: Mutation[] = [];
  const add = (kind: MutationClass, mutated: string | undefined, note: string) => {
    if (mutated !== undefined && mutated !== text)
      mutations.push({
        cardId: statement.cardId,
        kind,
        text: mutated,
        allocation,
        decision: statement.decision,
        note,
      });
  };
  const figures = extractFigures(text);
  const money = figures.filter((figure) => figure.kind === "money");
  const result = validateText(text, allocation, { budgetYear: BUDGET_YEAR });
  for (const figure of money) {
    const index = figures.indexOf(figure);
    const isPart = figure.partOf !== undefined;
    const changed = changedAmount(figure, allocation);
    if (changed !== undefined)
      add(
        isPart ? "partChanged" : "amount",
        replaceSpan(text, figure.start, figure.end, changed),
        `${figure.text} → ${changed}`,
      );
    const unitless = figure.text.replace(
      /\s?-?\s?(?:mio\.?|mia\.?|mill\.?)\s*(?:kr\.?|kroner)?$/u,
      "",
    );
    if (unitless !== figure.text)
      add(
        "unit",
        replaceSpan(text, figure.start, figure.end, `${unitless} kr.`),
        `${figure.text} → ${unitless} kr.`,
      );
    if (isPart && figures.filter((other) => other.partOf === figure.partOf).at(-1) === figure) {
      const previous = figures
        .slice(0, index)
        .filter((other) => other.kind === "money")
        .at(-1);
      const next = money.find((other) => other.start > figure.start);
      const between = text.slice(previous?.end ?? 0, figure.start);
      const connector = /(?:,\s*|\s+(?:og|0g)\s+)(?![\s\S]*(?:,\s*|\s+(?:og|0g)\s+))/u.exec(
        between,
      );
      const clauseEnd =
        next?.start ?? figure.sentence.end - (/[.]\s*$/.test(figure.sentence.text) ? 1 : 0);
      if (connector !== null)
        add(
          "partDropped",
          replaceSpan(
            text,
            (previous?.end ?? 0) + connector.index,
            Math.min(clauseEnd, text.length),
            "",
          ),
          `dropped ${figure.text}`,
        );
    }
  }
  // Per year → total, only where the data's figure covers more than one year (else both read the same).
  const multiYear = result.figures.some(
    (figure) =>
      figure.kind === "money" &&
      figure.basis === "per_year" &&
      figure.matchedLine !== undefined &&
      Object.keys(allocation.lines[figure.matchedLine]?.amounts ?? {}).length > 1,
  );
  if (multiYear)
    for (const match of text.matchAll(PER_YEAR_WORD))
      add(
        "basis",
        replaceSpan(text, match.index, match.index + match[0].length, "i alt"),
        `${match[0]} → i alt`,
      );
  for (const match of text.matchAll(YEAR_EXPRESSION)) {
    const from = Number(match[1]) + 1;
    const shifted =
      match[3] === undefined ? String(from) : `${from}${match[2] ?? "-"}${Number(match[3]) + 1}`;
    add(
      "period",
      replaceSpan(text, match.index, match.index + match[0].length, shifted),
      `${match[0]} → ${shifted}`,
    );
  }
  for (const match of text.matchAll(PRICE_LEVEL_YEAR))
    add(
      "priceLevel",
      replaceSpan(text, match.index, match.index + match[0].length, String(Number(match[1]) - 1)),
      `${match[0]} p/l → ${Number(match[1]) - 1}`,
    );
  for (const match of text.matchAll(AREA_WORD)) {
    const word = match[1] ?? "";
    const swapped = word === "service" ? "indsats" : "service";
    add(
      "area",
      replaceSpan(text, match.index, match.index + word.length, swapped),
      `${word} → ${swapped}`,
    );
  }
  const recipients = new Set(
    allocation.lines.flatMap((line) => (line.recipient === undefined ? [] : [line.recipient])),
  );
  for (const match of text.matchAll(RECIPIENT_WORD)) {
    const word = match[1] ?? "";
    const other =
      ["SOF", "BUF", "BIF"].find((candidate) => candidate !== word && !recipients.has(candidate)) ??
      (word === "BIF" ? "SOF" : "BIF");
    if (recipients.size > 0)
      add(
        "recipient",
        replaceSpan(text, match.index, match.index + word.length, other),
        `til ${word} → til ${other}`,
      );
  }
  return mutations;
}

/** Whether a mutation was caught: not ok, and one of its class's codes among the errors. */
export function caught(mutation: Mutation): { caught: boolean; codes: ValidationCode[] } {
  const result = validateText(mutation.text, mutation.allocation, { budgetYear: BUDGET_YEAR });
  const codes = result.issues
    .filter((issue) => issue.severity === "error")
    .map((issue) => issue.code);
  return {
    caught: !result.ok && codes.some((code) => EXPECTED_CODES[mutation.kind].includes(code)),
    codes,
  };
}

export type MutationEvalResult = {
  perClass: Record<string, { total: number; caught: number; recall: number }>;
  falseAlarms: { statements: number; alarms: number; rate: number };
};

/** Recall per mutation class on the real statements, and false alarms on real and paraphrased statements. */
export async function runMutationEval(): Promise<
  MutationEvalResult & {
    misses: Array<Mutation & { codes: ValidationCode[] }>;
    alarmTexts: Array<{ cardId: string; text: string; codes: ValidationCode[] }>;
  }
> {
  const statements = await loadRealStatements();
  const clean = statements.filter(
    (statement) => KNOWN_SOURCE_ERRORS[statement.cardId] === undefined,
  );
  const perClass: MutationEvalResult["perClass"] = Object.fromEntries(
    MUTATION_CLASSES.map((kind) => [kind, { total: 0, caught: 0, recall: 0 }]),
  );
  const misses: Array<Mutation & { codes: ValidationCode[] }> = [];
  for (const statement of clean) {
    for (const mutation of mutateStatement(statement)) {
      const entry = perClass[mutation.kind];
      if (entry === undefined) continue;
      const outcome = caught(mutation);
      entry.total += 1;
      if (outcome.caught) entry.caught += 1;
      else misses.push({ ...mutation, codes: outcome.codes });
    }
  }
  for (const entry of Object.values(perClass))
    entry.recall = entry.total === 0 ? Number.NaN : entry.caught / entry.total;
  const checked = [
    ...clean.map((statement) => ({
      cardId: statement.cardId,
      text: statement.text,
      allocation: statement.allocation,
      decision: statement.decision,
    })),
    ...clean.flatMap((statement) =>
      statement.quote === undefined
        ? []
        : [
            {
              cardId: `${statement.cardId} (kildecitat)`,
              text: statement.quote,
              allocation: statement.allocation,
              decision: statement.decision,
            },
          ],
    ),
    ...clean.flatMap((statement) =>
      paraphrase(statement.allocation).map((text) => ({
        cardId: `${statement.cardId} (omskrevet)`,
        text,
        allocation: statement.allocation,
        decision: statement.decision,
      })),
    ),
  ];
  const alarmTexts: Array<{ cardId: string; text: string; codes: ValidationCode[] }> = [];
  for (const item of checked) {
    const result = validateText(item.text, item.allocation, {
      budgetYear: BUDGET_YEAR,
      decision: item.decision,
    });
    const codes = result.issues
      .filter((issue) => issue.severity === "error")
      .map((issue) => issue.code);
    if (codes.length > 0) alarmTexts.push({ cardId: item.cardId, text: item.text, codes });
  }
  return {
    perClass,
    falseAlarms: {
      statements: checked.length,
      alarms: alarmTexts.length,
      rate: checked.length === 0 ? 0 : alarmTexts.length / checked.length,
    },
    misses,
    alarmTexts,
  };
}

let cachedStatements: RealStatement[] | undefined;

/** The allocation files with their raw source quotes as statements; synchronous, no parsing. */
function quoteStatements(): RealStatement[] {
  return readdirSync(ALLOCATIONS_DIR)
    .filter((name) => /^bilag-2026-\d\d\.json$/.test(name))
    .sort()
    .flatMap((name) => {
      const allocation = AllocationSchema.parse(
        JSON.parse(readFileSync(path.join(ALLOCATIONS_DIR, name), "utf8")),
      );
      const quote = allocation.source?.quote;
      return quote === undefined
        ? []
        : [
            {
              cardId: allocation.cardId ?? name,
              text: quote,
              quote,
              allocation,
              decision: "ukendt" as const,
            },
          ];
    });
}

/**
 * Statements per second on one core (real and paraphrased statements, round robin, about one
 * second) and the whole 2026 annex's proposal texts validated once, ms (median of 20). Uses the
 * parsed proposal texts after `prepareThroughput()`, else the allocation files' source quotes.
 */
export function measureValidationThroughput(): { statementsPerSecond: number; annexMs: number } {
  const statements = cachedStatements ?? quoteStatements();
  const items = [
    ...statements.map((statement) => ({ text: statement.text, allocation: statement.allocation })),
    ...statements.flatMap((statement) =>
      paraphrase(statement.allocation).map((text) => ({ text, allocation: statement.allocation })),
    ),
  ];
  if (items.length === 0) {
    const allocation: Allocation = {
      initiative: "x",
      priceLevel: 2027,
      lines: [
        {
          area: "service",
          recipient: "BIF",
          amounts: { "2027": 5_700_000, "2028": 5_700_000, "2029": 5_700_000, "2030": 5_700_000 },
        },
      ],
    };
    for (const text of paraphrase(allocation)) items.push({ text, allocation });
  }
  for (let warm = 0; warm < 2_000; warm += 1) {
    const item = items[warm % items.length];
    if (item !== undefined) validateText(item.text, item.allocation, { budgetYear: BUDGET_YEAR });
  }
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < 1_000) {
    for (let batch = 0; batch < 100; batch += 1) {
      const item = items[count % items.length];
      if (item !== undefined) validateText(item.text, item.allocation, { budgetYear: BUDGET_YEAR });
      count += 1;
    }
  }
  const elapsed = performance.now() - started;
  const annexRuns: number[] = [];
  for (let run = 0; run < 20; run += 1) {
    const annexStarted = performance.now();
    for (const statement of statements)
      validateText(statement.text, statement.allocation, {
        budgetYear: BUDGET_YEAR,
        decision: statement.decision,
      });
    annexRuns.push(performance.now() - annexStarted);
  }
  annexRuns.sort((left, right) => left - right);
  return {
    statementsPerSecond: Math.round((count / elapsed) * 1_000),
    annexMs: Number((annexRuns[Math.floor(annexRuns.length / 2)] ?? 0).toFixed(3)),
  };
}

/** Loads the parsed proposal texts for `measureValidationThroughput`. */
export async function prepareThroughput(): Promise<void> {
  cachedStatements = await loadRealStatements();
}

async function main(): Promise<void> {
  const result = await runMutationEval();
  console.log("Mutation recall per class (real 2026 proposal statements):");
  for (const [kind, entry] of Object.entries(result.perClass)) {
    console.log(
      `  ${kind.padEnd(12)} ${String(entry.caught).padStart(3)}/${String(entry.total).padEnd(3)} ${Number.isNaN(entry.recall) ? "  n/a" : `${(entry.recall * 100).toFixed(1)} %`}`,
    );
  }
  for (const miss of result.misses)
    console.log(
      `  MISS ${miss.cardId} ${miss.kind} (${miss.note}): ${JSON.stringify(miss.text)} → ${miss.codes.join(", ") || "no error"}`,
    );
  console.log(
    `False alarms: ${result.falseAlarms.alarms}/${result.falseAlarms.statements} statements (${(result.falseAlarms.rate * 100).toFixed(1)} %)`,
  );
  for (const alarm of result.alarmTexts)
    console.log(
      `  ALARM ${alarm.cardId}: ${JSON.stringify(alarm.text)} → ${alarm.codes.join(", ")}`,
    );
  for (const [cardId, known] of Object.entries(KNOWN_SOURCE_ERRORS))
    console.log(
      `Known source error (excluded): ${cardId}: ${known.reason} Reported as ${known.codes.join(", ")}.`,
    );
  await prepareThroughput();
  const throughput = measureValidationThroughput();
  console.log(
    `Throughput: ${throughput.statementsPerSecond.toLocaleString("en")} statements/s on one core; whole 2026 annex (${cachedStatements?.length ?? 0} proposal texts) in ${throughput.annexMs} ms`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
