/** Runs the corpus audit over everything a corpus store holds. */
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { AuditFinding } from "../domain/index.ts";
import { auditCorpus } from "./audit-corpus.ts";

export async function auditStoredCorpus(store: CorpusStore): Promise<AuditFinding[]> {
  const documents = await store.allDocuments();
  const sources = new Map<string, string>();
  for (const document of documents)
    sources.set(document.document.id, (await store.sourceText(document.document.id)) ?? "");
  return auditCorpus(documents, sources);
}
