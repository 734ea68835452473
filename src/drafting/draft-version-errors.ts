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
