/**
 * Reads what a chat message says about a budget note to draft: its title, the amounts per year
 * (with the project's one money grammar), the spending area, the price level, the committee and
 * the appropriation, and the purpose after "formål:". Rules only; what a message does not say is
 * left out, and the chat asks for it.
 */
import { type Area, AreaSchema } from "../domain/index.ts";
import type { BudgetNoteField, BudgetNoteReading } from "../domain/budget-note-reading.ts";
import { COMMITTEE_CODES, extractFigures } from "../money/index.ts";

const L = "\\p{L}";
const word = (pattern: string, flags = "iu") =>
  new RegExp(`(?<![${L}\\d])(?:${pattern})(?![${L}\\d])`, flags);

const NOTE_NOUN = "budgetnotat\\p{L}*|budget[- ]?notes?";
export const BUDGET_NOTE_NOUN = word(NOTE_NOUN);
const BUDGET_NOTE_VERB =
  "lav|lave|skriv|skrive|udarbejd|udarbejde|opret|forbered|draft|write|prepare|create|make|start";
/** Words that may stand between the verb and the noun: "lav mig et nyt udkast til et budgetnotat". */
const FILLER = "et|en|a|an|mig|me|us|os|nyt|new|udkast|draft|til|of|for|the";
const COMMAND = new RegExp(
  `(?<![${L}\\d])(?:${BUDGET_NOTE_VERB})\\s+(?:(?:${FILLER})\\s+){0,6}(?:${NOTE_NOUN})(?![${L}\\d])`,
  "iu",
);

/** "lav et budgetnotat …", "draft a budget note …", "et udkast til et budgetnotat …". */
export function isBudgetNoteCommand(text: string): boolean {
  if (COMMAND.test(text)) return true;
  return /^\s*(?:(?:et\s+|a\s+|an\s+)?(?:udkast\s+til\s+(?:et\s+)?(?:nyt\s+)?|draft\s+(?:of\s+)?(?:a\s+)?(?:new\s+)?)|(?:et\s+)?nyt\s+|(?:a\s+)?new\s+)(?:budgetnotat|budget[- ]?note)/iu.test(
    text,
  );
}

const AREA_WORDS: ReadonlyArray<[Area, RegExp]> = [
  ["service", word("service(?:udgift\\p{L}*|området)?")],
  ["indsats", word("indsats(?:udgift\\p{L}*|området)")],
  ["overførsler", word("overførsler|overførselsudgift\\p{L}*|transfers?")],
  ["anlæg", word("anlæg(?:sudgift\\p{L}*)?|capital")],
];

/** The spending area a text names ("på service", "indsatsområdet"), if exactly one. */
export function readArea(text: string, exact = false): Area | undefined {
  if (exact) {
    const bare = text.trim().toLowerCase().replace(/[.!]$/u, "");
    const known = AreaSchema.safeParse(bare);
    if (known.success) return known.data;
  }
  const found = AREA_WORDS.filter(([, pattern]) => pattern.test(text)).map(([area]) => area);
  return found.length === 1 ? found[0] : undefined;
}

