/**
 * drafting: fidelity of drafted assessments over every allocation file, with
 *
 * - the offline writer;
 * - a simulated faulty model: the fake OpenAI-compatible server behind createLangChainLanguageModel +
 *   createModelWriter (the production path: prompts, structured output, repair loop). Its prose is
 *   the offline prose plus the economy restated in words, with realistic figure errors injected
 *   into each money figure at `--error-rate` (amount off by 0,1-1,0 mio. kr., wrong year, wrong
 *   area, per year ↔ total). On a repair call it writes again with fresh errors at half the rate;
 * - a real model when CHAT_MODEL and OPENAI_API_KEY or OPENAI_BASE_URL are set (tokens from the
 *   usage the server reports, cost from EVAL_PRICE_INPUT / EVAL_PRICE_OUTPUT per 1k tokens).
 *
 * Every money figure in the final draft is checked by an oracle of its own (not the validator):
 * its amount must equal an amount of the data (per year or over its years, per line or for the
 * whole statement), its years must be years of that line, its area, recipient and price level
 * those of the data when written. Metrics: figure precision (supported / all money figures),
 * recall (allocation lines a supported figure mentions / lines), unflagged wrong figures
 * (unsupported and no validator issue over them: must be 0), attempts used.
 */
import path from "node:path";
import { loadDanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import {
  type Allocation,
  type Draft,
  type DraftDecision,
  type ModelCallTrace,
  summarizeModelCalls,
} from "../../src/domain/index.ts";
import { learnDecisionPhrasing } from "../../src/drafting/decision-phrasing.ts";
import { draftAssessment, NO_MONEY_SENTENCE } from "../../src/drafting/draft-assessment.ts";
import { createModelWriter } from "../../src/drafting/model-writer.ts";
import { createOfflineWriter } from "../../src/drafting/offline-writer.ts";
import { createLangChainLanguageModel } from "../../src/model/langchain-language-model.ts";
import type { AssessmentWriter } from "../../src/drafting/ports.ts";
import type { LanguageModel } from "../../src/ports/language-model.ts";
import {
  extractFigures,
  formatAllocation,
  formatDanishAmount,
  lineYears,
  type TextFigure,
} from "../../src/money/index.ts";
import { readAllocationFiles } from "../../src/runtime/node/allocation-files.ts";
import { loadPromptLibrary } from "../../src/runtime/node/prompt-files.ts";
import { createMemoryAllocationSource } from "../../src/validation/allocation-source.ts";
import type { AllocationEntry } from "../../src/ports/allocation-store.ts";
import { startFakeOpenAI } from "../support/fake-openai-server.ts";
import {
  type ComparisonCase,
  compareWithDepartment,
  meanOf,
  SEEN_WHILE_TUNING,
  sumOf,
  testSetHash,
} from "../assessment-comparison.ts";
import { percentile } from "../stats.ts";
import type { CaseResult, Chart, Suite, SuiteContext } from "./types.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const UNIT_STEP: Record<string, number> = {
  "kr.": 1,
  "1.000 kr.": 1_000,
  "mio. kr.": 1_000_000,
  "mia. kr.": 1_000_000_000,
};
const AREAS = ["service", "indsats", "overførsler"] as const;

