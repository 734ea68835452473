/** Stored allocation data held in memory (the port is src/ports/allocation-store.ts). */
import type { AllocationEntry, AllocationSource } from "../ports/allocation-store.ts";

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
