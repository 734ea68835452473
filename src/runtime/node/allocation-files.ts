/** Reads allocation data files (corpus/allocations/<id>.json) and checks each against the schema. */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { AllocationSchema } from "../../domain/index.ts";
import { InputError } from "../../errors/errors.ts";
import { createMemoryAllocationSource } from "../../validation/allocation-source.ts";
import type { AllocationEntry, AllocationSource } from "../../ports/allocation-store.ts";

/** Files in the folder that are not allocation data. */
const NOT_ALLOCATIONS = new Set(["overrides.json"]);

export async function readAllocationFiles(folder: string): Promise<AllocationEntry[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const entries: AllocationEntry[] = [];
  for (const name of names
    .filter((candidate) => candidate.endsWith(".json") && !NOT_ALLOCATIONS.has(candidate))
    .sort()) {
    const file = path.join(folder, name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, "utf8"));
    } catch (cause) {
      throw new InputError(
        "allocation_file_invalid",
        `${file}: not valid JSON (${cause instanceof Error ? cause.message : String(cause)}).`,
        { cause },
      );
    }
    const parsed = AllocationSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
        .join("; ");
      throw new InputError("allocation_file_invalid", `${file}: ${problems}`);
    }
    entries.push({ id: name.replace(/\.json$/, ""), allocation: parsed.data });
  }
  return entries;
}

export async function createAllocationFileSource(folder: string): Promise<AllocationSource> {
  return createMemoryAllocationSource(await readAllocationFiles(folder));
}
