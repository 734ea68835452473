/** The eval report as one self-contained HTML page: inline SVG charts, no scripts, no CDN. */
import type { EvalReport } from "./run.ts";
import type { BarChart, Chart, LineChart } from "./suites/types.ts";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const COLORS = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#9467bd",
  "#ff7f0e",
  "#8c564b",
  "#17becf",
  "#7f7f7f",
];
const fmt = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(3));

function barChart(chart: BarChart): string {
  const rowHeight = 18;
  const labelWidth = 230;
  const width = 720;
  const plot = width - labelWidth - 60;
  const max = chart.unit === "share" ? 1 : Math.max(1, ...chart.bars.map((bar) => bar.value));
  const height = chart.bars.length * rowHeight + 30;
  const rows = chart.bars
    .map((bar, index) => {
      const y = 20 + index * rowHeight;
      const w = Math.max(0, (bar.value / max) * plot);
      const color = chart.unit === "share" && bar.value < 1 ? "#d62728" : "#1f77b4";
      const value = chart.unit === "share" ? `${(bar.value * 100).toFixed(1)} %` : fmt(bar.value);
      return `<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end">${escapeHtml(bar.label)}</text><rect x="${labelWidth}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowHeight - 5}" fill="${color}"/><text x="${labelWidth + w + 4}" y="${y + 12}">${value}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-size="11" font-family="sans-serif" role="img" aria-label="${escapeHtml(chart.title)}"><line x1="${labelWidth}" y1="18" x2="${labelWidth}" y2="${height - 8}" stroke="#999"/>${rows}</svg>`;
}

function lineChart(chart: LineChart): string {
  const width = 720;
  const height = 300;
  const left = 50;
  const right = 200;
  const top = 15;
  const bottom = 35;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = chart.series.flatMap((series) => series.values);
  const min = Math.min(0.5, ...values);
  const xOf = (index: number) =>
    left + (chart.x.length <= 1 ? 0 : (index / (chart.x.length - 1)) * plotW);
  const yOf = (value: number) => top + plotH - ((value - min) / (1 - min)) * plotH;
  const grid = [min, (min + 1) / 2, 1]
    .map(
      (value) =>
        `<line x1="${left}" x2="${left + plotW}" y1="${yOf(value).toFixed(1)}" y2="${yOf(value).toFixed(1)}" stroke="#ddd"/><text x="${left - 4}" y="${(yOf(value) + 4).toFixed(1)}" text-anchor="end">${(value * 100).toFixed(0)} %</text>`,
    )
    .join("");
  const ticks = chart.x
    .map(
      (x, index) =>
        `<text x="${xOf(index).toFixed(1)}" y="${height - bottom + 15}" text-anchor="middle">${x}</text>`,
    )
    .join("");
  const lines = chart.series
    .map((series, index) => {
      const color = COLORS[index % COLORS.length] ?? "#000";
      const points = series.values
        .map((value, position) => `${xOf(position).toFixed(1)},${yOf(value).toFixed(1)}`)
        .join(" ");
      const dash = series.name.includes("search order") ? ' stroke-dasharray="4 3"' : "";
      return `<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2"${dash}/><text x="${left + plotW + 10}" y="${top + 14 + index * 16}" fill="${color}">${escapeHtml(series.name)}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-size="11" font-family="sans-serif" role="img" aria-label="${escapeHtml(chart.title)}">${grid}${ticks}<text x="${left + plotW / 2}" y="${height - 4}" text-anchor="middle">${escapeHtml(chart.xLabel)}</text>${lines}</svg>`;
}

export function renderChart(chart: Chart): string {
  return `<figure><figcaption>${escapeHtml(chart.title)}</figcaption>${chart.kind === "bar" ? barChart(chart) : lineChart(chart)}</figure>`;
}

export function renderReportHtml(report: EvalReport): string {
  const { config } = report;
  const configRows: Array<[string, string]> = [
    ["run", config.runId],
    ["date", config.date],
    ["git commit", `${config.git.commit}${config.git.dirty ? " (uncommitted changes)" : ""}`],
    ["node", `${config.node} · ${config.platform}`],
    ["chat model", config.model.chat],
    [
      "simulated model",
      `${config.model.simulated}; error rate ${config.model.errorRate}, seed ${config.model.seed}`,
    ],
    ["embedder", config.embedder],
    ["prompts", config.prompts.map((prompt) => `${prompt.id} v${prompt.version}`).join(", ")],
    ["corpus", `sha256 ${config.corpus.sha256} (${config.corpus.files} files)`],
    ["suites", `${config.suites.join(", ")}${config.quick ? " (quick subset)" : ""}`],
  ];
  const thresholds = report.thresholds
    .map(
      (outcome) =>
        `<tr class="${outcome.pass === false ? "fail" : outcome.pass === true ? "pass" : "none"}"><td>${outcome.pass === false ? "FAIL" : outcome.pass === true ? "pass" : "–"}</td><td>${escapeHtml(`${outcome.suite}.${outcome.metric}`)}</td><td>${outcome.measured === undefined ? "not measured" : fmt(outcome.measured)}</td><td>${outcome.op} ${outcome.value}</td><td>${escapeHtml(outcome.reason)}</td></tr>`,
    )
    .join("");
  const suites = report.suites
    .map((suite) => {
      const metrics = Object.entries(suite.metrics)
        .map(
          ([key, value]) =>
            `<tr><td>${escapeHtml(key)}</td><td>${Number.isFinite(value) ? fmt(value) : "n/a"}</td></tr>`,
        )
        .join("");
      const bad = suite.cases.filter((entry) => !entry.ok);
      const caseRow = (entry: (typeof suite.cases)[number]) =>
        `<details class="${entry.ok ? "ok" : "bad"}"><summary>${entry.ok ? "✓" : "✗"} ${escapeHtml(entry.summary)}</summary><pre>${escapeHtml(JSON.stringify(entry.details, null, 2))}</pre></details>`;
      return `<section id="${suite.name}"><h2>${escapeHtml(suite.name)} <small>${(suite.elapsedMs / 1000).toFixed(1)} s · ${bad.length} of ${suite.cases.length} cases not ok</small></h2>
${suite.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join("")}
<div class="cols"><table class="metrics"><tr><th>metric</th><th>value</th></tr>${metrics}</table><div>${suite.charts.map(renderChart).join("")}</div></div>
<h3>Cases not ok (${bad.length})</h3>${bad.map(caseRow).join("") || "<p>none</p>"}
<details><summary>All ${suite.cases.length} cases</summary>${suite.cases.map(caseRow).join("")}</details></section>`;
    })
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bilagsassistent eval ${escapeHtml(config.runId)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}tr.fail td{background:#fdd}tr.pass td:first-child{color:#080}details.bad>summary{color:#b00}pre{background:#f6f6f6;padding:.5em;overflow:auto;max-height:300px}.cols{display:flex;gap:2em;flex-wrap:wrap}.note{color:#555}figure{margin:.5em 0}figcaption{font-weight:600}small{color:#666;font-weight:normal}</style></head><body>
<h1>Bilagsassistent eval</h1><table>${configRows.map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(value)}</td></tr>`).join("")}</table>
<p>Suites: ${report.suites.map((suite) => `<a href="#${suite.name}">${suite.name}</a>`).join(" · ")} · total ${(report.elapsedMs / 1000).toFixed(1)} s</p>
<h2>Thresholds</h2><table><tr><th></th><th>metric</th><th>measured</th><th>needs</th><th>reason</th></tr>${thresholds}</table>
${suites}</body></html>
`;
}
