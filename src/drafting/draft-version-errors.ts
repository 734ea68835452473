/** The conflicts of a draft's versions, one wording for every draft store and route. */
import type { Draft } from "../domain/index.ts";
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