/** A small seeded generator (mulberry32), so a run can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function hashString(text: string): number {
  let hash = 2_166_136_261;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16_777_619);
  return hash >>> 0;
}

export type Support = { lines: number[]; whole: boolean };

/** Which allocation lines (or the whole statement) a money figure agrees with; empty when none. */
export function supportOf(figure: TextFigure, allocation: Allocation | undefined): Support {
  const none = { lines: [], whole: false };
  if (allocation === undefined || figure.amount === undefined) return none;
  if (
    figure.priceLevel !== undefined &&
    allocation.priceLevel !== undefined &&
    figure.priceLevel !== allocation.priceLevel
  )
    return none;
  const step = (UNIT_STEP[figure.unit ?? "kr."] ?? 1) / 10 ** (figure.decimals ?? 0);
  const tolerance = step / 2 + 0.5;
  const agrees = (value: number) =>
    value >= (figure.amount?.min ?? 0) - tolerance &&
    value <= (figure.amount?.max ?? 0) + tolerance;
  const readings = (perYear: Map<number, number>): boolean => {
    const years = figure.years.length > 0 ? figure.years : [...perYear.keys()];
    if (years.length === 0 || years.some((year) => !perYear.has(year))) return false;
    const values = years.map((year) => perYear.get(year) ?? 0);
    const perYearOk = values.every((value) => agrees(value));
    const totalOk = agrees(values.reduce((sum, value) => sum + value, 0));
    if (figure.basis === "per_year") return perYearOk;
    if (figure.basis === "total") return totalOk;
    return perYearOk || totalOk;
  };
  const lines: number[] = [];
  allocation.lines.forEach((line, index) => {
    if (figure.area !== undefined && figure.area !== line.area) return;
    if (
      figure.recipient !== undefined &&
      line.recipient !== undefined &&
      figure.recipient !== line.recipient
    )
      return;
    if (readings(new Map(lineYears(line).map(({ year, amount }) => [year, amount]))))
      lines.push(index);
  });
  let whole = false;
  if (
    lines.length === 0 &&
    figure.area === undefined &&
    figure.recipient === undefined &&
    allocation.lines.length > 1
  ) {
    const sums = new Map<number, number>();
    for (const line of allocation.lines)
      for (const { year, amount } of lineYears(line))
        sums.set(year, (sums.get(year) ?? 0) + amount);
    whole = readings(sums);
  }
  return { lines, whole };
}

export type Injection = {
  attempt: number;
  kind: "amount" | "year" | "area" | "basis";
  before: string;
  after: string;
};

