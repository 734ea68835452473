/**
 * The answer eval on the generated question set (see generate.ts): for each search mode, the
 * answers' cited cards and text against the expected cards and values.
 *
 * - hit@1 / hit@3: the expected card is the first / among the first three distinct cited cards
 * - fact accuracy: the answer contains one of the expected values (answerable questions with values)
 * - history coverage: a year-less question about a recurring grant cites every year's card
 * - not-found honesty: a question the material does not answer is answered "not in the material"
 * - invented answers: unanswerable questions answered with citations (must be 0)
 *
 *   node --import tsx evals/answer-questions/evaluate.ts            test split (the headline)
 *   node --import tsx evals/answer-questions/evaluate.ts --dev      dev split (the one to tune on)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { answerQuestion } from "../../src/answers/answer-question.ts";
import type { CorpusStore } from "../../src/ports/corpus-store.ts";
import type { SearchMode } from "../../src/ports/corpus-store.ts";
import { createCorpusStore } from "../support/corpus-store.ts";
import { canonical, sha256 } from "./generate.ts";
import type { AnswerCase } from "./types.ts";

/** "sidste år" in the questions is read relative to this date. */
export const ANSWER_EVAL_NOW = new Date("2027-03-01T12:00:00Z");
export const ANSWER_MODES: readonly SearchMode[] = ["fulltext", "vector", "hybrid"];

const FOLDER = import.meta.dirname;

export type Split = "dev" | "test";

/** The questions of a split; the test split is checked against the hash recorded when it was made. */
export function loadSplit(split: Split): AnswerCase[] {
  const cases = JSON.parse(
    readFileSync(path.join(FOLDER, `${split}.json`), "utf8"),
  ) as AnswerCase[];
  if (split === "test") {
    const recorded = (
      JSON.parse(readFileSync(path.join(FOLDER, "split.json"), "utf8")) as { testSha256: string }
    ).testSha256;
    const actual = sha256(canonical(cases));
    if (actual !== recorded)
      throw new Error(
        `evals/answer-questions/test.json has changed since the split (sha256 ${actual}, recorded ${recorded}); the test set must not be edited.`,
      );
  }
  return cases;
}

