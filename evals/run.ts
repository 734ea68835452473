/**
 * `npm run eval`: every eval suite in one run, written to evals/results/<run-id>/report.json and
 * report.html (a configuration snapshot, per-suite metrics with per-case details, inline SVG
 * charts, thresholds with their reasons).
 *
 *   npm run eval                                   every suite
 *   npm run eval -- --suite retrieval,figures      some suites
 *   npm run eval -- --quick                        the quick subset (what CI runs)
 *   npm run eval -- --error-rate 0.5 --seed 7      the simulated faulty model's error rate and seed
 *   npm run eval -- --compare <runA> <runB>        what got better or worse between two runs
 *   npm run eval -- --server URL [--token T]       the reviewer questions against a running service
 *
 * Exit code 1 when a threshold fails (the report is written either way).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPromptLibrary } from "../src/drafting/prompt-library.ts";
import { createHashingEmbedder } from "../src/retrieval/hashing-embedder.ts";
import { readPromptFiles } from "../src/runtime/node/prompt-files.ts";
import { createCorpusStore } from "./support/corpus-store.ts";
import { createApiClient } from "../src/client/create-client.ts";
import { compareReports, formatComparison, loadReport } from "./compare.ts";
import { renderReportHtml } from "./report-html.ts";
import { draftingSuite } from "./suites/drafting.ts";
import { figuresSuite } from "./suites/figures.ts";
import { ocrSuite } from "./suites/ocr.ts";
import { runServiceEval } from "./service.ts";
import { retrievalSuite } from "./suites/retrieval.ts";
import { SUITE_NAMES, type Suite, type SuiteName, type SuiteResult } from "./suites/types.ts";
import { validationSuite } from "./suites/validation.ts";
import { checkThresholds, describeOutcome, type ThresholdOutcome } from "./thresholds.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
export const RESULTS_DIR = path.join(ROOT, "evals/results");

export const SUITES: Record<SuiteName, Suite> = {
  validation: validationSuite,
  drafting: draftingSuite,
  retrieval: retrievalSuite,
  ocr: ocrSuite,
  figures: figuresSuite,
};

export type ConfigSnapshot = {
  runId: string;
  date: string;
  quick: boolean;
  suites: SuiteName[];
  model: { chat: string; simulated: string; errorRate: number; seed: number };
  embedder: string;
  prompts: Array<{ id: string; version: string }>;
  corpus: { sha256: string; files: number };
  git: { commit: string; dirty: boolean };
  node: string;
  platform: string;
};

export type EvalReport = {
  config: ConfigSnapshot;
  suites: SuiteResult[];
  thresholds: ThresholdOutcome[];
  elapsedMs: number;
};

function listFiles(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const full = path.join(folder, name);
      return statSync(full).isDirectory() ? listFiles(full) : [full];
    });
}

/** sha256 over every corpus file (relative path and bytes), in path order. */
export function corpusHash(folder = path.join(ROOT, "corpus")): { sha256: string; files: number } {
  const hash = createHash("sha256");
  const files = listFiles(folder);
  for (const file of files) {
    hash.update(path.relative(folder, file));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return { sha256: hash.digest("hex"), files: files.length };
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "";
  }
}

export async function configSnapshot(options: {
  quick: boolean;
  suites: SuiteName[];
  errorRate: number;
  seed: number;
  env: NodeJS.ProcessEnv;
}): Promise<ConfigSnapshot> {
  const date = new Date();
  const commit = git(["rev-parse", "HEAD"]) || "unknown";
  const stamp = date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")
    .replace("T", "-");
  const embedder = createHashingEmbedder();
  const { env } = options;
  return {
    runId: `${stamp}-${commit.slice(0, 7)}${options.quick ? "-quick" : ""}`,
    date: date.toISOString(),
    quick: options.quick,
    suites: options.suites,
    model: {
      chat:
        env.CHAT_MODEL === undefined
          ? "none (offline writer; set CHAT_MODEL for a real model)"
          : `${env.CHAT_MODEL}${env.OPENAI_BASE_URL === undefined ? "" : ` @ ${env.OPENAI_BASE_URL}`}`,
      simulated:
        "fake OpenAI-compatible server (evals/support/fake-openai-server.ts) with injected figure errors",
      errorRate: options.errorRate,
      seed: options.seed,
    },
    embedder: `${embedder.provider}:${embedder.modelId} (${embedder.dimensions} dims; the eval always uses the built-in embedder)`,
    prompts: createPromptLibrary(await readPromptFiles(path.join(ROOT, "prompts"))).list(),
    corpus: corpusHash(),
    git: { commit, dirty: git(["status", "--porcelain"]) !== "" },
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export type RunOptions = {
  suites?: readonly SuiteName[];
  quick?: boolean;
  errorRate?: number;
  seed?: number;
  log?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
};

/** Runs the suites in-process; shares one corpus store between them. */
export async function runEval(options: RunOptions = {}): Promise<EvalReport> {
  const started = performance.now();
  const quick = options.quick ?? false;
  const names = [...(options.suites ?? SUITE_NAMES)];
  const log = options.log ?? ((message: string) => console.error(message));
  const env = options.env ?? process.env;
  const errorRate = options.errorRate ?? 0.3;
  const seed = options.seed ?? 1;
  const config = await configSnapshot({ quick, suites: names, errorRate, seed, env });
  let store: Awaited<ReturnType<typeof createCorpusStore>> | undefined;
  const suites: SuiteResult[] = [];
  try {
    for (const name of names) {
      const suite = SUITES[name];
      log(`suite ${name}${quick ? " (quick)" : ""} …`);
      const begin = performance.now();
      const result = await suite.run({
        quick,
        errorRate,
        seed,
        log,
        env,
        corpusStore: async () => {
          store ??= await createCorpusStore();
          return store.store;
        },
      });
      const elapsedMs = performance.now() - begin;
      log(`suite ${name} done in ${(elapsedMs / 1000).toFixed(1)} s`);
      suites.push({ name, ...result, elapsedMs });
    }
  } finally {
    await store?.dispose();
  }
  const thresholds = checkThresholds(
    Object.fromEntries(suites.map((suite) => [suite.name, suite.metrics])),
    { quick },
  );
  return { config, suites, thresholds, elapsedMs: performance.now() - started };
}

export function writeReport(
  report: EvalReport,
  folder = path.join(RESULTS_DIR, report.config.runId),
): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, "report.json"),
    `${JSON.stringify(report, (_key, value: unknown) => (typeof value === "number" && !Number.isFinite(value) ? null : value), 2)}\n`,
  );
  writeFileSync(path.join(folder, "report.html"), renderReportHtml(report));
  return folder;
}