/** Realistic figure errors in a sentence, each money figure hit with probability `rate`. */
export function injectErrors(
  sentence: string,
  rate: number,
  random: () => number,
  attempt: number,
): { text: string; injections: Injection[] } {
  const money = extractFigures(sentence).filter((figure) => figure.kind === "money");
  const edits: Array<{ start: number; end: number; replacement: string; injection: Injection }> =
    [];
  money.forEach((figure, index) => {
    if (random() >= rate || figure.amount === undefined) return;
    const clauseEnd = money[index + 1]?.start ?? sentence.length;
    const clause = sentence.slice(figure.start, clauseEnd);
    const options: Array<() => (typeof edits)[number] | undefined> = [
      () => {
        const steps = 1 + Math.floor(random() * 10);
        const sign = random() < 0.5 && (figure.amount?.min ?? 0) > steps * 100_000 ? -1 : 1;
        const after = formatDanishAmount((figure.amount?.min ?? 0) + sign * steps * 100_000, {
          unit: "mio. kr.",
          decimals: 1,
        });
        return {
          start: figure.start,
          end: figure.end,
          replacement: after,
          injection: { attempt, kind: "amount", before: figure.text, after },
        };
      },
      () => {
        const match = /(?<![\d(])(20\d\d)(?:(\s*-\s*)(20\d\d))?(?!\s*p\/)/u.exec(clause);
        if (match === null) return undefined;
        const shift = random() < 0.5 ? 1 : -1;
        const after =
          match[3] === undefined
            ? String(Number(match[1]) + shift)
            : `${Number(match[1]) + shift}${match[2] ?? "-"}${Number(match[3]) + shift}`;
        const start = figure.start + match.index;
        return {
          start,
          end: start + match[0].length,
          replacement: after,
          injection: { attempt, kind: "year", before: match[0], after },
        };
      },
      () => {
        const match = /på (service|indsats|overførsler|anlæg)/u.exec(clause);
        if (match === null) return undefined;
        const others = AREAS.filter((area) => area !== match[1]);
        const after = `på ${others[Math.floor(random() * others.length)] ?? "service"}`;
        const start = figure.start + match.index;
        return {
          start,
          end: start + match[0].length,
          replacement: after,
          injection: { attempt, kind: "area", before: match[0], after },
        };
      },
      () => {
        if (figure.years.length < 2) return undefined;
        const match = /årligt|i alt/u.exec(clause);
        if (match === null) return undefined;
        const after = match[0] === "årligt" ? "i alt" : "årligt";
        const start = figure.start + match.index;
        return {
          start,
          end: start + match[0].length,
          replacement: after,
          injection: { attempt, kind: "basis", before: match[0], after },
        };
      },
    ];
    const order = [...options.keys()].sort(() => random() - 0.5);
    for (const choice of order) {
      const edit = options[choice]?.();
      if (edit !== undefined) {
        edits.push(edit);
        break;
      }
    }
  });
  let text = sentence;
  for (const edit of [...edits].sort((left, right) => right.start - left.start))
    text = `${text.slice(0, edit.start)}${edit.replacement}${text.slice(edit.end)}`;
  return { text, injections: edits.map((edit) => edit.injection) };
}

type CaseRecord = {
  cardId: string;
  decision: DraftDecision;
  status: Draft["status"];
  attempts: number;
  figures: Array<{
    text: string;
    inProse: boolean;
    supported: boolean;
    lines: number[];
    flagged: boolean;
  }>;
  lines: number;
  linesMentioned: number;
  issues: Array<{ code: string; severity: string; found?: string }>;
  injections?: Injection[];
  injectedLeftInCleanDraft?: number;
  latencyMs: number;
  usage?: { inputTokens: number; outputTokens: number; calls: number };
  error?: string;
};

/** Figures of a final draft against the oracle and the validator's issues. */
function judge(
  draft: Draft,
  allocation: Allocation | undefined,
): Pick<CaseRecord, "figures" | "lines" | "linesMentioned"> {
  const proseEnd = (draft.sections[0]?.start ?? 0) + (draft.sections[0]?.text.length ?? 0);
  const mentioned = new Set<number>();
  const figures = extractFigures(draft.text)
    .filter((figure) => figure.kind === "money")
    .map((figure) => {
      const support = supportOf(figure, allocation);
      for (const line of support.lines) mentioned.add(line);
      const flagged = draft.validation.issues.some(
        (issue) =>
          issue.severity !== "info" && issue.start < figure.end && issue.end > figure.start,
      );
      return {
        text: figure.text,
        inProse: figure.start < proseEnd,
        supported: support.lines.length > 0 || support.whole,
        lines: support.lines,
        flagged,
      };
    });
  const lines =
    allocation?.lines.filter((line) => lineYears(line).some(({ amount }) => amount !== 0)).length ??
    0;
  return { figures, lines, linesMentioned: mentioned.size };
}

function metered(model: LanguageModel) {
  const usage = { inputTokens: 0, outputTokens: 0, calls: 0, latencyMs: 0 };
  const wrapped: LanguageModel = {
    provider: model.provider,
    modelId: model.modelId,
    async generateObject(request) {
      const result = await model.generateObject(request);
      usage.calls += 1;
      usage.inputTokens += result.usage?.inputTokens ?? 0;
      usage.outputTokens += result.usage?.outputTokens ?? 0;
      usage.latencyMs += result.latencyMs;
      return result;
    },
    streamText: (request) => model.streamText(request),
  };
  return {
    model: wrapped,
    usage,
    reset: () => Object.assign(usage, { inputTokens: 0, outputTokens: 0, calls: 0, latencyMs: 0 }),
  };
}

/** The model call traces of a mode as metrics: calls, failures, retries, latency p50/p95 and total, tokens. */
function recordTraces(
  metrics: Record<string, number>,
  mode: string,
  traces: readonly ModelCallTrace[],
): void {
  const summary = summarizeModelCalls(traces);
  const latencies = traces.map((trace) => trace.latencyMs);
  metrics[`${mode}.trace.calls`] = summary.calls;
  metrics[`${mode}.trace.failed`] = summary.failed;
  metrics[`${mode}.trace.retries`] = summary.retries;
  metrics[`${mode}.trace.latencyMsTotal`] = summary.latencyMs;
  metrics[`${mode}.trace.latencyMsP50`] = latencies.length === 0 ? 0 : percentile(latencies, 0.5);
  metrics[`${mode}.trace.latencyMsP95`] = latencies.length === 0 ? 0 : percentile(latencies, 0.95);
  metrics[`${mode}.trace.inputTokens`] = summary.inputTokens;
  metrics[`${mode}.trace.outputTokens`] = summary.outputTokens;
}

export const draftingSuite: Suite = {
  name: "drafting",
  description:
    "Drafted assessments for every allocation file: figure precision, line recall, unflagged wrong figures, attempts (offline writer, a simulated faulty model, a real model when configured).",
  async run(context: SuiteContext) {
    const store = await context.corpusStore();
    const entries: AllocationEntry[] = await readAllocationFiles(
      path.join(ROOT, "corpus/allocations"),
    );
    const allocations = createMemoryAllocationSource(entries);
    const phrasing = learnDecisionPhrasing(await store.allDocuments());
    const offline = createOfflineWriter(phrasing, { lexicon: await loadDanishLexicon() });
    const prompts = await loadPromptLibrary(path.join(ROOT, "prompts"));
    const now = () => new Date("2026-03-01T09:00:00Z");
    const metrics: Record<string, number> = {};
    const cases: CaseResult[] = [];
    const charts: Chart[] = [];
    const notes: string[] = [];

    await compareAssessments(context, { store, allocations, offline, metrics, cases, notes });

    const decisions = new Map<string, DraftDecision>();
    for (const { id } of entries) {
      const stored = await store.getCard(id);
      if (stored === undefined) throw new Error(`no card ${id}`);
      decisions.set(id, stored.card.decision === "ukendt" ? "uændret" : stored.card.decision);
    }

    const runMode = async (
      mode: string,
      writer: AssessmentWriter,
      perCase?: { before?: (entry: AllocationEntry) => void; after?: (record: CaseRecord) => void },
    ) => {
      const records: CaseRecord[] = [];
      for (const entry of entries) {
        const decision = decisions.get(entry.id) ?? "uændret";
        perCase?.before?.(entry);
        const started = performance.now();
        let record: CaseRecord;
        try {
          const draft = await draftAssessment(
            { initiativeId: entry.id, decision },
            { store, allocations, writer, now, newId: () => `eval-${entry.id}` },
          );
          record = {
            cardId: entry.id,
            decision,
            status: draft.status,
            attempts: draft.attempts,
            ...judge(draft, draft.allocation),
            issues: draft.validation.issues.map((issue) => ({
              code: issue.code,
              severity: issue.severity,
              ...(issue.found === undefined ? {} : { found: issue.found }),
            })),
            latencyMs: performance.now() - started,
          };
          if (mode === "offline")
            offlineProse.set(entry.id, {
              prose: draft.sections[0]?.text ?? "",
              economy: draft.sections[1]?.text ?? "",
            });
        } catch (error) {
          record = {
            cardId: entry.id,
            decision,
            status: "flagged",
            attempts: 0,
            figures: [],
            lines: 0,
            linesMentioned: 0,
            issues: [],
            latencyMs: performance.now() - started,
            error: error instanceof Error ? error.message : String(error),
          };
        }
        perCase?.after?.(record);
        records.push(record);
      }
      const all = records.flatMap((record) => record.figures);
      const prose = all.filter((figure) => figure.inProse);
      const unflagged = all.filter((figure) => !figure.supported && !figure.flagged).length;
      const totalLines = records.reduce((sum, record) => sum + record.lines, 0);
      metrics[`${mode}.cases`] = records.length;
      metrics[`${mode}.figurePrecision`] =
        all.length === 0 ? 1 : all.filter((figure) => figure.supported).length / all.length;
      metrics[`${mode}.proseFigures`] = prose.length;
      metrics[`${mode}.proseFigurePrecision`] =
        prose.length === 0 ? 1 : prose.filter((figure) => figure.supported).length / prose.length;
      metrics[`${mode}.lineRecall`] =
        totalLines === 0
          ? 1
          : records.reduce((sum, record) => sum + record.linesMentioned, 0) / totalLines;
      metrics[`${mode}.unflaggedWrongFigures`] = unflagged;
      metrics[`${mode}.meanAttempts`] =
        records.reduce((sum, record) => sum + record.attempts, 0) / Math.max(1, records.length);
      metrics[`${mode}.maxAttempts`] = Math.max(0, ...records.map((record) => record.attempts));
      metrics[`${mode}.cleanShare`] =
        records.filter((record) => record.status === "clean").length / Math.max(1, records.length);
      metrics[`${mode}.errors`] = records.filter((record) => record.error !== undefined).length;
      metrics[`${mode}.latencyP50Ms`] = percentile(
        records.map((record) => record.latencyMs),
        0.5,
      );
      for (const record of records) {
        const wrong = record.figures.filter((figure) => !figure.supported);
        const ok = record.error === undefined && wrong.every((figure) => figure.flagged);
        cases.push({
          id: `${mode}:${record.cardId}`,
          ok,
          summary: `${mode} ${record.cardId}: ${record.status}, ${record.attempts} attempt(s), ${record.figures.length - wrong.length}/${record.figures.length} figures supported, ${record.linesMentioned}/${record.lines} lines${wrong.some((figure) => !figure.flagged) ? ", UNFLAGGED WRONG FIGURE" : ""}${record.error === undefined ? "" : `, error: ${record.error}`}`,
          details: { ...record },
        });
      }
      charts.push({
        kind: "bar",
        id: `fidelity-${mode}`,
        title: `Fidelity per card, ${mode}: figure precision (money figures supported by the data)`,
        unit: "share",
        bars: records.map((record) => ({
          label: `${record.cardId.replace("bilag-", "")}${record.status === "flagged" ? " ⚑" : ""}`,
          value:
            record.figures.length === 0
              ? 1
              : record.figures.filter((figure) => figure.supported).length / record.figures.length,
        })),
      });
      return records;
    };

    const offlineProse = new Map<string, { prose: string; economy: string }>();
    context.log("  drafting: offline writer");
    await runMode("offline", offline);

    // The simulated faulty model behind the real OpenAI-compatible client.
    let current: { entry: AllocationEntry; injections: Injection[]; last: Injection[] } | undefined;
    const fake = await startFakeOpenAI({
      chat: (body) => {
        const messages = (body.messages as Array<{ role: string }> | undefined) ?? [];
        const attempt = 1 + messages.filter((message) => message.role === "assistant").length;
        const state = current;
        if (state === undefined)
          return JSON.stringify({ indholdIJusteretIndsats: "Indsatsen videreføres." });
        const base = offlineProse.get(state.entry.id) ?? {
          prose: "Indsatsen videreføres.",
          economy: NO_MONEY_SENTENCE,
        };
        const random = seededRandom(hashString(`${context.seed}:${state.entry.id}:${attempt}`));
        let prose = base.prose;
        state.last = [];
        if (base.economy !== NO_MONEY_SENTENCE) {
          const restated = formatAllocation(state.entry.allocation, "Forvaltningen foreslår");
          const injected = injectErrors(
            restated,
            attempt === 1 ? context.errorRate : context.errorRate / 2,
            random,
            attempt,
          );
          state.injections.push(...injected.injections);
          state.last = injected.injections;
          prose = `${base.prose}\n\n${injected.text}`.trim();
        }
        return JSON.stringify({ indholdIJusteretIndsats: prose });
      },
    });
    const faultyTraces: ModelCallTrace[] = [];
    try {
      const faultyModel = metered(
        createLangChainLanguageModel({
          baseURL: fake.baseURL,
          apiKey: "fake",
          model: "simulated-faulty",
          maxRetries: 0,
          timeoutMs: 10_000,
          onTrace: (trace) => faultyTraces.push(trace),
        }),
      );
      context.log(`  drafting: simulated faulty model (error rate ${context.errorRate})`);
      const records = await runMode("faulty", createModelWriter(faultyModel.model, prompts), {
        before: (entry) => {
          current = { entry, injections: [], last: [] };
        },
        after: (record) => {
          record.injections = current?.injections ?? [];
          record.injectedLeftInCleanDraft =
            record.status === "clean" ? (current?.last.length ?? 0) : 0;
        },
      });
      const injected = records.flatMap((record) => record.injections ?? []);
      metrics["faulty.errorRate"] = context.errorRate;
      metrics["faulty.injectedErrors"] = injected.length;
      for (const kind of ["amount", "year", "area", "basis"] as const)
        metrics[`faulty.injected.${kind}`] = injected.filter(
          (injection) => injection.kind === kind,
        ).length;
      metrics["faulty.injectedLeftInCleanDraft"] = records.reduce(
        (sum, record) => sum + (record.injectedLeftInCleanDraft ?? 0),
        0,
      );
      metrics["faulty.modelCalls"] = faultyModel.usage.calls;
      recordTraces(metrics, "faulty", faultyTraces);
    } finally {
      await fake.close();
    }

    // A real model when one is configured.
    const env = context.env;
    if (
      env.CHAT_MODEL !== undefined &&
      (env.OPENAI_API_KEY !== undefined || env.OPENAI_BASE_URL !== undefined)
    ) {
      const real = metered(
        createLangChainLanguageModel({
          apiKey: env.OPENAI_API_KEY ?? "not-needed",
          model: env.CHAT_MODEL,
          timeoutMs: Number(env.MODEL_TIMEOUT_MS ?? 60_000),
          ...(env.OPENAI_BASE_URL === undefined ? {} : { baseURL: env.OPENAI_BASE_URL }),
          onTrace: (trace) => realTraces.push(trace),
        }),
      );
      const realTraces: ModelCallTrace[] = [];
      context.log(`  drafting: real model ${env.CHAT_MODEL}`);
      let before = { inputTokens: 0, outputTokens: 0, calls: 0 };
      const records = await runMode("model", createModelWriter(real.model, prompts), {
        before: () => {
          before = {
            inputTokens: real.usage.inputTokens,
            outputTokens: real.usage.outputTokens,
            calls: real.usage.calls,
          };
        },
        after: (record) => {
          record.usage = {
            inputTokens: real.usage.inputTokens - before.inputTokens,
            outputTokens: real.usage.outputTokens - before.outputTokens,
            calls: real.usage.calls - before.calls,
          };
        },
      });
      metrics["model.inputTokens"] = real.usage.inputTokens;
      metrics["model.outputTokens"] = real.usage.outputTokens;
      metrics["model.calls"] = real.usage.calls;
      recordTraces(metrics, "model", realTraces);
      metrics["model.latencyP50Ms"] = percentile(
        records.map((record) => record.latencyMs),
        0.5,
      );
      const priceIn = env.EVAL_PRICE_INPUT === undefined ? undefined : Number(env.EVAL_PRICE_INPUT);
      const priceOut =
        env.EVAL_PRICE_OUTPUT === undefined ? undefined : Number(env.EVAL_PRICE_OUTPUT);
      if (priceIn !== undefined && priceOut !== undefined) {
        metrics["model.cost"] =
          (real.usage.inputTokens / 1000) * priceIn + (real.usage.outputTokens / 1000) * priceOut;
        metrics["model.costPerCase"] = metrics["model.cost"] / Math.max(1, records.length);
      } else
        notes.push(
          "Real model: set EVAL_PRICE_INPUT and EVAL_PRICE_OUTPUT (price per 1k tokens) to get the cost.",
        );
      notes.push(
        `Real model ${env.CHAT_MODEL}${env.OPENAI_BASE_URL === undefined ? "" : ` at ${env.OPENAI_BASE_URL}`}: ${real.usage.calls} calls, ${real.usage.inputTokens} input and ${real.usage.outputTokens} output tokens.`,
      );
    } else
      notes.push(
        'No real model: set CHAT_MODEL and OPENAI_API_KEY or OPENAI_BASE_URL to add one (mode "model").',
      );
    notes.push(
      `${entries.length} allocation files; the economy section is rendered from data, so the prose is where a writer can get a figure wrong (proseFigurePrecision). The faulty model restates the economy in its prose and gets each money figure wrong with probability ${context.errorRate} (half that on repair calls); seed ${context.seed}.`,
    );
    return { metrics, cases, charts, notes };
  },
};

/**
 * A simulated model for the comparison: the offline prose plus one sentence of the kind a model
 * adds without a source. It measures that the pipeline lists such a sentence as unsourced; it is
 * not a measure of a real model's writing.
 */
function simulatedModel(offline: AssessmentWriter): AssessmentWriter {
  return {
    id: "simulated:paraphrase",
    prompt: { id: "simulated-assessment", version: "1" },
    async write(context, repair) {
      const written = await offline.write(context, repair);
      if (repair !== undefined) return written;
      return {
        indholdIJusteretIndsats: `${written.indholdIJusteretIndsats}\n\nIndsatsen bidrager til en stærkere sammenhæng i borgerens vej mod selvforsørgelse.`,
      };
    },
  };
}

async function compareAssessments(
  context: SuiteContext,
  run: {
    store: Awaited<ReturnType<SuiteContext["corpusStore"]>>;
    allocations: ReturnType<typeof createMemoryAllocationSource>;
    offline: AssessmentWriter;
    metrics: Record<string, number>;
    cases: CaseResult[];
    notes: string[];
  },
): Promise<void> {
  const lexicon = await loadDanishLexicon();
  for (const [mode, writer] of [
    ["offline", run.offline],
    ["simulated", simulatedModel(run.offline)],
  ] as const) {
    const compared = await compareWithDepartment({
      store: run.store,
      allocations: run.allocations,
      writer,
      lexicon,
    });
    const test = compared.filter((item) => item.split === "test");
    const dev = compared.filter((item) => item.split === "dev");
    for (const [split, items] of [
      ["test", test],
      ["dev", dev],
    ] as const) {
      const prefix = `compare.${mode}.${split}`;
      run.metrics[`${prefix}.cards`] = items.length;
      run.metrics[`${prefix}.factsCovered`] = meanOf(items, "factsCovered");
      run.metrics[`${prefix}.unsourcedSentences`] = sumOf(items, "unsourced");
      run.metrics[`${prefix}.lengthRatio`] = meanOf(items, "lengthRatio");
      run.metrics[`${prefix}.suspectWords`] = sumOf(items, "suspect");
    }
    for (const item of compared)
      run.cases.push({
        id: `compare/${mode}/${item.cardId}`,
        ok: item.unsourced === 0 && item.suspect === 0,
        summary: `${item.cardId} (${item.split}, ${item.decision}): facts ${(item.factsCovered * 100).toFixed(0)} % of ${item.facts}, unsourced ${item.unsourced}/${item.sentences}, length ${item.lengthRatio.toFixed(2)}, suspect ${item.suspect}`,
        details: item as unknown as Record<string, unknown>,
      });
    if (mode === "offline") {
      const hash = testSetHash(test.map((item) => item.cardId));
      run.metrics["compare.testSetSize"] = test.length;
      run.notes.push(
        `Comparison with the department's own assessments: ${compared.length} 2026 cards, split by sha256 of the card id into ${dev.length} dev and ${test.length} test cards; test set sha256 ${hash}. Headline: compare.offline.test.*. Cards seen while building the writer: ${SEEN_WHILE_TUNING.join(", ")}${test.some((item) => SEEN_WHILE_TUNING.includes(item.cardId)) ? " (some are in the test set: their figures are upper bounds)" : " (none in the test set)"}.`,
      );
      context.log(
        `  drafting: compared ${compared.length} cards with the department's text (test ${test.length})`,
      );
    }
  }
}

export type { ComparisonCase };
