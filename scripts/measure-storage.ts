/**
 * Figures for docs/data-safety.md and docs/scale.md, measured on this machine in a few seconds:
 * the cost of the keyed, anchored audit log per entry; 50 concurrent draft revisions on LanceDB;
 * what the corpus store does at open (orphan scan) and per search (the documents-version check);
 * the size of the per-process document cache per document.
 * Run: node --import tsx scripts/measure-storage.ts
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as lancedb from "@lancedb/lancedb";
import { ingestFiles } from "../src/corpus/ingest.ts";
import { createHashingEmbedder } from "../src/retrieval/hashing-embedder.ts";
import { createFileAuditTrail } from "../src/runtime/node/audit-log-file.ts";
import { readBundledCorpus } from "../src/runtime/node/corpus-files.ts";
import { createLanceDraftStore } from "../src/runtime/node/lance-draft-store.ts";
import { createLanceStore } from "../src/runtime/node/lance-store.ts";
import type { AuditEntry } from "../src/ports/audit-sink.ts";
import type { Draft } from "../src/domain/index.ts";

const folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-measure-"));
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

try {
  const entry: AuditEntry = {
    at: new Date().toISOString(),
    actor: { name: "sagsbehandler", role: "caseworker" },
    method: "POST",
    route: "/api/validate",
    status: 200,
    durationMs: 3,
    input: { text: "Der foreslås 5,7 mio. kr. årligt." },
  };
  const entries = 300;
  for (const [label, options] of [
    ["plain sha256 chain, no head", {}],
    ["HMAC chain + head file", { key: randomBytes(32), head: "head" }],
  ] as const) {
    const file = path.join(folder, `${label.length}.jsonl`);
    const trail = await createFileAuditTrail({
      file,
      ...("key" in options ? { key: options.key, head: `${file}.head` } : {}),
    });
    const started = performance.now();
    for (let index = 0; index < entries; index += 1) await trail.record(entry);
    const perEntry = (performance.now() - started) / entries;
    await trail.close();
    console.log(
      `audit log, ${label}: ${perEntry.toFixed(2)} ms per entry (${entries} entries, one at a time, fsync each)`,
    );
  }

  const drafts = await createLanceDraftStore({ uri: path.join(folder, "drafts") });
  const draft: Draft = {
    id: "d-1",
    kind: "assessment",
    version: 1,
    title: "Mentorforløb",
    sections: [],
    text: "Indsatsen fortsætter.",
    status: "clean",
    author: "sagsbehandler",
    createdAt: new Date().toISOString(),
    model: "offline",
    prompt: { id: "offline-assessment", version: "1" },
    sources: [],
    validation: { ok: true, issues: [], figures: [] },
    attempts: 1,
    input: {},
  };
  await drafts.save(draft);
  const started = performance.now();
  const stored = await Promise.all(
    Array.from({ length: 50 }, (_, index) => drafts.saveRevision({ ...draft, text: `v${index}` })),
  );
  const versions = new Set(stored.map((item) => item.version));
  console.log(
    `drafts: 50 concurrent revisions on LanceDB: ${versions.size} distinct versions (2..${Math.max(...versions)}) in ${(performance.now() - started).toFixed(0)} ms`,
  );
  drafts.close();

  const embedder = createHashingEmbedder();
  const uri = path.join(folder, "corpus");
  const store = await createLanceStore({ uri, embedder });
  await ingestFiles(await readBundledCorpus(path.resolve(import.meta.dirname, "../corpus")), {
    store,
    embedder,
  });
  const documents = await store.allDocuments();
  const json = documents.reduce((sum, document) => sum + JSON.stringify(document).length, 0);
  console.log(
    `corpus: ${documents.length} documents, ${await store.count()} passages; the document cache holds ${(json / documents.length / 1024).toFixed(0)} KB of JSON per document (about ${(((json / documents.length) * 10_000) / 1024 / 1024 / 1024).toFixed(1)} GB for 10,000 such documents)`,
  );
  store.close();
  const opens: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const before = performance.now();
    const reopened = await createLanceStore({ uri, embedder });
    opens.push(performance.now() - before);
    reopened.close();
  }
  console.log(
    `corpus store open incl. orphan scan: median ${median(opens).toFixed(0)} ms (5 opens)`,
  );
  const connection = await lancedb.connect(uri, { readConsistencyInterval: 0 });
  const table = await connection.openTable("documents");
  const rounds = 2000;
  const before = performance.now();
  for (let round = 0; round < rounds; round += 1) await table.version();
  console.log(
    `documents-version check per search: ${(((performance.now() - before) / rounds) * 1000).toFixed(0)} µs`,
  );
  connection.close();
} finally {
  await rm(folder, { recursive: true, force: true });
}
