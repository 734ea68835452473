/**
 * The eval against a running service (`npm run eval -- --server URL --token T`): the reviewer
 * questions of retrieval-questions.data.ts sent through the typed client, as the service answers
 * its users — POST /api/search (best passage per card) for hit@1, hit@3 and MRR of the expected
 * cards, and POST /api/ask for the answer's lead citation and its "not in the material" verdicts.
 * It measures the deployed configuration (its embedder, index and model), so its figures are
 * compared with the in-process retrieval suite's, not with thresholds.
 */
import { type ApiClient, expectData } from "../src/client/create-client.ts";
import { RETRIEVAL_QUESTIONS, type RetrievalQuestion } from "./retrieval-questions.data.ts";
import type { CaseResult } from "./suites/types.ts";

export type ServiceEvalResult = {
  server: string;
  health: { version: string; documents: number; chunks: number; embedder: string };
  metrics: Record<string, number>;
  cases: CaseResult[];
  elapsedMs: number;
};

const share = (count: number, total: number) => (total === 0 ? 0 : count / total);

export async function runServiceEval(
  api: ApiClient,
  options: {
    server: string;
    questions?: readonly RetrievalQuestion[];
    log?: (message: string) => void;
  },
): Promise<ServiceEvalResult> {
  const started = performance.now();
  const questions = options.questions ?? RETRIEVAL_QUESTIONS;
  const health = expectData(await api.GET("/api/health"));
  const cases: CaseResult[] = [];
  let answerable = 0;
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  let leadRight = 0;
  let notFoundAnswerable = 0;
  let unanswerable = 0;
  let notFoundUnanswerable = 0;
  for (const [index, item] of questions.entries()) {
    options.log?.(`  [${index + 1}/${questions.length}] ${item.question}`);
    const year = item.year === undefined ? {} : { year: item.year };
    const search = expectData(
      await api.POST("/api/search", { body: { query: item.question, limit: 10, ...year } }),
    );
    const answer = expectData(
      await api.POST("/api/ask", { body: { question: item.question, ...year } }),
    );
    const ids = search.results.map((result) => result.cardId);
    const lead = answer.citations[0]?.cardId;
    if (item.expected.length === 0) {
      unanswerable += 1;
      if (answer.notFound) notFoundUnanswerable += 1;
      cases.push({
        id: `service:${item.question}`,
        ok: answer.notFound,
        summary: `${item.question} → ${answer.notFound ? "not in the material (right)" : `answered from ${lead ?? "?"}`}`,
        details: {
          question: item.question,
          expected: [],
          searched: ids,
          notFound: answer.notFound,
        },
      });
      continue;
    }
    answerable += 1;
    const rank = ids.findIndex((id) => item.expected.includes(id));
    if (rank === 0) hit1 += 1;
    if (rank >= 0 && rank < 3) hit3 += 1;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    const leadOk = lead !== undefined && item.expected.includes(lead);
    if (leadOk) leadRight += 1;
    if (answer.notFound) notFoundAnswerable += 1;
    cases.push({
      id: `service:${item.question}`,
      ok: rank === 0 && leadOk && !answer.notFound,
      summary: `${item.question} → search rank ${rank < 0 ? "none" : rank + 1}, lead ${lead ?? "none"}`,
      details: {
        question: item.question,
        expected: item.expected,
        searched: ids,
        rank: rank < 0 ? null : rank + 1,
        lead: lead ?? null,
        notFound: answer.notFound,
      },
    });
  }
  return {
    server: options.server,
    health,
    metrics: {
      questions: questions.length,
      "search.hitAt1": share(hit1, answerable),
      "search.hitAt3": share(hit3, answerable),
      "search.mrr": share(reciprocal, answerable),
      "ask.leadCitationRight": share(leadRight, answerable),
      "ask.notFoundWhenAnswerable": share(notFoundAnswerable, answerable),
      "ask.notFoundWhenUnanswerable": share(notFoundUnanswerable, unanswerable),
    },
    cases,
    elapsedMs: Math.round(performance.now() - started),
  };
}
