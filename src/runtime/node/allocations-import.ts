/**
 * Allocation data on disk, writable: the bundled files in `${CORPUS_DIR}/allocations/` (never
 * written) and imported ones in `${DATA_DIR}/allocations/`, one corpus-like JSON file per
 * initiative; an imported file overrides the bundled one with the same id. And the CLI's
 * `allocations import FILE`.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseSettings, type Settings } from "../../config.ts";
import { AllocationSchema } from "../../domain/index.ts";
import { InputError } from "../../errors/errors.ts";
import {
  importAllocationSpreadsheet,
  type AllocationImportResult,
} from "../../import/allocation-store.ts";
import type { AllocationStore } from "../../ports/allocation-store.ts";
import type { AllocationEntry } from "../../ports/allocation-store.ts";
import { readAllocationFiles } from "./allocation-files.ts";

import { allocationIdProblem } from "../../import/allocation-sheet.ts";

/** A staged import: `${dataFolder}/.import-<uuid>/` with its files, and beside it `.import-<uuid>.commit` once all are written. */
const STAGED = /^\.import-[0-9a-f-]+$/;

/**
 * Finishes or undoes imports a crash interrupted: a staged import with its commit mark is moved
 * into place (every file was written), one without is thrown away (nothing of it was visible).
 */
async function recoverImports(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names.filter((candidate) => STAGED.test(candidate))) {
    const staged = path.join(folder, name);
    if (names.includes(`${name}.commit`)) {
      for (const file of await readdir(staged))
        await rename(path.join(staged, file), path.join(folder, file));
      await rm(path.join(folder, `${name}.commit`), { force: true });
    }
    await rm(staged, { recursive: true, force: true });
  }
  for (const name of names.filter((candidate) => candidate.endsWith(".commit")))
    if (!names.includes(name.replace(/\.commit$/, "")))
      await rm(path.join(folder, name), { force: true });
}

function checkedId(id: string): string {
  const problem = allocationIdProblem(id);
  if (problem !== undefined)
    throw new InputError("allocation_id_invalid", problem, { details: { id } });
  return id;
}

export type AllocationFileStoreOptions = {
  /** The bundled allocation files, read only (corpus/allocations). */
  bundledFolder: string;
  /** Where imported allocations are written (`${DATA_DIR}/allocations`). */
  dataFolder: string;
  /**
   * Finish or undo imports a crash interrupted (default true). Only a process holding the
   * data-folder lock may: otherwise a staged import in progress in another process would be thrown away.
   */
  recover?: boolean;
};

/** An allocation store over the bundled folder (read only) and the data folder (read and written). */
export async function createAllocationFileStore(
  options: AllocationFileStoreOptions,
): Promise<AllocationStore> {
  if (options.recover ?? true) await recoverImports(options.dataFolder);
  const byId = new Map<string, AllocationEntry["allocation"]>();
  for (const entry of await readAllocationFiles(options.bundledFolder))
    byId.set(entry.id, entry.allocation);
  for (const entry of await readAllocationFiles(options.dataFolder))
    byId.set(entry.id, entry.allocation);
  const fileOf = (folder: string, id: string) => path.join(folder, `${id}.json`);
  const text = (allocation: AllocationEntry["allocation"]) =>
    `${JSON.stringify(AllocationSchema.parse(allocation), null, 2)}\n`;

  /*
   * Every file is written into a staging folder first; only when all are there does a commit mark
   * make the import count, and the files are renamed into place. A failure before the mark removes
   * the staging folder; a crash is finished or undone at the next start (recoverImports). A rename
   * that fails after the mark puts back the files already moved.
   */
  const putAll = async (entries: readonly AllocationEntry[]): Promise<void> => {
    const checked = entries.map(({ id, allocation }) => ({
      id: checkedId(id),
      body: text(allocation),
    }));
    await mkdir(options.dataFolder, { recursive: true });
    const name = `.import-${randomUUID()}`;
    const staged = path.join(options.dataFolder, name);
    const mark = path.join(options.dataFolder, `${name}.commit`);
    const previous = new Map<string, string | undefined>();
    try {
      await mkdir(staged);
      for (const { id, body } of checked) {
        await writeFile(fileOf(staged, id), body, { encoding: "utf8", flush: true });
        previous.set(
          id,
          await readFile(fileOf(options.dataFolder, id), "utf8").catch(() => undefined),
        );
      }
      await writeFile(mark, checked.map(({ id }) => id).join("\n"), { flush: true });
    } catch (error) {
      await rm(staged, { recursive: true, force: true });
      await rm(mark, { force: true });
      throw error;
    }
    const moved: string[] = [];
    try {
      for (const { id } of checked) {
        await rename(fileOf(staged, id), fileOf(options.dataFolder, id));
        moved.push(id);
      }
    } catch (error) {
      for (const id of moved) {
        const before = previous.get(id);
        if (before === undefined) await rm(fileOf(options.dataFolder, id), { force: true });
        else await writeFile(fileOf(options.dataFolder, id), before, "utf8");
      }
      await rm(mark, { force: true });
      await rm(staged, { recursive: true, force: true });
      throw error;
    }
    await rm(mark, { force: true });
    await rm(staged, { recursive: true, force: true });
    for (const { id, allocation } of entries) byId.set(id, AllocationSchema.parse(allocation));
  };

  return {
    list: async () =>
      [...byId.entries()]
        .map(([id, allocation]) => ({ id, allocation }))
        .sort((left, right) => left.id.localeCompare(right.id)),
    get: async (id) => byId.get(id),
    put: (id, allocation) => putAll([{ id, allocation }]),
    putAll,
  };
}

/** The allocation store the settings name. */
export function createSettingsAllocationStore(
  settings: Pick<Settings, "CORPUS_DIR" | "DATA_DIR">,
  options: { holdsDataFolder: boolean },
): Promise<AllocationStore> {
  return createAllocationFileStore({
    bundledFolder: path.join(settings.CORPUS_DIR, "allocations"),
    dataFolder: path.join(settings.DATA_DIR, "allocations"),
    recover: options.holdsDataFolder,
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
  // Without the data-folder lock: an interrupted import is recovered by the next server start.
  const store = await createSettingsAllocationStore(settings, { holdsDataFolder: false });
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
