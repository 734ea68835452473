/** The draft store port: every version of every draft, versions allocated atomically. */
import type { Draft } from "../domain/index.ts";

/** Keeps every version of every draft. */
export type DraftStore = {
  /**
   * Stores a draft under its own version; a version already stored is refused with a
   * ConflictError (409), never overwritten.
   */
  save(draft: Draft): Promise<void>;
  /**
   * Stores a revision as the next version of its draft, allocated atomically (one writer per
   * draft at a time): concurrent revisions all get distinct versions. Returns what was stored.
   * With `baseVersion` (the version the revision was made from), throws draft_version_stale
   * (versionStale) when that is no longer the latest, in the same step.
   */
  saveRevision(draft: Draft, options?: { baseVersion?: number | undefined }): Promise<Draft>;
  /** The latest version, or a given one. */
  get(id: string, version?: number): Promise<Draft | undefined>;
  versions(id: string): Promise<Draft[]>;
  list(): Promise<
    Array<
      Pick<Draft, "id" | "kind" | "version" | "title" | "status" | "author" | "createdAt" | "model">
    >
  >;
};
