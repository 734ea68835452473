/**
 * The writable port for allocation data, and importing a spreadsheet into it: a file is read and
 * checked whole before anything is stored, so a file with one bad cell stores nothing, and its
 * allocations are stored together (`putAll`): all of them or none.
 */
import type { Allocation } from "../domain/index.ts";
import type { AllocationEntry, AllocationStore } from "../ports/allocation-store.ts";
import { readAllocationSpreadsheet, type SheetProblem } from "./allocation-sheet.ts";

/** An allocation store in memory (tests, Workers without a writable disk). */
export function createMemoryAllocationStore(
  entries: readonly AllocationEntry[] = [],
): AllocationStore {
  const byId = new Map(entries.map((entry) => [entry.id, entry.allocation]));
  return {
    list: async () =>
      [...byId.entries()]
        .map(([id, allocation]) => ({ id, allocation }))
        .sort((left, right) => left.id.localeCompare(right.id)),
    get: async (id) => byId.get(id),
    put: async (id, allocation) => {
      byId.set(id, allocation);
    },
    putAll: async (entries) => {
      for (const { id, allocation } of entries) byId.set(id, allocation);
    },
  };
}

export type AllocationImportResult = {
  file: string;
  /** Ids stored (new or changed). */
  imported: string[];
  /** Ids whose stored data already equals the file's. */
  unchanged: string[];
  /** Every problem found; when there are any, nothing from the file was stored. */
  errors: SheetProblem[];
};

/** An allocation without what a spreadsheet cannot carry (the source span of the proposal sentence). */
function comparable(allocation: Allocation): string {
  const { source: _source, ...rest } = allocation;
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : value !== null && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, inner]) => [key, sortKeys(inner)]),
          )
        : value;
  return JSON.stringify(sortKeys(rest));
}

/**
 * Reads a spreadsheet and stores its allocations. An allocation equal to the stored one (apart
 * from the source span) is left as it is, so its source span is kept.
 */
export async function importAllocationSpreadsheet(
  file: string,
  bytes: Uint8Array,
  store: AllocationStore,
): Promise<AllocationImportResult> {
  const sheet = await readAllocationSpreadsheet(file, bytes);
  if (sheet.errors.length > 0) return { file, imported: [], unchanged: [], errors: sheet.errors };
  const changed: AllocationEntry[] = [];
  const unchanged: string[] = [];
  for (const entry of sheet.allocations) {
    const stored = await store.get(entry.id);
    if (stored !== undefined && comparable(stored) === comparable(entry.allocation))
      unchanged.push(entry.id);
    else changed.push(entry);
  }
  if (changed.length > 0) await store.putAll(changed);
  return { file, imported: changed.map((entry) => entry.id), unchanged, errors: [] };
}
