/**
 * One turn of the caseworker chat: reads the message as an intent (by the model's tool choice
 * when a model is given, by the rule-based router otherwise or when the model fails), runs it —
 * a cited answer, a draft kept in the draft store, a revision as a new version, an export link, a
 * check of a pasted text — and returns the reply, the structured events and the assistant message
 * to store. Money figures in replies come only from drafts and validation results, never from a
 * model. The turn writes nothing to the conversation itself; the caller appends the message.
 */
import { z } from "zod";
import { answerQuestion } from "../answers/answer-question.ts";
import { titleCoverage } from "../answers/match-initiatives.ts";
import type { StreamHooks } from "../answers/stream-cited-sentences.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { Allocation, Draft, DraftDecision, ValidationIssue } from "../domain/index.ts";
import { AssessmentDraftRequestSchema, DraftDecisionSchema } from "../domain/index.ts";
import { draftAssessment } from "../drafting/draft-assessment.ts";
import type { AssessmentWriter, BudgetNoteWriter } from "../drafting/ports.ts";
import type {
  ChatMessage,
  LanguageModel,
  ModelTool,
  ModelTraceSink,
} from "../ports/language-model.ts";
import type { DraftStore } from "../ports/draft-store.ts";
import type { Prompt, PromptLibrary } from "../ports/prompt-library.ts";
import { renderPrompt } from "../drafting/prompt-library.ts";
import {
  type RevisionOperation,
  reviseAssessmentStructure,
  revisionContext,
} from "../drafting/revise-assessment.ts";
import { InputError } from "../errors/errors.ts";
import { extractFigures } from "../money/index.ts";
import type { AllocationSource } from "../ports/allocation-store.ts";
import { validateText } from "../validation/validate-text.ts";
import { runBudgetNote } from "./budget-note-intent.ts";
import { conversationState } from "./conversation-store.ts";
import type {
  ChatCitation,
  ChatValidation,
  ConversationMessage,
  ConversationState,
} from "../ports/conversation-store.ts";
import {
  parseInitiativeReference,
  routeIntent,
  splitCommandAndNotes,
  type ChatIntent,
  type InitiativeReference,
} from "./route-intent.ts";

export const DECISION_QUESTION =
  "Hvilken beslutning: uændret, med justeringer, ophører, betinget eller afventer?";
export const CHAT_TOOLS = ["ask", "draft", "revise", "export", "check", "smalltalk"] as const;
export const HELP_TEXT = [
  "Jeg kan hjælpe med bilag og budgetnotater:",
  '• spørgsmål om tidligere beslutninger ("Hvad besluttede vi om TechBBQ i 2023?"),',
  '• udkast til den faglige vurdering ("lav et udkast til nr. 4, uændret"),',
  '• rettelser ("gør den kortere", "tilføj at …") og eksport ("eksporter som word"),',
  '• tjek af en tekst mod bevillingsdata ("tjek denne tekst mod nr. 4: …").',
].join("\n");

export type ChatDependencies = {
  store: CorpusStore;
  allocations: AllocationSource;
  /** Drafting; without it draft, revise and export are answered with a note that drafting is off. */
  drafting?: {
    drafts: DraftStore;
    assessmentWriter: AssessmentWriter;
    budgetNoteWriter?: BudgetNoteWriter;
    maxAttempts?: number;
    /** The prompt that lets the model choose the tool (CHAT_TOOL_PROMPT_ID from the prompt library). */
    chatToolPrompt?: Prompt;
  };
  /** The tool prompt when drafting is off. */
  chatToolPrompt?: Prompt;
  /** When given with a tool prompt, it chooses the tool; the rule-based router is the fallback. */
  model?: LanguageModel;
  /** The prompt library; answers written by the model need prompts/answer.v1.md. */
  prompts?: PromptLibrary;
  now?: () => Date;
  newId?: () => string;
};

