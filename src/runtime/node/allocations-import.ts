/**
 * Allocation data on disk, writable: the bundled files in `${CORPUS_DIR}/allocations/` (never
 * written) and imported ones in `${DATA_DIR}/allocations/`, one corpus-like JSON file per
 * initiative; an imported file overrides the bundled one with the same id. And the CLI's
 * `allocations import FILE`.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseSettings, type Settings } from "../../config.ts";
import { AllocationSchema } from "../../domain/index.ts";
import { InputError } from "../../errors/errors.ts";
import {
  importAllocationSpreadsheet,
  type AllocationImportResult,
  type AllocationStore,
} from "../../import/allocation-store.ts";
import type { AllocationEntry } from "../../validation/allocation-source.ts";
import { readAllocationFiles } from "./allocation-files.ts";

const SAFE_ID = /^[\p{L}\d][\p{L}\d._-]{0,120}$/u;

export type AllocationFileStoreOptions = {
  /** The bundled allocation files, read only (corpus/allocations). */
  bundledFolder: string;
  /** Where imported allocations are written (`${DATA_DIR}/allocations`). */
  dataFolder: string;
};

/** An allocation store over the bundled folder (read only) and the data folder (read and written). */
export async function createAllocationFileStore(
  options: AllocationFileStoreOptions,
): Promise<AllocationStore> {
  const byId = new Map<string, AllocationEntry["allocation"]>();
  for (const entry of await readAllocationFiles(options.bundledFolder))
    byId.set(entry.id, entry.allocation);
  for (const entry of await readAllocationFiles(options.dataFolder))
    byId.set(entry.id, entry.allocation);
  return {
    list: async () =>
      [...byId.entries()]
        .map(([id, allocation]) => ({ id, allocation }))
        .sort((left, right) => left.id.localeCompare(right.id)),
    get: async (id) => byId.get(id),
    put: async (id, allocation) => {
      if (!SAFE_ID.test(id) || id.includes(".."))
        throw new InputError(
          "allocation_id_invalid",
          `"${id}" cannot be an allocation id: use letters, digits, ".", "_" and "-" (e.g. bilag-2026-04).`,
          { details: { id } },
        );
      const checked = AllocationSchema.parse(allocation);
      await mkdir(options.dataFolder, { recursive: true });
      const file = path.join(options.dataFolder, `${id}.json`);
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(checked, null, 2)}\n`, "utf8");
      await rename(temporary, file);
      byId.set(id, checked);
    },
  };
}

/** The allocation store the settings name. */
export function createSettingsAllocationStore(
  settings: Pick<Settings, "CORPUS_DIR" | "DATA_DIR">,
): Promise<AllocationStore> {
  return createAllocationFileStore({
    bundledFolder: path.join(settings.CORPUS_DIR, "allocations"),
    dataFolder: path.join(settings.DATA_DIR, "allocations"),
  });
}

/**
 * `npm run cli -- allocations import FILE`: reads an .xlsx or .csv allocation spreadsheet and stores
 * its allocations in `${DATA_DIR}/allocations/`. Nothing is stored when any row has an error; the
 * result lists every error with its row and column.
 */
export async function runAllocationsImport(
  file: string,
  settings: Pick<Settings, "CORPUS_DIR" | "DATA_DIR"> = parseSettings(process.env),
): Promise<AllocationImportResult> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (cause) {
    throw new InputError(
      "file_unreadable",
      `${file}: cannot read the file (${cause instanceof Error ? cause.message : String(cause)}).`,
      { cause, details: { file } },
    );
  }
  const store = await createSettingsAllocationStore(settings);
  return importAllocationSpreadsheet(path.basename(file), bytes, store);
}

/** The result as the CLI prints it. */
export function formatAllocationsImport(result: AllocationImportResult): string {
  if (result.errors.length > 0)
    return [
      `${result.file}: nothing was imported; ${result.errors.length} error(s):`,
      ...result.errors.map((error) => `  ${error.message}`),
    ].join("\n");
  const lines = [
    `${result.file}: ${result.imported.length} imported, ${result.unchanged.length} unchanged.`,
  ];
  for (const id of result.imported) lines.push(`  + ${id}`);
  for (const id of result.unchanged) lines.push(`  = ${id}`);
  return lines.join("\n");
}
