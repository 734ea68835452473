/** Draft versions for every draft store: the conflicts (one wording for stores and routes) and the list of latest versions. */
import type { Draft } from "../domain/index.ts";
import type { DraftStore } from "../ports/draft-store.ts";
import { ConflictError } from "../errors/errors.ts";

/** A save of a version the draft already has (every store refuses it). */
export function versionTaken(draft: Pick<Draft, "id" | "version">): ConflictError {
  return new ConflictError(
    "draft_version_taken",
    `Draft ${draft.id} already has a version ${draft.version}; a revision gets the next free version (POST /api/drafts/${draft.id}/revisions).`,
    { details: { id: draft.id, version: draft.version } },
  );
}

/** A revision made from a version that is no longer the latest (someone revised it meanwhile). */
export function versionStale(id: string, baseVersion: number, latest: number): ConflictError {
  return new ConflictError(
    "draft_version_stale",
    `Draft ${id} has changed: your revision was made from version ${baseVersion}, but the latest is version ${latest}. Open the latest version (GET /api/drafts/${id}), make your change there and send it with baseVersion ${latest}.`,
    { details: { id, baseVersion, latestVersion: latest } },
  );
}

/** The latest version of each draft, newest first, as `DraftStore.list` answers. */
export function summarizeLatestDrafts(
  drafts: Iterable<Draft>,
): Awaited<ReturnType<DraftStore["list"]>> {
  const latest = new Map<string, Draft>();
  for (const draft of drafts) {
    const seen = latest.get(draft.id);
    if (seen === undefined || seen.version < draft.version) latest.set(draft.id, draft);
  }
  return [...latest.values()]
    .sort((left, right) => right.createdAt.localeCompare(left.createdAt))
    .map(({ id, kind, version, title, status, author, createdAt, model }) => ({
      id,
      kind,
      version,
      title,
      status,
      author,
      createdAt,
      model,
    }));
}
