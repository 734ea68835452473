/** Reads the versioned prompt files (prompts/<id>.v<version>.md) from disk for createPromptLibrary. */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { createPromptLibrary } from "../../drafting/prompt-library.ts";

const PROMPT_FILE = /^[a-z0-9][a-z0-9-]*\.v\d+\.md$/u;

/** File name → text of every prompt file in `folder` (other files, such as a README, are left out). */
export async function readPromptFiles(folder: string): Promise<Record<string, string>> {
  const names = (await readdir(folder)).filter((name) => PROMPT_FILE.test(name)).sort();
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await readFile(path.join(folder, name), "utf8");
  return files;
}

/** The prompt library of a folder. */
export async function loadPromptLibrary(folder: string) {
  return createPromptLibrary(await readPromptFiles(folder));
}