export type ChatEvent =
  | { event: "citations"; data: { citations: ChatCitation[] } }
  | { event: "draft"; data: { draft: Draft } }
  | { event: "validation"; data: ChatValidation };

export type ChatTurnInput = {
  conversationId: string;
  message: string;
  /** The conversation so far (this turn's user message may be included). */
  history: readonly ConversationMessage[];
  author?: string;
  signal?: AbortSignal;
  /** The draft open in the UI's draft pane: it becomes the conversation's draft. */
  draftId?: string;
  /** When given, a model-written answer streams through it as it is written. */
  stream?: StreamHooks;
  /** Gets the trace of each model call of the turn. */
  onTrace?: ModelTraceSink;
};

export type ChatTurnResult = {
  intent: ChatIntent;
  /** How the intent was chosen. */
  routedBy: "rules" | "model";
  /** The reply text, sent as deltas. */
  reply: string;
  /** Structured events, sent after the reply. */
  events: ChatEvent[];
  /** The assistant message to append (its text is the reply). */
  message: ConversationMessage;
};

// ---------------------------------------------------------------------------------------------
// Tool choice by a model

const ToolCallSchema = z.object({
  tool: z.enum(CHAT_TOOLS),
  arguments: z.object({
    /** ask: the question, self-contained. */
    question: z.string().nullable(),
    /** draft / check: "nr. 4", "bilag-2026-04" or title words. */
    initiative: z.string().nullable(),
    decision: DraftDecisionSchema.nullable(),
    /** draft: the caseworker's points, quoted from the message. */
    notes: z.array(z.string()).nullable(),
    /** revise: what to change. */
    revision: z
      .enum(["shorten", "add_note", "decision", "longer", "remove_point", "plainer", "formal"])
      .nullable(),
    /** revise add_note / remove_point: the point to add or remove, quoted from the message. */
    note: z.string().nullable(),
    format: z.enum(["docx", "md"]).nullable(),
    /** check: the pasted text, quoted from the message. */
    text: z.string().nullable(),
    /** smalltalk: a short reply without figures. */
    reply: z.string().nullable(),
  }),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

/** The versioned prompt that chooses the tool (prompts/chat-tool.v<n>.md): `{{state}}` in its system part, `{{message}}` in its user part. */
export const CHAT_TOOL_PROMPT_ID = "chat-tool";

/** The tools as LangChain tools: one zod schema each, the fields of ToolCallSchema's arguments that tool uses. */
const ARGUMENTS = ToolCallSchema.shape.arguments.shape;
export const CHAT_MODEL_TOOLS: readonly ModelTool[] = [
  {
    name: "ask",
    description:
      "Et spørgsmål om bilag og budgetnotater; question er spørgsmålet, selvstændigt formuleret.",
    schema: z.object({ question: ARGUMENTS.question }),
  },
  {
    name: "draft",
    description: "Et udkast til den faglige vurdering af et kort.",
    schema: z.object({
      initiative: ARGUMENTS.initiative,
      decision: ARGUMENTS.decision,
      notes: ARGUMENTS.notes,
    }),
  },
  {
    name: "revise",
    description:
      "Ret udkastet i samtalen: shorten, longer, add_note (med note), remove_point (med note), plainer, formal eller decision.",
    schema: z.object({
      revision: ARGUMENTS.revision,
      note: ARGUMENTS.note,
      decision: ARGUMENTS.decision,
    }),
  },
  {
    name: "export",
    description: "Eksporter udkastet som docx eller md.",
    schema: z.object({ format: ARGUMENTS.format }),
  },
  {
    name: "check",
    description: "Tjek en indsat tekst mod et initiativs bevillingsdata.",
    schema: z.object({ initiative: ARGUMENTS.initiative, text: ARGUMENTS.text }),
  },
  {
    name: "smalltalk",
    description: "Hilsner, tak og hjælp; reply er et kort svar uden beløb.",
    schema: z.object({ reply: ARGUMENTS.reply }),
  },
];

const NO_ARGUMENTS: ToolCall["arguments"] = {
  question: null,
  initiative: null,
  decision: null,
  notes: null,
  revision: null,
  note: null,
  format: null,
  text: null,
  reply: null,
};

function stateLine(state: ConversationState): string {
  const parts = [
    state.initiativeId === undefined
      ? undefined
      : `initiativ under behandling: ${state.initiativeId}`,
    state.draftId === undefined ? undefined : `udkast i samtalen: ${state.draftId}`,
    state.pending === undefined
      ? undefined
      : `assistenten har spurgt om beslutningen til et udkast for ${state.pending.initiativeId}`,
  ].filter((part) => part !== undefined);
  return parts.length === 0
    ? "Samtalen har intet initiativ eller udkast endnu."
    : `Samtalens tilstand: ${parts.join("; ")}.`;
}

function flat(text: string): string {
  return text.replace(/\s+/gu, " ").trim().toLowerCase();
}

/** Text the model quotes must stand in the user's message: the model cannot put words (or figures) of its own in a draft or a check. */
function quotedFrom(message: string, quote: string | null | undefined): string | undefined {
  if (quote === null || quote === undefined) return undefined;
  const trimmed = quote.trim();
  return trimmed !== "" && flat(message).includes(flat(trimmed)) ? trimmed : undefined;
}

/** The intent a model's tool call stands for, or undefined when the call cannot be used. */
export function intentFromToolCall(
  call: ToolCall,
  message: string,
): { intent: ChatIntent; reply?: string } | undefined {
  const args = call.arguments;
  const initiative =
    args.initiative === null ? undefined : parseInitiativeReference(args.initiative);
  switch (call.tool) {
    case "ask": {
      const question = args.question?.trim() || message;
      return { intent: { intent: "ask", question: question.slice(0, 2_000) } };
    }
    case "draft": {
      const notes = (args.notes ?? [])
        .map((note) => quotedFrom(message, note))
        .filter((note): note is string => note !== undefined);
      return {
        intent: {
          intent: "draft",
          notes,
          ...(initiative === undefined ? {} : { initiative }),
          ...(args.decision === null ? {} : { decision: args.decision }),
        },
      };
    }
    case "revise": {
      if (
        args.revision === "shorten" ||
        args.revision === "longer" ||
        args.revision === "plainer" ||
        args.revision === "formal"
      )
        return { intent: { intent: "revise", change: args.revision } };
      if (args.revision === "decision" && args.decision !== null)
        return { intent: { intent: "revise", change: "decision", decision: args.decision } };
      const note = quotedFrom(message, args.note);
      if (args.revision === "add_note" && note !== undefined)
        return { intent: { intent: "revise", change: "add_note", note } };
      if (args.revision === "remove_point" && note !== undefined)
        return { intent: { intent: "revise", change: "remove_point", point: note } };
      return undefined;
    }
    case "export":
      return { intent: { intent: "export", format: args.format ?? "docx" } };
    case "check": {
      const byRules = routeIntent(message);
      const text =
        byRules.intent === "check" && byRules.text !== ""
          ? byRules.text
          : (quotedFrom(message, args.text) ?? "");
      return {
        intent: { intent: "check", text, ...(initiative === undefined ? {} : { initiative }) },
      };
    }
    case "smalltalk": {
      const reply = args.reply?.trim();
      const safe =
        reply !== undefined &&
        reply !== "" &&
        reply.length <= 600 &&
        !extractFigures(reply).some((figure) => figure.kind === "money") &&
        !/\d/u.test(reply);
      return { intent: { intent: "smalltalk" }, ...(safe ? { reply } : {}) };
    }
  }
}

async function chooseByModel(
  model: LanguageModel,
  prompt: Prompt,
  input: ChatTurnInput,
  state: ConversationState,
): Promise<{ intent: ChatIntent; reply?: string } | undefined> {
  const earlier = input.history
    .filter((message) => message.text !== input.message || message.role !== "user")
    .slice(-6);
  const messages: ChatMessage[] = [
    { role: "system", content: renderPrompt(prompt.system, { state: stateLine(state) }) },
    ...earlier.map(
      (message): ChatMessage => ({ role: message.role, content: message.text.slice(0, 2_000) }),
    ),
    { role: "user", content: renderPrompt(prompt.user, { message: input.message }) },
  ];
  const common = {
    messages,
    context: { route: "chat", prompt: { id: prompt.id, version: prompt.version } },
    ...(input.signal === undefined ? {} : { signal: input.signal }),
    ...(input.onTrace === undefined ? {} : { onTrace: input.onTrace }),
  };
  if (model.callTool !== undefined) {
    const called = await model.callTool({ ...common, tools: CHAT_MODEL_TOOLS });
    if (called === undefined) return undefined;
    const call = ToolCallSchema.safeParse({
      tool: called.name,
      arguments: { ...NO_ARGUMENTS, ...(called.args as Record<string, unknown>) },
    });
    return call.success ? intentFromToolCall(call.data, input.message) : undefined;
  }
  const { value } = await model.generateObject({
    ...common,
    schema: ToolCallSchema,
    schemaName: "chat_tool",
  });
  return intentFromToolCall(value, input.message);
}

// ---------------------------------------------------------------------------------------------
// Initiatives

type ResolvedInitiative = {
  cardId: string;
  title: string;
  budgetYear: number;
  allocation: Allocation | undefined;
};

/** The newest annex year with allocation data (the annex whose cards are drafted for next year). */
async function currentAnnexYear(deps: ChatDependencies): Promise<number | undefined> {
  const years = (await deps.allocations.list())
    .map((entry) => /^bilag-(\d{4})-/u.exec(entry.id)?.[1])
    .filter((year): year is string => year !== undefined)
    .map(Number);
  if (years.length > 0) return Math.max(...years);
  const annexes = (await deps.store.listDocuments())
    .filter((document) => document.kind === "annex")
    .map((document) => document.year);
  return annexes.length === 0 ? undefined : Math.max(...annexes);
}

function describeReference(reference: InitiativeReference, year: number | undefined): string {
  if (reference.kind === "id") return `kortet "${reference.id}"`;
  if (reference.kind === "number")
    return `kort nr. ${reference.number}${year === undefined ? "" : ` i bilaget for ${year}`}`;
  return `et initiativ med bevillingsdata, der hedder noget med "${reference.words}"`;
}

async function resolveInitiative(
  reference: InitiativeReference,
  deps: ChatDependencies,
): Promise<ResolvedInitiative | { missing: string }> {
  let cardId: string | undefined;
  let year: number | undefined;
  if (reference.kind === "id") cardId = reference.id;
  else if (reference.kind === "number") {
    year = reference.year ?? (await currentAnnexYear(deps));
    if (year !== undefined) {
      const cards = await deps.store.listCards({ year, kind: "annex" });
      cardId = cards.find((card) => card.number === reference.number)?.id;
    }
  } else {
    /* Title words: the store's search, restricted to cards with stored allocation data. */
    const entries = await deps.allocations.list();
    const withData = new Map(entries.map((entry) => [entry.id, entry.allocation]));
    const hits = await deps.store.search({ query: reference.words, limit: 60 });
    const best = hits.find(
      (hit) =>
        withData.has(hit.cardId) &&
        Math.max(
          titleCoverage(reference.words, hit.title),
          titleCoverage(reference.words, withData.get(hit.cardId)?.initiative ?? ""),
        ) >= 0.5,
    );
    cardId = best?.cardId;
  }
  const stored = cardId === undefined ? undefined : await deps.store.getCard(cardId);
  if (stored === undefined || cardId === undefined)
    return {
      missing: `Jeg kan ikke finde ${describeReference(reference, year)}. Skriv kortets nummer i bilaget (fx "nr. 4") eller id'et (fx "bilag-2026-04").`,
    };
  if (stored.document.kind !== "annex")
    return { missing: `"${stored.card.title}" er et budgetnotat, ikke et kort i et bilag.` };
  const allocation = await deps.allocations.get(cardId);
  return {
    cardId,
    title: allocation?.initiative ?? stored.card.title,
    budgetYear: stored.document.budgetYear,
    allocation,
  };
}

// ---------------------------------------------------------------------------------------------
// Drafts

const DECISION_WORDS: Readonly<Record<DraftDecision, string>> = {
  uændret: "uændret",
  med_justeringer: "med justeringer",
  ophører: "ophører",
  betinget: "betinget",
  afventer: "afventer",
};

function summarizeIssues(issues: readonly ValidationIssue[], limit = 5): string {
  const shown = issues.filter((issue) => issue.severity !== "info").slice(0, limit);
  const lines = shown.map(
    (issue) => `• ${issue.severity === "error" ? "Fejl" : "Advarsel"}: ${issue.message}`,
  );
  const rest = issues.filter((issue) => issue.severity !== "info").length - shown.length;
  if (rest > 0) lines.push(`• … og ${rest} til.`);
  return lines.join("\n");
}

function draftReply(draft: Draft, what: string): string {
  const status =
    draft.status === "clean"
      ? "Valideringen fandt ingen fejl; økonomiafsnittet er skrevet ud fra bevillingsdata."
      : `Valideringen fandt noget, du skal se på:\n${summarizeIssues(draft.validation.issues)}`;
  const decision =
    draft.decision === undefined || draft.decision === "ukendt"
      ? ""
      : `, beslutning: ${DECISION_WORDS[draft.decision]}`;
  return `${what} «${draft.title}» (version ${draft.version}${decision}). ${status}\nSig "gør den kortere", "tilføj at …" eller "eksporter som word".`;
}

const REVISED: Readonly<Record<Extract<ChatIntent, { intent: "revise" }>["change"], string>> = {
  shorten: "Jeg har forkortet udkastet til",
  add_note: "Jeg har tilføjet punktet i udkastet til",
  decision: "Jeg har ændret beslutningen og skrevet udkastet igen til",
  longer: "Jeg har uddybet udkastet med kortets egne oplysninger til",
  remove_point: "Jeg har fjernet punktet fra udkastet til",
  plainer: "Jeg har gjort sproget enklere i udkastet til",
  formal: "Jeg har gjort sproget mere formelt i udkastet til",
};

// ---------------------------------------------------------------------------------------------
// The turn

type Outcome = {
  reply: string;
  events?: ChatEvent[];
  state: ConversationState;
  citations?: ChatCitation[];
  draftId?: string;
  validation?: ChatValidation;
};

const NO_DRAFTING = "Udkast er ikke slået til på denne server.";
const NO_DRAFT =
  'Der er intet udkast i samtalen endnu. Skriv fx "lav et udkast til nr. 4, uændret".';

async function runAsk(
  question: string,
  state: ConversationState,
  deps: ChatDependencies,
  signal: AbortSignal | undefined,
  stream?: StreamHooks,
): Promise<Outcome> {
  signal?.throwIfAborted();
  const answer = await answerQuestion(question.slice(0, 2_000), {
    store: deps.store,
    ...(deps.model === undefined ? {} : { model: deps.model }),
    ...(deps.prompts === undefined ? {} : { prompts: deps.prompts }),
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(signal === undefined ? {} : { signal }),
    ...(stream === undefined ? {} : { stream }),
  });
  const citations: ChatCitation[] = answer.citations.map(
    ({ cardId, title, year, documentTitle, section, quote, start, end, page, fact }) => ({
      cardId,
      title,
      year,
      documentTitle,
      section,
      quote,
      start,
      end,
      ...(page === undefined ? {} : { page }),
      ...(fact === undefined ? {} : { fact }),
    }),
  );
  /* The initiative the answer is about becomes the one under discussion when it has allocation data. */
  const top = citations[0]?.cardId;
  const next: ConversationState = { ...state };
  if (top !== undefined && (await deps.allocations.get(top)) !== undefined) next.initiativeId = top;
  return {
    reply: answer.answer,
    events: citations.length === 0 ? [] : [{ event: "citations", data: { citations } }],
    citations,
    state: next,
  };
}

async function runDraft(
  intent: Extract<ChatIntent, { intent: "draft" }>,
  state: ConversationState,
  deps: ChatDependencies,
  author: string,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  if (deps.drafting === undefined) return { reply: NO_DRAFTING, state };
  const pendingNotes = intent.initiative === undefined ? (state.pending?.notes ?? []) : [];
  const notes = [...pendingNotes, ...intent.notes];
  let initiativeId =
    intent.initiative === undefined
      ? (state.pending?.initiativeId ?? state.initiativeId)
      : undefined;
  let title: string | undefined;
  if (intent.initiative !== undefined) {
    const resolved = await resolveInitiative(intent.initiative, deps);
    if ("missing" in resolved) return { reply: resolved.missing, state };
    initiativeId = resolved.cardId;
    title = resolved.title;
  }
  if (initiativeId === undefined)
    return {
      reply:
        'Hvilket initiativ skal udkastet handle om? Skriv fx "lav et udkast til nr. 4" eller initiativets titel.',
      state,
    };
  if (intent.decision === undefined) {
    const name = title ?? (await deps.allocations.get(initiativeId))?.initiative ?? initiativeId;
    return {
      reply: `Jeg laver et udkast til den faglige vurdering af «${name}». ${DECISION_QUESTION}`,
      state: { ...state, initiativeId, pending: { initiativeId, notes } },
    };
  }
  signal?.throwIfAborted();
  const request = AssessmentDraftRequestSchema.parse({
    initiativeId,
    decision: intent.decision,
    author,
    ...(notes.length === 0 ? {} : { notes }),
  });
  const draft = await draftAssessment(request, {
    store: deps.store,
    allocations: deps.allocations,
    writer: deps.drafting.assessmentWriter,
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(deps.drafting.maxAttempts === undefined ? {} : { maxAttempts: deps.drafting.maxAttempts }),
  });
  await deps.drafting.drafts.save(draft);
  const { pending: _done, ...rest } = state;
  return {
    reply: draftReply(draft, "Her er et udkast til den faglige vurdering af"),
    events: [{ event: "draft", data: { draft } }],
    draftId: draft.id,
    state: { ...rest, initiativeId, draftId: draft.id },
  };
}

async function runRevise(
  intent: Extract<ChatIntent, { intent: "revise" }>,
  state: ConversationState,
  deps: ChatDependencies,
  author: string,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  if (deps.drafting === undefined) return { reply: NO_DRAFTING, state };
  if (state.draftId === undefined) return { reply: NO_DRAFT, state };
  const current = await deps.drafting.drafts.get(state.draftId);
  if (current === undefined) {
    const { draftId: _gone, ...rest } = state;
    return { reply: NO_DRAFT, state: rest };
  }
  if (current.kind !== "assessment")
    return {
      reply: "Budgetnotater rettes på udkastets side; chatten retter vurderinger af kort.",
      state,
    };
  const now = deps.now?.() ?? new Date();
  let next: Draft;
  if (intent.change === "decision") {
    const previousNotes = Array.isArray(current.input.notes)
      ? current.input.notes.filter((note): note is string => typeof note === "string")
      : [];
    const request = AssessmentDraftRequestSchema.parse({
      ...current.input,
      decision: intent.decision,
      author,
      ...(previousNotes.length === 0 ? {} : { notes: previousNotes }),
    });
    signal?.throwIfAborted();
    const redrafted = await draftAssessment(request, {
      store: deps.store,
      allocations: deps.allocations,
      writer: deps.drafting.assessmentWriter,
      newId: () => current.id,
      ...(deps.now === undefined ? {} : { now: deps.now }),
      ...(deps.drafting.maxAttempts === undefined
        ? {}
        : { maxAttempts: deps.drafting.maxAttempts }),
    });
    next = { ...redrafted, id: current.id, version: current.version + 1 };
  } else {
    /* Every other change is an operation on the current version's structure, through the one pipeline. */
    const operation: RevisionOperation =
      intent.change === "shorten"
        ? { op: "shorter" }
        : intent.change === "add_note"
          ? { op: "add_point", point: intent.note }
          : intent.change === "remove_point"
            ? { op: "remove_point", point: intent.point }
            : { op: intent.change };
    try {
      next = reviseAssessmentStructure(
        await revisionContext(current, deps.store),
        operation,
        author,
        now,
      );
    } catch (error) {
      if (error instanceof InputError) return { reply: error.message, state };
      throw error;
    }
  }
  next = await deps.drafting.drafts.saveRevision(next);
  const what = REVISED[intent.change];
  return {
    reply: draftReply(next, what),
    events: [{ event: "draft", data: { draft: next } }],
    draftId: next.id,
    state: { ...state, draftId: next.id },
  };
}

async function runExport(
  intent: Extract<ChatIntent, { intent: "export" }>,
  state: ConversationState,
  deps: ChatDependencies,
): Promise<Outcome> {
  if (deps.drafting === undefined) return { reply: NO_DRAFTING, state };
  if (state.draftId === undefined) return { reply: NO_DRAFT, state };
  const draft = await deps.drafting.drafts.get(state.draftId);
  if (draft === undefined) return { reply: NO_DRAFT, state };
  const link = `/api/drafts/${encodeURIComponent(draft.id)}/export?format=${intent.format}`;
  const label = intent.format === "docx" ? "Word-dokument" : "Markdown";
  return {
    reply: `Hent «${draft.title}» (version ${draft.version}) som ${label}: ${link}`,
    draftId: draft.id,
    state,
  };
}

async function runCheck(
  intent: Extract<ChatIntent, { intent: "check" }>,
  state: ConversationState,
  deps: ChatDependencies,
): Promise<Outcome> {
  let initiativeId = state.initiativeId;
  let budgetYear: number | undefined;
  let allocation: Allocation | undefined;
  let title: string | undefined;
  if (intent.initiative !== undefined) {
    const resolved = await resolveInitiative(intent.initiative, deps);
    if ("missing" in resolved) return { reply: resolved.missing, state };
    ({ cardId: initiativeId, budgetYear, allocation, title } = resolved);
  } else if (initiativeId !== undefined) {
    const resolved = await resolveInitiative({ kind: "id", id: initiativeId }, deps);
    if (!("missing" in resolved)) ({ budgetYear, allocation, title } = resolved);
  }
  if (initiativeId === undefined)
    return {
      reply:
        'Hvilket initiativ skal teksten tjekkes mod? Skriv fx "tjek denne tekst mod nr. 4: …".',
      state,
    };
  if (allocation === undefined)
    return {
      reply: `Der er ingen bevillingsdata for «${title ?? initiativeId}», så beløbene kan ikke tjekkes.`,
      state: { ...state, initiativeId },
    };
  if (intent.text.trim() === "")
    return {
      reply: `Indsæt teksten efter et kolon, fx "tjek denne tekst mod ${initiativeId}: …".`,
      state: { ...state, initiativeId },
    };
  const result = validateText(
    intent.text,
    allocation,
    budgetYear === undefined ? {} : { budgetYear },
  );
  const validation: ChatValidation = { text: intent.text, result, initiativeId };
  const money = result.figures.filter((figure) => figure.kind === "money");
  const errors = result.issues.filter((issue) => issue.severity === "error").length;
  const warnings = result.issues.filter((issue) => issue.severity === "warning").length;
  const head = `Teksten er tjekket mod bevillingsdata for «${allocation.initiative}» (${initiativeId}): ${money.length} ${money.length === 1 ? "beløb" : "beløb"}, ${errors} ${errors === 1 ? "fejl" : "fejl"}, ${warnings} ${warnings === 1 ? "advarsel" : "advarsler"}.`;
  const body =
    errors + warnings === 0
      ? money.length === 0
        ? "Teksten nævner ingen beløb."
        : "Alle beløb stemmer med bevillingsdata."
      : summarizeIssues(result.issues, 8);
  return {
    reply: `${head}\n${body}`,
    events: [{ event: "validation", data: validation }],
    validation,
    state: { ...state, initiativeId },
  };
}

/** Runs one chat turn; throws for failures of a dependency (an upstream model error, a store failure). */
export async function runChatTurn(
  input: ChatTurnInput,
  deps: ChatDependencies,
): Promise<ChatTurnResult> {
  const state =
    input.draftId === undefined
      ? conversationState(input.history)
      : { ...conversationState(input.history), draftId: input.draftId };
  const ruled = routeIntent(input.message, {
    awaitingDecision: state.pending !== undefined,
    awaitingBudgetNote: state.budgetNote !== undefined,
  });
  let chosen: { intent: ChatIntent; reply?: string } | undefined;
  let routedBy: ChatTurnResult["routedBy"] = "rules";
  const toolPrompt = deps.drafting?.chatToolPrompt ?? deps.chatToolPrompt;
  if (deps.model !== undefined && toolPrompt !== undefined && ruled.intent !== "budget_note") {
    try {
      chosen = await chooseByModel(deps.model, toolPrompt, input, state);
      if (chosen !== undefined) routedBy = "model";
    } catch (error) {
      /* A failing or malformed model: the rules decide (unless the client has gone). */
      if (input.signal?.aborted === true) throw error;
    }
  }
  /* Notes the rules find in the message are kept when the model found none (it may paraphrase instead of quoting). */
  let intent = chosen?.intent ?? ruled;
  if (intent.intent === "draft" && intent.notes.length === 0)
    intent = { ...intent, notes: splitCommandAndNotes(input.message).notes };

  const author = input.author ?? "chat";
  let outcome: Outcome;
  switch (intent.intent) {
    case "ask":
      outcome = await runAsk(intent.question, state, deps, input.signal, input.stream);
      break;
    case "draft":
      outcome = await runDraft(intent, state, deps, author, input.signal);
      break;
    case "revise":
      outcome = await runRevise(intent, state, deps, author, input.signal);
      break;
    case "export":
      outcome = await runExport(intent, state, deps);
      break;
    case "check":
      outcome = await runCheck(intent, state, deps);
      break;
    case "budget_note":
      outcome = await runBudgetNote(intent, state, deps, author, input.signal);
      break;
    case "smalltalk":
      outcome = { reply: chosen?.reply ?? HELP_TEXT, state };
      break;
  }
  const message: ConversationMessage = {
    id: deps.newId?.() ?? globalThis.crypto.randomUUID(),
    conversationId: input.conversationId,
    role: "assistant",
    text: outcome.reply,
    ...(outcome.citations === undefined || outcome.citations.length === 0
      ? {}
      : { citations: outcome.citations }),
    ...(outcome.draftId === undefined ? {} : { draftId: outcome.draftId }),
    ...(outcome.validation === undefined ? {} : { validation: outcome.validation }),
    state: outcome.state,
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
  };
  return { intent, routedBy, reply: outcome.reply, events: outcome.events ?? [], message };
}

/** The reply cut into pieces of about `size` characters at word boundaries; joined they give the reply back. */
export function replyPieces(reply: string, size = 48): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const token of reply.match(/\s*\S+\s*/gu) ?? (reply === "" ? [] : [reply])) {
    if (current.length > 0 && current.length + token.length > size) {
      pieces.push(current);
      current = "";
    }
    current += token;
  }
  if (current !== "") pieces.push(current);
  return pieces;
}