const QUOTED = /["“”«»]([^"“”«»]{3,300})["“”«»]/u;
const TITLE_AFTER = new RegExp(
  `(?<![${L}])(?:${NOTE_NOUN})\\s+(?:om|til|for|med\\s+titlen|kaldet|about|on|for|called|titled|named)\\s+`,
  "iu",
);
/** Where the title stops: punctuation, a money figure, or the words that start the money. */
const TITLE_END =
  /[,.;:!?\n]|\s(?:med|på|with|of|i|in|fra|from|til|for)\s+[\d[]|\s\d|\s(?:formål|purpose|på\s+(?:service|indsats|overførsler|anlæg))/iu;

function readTitle(text: string): string | undefined {
  const quoted = QUOTED.exec(text);
  if (quoted?.[1] !== undefined) return quoted[1].trim();
  const after = TITLE_AFTER.exec(text);
  if (after === null) return undefined;
  const rest = text.slice(after.index + after[0].length);
  const end = TITLE_END.exec(rest);
  const title = (end === null ? rest : rest.slice(0, end.index)).replace(/\s+/gu, " ").trim();
  return title.length >= 3 ? title : undefined;
}

const PURPOSE_LABEL = /(?<![\p{L}])(?:formål(?:et)?|purpose|indhold)\s*:\s*/iu;

/** Points of a purpose text: split at semicolons and line breaks. */
export function purposePoints(text: string): string[] {
  return text
    .split(/\s*(?:;|\n)\s*/u)
    .map((point) => point.replace(/\s+/gu, " ").trim())
    .filter((point) => point.length > 0);
}

const APPROPRIATION = /(?<![\d.,])(\d{2}\.\d{2})(?![\d.,])/u;
const APPROPRIATION_AFTER =
  /(?<![\p{L}])(?:bevilling(?:en)?|appropriation)\s*(?:nr\.?\s*)?(\d{2}\.?\d{2})(?![\d])/iu;
const COMMITTEE = new RegExp(`(?<![\\p{L}])(${COMMITTEE_CODES.join("|")})(?![\\p{L}])`, "u");
const PRICE_LEVEL_ANSWER =
  /^\s*(?:i\s+)?((?:19|20|21)\d\d)\s*(?:-?\s*(?:p\/l|pl|priser|prices))?\s*[.!]?\s*$/iu;

/** Money lines from the figures of a text: per-year amounts on each year, single-year amounts on their year. */
function readLines(
  text: string,
  area: Area | undefined,
): { lines: BudgetNoteReading["lines"]; unplaced: string[]; priceLevel?: number } {
  const byArea = new Map<Area | undefined, Record<string, number>>();
  const unplaced: string[] = [];
  let priceLevel: number | undefined;
  for (const figure of extractFigures(text)) {
    if (figure.kind === "price_level" && typeof figure.value === "number")
      priceLevel = figure.value;
    if (figure.kind !== "money" || figure.amount === undefined) continue;
    if (typeof figure.priceLevel === "number") priceLevel = figure.priceLevel;
    const { min, max } = figure.amount;
    const years = figure.years;
    const placeable =
      min === max &&
      years.length > 0 &&
      (years.length === 1 || figure.basis === "per_year") &&
      Number.isInteger(min) &&
      min >= 0;
    if (!placeable) {
      unplaced.push(figure.text);
      continue;
    }
    const lineArea = figure.area ?? area;
    const amounts = byArea.get(lineArea) ?? {};
    for (const year of years) amounts[String(year)] = (amounts[String(year)] ?? 0) + min;
    byArea.set(lineArea, amounts);
  }
  const lines = [...byArea].map(([lineArea, amounts]) =>
    lineArea === undefined ? { amounts } : { area: lineArea, amounts },
  );
  return {
    lines: lines.length === 0 ? undefined : lines,
    unplaced,
    ...(priceLevel === undefined ? {} : { priceLevel }),
  };
}

/** Everything a message says about a budget note; fields it does not give are absent. */
export function readBudgetNoteMessage(text: string): BudgetNoteReading {
  const purposeAt = PURPOSE_LABEL.exec(text);
  const head = purposeAt === null ? text : text.slice(0, purposeAt.index);
  const purpose =
    purposeAt === null ? [] : purposePoints(text.slice(purposeAt.index + purposeAt[0].length));
  const area = readArea(head);
  const { lines, unplaced, priceLevel } = readLines(head, area);
  const title = readTitle(head);
  const committee = COMMITTEE.exec(head)?.[1];
  const appropriation = APPROPRIATION_AFTER.exec(head)?.[1];
  const reading: BudgetNoteReading = {};
  if (title !== undefined) reading.title = title;
  if (purpose.length > 0) reading.purpose = purpose;
  if (lines !== undefined) reading.lines = lines;
  if (area !== undefined) reading.area = area;
  if (priceLevel !== undefined) reading.priceLevel = priceLevel;
  if (committee !== undefined) reading.committee = committee;
  if (appropriation !== undefined) reading.appropriation = appropriation;
  if (unplaced.length > 0) reading.unplaced = unplaced;
  return reading;
}

/**
 * An answer to the question for `field`: the whole text is the title or the purpose; the other
 * fields are read from it as from any message, and a bare year, committee code or "35.10" counts.
 */
export function readBudgetNoteAnswer(field: BudgetNoteField, text: string): BudgetNoteReading {
  const trimmed = text.replace(/\s+/gu, " ").trim();
  if (field === "title") {
    const title = (QUOTED.exec(trimmed)?.[1] ?? trimmed).replace(/[.!]$/u, "").trim();
    return title.length >= 3 ? { title } : {};
  }
  if (field === "purpose") {
    const points = purposePoints(text.replace(PURPOSE_LABEL, ""));
    return points.length > 0 ? { purpose: points } : {};
  }
  const reading = readBudgetNoteMessage(text);
  if (field === "area" && reading.area === undefined) {
    const area = readArea(trimmed, true);
    if (area !== undefined) reading.area = area;
  }
  if (field === "priceLevel" && reading.priceLevel === undefined) {
    const year = PRICE_LEVEL_ANSWER.exec(trimmed)?.[1];
    if (year !== undefined) reading.priceLevel = Number(year);
  }
  if (field === "committee" && reading.committee === undefined) {
    const code = /^\s*([A-ZÆØÅ]{2,5})\s*[.!]?\s*$/iu.exec(trimmed)?.[1];
    if (code !== undefined) reading.committee = code.toUpperCase();
  }
  if (field === "appropriation" && reading.appropriation === undefined) {
    const number = APPROPRIATION.exec(trimmed)?.[1] ?? /^\s*(\d{4})\s*$/u.exec(trimmed)?.[1];
    if (number !== undefined) reading.appropriation = number;
  }
  return reading;
}
