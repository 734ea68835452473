/**
 * Statements no document holds: a fast-check generator writes proposal statements with random
 * structure (clause order, coordination with "og" / ", og" / ";", parentheses, relative clauses,
 * sentence breaks, units "mio. kr." / "t.kr." / "kr.", basis before or after, price level once or
 * per clause, a period once at the end or per clause, parts "fordelt på") from random allocations.
 * Every mutation class of validation-mutations.ts is applied to each; clean statements must pass.
 * Fixed seeds; each statement goes to dev or test by sha256 of its key, before any tuning.
 */
import fc from "fast-check";
import type { Allocation, AllocationLine, Area } from "../src/domain/index.ts";
import { formatDanishNumber, formatPeriod } from "../src/money/index.ts";
import { validateText } from "../src/validation/validate-text.ts";
import { hashCases, type Split, splitOf } from "./split.ts";
import {
  caught,
  MUTATION_CLASSES,
  type MutationClass,
  mutateStatement,
} from "./validation-mutations.ts";

const BUDGET_YEAR = 2027;
export const GENERATOR_SEEDS = [11, 23, 37, 41, 53];
export const STATEMENTS_PER_SEED = 40;

export type GeneratedStatement = {
  key: string;
  text: string;
  allocation: Allocation;
  shape: string[];
};

type LineShape = {
  area: Area;
  recipient: string | undefined;
  tenths: number;
};

const AREAS: readonly Area[] = ["service", "indsats", "overførsler", "anlæg"];

const shapeArbitrary = fc.record({
  lines: fc.uniqueArray(
    fc.record({
      area: fc.constantFrom(...AREAS),
      recipient: fc.option(fc.constantFrom("BIF", "SOF", "BUF"), { nil: undefined }),
      tenths: fc.integer({ min: 1, max: 150 }),
    }),
    { minLength: 1, maxLength: 3, selector: (line) => line.area },
  ),
  from: fc.constant(BUDGET_YEAR),
  length: fc.integer({ min: 1, max: 4 }),
  unit: fc.constantFrom("mio", "mio-short", "tkr", "kr"),
  basisWord: fc.constantFrom("årligt", "pr. år", "om året", "årligt før"),
  areaWord: fc.constantFrom("på", "til"),
  priceLevel: fc.constantFrom("each", "first", "end", "lead"),
  period: fc.constantFrom("each", "end"),
  join: fc.constantFrom(" og ", ", og ", "; ", ". Derudover foreslås "),
  lead: fc.constantFrom("Der foreslås", "Forvaltningen foreslår", "Det foreslås at afsætte", ""),
  relative: fc.boolean(),
  parenthesis: fc.boolean(),
  order: fc.constantFrom("amount-area-period", "amount-period-area", "area-first"),
});
type Shape = typeof shapeArbitrary extends fc.Arbitrary<infer T> ? T : never;

function writeAmount(kroner: number, unit: Shape["unit"]): string {
  if (unit === "mio") return `${formatDanishNumber(kroner / 1_000_000, 1)} mio. kr.`;
  if (unit === "mio-short") return `${formatDanishNumber(kroner / 1_000_000, 1)} mio.`;
  if (unit === "tkr") return `${formatDanishNumber(kroner / 1_000, 0)} t.kr.`;
  return `${formatDanishNumber(kroner, 0)} kr.`;
}

