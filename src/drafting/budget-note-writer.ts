/**
 * Writers of a budget note's prose (Baggrund and Indhold). The offline writer composes them from
 * the caseworker's purpose notes, deterministically and without money figures; the model writer
 * asks a language model with the "budget-note" prompt and gets the validator's findings back on
 * a repair. Neither writes tables or the agreement text: those are rendered from data.
 */
import { z } from "zod";
import type { ValidationIssue } from "../domain/index.ts";
import { extractFigures, splitSentences } from "../money/index.ts";
import { InputError } from "../errors/errors.ts";
import type { BudgetNoteContext, BudgetNoteProse, BudgetNoteWriter } from "./ports.ts";
import type { ChatMessage, LanguageModel, ModelCallTrace } from "../ports/language-model.ts";
import type { Prompt, PromptLibrary } from "../ports/prompt-library.ts";
import { promptPlaceholders, renderPrompt } from "./prompt-library.ts";

export const BUDGET_NOTE_PROMPT_ID = "budget-note";
/** Longest example passage quoted to the model, characters. */
const MAX_EXAMPLE_CHARACTERS = 1_500;
const MAX_EXAMPLES = 4;

// ---------------------------------------------------------------------------------------------
// Offline

/** A note as a sentence: trimmed, capital first, a full stop last. */
function asSentence(text: string): string {
  const trimmed = text.replace(/\s+/gu, " ").trim();
  if (trimmed === "") return "";
  const capital = trimmed.charAt(0).toLocaleUpperCase("da-DK") + trimmed.slice(1);
  return /[.!?:]$/u.test(capital) ? capital : `${capital}.`;
}

/** The sentences of a note that state no money: the amounts belong to the tables and the agreement text. */
function withoutMoney(note: string): string {
  const text = asSentence(note);
  const money = extractFigures(text).filter((figure) => figure.kind === "money");
  if (money.length === 0) return text;
  return splitSentences(text)
    .map(({ start, end }) => ({ start, end, sentence: text.slice(start, end).trim() }))
    .filter(({ start, end }) => !money.some((figure) => figure.start < end && figure.end > start))
    .map(({ sentence }) => sentence)
    .filter((sentence) => sentence !== "")
    .join(" ");
}

function activityList(context: BudgetNoteContext): string {
  const labels = context.allocation.lines
    .flatMap((line) =>
      line.label === undefined ? [] : [withoutMoney(line.label).replace(/\.$/u, "")],
    )
    .filter((label) => label !== "");
  if (labels.length === 0) return "";
  const lowered = labels.map(
    (label) => label.charAt(0).toLocaleLowerCase("da-DK") + label.slice(1),
  );
  const listed =
    lowered.length === 1
      ? (lowered[0] ?? "")
      : `${lowered.slice(0, -1).join("; ")} samt ${lowered[lowered.length - 1] ?? ""}`;
  return `Forslaget omfatter følgende aktiviteter: ${listed}.`;
}

/**
 * Deterministic prose in the department's register: Baggrund opens with what the note proposes
 * and the first purpose note; Indhold carries the other notes and the activities of the economy
 * table. Sentences with money are left out.
 */
