/** The allocation ports: stored allocation data keyed by initiative id (e.g. "bilag-2026-04"), read-only and writable. */
import type { Allocation } from "../domain/index.ts";

export type AllocationEntry = { id: string; allocation: Allocation };

export type AllocationSource = {
  list(): Promise<AllocationEntry[]>;
  get(id: string): Promise<Allocation | undefined>;
};

export type AllocationStore = AllocationSource & {
  /** Stores (or replaces) one initiative's allocation under its id. */
  put(id: string, allocation: Allocation): Promise<void>;
  /** Stores (or replaces) several at once: all of them, or (on any failure) none. */
  putAll(entries: readonly AllocationEntry[]): Promise<void>;
};
