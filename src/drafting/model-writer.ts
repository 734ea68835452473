/**
 * A writer backed by a language model: fills the versioned prompt with the expiring card, the
 * examples, the caseworker's notes, the decision and the economy sentence (for reference only),
 * and asks for JSON {"indholdIJusteretIndsats": string}. On a repair call it adds the validator's
 * findings (Danish messages with the figure text) and its previous text, and asks again.
 */
import { z } from "zod";
import type { DraftDecision, ValidationIssue } from "../domain/index.ts";
import type { AssessmentContext, AssessmentWriter } from "./ports.ts";
import type { ChatMessage, LanguageModel, ModelCallTrace } from "../ports/language-model.ts";
import type { PromptLibrary } from "../ports/prompt-library.ts";
import { renderPrompt } from "./prompt-library.ts";

/** Longest prose accepted from a model, characters. */
export const MAX_MODEL_PROSE = 8_000;

export const AssessmentProseSchema = z.object({
  indholdIJusteretIndsats: z.string().trim().min(1, "the text is empty").max(MAX_MODEL_PROSE),
});

export const DECISION_LABELS: Readonly<Record<DraftDecision, string>> = {
  uændret: "videreføres uændret",
  med_justeringer: "videreføres med justeringer",
  ophører: "videreføres ikke (indsatsen ophører)",
  betinget: "videreføres kun på betingelser",
  afventer: "afventer afklaring",
};

/** Material goes between <materiale> marks; a closing mark inside it would let it out. */
function asMaterial(text: string): string {
  return text.replace(/<\s*\/?\s*materiale\s*>/giu, "[materiale]").trim();
}

function describeCard(context: AssessmentContext): string {
  const parts = context.card.sections
    .filter(
      (section) =>
        section.kind === "content" || section.kind === "results" || section.kind === "assessment",
    )
    .map((section) => `${section.heading}:\n${section.text.replace(/[ \t]+/gu, " ").trim()}`);
  return asMaterial(parts.join("\n\n") || "(kortet har ingen tekst)");
}

function describeExamples(context: AssessmentContext): string {
  if (context.examples.length === 0) return "(ingen eksempler)";
  return asMaterial(
    context.examples
      .map(
        (example) =>
          `[${example.reason === "same_initiative" ? "samme indsats" : "samme beslutning"}] ${example.title} (bilaget for ${example.year}), ${example.section}:\n${example.quote}`,
      )
      .join("\n\n"),
  );
}

function describeNotes(notes: readonly string[]): string {
  return notes.length === 0
    ? "(ingen noter)"
    : asMaterial(notes.map((note) => `- ${note.replace(/\s+/gu, " ").trim()}`).join("\n"));
}

/** The validator's findings as the model reads them: the figure as written, and the message. */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues
    .map((issue) => {
      const figure = issue.found === undefined || issue.found === "" ? "" : `"${issue.found}": `;
      const expected = issue.expected === undefined ? "" : ` (data: ${issue.expected})`;
      return `- ${figure}${issue.message}${expected}`;
    })
    .join("\n");
}

export function assessmentMessages(
  context: AssessmentContext,
  template: { system: string; user: string },
): ChatMessage[] {
  const user = renderPrompt(template.user, {
    title: asMaterial(context.allocation?.initiative ?? context.card.title),
    decision: DECISION_LABELS[context.decision],
    budgetYear: String(context.budgetYear),
    year: String(context.document.year),
    economySentence: asMaterial(context.economySentence),
    card: describeCard(context),
    examples: describeExamples(context),
    notes: describeNotes(context.notes),
  });
  return [
    { role: "system", content: template.system },
    { role: "user", content: user },
  ];
}

export type ModelWriterOptions = {
  /** Id of the repair prompt (default `${promptId}-repair`). */
  repairPromptId?: string;
  signal?: AbortSignal;
};

/** A writer over a language model and the prompt library. */
export function createModelWriter(
  model: LanguageModel,
  prompts: PromptLibrary,
  promptId = "assessment",
  options: ModelWriterOptions = {},
): AssessmentWriter {
  const prompt = prompts.get(promptId);
  const repairPrompt = prompts.get(options.repairPromptId ?? `${prompt.id}-repair`);
  return {
    id: `${model.provider}:${model.modelId}`,
    prompt: { id: prompt.id, version: prompt.version },
    async write(context, repair) {
      const messages = assessmentMessages(context, prompt);
      if (repair !== undefined) {
        const first = messages[0];
        if (first !== undefined)
          messages[0] = { role: "system", content: `${first.content}\n\n${repairPrompt.system}` };
        messages.push({
          role: "assistant",
          content: JSON.stringify({ indholdIJusteretIndsats: repair.previousText }),
        });
        messages.push({
          role: "user",
          content: renderPrompt(repairPrompt.user, {
            issues: asMaterial(describeIssues(repair.issues)),
            previousText: asMaterial(repair.previousText),
          }),
        });
      }
      const modelCalls: ModelCallTrace[] = [];
      const { value } = await model.generateObject({
        messages,
        schema: AssessmentProseSchema,
        schemaName: "indhold_i_justeret_indsats",
        context: {
          route: "drafts/assessment",
          prompt:
            repair === undefined
              ? { id: prompt.id, version: prompt.version }
              : { id: repairPrompt.id, version: repairPrompt.version },
        },
        onTrace: (trace) => modelCalls.push(trace),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      return { indholdIJusteretIndsats: value.indholdIJusteretIndsats, modelCalls };
    },
  };
}
