/**
 * Retrieval and answer eval on the reviewer questions of retrieval-questions.data.ts:
 * hit@1, hit@3 and MRR of the expected cards for full-text-only, vector-only and hybrid search
 * (best passage per card, the question read by readQuestion, year filter as the answer uses it),
 * and for each mode how often the answer says "not in the material": the share of unanswerable
 * questions answered so (should be 1) and of answerable ones wrongly answered so (should be 0).
 *
 *   node --import tsx evals/retrieval-questions.ts
 */
import {
  RELEVANCE_THRESHOLD,
  answerQuestion,
  retrieveCards,
} from "../src/answers/answer-question.ts";
import { readQuestion } from "../src/answers/read-question.ts";
import type { CorpusStore } from "../src/ports/corpus-store.ts";
import type { SearchMode } from "../src/ports/corpus-store.ts";
import { createCorpusStore } from "./support/corpus-store.ts";
import { RETRIEVAL_QUESTIONS, type RetrievalQuestion } from "./retrieval-questions.data.ts";

/** "sidste år" in the questions is read relative to this date. */
export const EVAL_NOW = new Date("2027-03-01T12:00:00Z");
export const MODES: readonly SearchMode[] = ["fulltext", "vector", "hybrid"];

export type ModeReport = {
  mode: SearchMode;
  /** Whether the cards were re-ranked by word coverage (what the answer uses) or kept in search order. */
  rerank: boolean;
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  unanswerable: number;
  /** Unanswerable questions answered "not in the material" / all unanswerable. */
  notFoundWhenUnanswerable: number;
  /** Answerable questions wrongly answered "not in the material" / all answerable. */
  notFoundWhenAnswerable: number;
  /** Answerable questions whose answer leads with a card that is not expected. */
  wrongLeadCard: number;
  misses: Array<{
    question: string;
    expected: readonly string[];
    got: string[];
    notFound: boolean;
  }>;
  /** Per question, the best word coverage among the retrieved cards (what the relevance gate compares with its threshold). */
  coverages: Array<{ answerable: boolean; coverage: number }>;
};

export async function evaluateMode(
  store: CorpusStore,
  questions: readonly RetrievalQuestion[],
  mode: SearchMode,
  rerank = true,
): Promise<ModeReport> {
  let hitAt1 = 0;
  let hitAt3 = 0;
  let reciprocal = 0;
  let answerable = 0;
  let unanswerable = 0;
  let notFoundRight = 0;
  let notFoundWrong = 0;
  let wrongLead = 0;
  const misses: ModeReport["misses"] = [];
  const coverages: ModeReport["coverages"] = [];
  for (const item of questions) {
    const read = readQuestion(item.question, { now: () => EVAL_NOW });
    const year = item.year ?? read.year;
    const ranked = await retrieveCards(store, read, {
      mode,
      rerank,
      limit: 10,
      ...(year === undefined ? {} : { year }),
    });
    const ids = ranked.map((card) => card.cardId);
    coverages.push({
      answerable: item.expected.length > 0,
      coverage: Math.max(0, ...ranked.map((card) => card.coverage)),
    });
    const answer = await answerQuestion(item.question, {
      store,
      mode,
      now: () => EVAL_NOW,
      ...(item.year === undefined ? {} : { year: item.year }),
    });
    if (item.expected.length === 0) {
      unanswerable += 1;
      if (answer.notFound) notFoundRight += 1;
      else
        misses.push({
          question: item.question,
          expected: item.expected,
          got: ids.slice(0, 3),
          notFound: answer.notFound,
        });
      continue;
    }
    answerable += 1;
    const rank = ids.findIndex((id) => item.expected.includes(id));
    if (rank === 0) hitAt1 += 1;
    if (rank >= 0 && rank < 3) hitAt3 += 1;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    if (answer.notFound) notFoundWrong += 1;
    const lead = answer.citations[0]?.cardId;
    const leadOk =
      lead !== undefined &&
      (item.expected.includes(lead) ||
        answer.citations.some((citation) => citation.cardId === item.expected[0]));
    if (!answer.notFound && !leadOk) wrongLead += 1;
    if (rank !== 0 || answer.notFound || !leadOk)
      misses.push({
        question: item.question,
        expected: item.expected,
        got: ids.slice(0, 3),
        notFound: answer.notFound,
      });
  }
  return {
    mode,
    rerank,
    answerable,
    hitAt1: hitAt1 / answerable,
    hitAt3: hitAt3 / answerable,
    mrr: reciprocal / answerable,
    unanswerable,
    notFoundWhenUnanswerable: unanswerable === 0 ? 1 : notFoundRight / unanswerable,
    notFoundWhenAnswerable: notFoundWrong / answerable,
    wrongLeadCard: wrongLead,
    misses,
    coverages,
  };
}

