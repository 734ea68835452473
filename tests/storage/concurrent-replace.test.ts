/**
 * Two writes of one document at once (two replaces, two first uploads, in one process or two):
 * one wins whole, and the document keeps its passages. Each writer once deleted every generation
 * but its own, so two of them could delete each other's and leave the document with none.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as lancedb from "@lancedb/lancedb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFiles } from "../../src/corpus/ingest.ts";
import { ConflictError } from "../../src/errors/errors.ts";
import { createHashingEmbedder } from "../../src/retrieval/hashing-embedder.ts";
import { createLanceStore } from "../../src/runtime/node/lance-store.ts";
import { CORPUS_DIR } from "../../evals/support/corpus-store.ts";

const FILE = "bilag-2024-udloebende-bevillinger.txt";
const embedder = createHashingEmbedder();
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-concurrent-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function source(edit: string) {
  const text = await readFile(path.join(CORPUS_DIR, FILE), "utf8");
  // Same document id (kind and year), other content: a replace.
  return { name: FILE, bytes: new TextEncoder().encode(`${text}\n${edit}\n`) };
}

/** Passages of the document's stored generation, and passages of any other generation. */
async function passages(documentId: string) {
  const connection = await lancedb.connect(folder);
  const documents = (await (
    await connection.openTable("documents")
  )
    .query()
    .where(`id = '${documentId}'`)
    .select(["generation"])
    .toArray()) as Array<{ generation: string }>;
  const chunks = (await (
    await connection.openTable("chunks")
  )
    .query()
    .where(`documentId = '${documentId}'`)
    .select(["generation"])
    .toArray()) as Array<{ generation: string }>;
  connection.close();
  const current = documents[0]?.generation;
  return {
    documents: documents.length,
    current: chunks.filter((chunk) => chunk.generation === current).length,
    other: chunks.filter((chunk) => chunk.generation !== current).length,
  };
}

describe("concurrent writes of one document id", () => {
  it("two first uploads and then two replaces in one process leave the document whole", async () => {
    const store = await createLanceStore({ uri: folder, embedder });
    try {
      const first = await Promise.all([
        ingestFiles([await source("Første A.")], { store, embedder }),
        ingestFiles([await source("Første B.")], { store, embedder }),
      ]);
      expect(first.map((summary) => summary.files[0]?.status).sort()).toEqual([
        "added",
        "replaced",
      ]);
      const after = await passages("bilag-2024");
      expect(after.documents).toBe(1);
      expect(after.current).toBeGreaterThan(0);
      expect(after.other).toBe(0);
      await Promise.all(
        ["Ny C.", "Ny D.", "Ny E."].map(async (edit) =>
          ingestFiles([await source(edit)], { store, embedder }),
        ),
      );
      const replaced = await passages("bilag-2024");
      expect(replaced).toMatchObject({ documents: 1, other: 0 });
      expect(replaced.current).toBe(after.current);
      expect(
        (await store.search({ query: "beskæftigelse", mode: "fulltext" })).length,
      ).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  }, 120_000);

  it("the replace check runs inside the same serialisation: of two first uploads, the second is asked to confirm", async () => {
    const store = await createLanceStore({ uri: folder, embedder });
    try {
      const refuse = async () => {
        throw new ConflictError("document_exists", "already stored");
      };
      const results = await Promise.allSettled([
        ingestFiles([await source("A.")], { store, embedder, beforeReplace: refuse }),
        ingestFiles([await source("B.")], { store, embedder, beforeReplace: refuse }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    } finally {
      store.close();
    }
  }, 120_000);

  it("two stores on one folder (two processes) replacing at once: one wins, the other is refused, no passages lost", async () => {
    const seed = await createLanceStore({ uri: folder, embedder });
    await ingestFiles([await source("Start.")], { store: seed, embedder });
    seed.close();
    const left = await createLanceStore({ uri: folder, embedder });
    const right = await createLanceStore({ uri: folder, embedder });
    try {
      const [a, b] = [await source("Venstre."), await source("Højre.")];
      const results = await Promise.allSettled([
        ingestFiles([a], { store: left, embedder }),
        ingestFiles([b], { store: right, embedder }),
      ]);
      for (const result of results)
        if (result.status === "rejected")
          expect((result.reason as { code?: string }).code).toBe("document_changed");
      expect(results.some((result) => result.status === "fulfilled")).toBe(true);
      const after = await passages("bilag-2024");
      expect(after).toMatchObject({ documents: 1, other: 0 });
      expect(after.current).toBeGreaterThan(0);
    } finally {
      left.close();
      right.close();
    }
  }, 120_000);
});
