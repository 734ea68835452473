/** What every eval suite returns: flat metrics, per-case details, charts, notes. */
import type { CorpusStore } from "../../src/ports/corpus-store.ts";

export type BarChart = {
  kind: "bar";
  id: string;
  title: string;
  unit: "share" | "count";
  bars: Array<{ label: string; value: number; group?: string }>;
};
export type LineChart = {
  kind: "line";
  id: string;
  title: string;
  xLabel: string;
  x: number[];
  series: Array<{ name: string; values: number[] }>;
};
export type Chart = BarChart | LineChart;

export type CaseResult = {
  /** Stable id within the suite (used by --compare). */
  id: string;
  ok: boolean;
  /** Short, human summary. */
  summary: string;
  details: Record<string, unknown>;
};

export type SuiteResult = {
  name: SuiteName;
  /** Flat metric keys ("recall.amount", "hybrid.hitAt3"); shares are 0..1. */
  metrics: Record<string, number>;
  cases: CaseResult[];
  charts: Chart[];
  notes: string[];
  elapsedMs: number;
};

export type SuiteContext = {
  quick: boolean;
  /** Share of money figures the simulated faulty model gets wrong (drafting). */
  errorRate: number;
  seed: number;
  log: (message: string) => void;
  /** A LanceDB store with the bundled corpus, created once and shared. */
  corpusStore(): Promise<CorpusStore>;
  env: NodeJS.ProcessEnv;
};

export const SUITE_NAMES = ["validation", "drafting", "retrieval", "ocr", "figures"] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

export type Suite = {
  name: SuiteName;
  description: string;
  run(context: SuiteContext): Promise<Omit<SuiteResult, "name" | "elapsedMs">>;
};