function write(shape: Shape): { text: string; allocation: Allocation; tags: string[] } {
  const years = Array.from({ length: shape.length }, (_, offset) => shape.from + offset);
  const period = `i ${formatPeriod(years)}`;
  const multi = years.length > 1;
  const lines: AllocationLine[] = shape.lines.map((line: LineShape) => ({
    area: line.area,
    ...(line.recipient === undefined ? {} : { recipient: line.recipient }),
    amounts: Object.fromEntries(years.map((year) => [String(year), line.tenths * 100_000])),
  }));
  const allocation: Allocation = { initiative: "Genereret", priceLevel: 2027, lines };
  const tags = [
    `lines:${lines.length}`,
    `unit:${shape.unit}`,
    `basis:${shape.basisWord}`,
    `pl:${shape.priceLevel}`,
    `period:${shape.period}`,
    `join:${shape.join.trim() || "og"}`,
    `order:${shape.order}`,
  ];
  const clauses = shape.lines.map((line: LineShape, index: number) => {
    const amount = writeAmount(line.tenths * 100_000, shape.unit);
    const basisAfter = multi && shape.basisWord !== "årligt før" ? ` ${shape.basisWord}` : "";
    const basisBefore = multi && shape.basisWord === "årligt før" ? "årligt " : "";
    const priceLevel =
      shape.priceLevel === "each" || (shape.priceLevel === "first" && index === 0)
        ? " (2027 p/l)"
        : "";
    const recipient =
      line.recipient === undefined
        ? ""
        : shape.relative
          ? `, som går til ${line.recipient},`
          : ` til ${line.recipient}`;
    const area = ` ${shape.areaWord} ${line.area}`;
    const ownPeriod = shape.period === "each" ? ` ${period}` : "";
    const money = `${basisBefore}${amount}${basisAfter}${priceLevel}`;
    if (shape.order === "amount-period-area") return `${money}${recipient}${ownPeriod}${area}`;
    if (shape.order === "area-first")
      return `${area.trim().replace(/^til /u, "på ")}${recipient} ${money}${ownPeriod}`;
    return `${money}${recipient}${area}${ownPeriod}`;
  });
  const lead = shape.priceLevel === "lead" ? "I 2027 p/l foreslås" : shape.lead;
  let body = clauses.join(shape.join);
  if (shape.period === "end") body += ` ${period}`;
  if (shape.priceLevel === "end") body += " (2027 p/l)";
  if (shape.parenthesis) body = `(${body})`;
  const text = `${lead === "" ? "" : `${lead} `}${body}.`.replace(/\s+/gu, " ");
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return { text: capitalised, allocation, tags };
}

/** Every generated statement, with fixed seeds. */
export function generateStatements(): GeneratedStatement[] {
  return GENERATOR_SEEDS.flatMap((seed) =>
    fc.sample(shapeArbitrary, { seed, numRuns: STATEMENTS_PER_SEED }).map((shape, index) => {
      const { text, allocation, tags } = write(shape);
      return { key: `gen|${seed}|${index}`, text, allocation, shape: tags };
    }),
  );
}

export type GeneratedEvalResult = {
  split: Split;
  statements: number;
  falseAlarms: Array<{ key: string; text: string; codes: string[] }>;
  perClass: Record<MutationClass, { total: number; caught: number }>;
  misses: Array<{ key: string; kind: MutationClass; text: string; codes: string[] }>;
};

/** Validates every statement of a split clean and mutated. */
export function runGeneratedEval(split: Split): GeneratedEvalResult {
  const statements = generateStatements().filter((statement) => splitOf(statement.key) === split);
  const perClass = Object.fromEntries(
    MUTATION_CLASSES.map((kind) => [kind, { total: 0, caught: 0 }]),
  ) as GeneratedEvalResult["perClass"];
  const falseAlarms: GeneratedEvalResult["falseAlarms"] = [];
  const misses: GeneratedEvalResult["misses"] = [];
  for (const statement of statements) {
    const result = validateText(statement.text, statement.allocation, {
      budgetYear: BUDGET_YEAR,
    });
    const codes = result.issues
      .filter((issue) => issue.severity === "error")
      .map((issue) => issue.code);
    if (codes.length > 0) falseAlarms.push({ key: statement.key, text: statement.text, codes });
    const mutations = mutateStatement({
      cardId: statement.key,
      text: statement.text,
      quote: undefined,
      allocation: statement.allocation,
      decision: "uændret",
    });
    for (const mutation of mutations) {
      const outcome = caught(mutation);
      perClass[mutation.kind].total += 1;
      if (outcome.caught) perClass[mutation.kind].caught += 1;
      else
        misses.push({
          key: statement.key,
          kind: mutation.kind,
          text: mutation.text,
          codes: outcome.codes,
        });
    }
  }
  return { split, statements: statements.length, falseAlarms, perClass, misses };
}

/** sha256 of the test split's generated statements (text and allocation). */
export function generatedTestSetHash(): string {
  return hashCases(
    generateStatements().filter((statement) => splitOf(statement.key) === "test"),
    (statement) => statement.key,
  );
}
