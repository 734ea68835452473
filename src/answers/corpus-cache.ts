/**
 * Work that depends only on the stored corpus (word statistics, initiative groups), done once per
 * corpus version instead of once per question. The version is the stored documents' ids, content
 * hashes, index keys and ingest times: a document added, replaced, re-ingested or removed makes a
 * new version, and the next call recomputes. One version per store and one value per name are
 * kept (a WeakMap on the store, so a closed store's values go with it): the cache is bounded by
 * the number of names, never by the number of questions.
 */
import type { CorpusStore, DocumentSummary } from "../ports/corpus-store.ts";

type VersionEntry = { key: string; values: Map<string, Promise<unknown>> };
const VERSIONS = new WeakMap<CorpusStore, VersionEntry>();

/** The corpus version of a list of stored documents. */
export function corpusVersionKey(
  documents: readonly Pick<DocumentSummary, "id" | "contentHash" | "embedder" | "ingestedAt">[],
): string {
  return documents
    .map(
      (document) =>
        `${document.id}\u0000${document.contentHash}\u0000${document.embedder}\u0000${document.ingestedAt}`,
    )
    .join("\u0001");
}

/**
 * The value `name` of the store's current corpus version, computed by `compute` on first use.
 * Concurrent callers share one computation; a failed computation is not kept.
 */
export async function perCorpusVersion<T>(
  store: CorpusStore,
  name: string,
  compute: () => Promise<T>,
): Promise<T> {
  const key = corpusVersionKey(await store.listDocuments());
  let entry = VERSIONS.get(store);
  if (entry?.key !== key) {
    entry = { key, values: new Map() };
    VERSIONS.set(store, entry);
  }
  const cached = entry.values.get(name) as Promise<T> | undefined;
  if (cached !== undefined) return cached;
  const values = entry.values;
  const computed = compute();
  values.set(name, computed);
  computed.catch(() => {
    if (values.get(name) === computed) values.delete(name);
  });
  return computed;
}
