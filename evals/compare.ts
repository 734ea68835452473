/** Compares two eval reports: metric deltas per suite and the cases that got better or worse. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { EvalReport } from "./run.ts";

export type Comparison = {
  left: string;
  right: string;
  metrics: Array<{
    suite: string;
    metric: string;
    left: number | null;
    right: number | null;
    delta: number | null;
  }>;
  better: Array<{ suite: string; id: string; summary: string }>;
  worse: Array<{ suite: string; id: string; summary: string }>;
  onlyLeft: Array<{ suite: string; id: string }>;
  onlyRight: Array<{ suite: string; id: string }>;
  thresholds: Array<{ name: string; left: boolean | null; right: boolean | null }>;
  /** Suites run in only one of the two (not compared). */
  skippedSuites: string[];
};

/** A run id (folder under `resultsDir`), a folder, or a report.json path. */
export function loadReport(reference: string, resultsDir: string): EvalReport {
  const candidates = [
    reference,
    path.join(reference, "report.json"),
    path.join(resultsDir, reference, "report.json"),
  ];
  const file = candidates.find((candidate) => candidate.endsWith(".json") && existsSync(candidate));
  if (file === undefined)
    throw new Error(
      `No report for "${reference}" (looked for ${candidates.filter((candidate) => candidate.endsWith(".json")).join(", ")})`,
    );
  return JSON.parse(readFileSync(file, "utf8")) as EvalReport;
}

export function compareReports(left: EvalReport, right: EvalReport): Comparison {
  const comparison: Comparison = {
    left: left.config.runId,
    right: right.config.runId,
    metrics: [],
    better: [],
    worse: [],
    onlyLeft: [],
    onlyRight: [],
    thresholds: [],
    skippedSuites: [],
  };
  const rightNames = new Set(right.suites.map((suite) => suite.name));
  const suites = left.suites.map((suite) => suite.name).filter((name) => rightNames.has(name));
  comparison.skippedSuites = [...left.suites, ...right.suites]
    .map((suite) => suite.name)
    .filter((name) => !suites.includes(name));
  for (const name of suites) {
    const a = left.suites.find((suite) => suite.name === name);
    const b = right.suites.find((suite) => suite.name === name);
    const keys = [...new Set([...Object.keys(a?.metrics ?? {}), ...Object.keys(b?.metrics ?? {})])];
    for (const metric of keys) {
      const l = a?.metrics[metric] ?? null;
      const r = b?.metrics[metric] ?? null;
      comparison.metrics.push({
        suite: name,
        metric,
        left: l,
        right: r,
        delta: l === null || r === null ? null : r - l,
      });
    }
    const before = new Map((a?.cases ?? []).map((entry) => [entry.id, entry]));
    const after = new Map((b?.cases ?? []).map((entry) => [entry.id, entry]));
    for (const [id, entry] of after) {
      const old = before.get(id);
      if (old === undefined) comparison.onlyRight.push({ suite: name, id });
      else if (!old.ok && entry.ok)
        comparison.better.push({ suite: name, id, summary: `${old.summary} → ${entry.summary}` });
      else if (old.ok && !entry.ok)
        comparison.worse.push({ suite: name, id, summary: `${old.summary} → ${entry.summary}` });
    }
    for (const id of before.keys())
      if (!after.has(id)) comparison.onlyLeft.push({ suite: name, id });
  }
  const names = new Set(
    [...left.thresholds, ...right.thresholds]
      .filter((outcome) => suites.includes(outcome.suite))
      .map((outcome) => `${outcome.suite}.${outcome.metric}`),
  );
  for (const name of names) {
    const l = left.thresholds.find((outcome) => `${outcome.suite}.${outcome.metric}` === name);
    const r = right.thresholds.find((outcome) => `${outcome.suite}.${outcome.metric}` === name);
    comparison.thresholds.push({ name, left: l?.pass ?? null, right: r?.pass ?? null });
  }
  return comparison;
}

const show = (value: number | null) =>
  value === null ? "–" : Number.isInteger(value) ? String(value) : value.toFixed(4);

export function formatComparison(comparison: Comparison): string {
  const lines = [`Compare ${comparison.left} → ${comparison.right}`];
  if (comparison.skippedSuites.length > 0)
    lines.push(
      `Not compared (run in only one): ${[...new Set(comparison.skippedSuites)].join(", ")}`,
    );
  lines.push("", "Metrics that changed:");
  const changed = comparison.metrics.filter(
    (entry) => entry.delta === null || Math.abs(entry.delta) > 1e-9,
  );
  if (changed.length === 0) lines.push("  (none)");
  for (const entry of changed)
    lines.push(
      `  ${`${entry.suite}.${entry.metric}`.padEnd(48)} ${show(entry.left).padStart(10)} → ${show(entry.right).padEnd(10)} ${entry.delta === null ? "" : `${entry.delta > 0 ? "+" : ""}${show(entry.delta)}`}`,
    );
  const flips = comparison.thresholds.filter((entry) => entry.left !== entry.right);
  if (flips.length > 0) {
    lines.push("", "Thresholds that changed:");
    for (const entry of flips)
      lines.push(
        `  ${entry.name}: ${entry.left === null ? "–" : entry.left ? "pass" : "FAIL"} → ${entry.right === null ? "–" : entry.right ? "pass" : "FAIL"}`,
      );
  }
  lines.push(
    "",
    `Better (${comparison.better.length}):`,
    ...comparison.better.map((entry) => `  + [${entry.suite}] ${entry.summary}`),
  );
  lines.push(
    "",
    `Worse (${comparison.worse.length}):`,
    ...comparison.worse.map((entry) => `  - [${entry.suite}] ${entry.summary}`),
  );
  if (comparison.onlyLeft.length + comparison.onlyRight.length > 0)
    lines.push(
      "",
      `Cases only in ${comparison.left}: ${comparison.onlyLeft.length}; only in ${comparison.right}: ${comparison.onlyRight.length}`,
    );
  return lines.join("\n");
}
