/** The port for stored allocation data, keyed by initiative id (the card that proposes it, e.g. "bilag-2026-04"). */
import type { Allocation } from "../domain/index.ts";

export type AllocationEntry = { id: string; allocation: Allocation };

export type AllocationSource = {
  list(): Promise<AllocationEntry[]>;
  get(id: string): Promise<Allocation | undefined>;
};

/** An allocation source over entries held in memory (files read at start-up, a bundled asset, tests). */
export function createMemoryAllocationSource(
  entries: readonly AllocationEntry[],
): AllocationSource {
  const byId = new Map(entries.map((entry) => [entry.id, entry.allocation]));
  return {
    list: async () => [...entries].sort((left, right) => left.id.localeCompare(right.id)),
    get: async (id) => byId.get(id),
  };
}