export function createOfflineBudgetNoteWriter(): BudgetNoteWriter {
  return {
    id: "offline",
    prompt: { id: "offline-budget-note", version: "1" },
    async write(context: BudgetNoteContext): Promise<BudgetNoteProse> {
      const notes = context.purpose.map(withoutMoney).filter((note) => note !== "");
      const title = context.title.replace(/\s+/gu, " ").trim();
      const named = /["”“«»]/u.test(title) ? title : `”${title}”`;
      const lead = `Forvaltningen foreslår med dette budgetnotat, at der afsættes midler til initiativet ${named}.`;
      const [first, ...rest] = notes;
      const baggrund = [lead, first]
        .filter((part): part is string => part !== undefined && part !== "")
        .join(" ");
      const activities = activityList(context);
      const indhold =
        [...rest, activities].filter((part) => part !== "").join("\n\n") ||
        "Indsatsens indhold og aktiviteter fremgår af økonomitabellen nedenfor.";
      return { baggrund, indhold };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Model

/** What the model must answer: the two prose sections, nothing else. */
export const BudgetNoteProseSchema = z.object({
  baggrund: z.string().trim().min(1).max(6_000),
  indhold: z.string().trim().min(1).max(12_000),
});

function bulletList(items: readonly string[]): string {
  return items.map((item) => `- ${item.replace(/\s+/gu, " ").trim()}`).join("\n");
}

function examplesText(context: BudgetNoteContext): string {
  if (context.examples.length === 0) return "(ingen)";
  return context.examples
    .slice(0, MAX_EXAMPLES)
    .map(
      (example) =>
        `<<<uddrag fra ${example.documentTitle}, ${example.section} (${example.year})\n${example.quote.slice(0, MAX_EXAMPLE_CHARACTERS)}\n>>>`,
    )
    .join("\n\n");
}

/** Material may not close or open the prompt's <materiale> fences itself. */
function fenced(text: string): string {
  return text.replace(/<\/?\s*materiale\s*>/giu, "(materiale)");
}

/** The placeholders a budget-note prompt may use: the keys of `budgetNotePromptValues`. */
export const BUDGET_NOTE_PLACEHOLDERS = [
  "title",
  "purpose",
  "activities",
  "agreementText",
  "examples",
] as const;

/** The values the prompt's placeholders take (material with its fences neutralised). */
export function budgetNotePromptValues(
  context: BudgetNoteContext,
): Record<(typeof BUDGET_NOTE_PLACEHOLDERS)[number], string> {
  return {
    title: fenced(context.title),
    purpose: fenced(bulletList(context.purpose)),
    activities: fenced(bulletList(context.allocation.lines.map((line) => line.label ?? line.area))),
    agreementText: fenced(context.economySentence),
    examples: fenced(examplesText(context)),
  };
}

/** The validator's findings as the repair prompt's {{findings}}. */
function describeFindings(issues: readonly ValidationIssue[]): string {
  return issues
    .map(
      (issue) =>
        `- ${issue.message}${issue.found === undefined ? "" : ` (i teksten: "${issue.found}")`}`,
    )
    .join("\n");
}

export const BUDGET_NOTE_REPAIR_PROMPT_ID = "budget-note-repair";

/** A prompt with a placeholder the writer does not fill fails when the writer is made, not at the first draft. */
function checkPlaceholders(prompt: Prompt): void {
  const known: ReadonlySet<string> = new Set(BUDGET_NOTE_PLACEHOLDERS);
  const unknown = promptPlaceholders(`${prompt.system}\n${prompt.user}`).filter(
    (name) => !known.has(name),
  );
  if (unknown.length === 0) return;
  throw new InputError(
    "prompt_file_invalid",
    `Prompt "${prompt.id}" version ${prompt.version} uses ${unknown.map((name) => `{{${name}}}`).join(", ")}, which the budget-note writer does not fill (it fills ${BUDGET_NOTE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(", ")}).`,
    { details: { prompt: prompt.id, version: prompt.version, unknown } },
  );
}

/** Writes Baggrund and Indhold with a language model and the "budget-note" prompt, filled by the prompt library's renderPrompt. */
export function createModelBudgetNoteWriter(
  model: LanguageModel,
  prompts: PromptLibrary,
): BudgetNoteWriter {
  const prompt = prompts.get(BUDGET_NOTE_PROMPT_ID);
  checkPlaceholders(prompt);
  const repairPrompt = prompts.get(BUDGET_NOTE_REPAIR_PROMPT_ID);
  return {
    id: `${model.provider}:${model.modelId}`,
    prompt: { id: prompt.id, version: prompt.version },
    async write(context, repair): Promise<BudgetNoteProse> {
      const values = budgetNotePromptValues(context);
      const messages: ChatMessage[] = [
        { role: "system", content: renderPrompt(prompt.system, values) },
        { role: "user", content: renderPrompt(prompt.user, values) },
      ];
      if (repair !== undefined) {
        const first = messages[0];
        if (first !== undefined)
          messages[0] = { role: "system", content: `${first.content}\n\n${repairPrompt.system}` };
        messages.push(
          { role: "assistant", content: repair.previousText },
          {
            role: "user",
            content: renderPrompt(repairPrompt.user, {
              findings: fenced(describeFindings(repair.issues)),
            }),
          },
        );
      }
      const modelCalls: ModelCallTrace[] = [];
      const { value } = await model.generateObject({
        messages,
        schema: BudgetNoteProseSchema,
        schemaName: "budget_note_prose",
        context: {
          route: "drafts/budget-note",
          prompt: { id: prompt.id, version: prompt.version },
        },
        onTrace: (trace) => modelCalls.push(trace),
      });
      return { baggrund: value.baggrund, indhold: value.indhold, modelCalls };
    },
  };
}
