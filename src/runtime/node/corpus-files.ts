/** Reads corpus files from disk: the bundled corpus with its manifest, or any files and folders. */
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { SourceFile } from "../../corpus/ingest.ts";
import { DOCUMENT_KINDS } from "../../domain/index.ts";
import { CorpusError } from "../../errors/errors.ts";

const ManifestSchema = z.object({
  documents: z.array(
    z.object({
      id: z.string().min(1),
      kind: z.enum(DOCUMENT_KINDS),
      year: z.number().int(),
      budgetYear: z.number().int(),
      layout: z.string().min(1),
      title: z.string().min(1),
      file: z.string().min(1),
      seed: z.string().optional(),
    }),
  ),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export async function readManifest(corpusDir: string): Promise<Manifest | undefined> {
  const file = path.join(corpusDir, "manifest.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  const parsed = ManifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new CorpusError(
      "manifest_invalid",
      `${file}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** The bundled corpus: the files its manifest lists, with their entries. */
export async function readBundledCorpus(corpusDir: string): Promise<SourceFile[]> {
  const manifest = await readManifest(corpusDir);
  if (manifest === undefined)
    throw new CorpusError(
      "manifest_missing",
      `${corpusDir} has no manifest.json; the bundled corpus cannot be read.`,
    );
  return Promise.all(
    manifest.documents.map(async ({ file, seed: _seed, ...entry }) => ({
      name: file,
      bytes: new Uint8Array(await readFile(path.join(corpusDir, file))),
      entry,
    })),
  );
}

const TEXT_EXTENSIONS = new Set([".txt", ".md", ".text"]);

/**
 * Files named on the command line: files as they are, folders walked for text files. A file
 * listed in its folder's manifest.json gets its entry.
 */
export async function readSourcePaths(
  paths: readonly string[],
): Promise<{ files: SourceFile[]; missing: string[] }> {
  const files: SourceFile[] = [];
  const missing: string[] = [];
  const entryFor = async (file: string) => {
    const manifest = await readManifest(path.dirname(file)).catch(() => undefined);
    const listed = manifest?.documents.find((document) => document.file === path.basename(file));
    if (listed === undefined) return undefined;
    const { file: _file, seed: _seed, ...entry } = listed;
    return entry;
  };
  for (const given of paths) {
    const info = await stat(given).catch(() => undefined);
    if (info === undefined) {
      missing.push(given);
      continue;
    }
    const candidates = info.isDirectory()
      ? (await readdir(given))
          .filter((name) => TEXT_EXTENSIONS.has(path.extname(name).toLowerCase()))
          .sort()
          .map((name) => path.join(given, name))
      : [given];
    for (const file of candidates) {
      const entry = await entryFor(file);
      files.push({
        name: path.basename(file),
        bytes: new Uint8Array(await readFile(file)),
        ...(entry === undefined ? {} : { entry }),
      });
    }
  }
  return { files, missing };
}
