/**
 * Reads a chat message (Danish or English) as one of the chat's intents without a model: a
 * reviewer question, a draft of a card's assessment, a revision of the draft under discussion,
 * an export, a check of a pasted text against an initiative's allocation, or small talk. Rules
 * only: the same message always routes the same way. The model router falls back on it.
 */
import type { DraftDecision } from "../domain/index.ts";
import { isBudgetNoteCommand, readBudgetNoteMessage } from "./read-budget-note.ts";
import type { BudgetNoteReading } from "../domain/budget-note-reading.ts";

/** How a message names an initiative: a card number (in the newest annex unless a year is given), a card id, or title words. */
export type InitiativeReference =
  | { kind: "number"; number: number; year?: number }
  | { kind: "id"; id: string }
  | { kind: "title"; words: string };

export type ExportFormat = "docx" | "md";

export type ChatIntent =
  | { intent: "ask"; question: string }
  | { intent: "draft"; initiative?: InitiativeReference; decision?: DraftDecision; notes: string[] }
  | { intent: "revise"; change: "shorten" }
  | { intent: "revise"; change: "add_note"; note: string }
  | { intent: "revise"; change: "decision"; decision: DraftDecision }
  | { intent: "revise"; change: "longer" }
  | { intent: "revise"; change: "remove_point"; point: string }
  | { intent: "revise"; change: "plainer" }
  | { intent: "revise"; change: "formal" }
  | { intent: "export"; format: ExportFormat }
  | { intent: "check"; initiative?: InitiativeReference; text: string }
  /** A budget note: a new one ("lav et budgetnotat …"), or the answer to the chat's question for the one under way. */
  | { intent: "budget_note"; reading: BudgetNoteReading; answer?: string; cancel?: boolean }
  | { intent: "smalltalk" };

export type ChatIntentName = ChatIntent["intent"];

/** What the conversation holds that changes how a message reads. */
export type RouteContext = {
  /** The assistant asked which decision a draft should have. */
  awaitingDecision?: boolean;
  /** The assistant asked for a missing piece of a budget note. */
  awaitingBudgetNote?: boolean;
};

const L = "\\p{L}";
const word = (pattern: string) => new RegExp(`(?<![${L}\\d])(?:${pattern})(?![${L}\\d])`, "iu");

const DECISIONS: ReadonlyArray<[DraftDecision, RegExp]> = [
  [
    "med_justeringer",
    word("med[ _]justering(?:er)?|justeret|justeringer|with adjustments?|adjusted|med_justeringer"),
  ],
  ["uændret", word("uændret|uaendret|unchanged|as it is|as is")],
  [
    "ophører",
    word(
      "ophør\\p{L}*|stoppes|stopper|stop|nedlægges|nedlæg|udfases|discontinue[ds]?|discontinued|terminated?|ends|stopped",
    ),
  ],
  ["betinget", word("betinget|betingelse\\p{L}*|conditional(?:ly)?|on conditions?")],
  ["afventer", word("afvent\\p{L}*|pending|on hold|awaiting|await")],
];

/** The decision a text names ("uændret", "med justeringer", "unchanged", …), if it names exactly one kind. */
export function parseDecision(text: string): DraftDecision | undefined {
  for (const [decision, pattern] of DECISIONS) if (pattern.test(text)) return decision;
  return undefined;
}

const CARD_ID = /(?<![\p{L}\d])bilag-((?:19|20)\d\d)-(\d{1,3})(?![\p{L}\d])/iu;
const CARD_NUMBER = /(?<![\p{L}\d])(?:nr|no|nummer|number|kort|card)\.?\s*#?\s*(\d{1,3})(?![\d])/iu;
const ANNEX_YEAR =
  /(?<![\p{L}\d])(?:(?:i\s+|fra\s+|in\s+|from\s+|the\s+)?(?:bilag(?:et)?|annex)\s+(?:for\s+|from\s+)?((?:19|20)\d\d)|((?:19|20)\d\d)-?(?:bilag(?:et)?|annex))(?![\p{L}\d])/iu;