export function testSetHash(): string {
  return sha256(canonical(loadSplit("test")));
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether the answer states the value: as written, whitespace aside, not inside a longer number. */
export function containsValue(answer: string, value: string): boolean {
  const pattern = new RegExp(`(?<![\\d,.])${escapeRegExp(collapse(value))}(?![\\d]|,\\d)`, "u");
  return pattern.test(collapse(answer));
}

export type CaseOutcome = {
  id: string;
  kind: AnswerCase["kind"];
  question: string;
  expectedCards: string[];
  cited: string[];
  notFound: boolean;
  hitAt1: boolean;
  hitAt3: boolean;
  /** undefined when the case has no expected value. */
  fact?: boolean;
  /** undefined unless a history case. */
  history?: boolean;
  answer: string;
};

export type AnswerModeReport = {
  mode: SearchMode;
  answerable: number;
  unanswerable: number;
  hitAt1: number;
  hitAt3: number;
  factAccuracy: number;
  factCases: number;
  historyCoverage: number;
  historyCases: number;
  notFoundHonesty: number;
  /** Unanswerable questions answered with citations. */
  invented: number;
  /** Answerable questions answered "not in the material". */
  answerableNotFound: number;
  /** Fact accuracy per asked kind. */
  factByKind: Record<string, { cases: number; accuracy: number }>;
  p95Ms: number;
  outcomes: CaseOutcome[];
};

export async function evaluateAnswers(
  store: CorpusStore,
  cases: readonly AnswerCase[],
  mode: SearchMode,
): Promise<AnswerModeReport> {
  const outcomes: CaseOutcome[] = [];
  const times: number[] = [];
  for (const item of cases) {
    const started = performance.now();
    let answer: Awaited<ReturnType<typeof answerQuestion>>;
    try {
      answer = await answerQuestion(item.question, {
        store,
        mode,
        now: () => ANSWER_EVAL_NOW,
      });
    } catch {
      /* Input the answer refuses (a 400 on the route) is an honest "no answer". */
      answer = { answer: "", citations: [], notFound: true, warnings: [] };
    }
    times.push(performance.now() - started);
    const cited = [...new Set(answer.citations.map((citation) => citation.cardId))];
    const expected = item.expectedCards;
    const outcome: CaseOutcome = {
      id: item.id,
      kind: item.kind,
      question: item.question,
      expectedCards: expected,
      cited,
      notFound: answer.notFound,
      hitAt1: cited[0] !== undefined && expected.includes(cited[0]),
      hitAt3: cited.slice(0, 3).some((card) => expected.includes(card)),
      answer: answer.answer,
    };
    if (item.expectedValues.length > 0)
      outcome.fact =
        !answer.notFound &&
        item.expectedValues.some((value) => containsValue(answer.answer, value));
    if (item.history !== undefined)
      outcome.history = item.history.every((card) => cited.includes(card));
    outcomes.push(outcome);
  }
  const answerable = outcomes.filter((outcome) => outcome.expectedCards.length > 0);
  const unanswerable = outcomes.filter((outcome) => outcome.expectedCards.length === 0);
  const facts = answerable.filter((outcome) => outcome.fact !== undefined);
  const histories = answerable.filter((outcome) => outcome.history !== undefined);
  const share = (count: number, total: number) => (total === 0 ? 1 : count / total);
  const factByKind: AnswerModeReport["factByKind"] = {};
  for (const kind of new Set(facts.map((outcome) => outcome.kind))) {
    const ofKind = facts.filter((outcome) => outcome.kind === kind);
    factByKind[kind] = {
      cases: ofKind.length,
      accuracy: share(ofKind.filter((outcome) => outcome.fact).length, ofKind.length),
    };
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    mode,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    hitAt1: share(answerable.filter((outcome) => outcome.hitAt1).length, answerable.length),
    hitAt3: share(answerable.filter((outcome) => outcome.hitAt3).length, answerable.length),
    factAccuracy: share(facts.filter((outcome) => outcome.fact).length, facts.length),
    factCases: facts.length,
    historyCoverage: share(histories.filter((outcome) => outcome.history).length, histories.length),
    historyCases: histories.length,
    notFoundHonesty: share(
      unanswerable.filter((outcome) => outcome.notFound).length,
      unanswerable.length,
    ),
    invented: unanswerable.filter((outcome) => outcome.cited.length > 0).length,
    answerableNotFound: answerable.filter((outcome) => outcome.notFound).length,
    factByKind,
    p95Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0,
    outcomes,
  };
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

export function formatAnswerReports(split: Split, reports: readonly AnswerModeReport[]): string {
  const first = reports[0];
  const lines = [
    `Answer eval, ${split} split: ${first?.answerable ?? 0} answerable (${first?.factCases ?? 0} with an expected value, ${first?.historyCases ?? 0} year-less history), ${first?.unanswerable ?? 0} not in the material${split === "test" ? `; test set sha256 ${testSetHash()}` : ""}`,
    "",
    "| mode | hit@1 | hit@3 | fact accuracy | history coverage | not-found honesty | invented | answerable → not found |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...reports.map(
      (report) =>
        `| ${report.mode} | ${percent(report.hitAt1)} | ${percent(report.hitAt3)} | ${percent(report.factAccuracy)} | ${percent(report.historyCoverage)} | ${percent(report.notFoundHonesty)} | ${report.invented} | ${report.answerableNotFound} |`,
    ),
  ];
  const hybrid = reports.find((report) => report.mode === "hybrid");
  if (hybrid !== undefined) {
    lines.push("", "Fact accuracy per kind (hybrid):", "");
    for (const [kind, entry] of Object.entries(hybrid.factByKind))
      lines.push(`- ${kind}: ${percent(entry.accuracy)} of ${entry.cases}`);
  }
  return lines.join("\n");
}

function formatMisses(report: AnswerModeReport): string {
  return report.outcomes
    .filter(
      (outcome) =>
        (outcome.expectedCards.length > 0 && !outcome.hitAt1) ||
        outcome.fact === false ||
        outcome.history === false ||
        (outcome.expectedCards.length === 0 && !outcome.notFound),
    )
    .map(
      (outcome) =>
        `- [${outcome.kind}] ${outcome.question}\n    expected ${outcome.expectedCards.join(", ") || "not found"}; cited ${outcome.cited.slice(0, 4).join(", ") || "nothing"}${outcome.fact === false ? "; value missing" : ""}${outcome.history === false ? "; years missing" : ""}\n    ${outcome.answer.slice(0, 300).replace(/\n/g, " ")}`,
    )
    .join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { dev: { type: "boolean" }, misses: { type: "boolean" } },
  });
  const split: Split = values.dev === true ? "dev" : "test";
  const cases = loadSplit(split);
  const temp = await createCorpusStore();
  try {
    const reports: AnswerModeReport[] = [];
    for (const mode of ANSWER_MODES) reports.push(await evaluateAnswers(temp.store, cases, mode));
    console.log(formatAnswerReports(split, reports));
    const hybrid = reports.find((report) => report.mode === "hybrid");
    if (values.misses === true && hybrid !== undefined)
      console.log(`\nMisses (hybrid):\n${formatMisses(hybrid)}`);
  } finally {
    await temp.dispose();
  }
}
