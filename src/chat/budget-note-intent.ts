/**
 * The chat's budget notes: "lav et budgetnotat …" starts one with what the message says; the
 * chat asks for what is missing, one question at a time, and keeps the partial request in the
 * conversation state; when the request is complete it drafts through `draftBudgetNote` (the
 * route's drafter), keeps the draft and sends it as a `draft` event.
 */
import {
  type BudgetNoteDraftRequest,
  BudgetNoteDraftRequestSchema,
  type Draft,
} from "../domain/index.ts";
import { draftBudgetNote } from "../drafting/draft-budget-note.ts";
import type { BudgetNoteWriter } from "../drafting/ports.ts";
import type { DraftStore } from "../ports/draft-store.ts";
import { formatDanishAmount } from "../money/index.ts";
import type { ConversationState } from "../ports/conversation-store.ts";
import { readBudgetNoteAnswer } from "./read-budget-note.ts";
import {
  BUDGET_NOTE_FIELDS,
  type BudgetNoteField,
  type BudgetNoteReading,
} from "../domain/budget-note-reading.ts";
import type { ChatIntent } from "./route-intent.ts";

export type BudgetNoteChatDependencies = {
  drafting?: { drafts: DraftStore; budgetNoteWriter?: BudgetNoteWriter; maxAttempts?: number };
  now?: () => Date;
};

export type BudgetNoteOutcome = {
  reply: string;
  events?: Array<{ event: "draft"; data: { draft: Draft } }>;
  draftId?: string;
  state: ConversationState;
};

const AMOUNT_EXAMPLE =
  'fx "2 mio. kr. årligt i 2027-2030" eller "1 mio. kr. i 2027 og 1,5 mio. kr. i 2028"';

export const BUDGET_NOTE_QUESTIONS: Readonly<Record<BudgetNoteField, string>> = {
  title: "Hvad skal budgetnotatet hedde (titlen)?",
  purpose:
    "Hvad skal pengene bruges til? Skriv formålet i en eller flere sætninger (adskil punkter med semikolon).",
  lines: `Hvilke beløb pr. år foreslås? Skriv dem med år, ${AMOUNT_EXAMPLE}.`,
  area: "Hvilket styringsområde: service, indsats, overførsler eller anlæg?",
  priceLevel: 'Hvilket pris- og lønniveau er beløbene i (fx "2027 p/l")?',
  committee: 'Hvilket udvalg hører bevillingen under (fx "BIU")?',
  appropriation: 'Hvilket bevillingsnummer (fx "35.10")?',
};

/** The reading with `next`'s fields laid over it; lines without an area get the reading's area. */
export function mergeReadings(base: BudgetNoteReading, next: BudgetNoteReading): BudgetNoteReading {
  const merged: BudgetNoteReading = { ...base, ...next };
  if (next.lines !== undefined && base.lines !== undefined) {
    const lines = base.lines.map((line) => ({ ...line, amounts: { ...line.amounts } }));
    for (const line of next.lines) {
      const same = lines.find((candidate) => candidate.area === line.area);
      if (same === undefined) lines.push(line);
      else Object.assign(same.amounts, line.amounts);
    }
    merged.lines = lines;
  }
  if (next.unplaced === undefined) delete merged.unplaced;
  return merged;
}

/** The first piece the reading lacks, in the order the chat asks. */
export function missingField(reading: BudgetNoteReading): BudgetNoteField | undefined {
  return BUDGET_NOTE_FIELDS.find((field) => {
    if (field === "lines") return reading.lines === undefined || reading.lines.length === 0;
    if (field === "area")
      return (
        reading.area === undefined && (reading.lines ?? []).some((line) => line.area === undefined)
      );
    if (field === "purpose") return reading.purpose === undefined || reading.purpose.length === 0;
    return reading[field] === undefined;
  });
}

/** The request a complete reading stands for (checked by the route's own schema). */
export function budgetNoteRequest(
  reading: BudgetNoteReading,
  author: string,
): ReturnType<typeof BudgetNoteDraftRequestSchema.safeParse> {
  const title = reading.title ?? "";
  return BudgetNoteDraftRequestSchema.safeParse({
    title,
    purpose: reading.purpose ?? [],
    priceLevel: reading.priceLevel,
    committee: reading.committee,
    appropriation: reading.appropriation,
    author,
    lines: (reading.lines ?? []).map((line) => ({
      area: line.area ?? reading.area,
      amounts: line.amounts,
      label: title,
    })),
  });
}

