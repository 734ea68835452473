/**
 * The quick eval subset in CI: every suite in-process with `quick` (mutation recall, offline and
 * simulated-faulty drafting, hybrid retrieval, the fresh OCR set, figure gold), and each quick
 * threshold of evals/thresholds.ts as its own test that prints the metric and the reason.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runEval, type EvalReport } from "../../evals/run.ts";
import { THRESHOLDS, checkThresholds, describeOutcome } from "../../evals/thresholds.ts";

let report: EvalReport;

beforeAll(async () => {
  report = await runEval({ quick: true, log: () => undefined, env: {} });
}, 120_000);

describe("quick eval", () => {
  it("runs every suite and records a configuration snapshot", () => {
    expect(report.suites.map((suite) => suite.name)).toEqual([
      "validation",
      "drafting",
      "retrieval",
      "ocr",
      "figures",
    ]);
    expect(report.config.corpus.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.config.prompts.length).toBeGreaterThan(0);
    for (const suite of report.suites) expect(suite.cases.length, suite.name).toBeGreaterThan(0);
  });

  for (const threshold of THRESHOLDS.filter((entry) => entry.quick)) {
    it(`${threshold.suite}.${threshold.metric} ${threshold.op} ${threshold.value}`, () => {
      const outcome = checkThresholds(
        Object.fromEntries(report.suites.map((suite) => [suite.name, suite.metrics])),
        { quick: true },
      ).find((entry) => entry.suite === threshold.suite && entry.metric === threshold.metric);
      expect(
        outcome,
        `${threshold.suite}.${threshold.metric} is not measured by the quick subset`,
      ).toBeDefined();
      expect(outcome?.measured, `not measured: ${threshold.reason}`).toBeTypeOf("number");
      expect(outcome?.pass, outcome === undefined ? "" : describeOutcome(outcome)).toBe(true);
    });
  }
});
