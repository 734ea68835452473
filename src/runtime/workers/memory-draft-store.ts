/**
 * Drafts kept in the Worker isolate's memory: every version, append-only, as the LanceDB store.
 * An isolate is recycled at any time and requests may land on different isolates, so drafts here
 * are short-lived (fine for `wrangler dev` and tests); a deployment that keeps drafts needs a
 * durable DraftStore (D1 or a Durable Object) behind the same port.
 */
import { DraftSchema, type Draft } from "../../domain/index.ts";
import type { DraftStore } from "../../ports/draft-store.ts";
import {
  summarizeLatestDrafts,
  versionStale,
  versionTaken,
} from "../../drafting/draft-version-errors.ts";

export function createMemoryDraftStore(): DraftStore {
  const drafts: Draft[] = [];
  return {
    async save(draft) {
      const valid = DraftSchema.parse(draft);
      if (drafts.some((stored) => stored.id === valid.id && stored.version === valid.version)) {
        throw versionTaken(valid);
      }
      drafts.push(structuredClone(valid));
    },
    /* No await between reading the latest version and storing the next: atomic in one isolate. */
    async saveRevision(draft, options = {}) {
      const valid = DraftSchema.parse(draft);
      const latest = drafts.reduce(
        (top, stored) => (stored.id === valid.id ? Math.max(top, stored.version) : top),
        0,
      );
      if (options.baseVersion !== undefined && options.baseVersion !== latest)
        throw versionStale(valid.id, options.baseVersion, latest);
      const stored = { ...valid, version: latest + 1 };
      drafts.push(structuredClone(stored));
      return structuredClone(stored);
    },
    async get(id, version) {
      const matching = drafts.filter(
        (draft) => draft.id === id && (version === undefined || draft.version === version),
      );
      const latest = matching.sort((left, right) => right.version - left.version)[0];
      return latest === undefined ? undefined : structuredClone(latest);
    },
    async versions(id) {
      return drafts
        .filter((draft) => draft.id === id)
        .sort((left, right) => left.version - right.version)
        .map((draft) => structuredClone(draft));
    },
    async list() {
      return summarizeLatestDrafts(drafts);
    },
  };
}