function summary(request: BudgetNoteDraftRequest): string {
  const lines = request.lines.map((line) => {
    const years = Object.entries(line.amounts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([year, kroner]) => `${year}: ${formatDanishAmount(kroner)}`)
      .join(", ");
    return `${line.area} (${years})`;
  });
  return `${lines.join("; ")}, ${request.priceLevel} p/l, ${request.committee} ${request.appropriation}`;
}

function draftReply(draft: Draft, request: BudgetNoteDraftRequest): string {
  const errors = draft.validation.issues.filter((issue) => issue.severity === "error").length;
  const warnings = draft.validation.issues.filter((issue) => issue.severity === "warning").length;
  const status =
    draft.status === "clean"
      ? "Alle beløb er tjekket mod forslagets tal; tabeller og aftaletekst er skrevet ud fra dem."
      : `Valideringen fandt ${errors} fejl og ${warnings} advarsler; se dem i udkastet.`;
  return `Her er et udkast til budgetnotatet «${draft.title}» (version ${draft.version}): ${summary(request)}. ${status}\nUdkastet er åbnet i udkastsruden.`;
}

function ask(
  reading: BudgetNoteReading,
  field: BudgetNoteField,
  state: ConversationState,
  lead = "",
): BudgetNoteOutcome {
  const { pending: _assessment, ...rest } = state;
  return {
    reply: `${lead}${BUDGET_NOTE_QUESTIONS[field]}`,
    state: { ...rest, budgetNote: { reading, awaiting: field } },
  };
}

/** Runs the budget-note intent: asks for the next missing piece, or drafts the note. */
export async function runBudgetNote(
  intent: Extract<ChatIntent, { intent: "budget_note" }>,
  state: ConversationState,
  deps: BudgetNoteChatDependencies,
  author: string,
  signal?: AbortSignal,
): Promise<BudgetNoteOutcome> {
  const { budgetNote: under, ...rest } = state;
  if (intent.cancel === true)
    return { reply: "Jeg har lagt budgetnotatet væk; intet er gemt.", state: rest };
  const writer = deps.drafting?.budgetNoteWriter;
  if (deps.drafting === undefined || writer === undefined)
    return { reply: "Budgetnotater kan ikke laves på denne server.", state: rest };

  let reading: BudgetNoteReading;
  let lead = "";
  if (intent.answer !== undefined && under !== undefined) {
    const answer = readBudgetNoteAnswer(under.awaiting, intent.answer);
    reading = mergeReadings(under.reading, answer);
    if (missingField(reading) === under.awaiting)
      lead =
        answer.unplaced !== undefined
          ? `Jeg kan ikke fordele ${answer.unplaced.join(", ")} på årene. `
          : "Det kunne jeg ikke læse. ";
  } else {
    reading = intent.reading;
    lead =
      reading.title === undefined
        ? "Jeg laver et udkast til et budgetnotat. "
        : `Jeg laver et udkast til budgetnotatet «${reading.title}». `;
    if (reading.unplaced !== undefined)
      lead += `Jeg kan ikke fordele ${reading.unplaced.join(", ")} på årene; skriv beløbene pr. år. `;
  }

  const missing = missingField(reading);
  if (missing !== undefined) return ask(reading, missing, state, lead);
  const parsed = budgetNoteRequest(reading, author);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = BUDGET_NOTE_FIELDS.find((name) => issue?.path[0] === name) ?? "lines";
    const { [field]: _wrong, ...kept } = reading;
    return ask(kept, field, state, `${issue?.message ?? "Det kunne jeg ikke bruge"}. `);
  }
  signal?.throwIfAborted();
  const draft = await draftBudgetNote(parsed.data, {
    writer,
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(deps.drafting.maxAttempts === undefined ? {} : { maxAttempts: deps.drafting.maxAttempts }),
  });
  await deps.drafting.drafts.save(draft);
  const { pending: _assessment, ...after } = rest;
  return {
    reply: draftReply(draft, parsed.data),
    events: [{ event: "draft", data: { draft } }],
    draftId: draft.id,
    state: { ...after, draftId: draft.id },
  };
}