const format = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(4));

export function summarize(report: EvalReport): string {
  const lines = [
    `Run ${report.config.runId} · commit ${report.config.git.commit.slice(0, 10)}${report.config.git.dirty ? " (dirty)" : ""} · node ${report.config.node} · ${(report.elapsedMs / 1000).toFixed(1)} s`,
  ];
  for (const suite of report.suites) {
    lines.push(
      "",
      `${suite.name} (${(suite.elapsedMs / 1000).toFixed(1)} s, ${suite.cases.filter((entry) => !entry.ok).length} of ${suite.cases.length} cases not ok)`,
    );
    for (const [key, value] of Object.entries(suite.metrics))
      lines.push(`  ${key.padEnd(44)} ${format(value)}`);
  }
  const failed = report.thresholds.filter((outcome) => outcome.pass === false);
  const unmeasured = report.thresholds.filter((outcome) => outcome.pass === undefined);
  lines.push(
    "",
    `Thresholds: ${report.thresholds.filter((outcome) => outcome.pass === true).length} pass, ${failed.length} fail, ${unmeasured.length} not measured`,
  );
  for (const outcome of failed) lines.push(`  FAIL ${describeOutcome(outcome)}`);
  return lines.join("\n");
}

/** The eval against a running service; writes evals/results/<stamp>-service.json (or --out). */
async function runAgainstServer(
  server: string,
  token: string | undefined,
  out: string | undefined,
): Promise<void> {
  const api = createApiClient({ baseUrl: server, ...(token === undefined ? {} : { token }) });
  const result = await runServiceEval(api, { server, log: (line) => console.error(line) });
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const file =
    out === undefined ? path.join(RESULTS_DIR, `${stamp}-service.json`) : path.resolve(out);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `Service ${server} · version ${result.health.version} · ${result.health.documents} documents · ${result.health.embedder} · ${(result.elapsedMs / 1000).toFixed(1)} s`,
  );
  for (const [key, value] of Object.entries(result.metrics))
    console.log(`  ${key.padEnd(44)} ${format(value)}`);
  console.log(`\nReport: ${path.relative(process.cwd(), file)}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      suite: { type: "string" },
      quick: { type: "boolean" },
      compare: { type: "boolean" },
      "error-rate": { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      server: { type: "string" },
      token: { type: "string" },
    },
  });
  if (values.server !== undefined) {
    await runAgainstServer(values.server, values.token ?? process.env.BILAG_TOKEN, values.out);
    return;
  }
  if (values.compare === true) {
    const [left, right] = positionals;
    if (left === undefined || right === undefined)
      throw new Error(
        "--compare needs two run ids (folders under evals/results) or report.json paths",
      );
    console.log(
      formatComparison(
        compareReports(loadReport(left, RESULTS_DIR), loadReport(right, RESULTS_DIR)),
      ),
    );
    return;
  }
  const suites =
    values.suite === undefined
      ? [...SUITE_NAMES]
      : values.suite.split(",").map((name) => name.trim());
  for (const name of suites)
    if (!(SUITE_NAMES as readonly string[]).includes(name))
      throw new Error(`--suite ${name}: no such suite (have ${SUITE_NAMES.join(", ")})`);
  const errorRate = values["error-rate"] === undefined ? 0.3 : Number(values["error-rate"]);
  if (!(errorRate >= 0 && errorRate <= 1)) throw new Error("--error-rate must be between 0 and 1");
  const report = await runEval({
    suites: suites as SuiteName[],
    quick: values.quick === true,
    errorRate,
    seed: values.seed === undefined ? 1 : Number(values.seed),
  });
  const folder = writeReport(
    report,
    values.out === undefined ? undefined : path.resolve(values.out),
  );
  console.log(summarize(report));
  console.log(
    `\nReport: ${path.relative(process.cwd(), path.join(folder, "report.html"))} (and report.json)`,
  );
  if (report.thresholds.some((outcome) => outcome.pass === false)) process.exitCode = 1;
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === path.resolve(import.meta.filename)
) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
