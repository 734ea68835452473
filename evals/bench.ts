/**
 * `npm run bench`: speed figures as one table (medians and percentiles, never pass/fail).
 *   ingest     the bundled corpus into a fresh LanceDB store (lexicon load shown apart)
 *   search     full-text, vector and hybrid latency at 1k/10k/100k synthetic chunks, ANN index on
 * Options: --only ingest,search   --sizes 1000,10000,100000   --queries 200
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadDanishLexicon } from "../src/corpus/danish-lexicon.ts";
import { ingestFiles } from "../src/corpus/ingest.ts";
import { readDocument } from "../src/corpus/read-document.ts";
import type { ParsedDocument } from "../src/domain/index.ts";
import { chunkCards } from "../src/retrieval/chunk-cards.ts";
import { createHashingEmbedder } from "../src/retrieval/hashing-embedder.ts";
import type { Chunk, SearchMode } from "../src/retrieval/ports.ts";
import { readBundledCorpus } from "../src/runtime/node/corpus-files.ts";
import { createLanceStore } from "../src/runtime/node/lance-store.ts";
import { SEARCH_CASES } from "../tests/index/search-queries.ts";

const CORPUS_DIR = path.resolve(import.meta.dirname, "../corpus");

export type BenchRow = { measure: string; size: string; p50: string; p95: string; note: string };

export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

async function withFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-bench-"));
  try {
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function benchIngest(rows: BenchRow[]): Promise<void> {
  const started = performance.now();
  await loadDanishLexicon();
  const lexiconMs = performance.now() - started;
  const files = await readBundledCorpus(CORPUS_DIR);
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    await withFolder(async (folder) => {
      const embedder = createHashingEmbedder();
      const store = await createLanceStore({ uri: folder, embedder });
      const begin = performance.now();
      const summary = await ingestFiles(files, { store, embedder });
      runs.push(performance.now() - begin);
      if (summary.failed > 0) throw new Error(`ingest failed: ${JSON.stringify(summary.files)}`);
      store.close();
    });
  }
  rows.push({ measure: "ingest sample corpus (5 files)", size: "3 runs", p50: ms(percentile(runs, 0.5)), p95: ms(Math.max(...runs)), note: "p95 column: slowest run; lexicon loaded before" });
  rows.push({ measure: "Danish lexicon load (once per process)", size: "1 run", p50: ms(lexiconMs), p95: "", note: "first OCR'd document pays it" });
}

/** Chunks made from the corpus, varied so that none is a duplicate: years and amounts shifted, sentences rotated. */
function syntheticChunks(base: readonly Chunk[], count: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (let index = 0; index < count; index++) {
    const source = base[index % base.length];
    if (source === undefined) break;
    const round = Math.floor(index / base.length);
    const sentences = source.quote.split(/(?<=\.)\s+/);
    const rotated = [...sentences.slice(round % sentences.length), ...sentences.slice(0, round % sentences.length)].join(" ");
    const quote = rotated.replace(/\b(20\d\d)\b/g, (year) => String(Number(year) + (round % 7))).replace(/(\d+),(\d)/g, (_match, whole: string, tenth: string) => `${whole},${(Number(tenth) + round) % 10}`);
    chunks.push({ ...source, id: `${source.id}:s${index}`, year: source.year + (round % 5), quote, text: `${source.title}\n${source.heading}\n${quote}` });
  }
  return chunks;
}

async function benchSearch(rows: BenchRow[], sizes: readonly number[], queryCount: number): Promise<void> {
  await loadDanishLexicon();
  const parsed: ParsedDocument[] = [];
  for (const file of await readBundledCorpus(CORPUS_DIR)) parsed.push(await readDocument(file.name, file.bytes, file.entry));
  const base = parsed.flatMap((document) => chunkCards(document.document, document.cards));
  const stub = parsed[0];
  if (stub === undefined) throw new Error("empty corpus");
  const embedder = createHashingEmbedder();
  const queries = Array.from({ length: queryCount }, (_, index) => SEARCH_CASES[index % SEARCH_CASES.length]?.query ?? "unge");
  for (const size of sizes) {
    await withFolder(async (folder) => {
      const chunks = syntheticChunks(base, size).map((chunk) => ({ ...chunk, documentId: "bench" }));
      const store = await createLanceStore({ uri: folder, embedder, annThreshold: 256 });
      const embedStart = performance.now();
      const vectors = await embedder.embed(chunks.map((chunk) => chunk.text));
      const embedMs = performance.now() - embedStart;
      console.error(`  ${size} chunks embedded in ${ms(embedMs)}; building the index …`);
      const buildStart = performance.now();
      await store.replaceDocument({ ...stub, document: { ...stub.document, id: "bench" } }, chunks, vectors, "bench", "");
      await store.refreshIndexes();
      const buildMs = performance.now() - buildStart;
      console.error(`  built in ${ms(performance.now() - buildStart)}; querying …`);
      for (const mode of ["fulltext", "vector", "hybrid"] as SearchMode[]) {
        for (const query of queries.slice(0, 10)) await store.search({ query, mode, limit: 10 });
        const times: number[] = [];
        for (const [index, query] of queries.entries()) {
          const begin = performance.now();
          await store.search({ query, mode, limit: 10, ...(index % 4 === 0 ? { year: 2026 } : {}) });
          times.push(performance.now() - begin);
        }
        rows.push({ measure: `search ${mode}`, size: `${size.toLocaleString("en")} chunks`, p50: ms(percentile(times, 0.5)), p95: ms(percentile(times, 0.95)), note: `${queries.length} queries, 1 in 4 with a year filter` });
      }
      rows.push({ measure: "build (add + FTS + IVF_PQ)", size: `${size.toLocaleString("en")} chunks`, p50: ms(buildMs), p95: "", note: `embedding took ${ms(embedMs)}` });
      store.close();
    });
  }
}

export function printTable(rows: readonly BenchRow[]): void {
  const header: BenchRow = { measure: "measure", size: "size", p50: "p50", p95: "p95", note: "note" };
  const widths = (Object.keys(header) as Array<keyof BenchRow>).map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
  const line = (row: BenchRow) => `| ${(Object.keys(header) as Array<keyof BenchRow>).map((key, index) => row[key].padEnd(widths[index] ?? 0)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: "string" }, sizes: { type: "string" }, queries: { type: "string" } } });
  const only = new Set((values.only ?? "ingest,search").split(","));
  const sizes = (values.sizes ?? "1000,10000,100000").split(",").map(Number);
  const rows: BenchRow[] = [];
  if (only.has("ingest")) await benchIngest(rows);
  if (only.has("search")) await benchSearch(rows, sizes, Number(values.queries ?? 200));
  console.log(`\nBilagsassistent bench · node ${process.version} · ${new Date().toISOString()}\n`);
  printTable(rows);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
