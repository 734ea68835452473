/**
 * Builds the corpus bundle the Worker serves (build/worker-corpus.json): parses the bundled corpus
 * with the project's own parsers (OCR repair with the Danish lexicon happens here, in Node),
 * chunks and embeds every card, and adds the raw source texts, the allocation data and the prompt
 * files. Also writes build/vectorize.ndjson, the same vectors with their metadata (year, kind,
 * cardId, documentId) for `wrangler vectorize insert <index> --file build/vectorize.ndjson`.
 *
 * The embedder follows the same settings as the server (EMBEDDER, EMBEDDING_MODEL, OPENAI_*);
 * the Worker must run with the same ones, and refuses a bundle built with another embedder.
 *
 *   npm run build:worker            (node --import tsx scripts/build-worker-corpus.ts [--out DIR])
 */
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseSettings } from "../src/config.ts";
import { indexKey } from "../src/corpus/ingest.ts";
import { readDocument } from "../src/corpus/read-document.ts";
import { chunkCards } from "../src/corpus/chunk-cards.ts";
import { createEmbedderFromSettings } from "../src/retrieval/create-embedder.ts";
import { readAllocationFiles } from "../src/runtime/node/allocation-files.ts";
import { readBundledCorpus } from "../src/runtime/node/corpus-files.ts";
import { readPromptFiles } from "../src/runtime/node/prompt-files.ts";
import {
  CORPUS_BUNDLE_FORMAT,
  encodeVectors,
  type BundledDocument,
  type WorkerCorpusBundle,
} from "../src/runtime/workers/corpus-bundle.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<void> {
  const started = performance.now();
  const outFlag = process.argv.indexOf("--out");
  const outDir = path.resolve(
    ROOT,
    outFlag === -1 ? "build" : (process.argv[outFlag + 1] ?? "build"),
  );
  const settings = parseSettings(process.env);
  const corpusDir = path.resolve(ROOT, settings.CORPUS_DIR);
  const embedder = await createEmbedderFromSettings(settings);
  const key = indexKey(embedder);

  const documents: BundledDocument[] = [];
  const vectorizeLines: string[] = [];
  for (const file of await readBundledCorpus(corpusDir)) {
    const parsed = await readDocument(file.name, file.bytes, file.entry, {
      maxBytes: settings.MAX_DOCUMENT_BYTES,
    });
    const chunks = chunkCards(parsed.document, parsed.cards);
    const vectors = await embedder.embed(chunks.map((chunk) => chunk.text));
    const sourceText = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, "");
    documents.push({
      parsed,
      sourceText,
      chunks,
      vectors: encodeVectors(vectors, embedder.dimensions),
    });
    chunks.forEach((chunk, index) => {
      const values = Array.from(Float32Array.from(vectors[index] ?? []));
      vectorizeLines.push(
        JSON.stringify({
          id: chunk.id,
          values,
          metadata: {
            year: chunk.year,
            kind: chunk.kind,
            cardId: chunk.cardId,
            documentId: chunk.documentId,
          },
        }),
      );
    });
  }
  const bundle: WorkerCorpusBundle = {
    format: CORPUS_BUNDLE_FORMAT,
    builtAt: new Date().toISOString(),
    indexKey: key,
    embedder: {
      provider: embedder.provider,
      modelId: embedder.modelId,
      dimensions: embedder.dimensions,
    },
    documents,
    allocations: await readAllocationFiles(path.join(corpusDir, "allocations")),
    prompts: await readPromptFiles(path.resolve(ROOT, settings.PROMPTS_DIR)),
  };

  await mkdir(outDir, { recursive: true });
  const bundleFile = path.join(outDir, "worker-corpus.json");
  const vectorizeFile = path.join(outDir, "vectorize.ndjson");
  await writeFile(bundleFile, JSON.stringify(bundle));
  await writeFile(vectorizeFile, `${vectorizeLines.join("\n")}\n`);
  const kilobytes = async (file: string) => `${((await stat(file)).size / 1024).toFixed(0)} KiB`;
  const cards = documents.reduce((sum, document) => sum + document.parsed.cards.length, 0);
  console.log(
    `Worker corpus: ${documents.length} documents, ${cards} cards, ${vectorizeLines.length} passages (${key}), ${bundle.allocations.length} allocations, ${Object.keys(bundle.prompts).length} prompts` +
      ` → ${path.relative(ROOT, bundleFile)} (${await kilobytes(bundleFile)}), ${path.relative(ROOT, vectorizeFile)} (${await kilobytes(vectorizeFile)}) in ${Math.round(performance.now() - started)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
