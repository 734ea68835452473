/**
 * Versioned prompts: one Markdown file per prompt id and version (`prompts/assessment.v1.md`), a
 * small front matter (`id`, `version`) and two parts, `## system` and `## user`, with
 * `{{placeholders}}`. This module parses file texts handed to it; reading the folder is the
 * runtime's job (src/runtime/node/prompt-files.ts), so Workers can bundle the same files.
 */
import { InputError } from "../errors/errors.ts";
import type { Prompt, PromptLibrary } from "../ports/prompt-library.ts";

/** The file name a prompt must have: `<id>.v<version>.md`. */
const FILE_NAME = /^(?:.*[\\/])?([a-z0-9][a-z0-9-]*)\.v(\d+)\.md$/u;
const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/u;
const PART_HEADING = /^##[ \t]+(\S.*?)[ \t]*$/gmu;
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/gu;

function malformed(file: string, problem: string): InputError {
  return new InputError("prompt_file_invalid", `Prompt file ${file}: ${problem}`, {
    details: { file },
  });
}

/** Parses one prompt file; throws InputError("prompt_file_invalid") naming the file. */
export function parsePromptFile(file: string, text: string): Prompt {
  const named = FILE_NAME.exec(file);
  if (named === null)
    throw malformed(file, 'the name must be "<id>.v<version>.md", e.g. "assessment.v1.md".');
  const front = FRONT_MATTER.exec(text.replace(/^\uFEFF/u, ""));
  if (front === null)
    throw malformed(
      file,
      "it must start with a front matter between two '---' lines (id, version).",
    );
  const fields = new Map<string, string>();
  for (const line of (front[1] ?? "").split(/\r?\n/u)) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const field = /^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$/u.exec(line);
    if (field === null)
      throw malformed(file, `front matter line "${line.trim()}" is not "key: value".`);
    fields.set(field[1] ?? "", (field[2] ?? "").replace(/^["']|["']$/gu, ""));
  }
  const id = fields.get("id");
  const version = fields.get("version");
  if (id === undefined || id === "") throw malformed(file, "the front matter has no id.");
  if (version === undefined || !/^\d+$/u.test(version))
    throw malformed(file, "the front matter has no version (a whole number).");
  if (id !== named[1] || version !== named[2])
    throw malformed(
      file,
      `the front matter says ${id} version ${version}, the file name says ${named[1] ?? ""} version ${named[2] ?? ""}.`,
    );

  const body = text.replace(/^\uFEFF/u, "").slice(front[0].length);
  const headings = [...body.matchAll(PART_HEADING)];
  const parts = new Map<string, string>();
  headings.forEach((heading, index) => {
    const name = (heading[1] ?? "").toLowerCase();
    if (name !== "system" && name !== "user")
      throw malformed(
        file,
        `unknown part "## ${heading[1] ?? ""}" (only "## system" and "## user").`,
      );
    if (parts.has(name)) throw malformed(file, `the part "## ${name}" appears twice.`);
    const start = (heading.index ?? 0) + heading[0].length;
    const end = headings[index + 1]?.index ?? body.length;
    parts.set(name, body.slice(start, end).trim());
  });
  const system = parts.get("system");
  const user = parts.get("user");
  if (system === undefined || system === "")
    throw malformed(file, 'the part "## system" is missing or empty.');
  if (user === undefined || user === "")
    throw malformed(file, 'the part "## user" is missing or empty.');
  return { id, version, system, user };
}

/** The placeholders a template uses, in order of first use. */
export function promptPlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ""))];
}

/**
 * Fills `{{name}}` placeholders in one pass (a value that itself holds "{{x}}" stays as written).
 * A placeholder without a value is a programming error and throws.
 */
export function renderPrompt(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prompt placeholder {{${name}}} has no value`);
    return value;
  });
}

/**
 * A prompt library over file texts keyed by file name. `get("assessment")` gives the highest
 * version; `get("assessment@1")` a given one. Every file is parsed up front, so a malformed file
 * fails at start-up, not at the first draft.
 */
export function createPromptLibrary(
  files: Readonly<Record<string, string>>,
): PromptLibrary & { list(): Array<{ id: string; version: string }> } {
  const byId = new Map<string, Map<string, Prompt>>();
  for (const [file, text] of Object.entries(files)) {
    const prompt = parsePromptFile(file, text);
    const versions = byId.get(prompt.id) ?? new Map<string, Prompt>();
    versions.set(prompt.version, prompt);
    byId.set(prompt.id, versions);
  }
  return {
    get(reference) {
      const [id = "", version] = reference.split("@");
      const versions = byId.get(id);
      if (versions === undefined)
        throw new InputError(
          "prompt_not_found",
          `No prompt "${id}" in the prompt library (have: ${[...byId.keys()].sort().join(", ") || "none"}).`,
        );
      if (version !== undefined) {
        const prompt = versions.get(version);
        if (prompt === undefined)
          throw new InputError(
            "prompt_not_found",
            `No version ${version} of prompt "${id}" (have: ${[...versions.keys()].join(", ")}).`,
          );
        return prompt;
      }
      const latest = [...versions.values()].sort(
        (left, right) => Number(right.version) - Number(left.version),
      )[0];
      if (latest === undefined)
        throw new InputError("prompt_not_found", `No prompt "${id}" in the prompt library.`);
      return latest;
    },
    list() {
      return [...byId.values()]
        .flatMap((versions) => [...versions.values()].map(({ id, version }) => ({ id, version })))
        .sort(
          (left, right) =>
            left.id.localeCompare(right.id) || Number(left.version) - Number(right.version),
        );
    },
  };
}
