/** A LanceDB store in a fresh temporary folder with the bundled corpus ingested, for tests. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ingestFiles, type IngestSummary } from "../../src/corpus/ingest.ts";
import { createHashingEmbedder } from "../../src/retrieval/hashing-embedder.ts";
import type { Embedder } from "../../src/ports/embedder.ts";
import { readBundledCorpus } from "../../src/runtime/node/corpus-files.ts";
import { createLanceStore } from "../../src/runtime/node/lance-store.ts";

export const CORPUS_DIR = path.resolve(import.meta.dirname, "../../corpus");

export async function createTempStore(embedder: Embedder = createHashingEmbedder()) {
  const folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-test-"));
  const store = await createLanceStore({ uri: folder, embedder });
  return {
    folder,
    store,
    embedder,
    async dispose() {
      store.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

export async function createCorpusStore(embedder: Embedder = createHashingEmbedder()) {
  const temp = await createTempStore(embedder);
  const summary: IngestSummary = await ingestFiles(await readBundledCorpus(CORPUS_DIR), {
    store: temp.store,
    embedder,
  });
  return { ...temp, summary };
}