/** A card id ("bilag-2026-04") or a card number ("nr. 4", "no. 4", optionally "i bilaget for 2024") in a text. */
export function parseInitiativeNumberOrId(text: string): InitiativeReference | undefined {
  const id = CARD_ID.exec(text);
  if (id !== null)
    return { kind: "id", id: `bilag-${id[1]}-${String(Number(id[2])).padStart(2, "0")}` };
  const number = CARD_NUMBER.exec(text);
  if (number === null) return undefined;
  const year = ANNEX_YEAR.exec(text);
  const annexYear = year === null ? undefined : Number(year[1] ?? year[2]);
  return {
    kind: "number",
    number: Number(number[1]),
    ...(annexYear === undefined ? {} : { year: annexYear }),
  };
}

/** An initiative as a model or a caseworker names it: a card id, a number, or title words. */
export function parseInitiativeReference(text: string): InitiativeReference | undefined {
  const numbered = parseInitiativeNumberOrId(text);
  if (numbered !== undefined) return numbered;
  if (/^\s*\d{1,3}\s*$/u.test(text)) return { kind: "number", number: Number(text.trim()) };
  const words = text.replace(/\s+/gu, " ").trim();
  return words.length >= 3 ? { kind: "title", words } : undefined;
}

const NOTES_LABEL = /(?<![\p{L}])(?:noter|note|notes|noterne|bemærkninger|bemærk|points?)\s*:\s*/iu;
const ADD_THAT =
  /(?:^|[,.;]\s*|\s)(?:og\s+|and\s+)?(?:tilføj|tilføje|add)\s+(?:også\s+|also\s+)?(?:en\s+note\s+om\s+|a\s+note\s+)?(?:at|that)\s+/iu;

function splitNotes(text: string): string[] {
  return text
    .split(/\s*(?:;|\n)\s*/u)
    .map((note) => note.replace(/\s+/gu, " ").trim())
    .filter((note) => note.length > 0);
}

/** The caseworker's notes in a message ("noter: a; b", "… og tilføj at …") and the command part before them. */
export function splitCommandAndNotes(message: string): { command: string; notes: string[] } {
  const label = NOTES_LABEL.exec(message);
  const add = ADD_THAT.exec(message);
  const first = [label, add]
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => a.index - b.index)[0];
  if (first === undefined) return { command: message, notes: [] };
  const rest = message.slice(first.index + first[0].length);
  const command = message.slice(0, first.index);
  if (first === add) {
    /* "… og tilføj at X; noter: Y" is unusual; keep it simple: everything after is one or more notes. */
    const labelInRest = NOTES_LABEL.exec(rest);
    const notes =
      labelInRest === null
        ? [rest]
        : [
            rest.slice(0, labelInRest.index),
            ...splitNotes(rest.slice(labelInRest.index + labelInRest[0].length)),
          ];
    return {
      command,
      notes: notes
        .map((note) => note.replace(/\s+/gu, " ").trim())
        .filter((note) => note.length > 0),
    };
  }
  return { command, notes: splitNotes(rest) };
}

const DRAFT_VERB = word(
  "lav|lave|skriv|skrive|udarbejd|udarbejde|opret|forbered|draft|write|prepare|create|make",
);
const DRAFT_NOUN = word("udkast\\p{L}*|vurdering\\p{L}*|kortet|draft|assessment|card");
const DRAFT_START = /^\s*(?:et\s+|a\s+|an\s+)?(?:udkast|draft)\s+(?:til|for|of|to)?/iu;
/** Where the initiative words start in a draft command: after the noun and a preposition. */
const TITLE_AFTER =
  /(?<![\p{L}])(?:udkast\p{L}*|vurdering\p{L}*|kortet|draft|assessment|card)\s+(?:til|for|om|af|of|for|on|about)\s+(?:kortet\s+|the\s+card\s+|the\s+initiative\s+|initiativet\s+|indsatsen\s+)?/iu;