/** Runs the eval on a fresh store with the bundled corpus; returns one report per mode. */
export async function runRetrievalEval(
  questions: readonly RetrievalQuestion[] = RETRIEVAL_QUESTIONS,
): Promise<ModeReport[]> {
  const temp = await createCorpusStore();
  try {
    const reports: ModeReport[] = [];
    for (const rerank of [false, true])
      for (const mode of MODES)
        reports.push(await evaluateMode(temp.store, questions, mode, rerank));
    return reports;
  } finally {
    await temp.dispose();
  }
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

export function formatReports(reports: readonly ModeReport[]): string {
  const first = reports[0];
  const lines = [
    `Reviewer questions: ${first?.answerable ?? 0} answerable, ${first?.unanswerable ?? 0} not in the material`,
    "",
    "The answer always re-ranks; the not-found columns are the answer's, per search mode.",
    "",
    "| mode | order | hit@1 | hit@3 | MRR | unanswerable → not found | answerable → wrongly not found | answer leads with a wrong card |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...reports.map(
      (report) =>
        `| ${report.mode} | ${report.rerank ? "re-ranked" : "search order"} | ${percent(report.hitAt1)} | ${percent(report.hitAt3)} | ${report.mrr.toFixed(3)} | ${percent(report.notFoundWhenUnanswerable)} | ${percent(report.notFoundWhenAnswerable)} | ${report.wrongLeadCard} |`,
    ),
  ];
  const hybrid = reports.find((report) => report.mode === "hybrid" && report.rerank);
  if (hybrid !== undefined) {
    lines.push(
      "",
      `Relevance gate (hybrid): share answered "not in the material" per threshold (in use: ${RELEVANCE_THRESHOLD})`,
      "",
      "| threshold | unanswerable → not found | answerable → wrongly not found |",
      "| --- | --- | --- |",
    );
    const unanswerable = hybrid.coverages.filter((entry) => !entry.answerable);
    const answerable = hybrid.coverages.filter((entry) => entry.answerable);
    for (const threshold of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7]) {
      const share = (entries: typeof unanswerable) =>
        entries.filter((entry) => entry.coverage < threshold).length / Math.max(1, entries.length);
      lines.push(
        `| ${threshold.toFixed(1)} | ${percent(share(unanswerable))} | ${percent(share(answerable))} |`,
      );
    }
    lines.push(
      "",
      `Highest coverage of an unanswerable question: ${Math.max(...unanswerable.map((entry) => entry.coverage)).toFixed(2)}`,
    );
  }
  for (const report of reports) {
    if (report.misses.length === 0) continue;
    lines.push("", `${report.mode}, ${report.rerank ? "re-ranked" : "search order"}: misses`);
    for (const miss of report.misses)
      lines.push(
        `  - ${miss.question} → expected ${miss.expected.join(" / ") || "not found"}, got ${miss.got.join(", ")}${miss.notFound ? " (answered: not in the material)" : ""}`,
      );
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const reports = await runRetrievalEval();
  console.log(formatReports(reports));
}