function titleWords(command: string): string | undefined {
  const after = TITLE_AFTER.exec(command);
  if (after === null) return undefined;
  let words = command.slice(after.index + after[0].length);
  words = words.split(/[,.;:!?\n]/u)[0] ?? "";
  /* A decision written without a comma ("… ekstremisme uændret") is not part of the title. */
  for (const [, pattern] of DECISIONS) {
    const found = pattern.exec(words);
    if (found !== null) words = words.slice(0, found.index);
  }
  words = words
    .replace(/\s+(?:med|with|som|as)\s*$/iu, "")
    .replace(/["“”«»]/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
  return words.length >= 3 ? words : undefined;
}

function initiativeIn(command: string): InitiativeReference | undefined {
  const numbered = parseInitiativeNumberOrId(command);
  if (numbered !== undefined) return numbered;
  const words = titleWords(command);
  return words === undefined ? undefined : { kind: "title", words };
}

const CHECK_VERB =
  /^\s*(?:kan\s+du\s+|can\s+you\s+|please\s+|venligst\s+)?(?:tjek\p{L}*|check\p{L}*|kontroll?er\p{L}*|valid[eé]r\p{L}*|validate|verify)(?![\p{L}])/iu;
const EXPORT = word(
  "eksport\\p{L}*|export\\p{L}*|download\\p{L}*|hent\\s+(?:udkastet|den|det)|som\\s+(?:word|docx|markdown)|as\\s+(?:word|docx|markdown)",
);
const SHORTEN = word(
  "kortere|forkort\\p{L}*|kortfattet|shorter|shorten|more concise|trim\\s+it|cut\\s+it\\s+down",
);
const LONGER = word(
  "længere|uddyb\\p{L}*|mere\\s+udførlig|mere\\s+uddybende|longer|expand\\p{L}*|elaborate",
);
const PLAINER = word(
  "enklere|mere\\s+enkel[t]?|lettere\\s+sprog|klarsprog|plainer|simpler|plain\\s+language",
);
const FORMAL = word("mere\\s+formel[t]?|mere\\s+formelt\\s+sprog|more\\s+formal|formelt");
const REMOVE_POINT =
  /^\s*(?:og\s+|and\s+)?(?:fjern|slet|drop|remove|delete)\s+(?:punktet|sætningen|afsnittet|the\s+point|the\s+sentence)?\s*(?:om|about|med|on)?\s*(?:at\s+|that\s+)?(.+)$/isu;
const CHANGE_DECISION =
  /(?:skift|ændr|ændre|sæt|change|set|make)\s+(?:beslutningen|the\s+decision|decision)\s+(?:til|to)\s+/iu;
const ADD_NOTE =
  /^\s*(?:og\s+|and\s+)?(?:tilføj|tilføje|add)\s+(?:også\s+|also\s+)?(?:en\s+note\s+om\s+|a\s+note\s+)?(?:at|that)\s+(.+)$/isu;
const SMALLTALK =
  /^\s*(?:hej|hejsa|hallo|hello|hi|hey|goddag|godmorgen|god\s+morgen|tak|tusind\s+tak|mange\s+tak|thanks|thank\s+you|ok(?:ay)?|fint|super|perfekt|great|hjælp|help|hvad\s+kan\s+du(?:\s+hjælpe\s+med)?|what\s+can\s+you\s+do)(?![\p{L}])[\s!.?,]*(?:\p{L}+[\s!.?,]*){0,3}$/iu;

const BUDGET_NOTE_CANCEL =
  /^\s*(?:annuller\p{L}*|afbryd|glem\s+det|stop|cancel|never\s*mind|forget\s+it)(?![\p{L}])[\s!.]*$/iu;

/** Reads a message as an intent; `context` says whether a decision was asked for. */
export function routeIntent(message: string, context: RouteContext = {}): ChatIntent {
  const text = message.trim();
  if (text === "") return { intent: "smalltalk" };

  /* Check a pasted text: the verb first, the text after the first colon (or line break). */
  if (CHECK_VERB.test(text)) {
    const colon = text.search(/:\s|:$|\n/u);
    const head = colon < 0 ? text : text.slice(0, colon);
    const pasted = colon < 0 ? "" : text.slice(colon + 1).trim();
    const named = parseInitiativeNumberOrId(head);
    const titled =
      named ??
      (() => {
        const against =
          /(?<![\p{L}])(?:mod|imod|for|against|with)\s+(?:bevillingen\s+(?:for|til)\s+|the\s+allocation\s+(?:for|of)\s+)?(.+)$/iu.exec(
            head.replace(CHECK_VERB, ""),
          );
        const words = against?.[1]?.replace(/["“”«»]/gu, "").trim();
        if (
          words === undefined ||
          /^(?:bevillingen|bevillingsdata(?:ne)?|the\s+allocation|data|it)$/iu.test(words) ||
          words.length < 3
        )
          return undefined;
        return { kind: "title" as const, words };
      })();
    return {
      intent: "check",
      text: pasted,
      ...(titled === undefined ? {} : { initiative: titled }),
    };
  }

  /* A budget note: a new one, or an answer to the question for the one under way. */
  if (isBudgetNoteCommand(text))
    return { intent: "budget_note", reading: readBudgetNoteMessage(text) };
  if (context.awaitingBudgetNote === true) {
    if (BUDGET_NOTE_CANCEL.test(text)) return { intent: "budget_note", reading: {}, cancel: true };
    const drafting = DRAFT_VERB.test(text) && DRAFT_NOUN.test(text);
    if (!drafting && !text.includes("?") && !EXPORT.test(text))
      return { intent: "budget_note", reading: {}, answer: text };
  }

  const { command, notes } = splitCommandAndNotes(text);

  if ((DRAFT_VERB.test(command) && DRAFT_NOUN.test(command)) || DRAFT_START.test(command)) {
    /* "make it shorter" has a verb but no draft noun; "lav den kortere" likewise. */
    if (!SHORTEN.test(command) || DRAFT_START.test(command)) {
      const initiative = initiativeIn(command);
      const decision = parseDecision(command.replace(titleWords(command) ?? "\u0000", " "));
      return {
        intent: "draft",
        notes,
        ...(initiative === undefined ? {} : { initiative }),
        ...(decision === undefined ? {} : { decision }),
      };
    }
  }

  if (EXPORT.test(text))
    return {
      intent: "export",
      format: /markdown|(?<![\p{L}])md(?![\p{L}])/iu.test(text) ? "md" : "docx",
    };
  if (SHORTEN.test(command)) return { intent: "revise", change: "shorten" };
  if (LONGER.test(command)) return { intent: "revise", change: "longer" };
  if (PLAINER.test(command)) return { intent: "revise", change: "plainer" };
  if (FORMAL.test(command)) return { intent: "revise", change: "formal" };
  const remove = REMOVE_POINT.exec(text);
  if (remove?.[1] !== undefined && remove[1].trim().length >= 3)
    return {
      intent: "revise",
      change: "remove_point",
      point: remove[1].replace(/\s+/gu, " ").replace(/[.!]$/u, "").trim(),
    };
  const change = CHANGE_DECISION.exec(text);
  if (change !== null) {
    const decision = parseDecision(text.slice(change.index + change[0].length));
    if (decision !== undefined) return { intent: "revise", change: "decision", decision };
  }
  const add = ADD_NOTE.exec(text);
  if (add?.[1] !== undefined && add[1].trim() !== "")
    return { intent: "revise", change: "add_note", note: add[1].replace(/\s+/gu, " ").trim() };

  if (context.awaitingDecision === true && !text.includes("?")) {
    const decision = parseDecision(command);
    if (decision !== undefined) {
      const initiative = parseInitiativeNumberOrId(command);
      return {
        intent: "draft",
        decision,
        notes,
        ...(initiative === undefined ? {} : { initiative }),
      };
    }
  }

  if (SMALLTALK.test(text)) return { intent: "smalltalk" };
  return { intent: "ask", question: text };
}
