/**
 * Turns an annex card's proposal (the right-half Økonomi/ressourcer: "5,7 mio. kr. årligt
 * (2027 p/l) til BIF på service i 2027-2030") into structured allocation data, the wire format
 * of domain.md. Pure: no I/O; the caller brings the card, its document and, for the source
 * quote, the raw source text.
 *
 * The money is read by the ONE money grammar (extractFigures), from the section text as it
 * stands: the grammar itself reads the OCR forms of the annex ("påservice", "paservicei 2027",
 * "overfersleri", "(2027/pl)", "2.8 mio.", "arligt", "fordelt pa", line breaks inside phrases),
 * so there is no clean-up here and no second reading of money. Everything the generator cannot
 * place (no area, a total with no stated split, years before the budget year) becomes a note,
 * never a guess.
 *
 * Reviewed corrections live in corpus/allocations/overrides.json (card id → full allocation,
 * shallow patch or null); applyAllocationOverride applies them so regenerating gives the
 * reviewed result.
 */
import { z } from "zod";
import type { Allocation, AllocationLine, Area, Card, CorpusDocument, Section, Span } from "../domain/index.ts";
import { AllocationSchema, toRawOffset } from "../domain/index.ts";
import type { ParsedAmount, TextFigure } from "../money/index.ts";
import { ADMINISTRATION_CODES, agreesAtPrecision, PARTS, COMMITTEE_CODES, extractFigures, formatDanishAmount, formatPeriod, readPeriod } from "../money/index.ts";

export type ProposeAllocationOptions = {
  /** The document's raw source text; with it `source.quote` is the raw text at the span, else the sentence as read. */
  sourceText?: string;
};

export type AllocationProposal = {
  allocation?: Allocation;
  /** Why there is no allocation, what was assumed, and what a reviewer should look at. */
  notes: string[];
};

const ADMINISTRATIONS: ReadonlySet<string> = new Set(ADMINISTRATION_CODES);
const COMMITTEES: ReadonlySet<string> = new Set(COMMITTEE_CODES);
const AREA_WORDS = new Set(["service", "indsats", "overførsler", "anlæg", "servicemidler", "indsatsmidler"]);

const START = String.raw`(?<![\p{L}\d])`;
const EVEN_SPLIT = new RegExp(String.raw`${START}(?:ligeligt|jævnt|lige\s+stor(?:e)?\s+(?:beløb|andele))(?![\p{L}])`, "iu");
const TENTATIVE = new RegExp(String.raw`${START}(?:tentativ\w*|foreløbig\w*|forventeligt|skønnet)(?![\p{L}])`, "iu");
const PROPOSING = new RegExp(String.raw`${START}(?:foreslå\w*|søge[rs]?|søges|afsætte[s]?|videreføre[s]?|fortsætte[s]?|behov\s+for)(?![\p{L}])`, "iu");

// ---------------------------------------------------------------------------------------------
// Reading a section's money figures.

/** A money figure of a proposal, with offsets into the section text and raw spans. */
export type ProposalFigure = TextFigure & {
  /** Index among all figures of the section text (what `partOf` refers to). */
  index: number;
  raw: Span;
};

export type SectionReading = {
  section: Section;
  figures: ProposalFigure[];
};

function toRaw(section: Section, start: number, end: number): Span {
  const from = toRawOffset(section.offsets, start);
  return { start: from, end: Math.max(from, toRawOffset(section.offsets, Math.max(start, end - 1)) + 1) };
}

/** Reads a section's figures with the money grammar, as the section text stands. Money figures only. */
export function readSectionMoney(section: Section): SectionReading {
  const figures: ProposalFigure[] = [];
  extractFigures(section.text).forEach((figure, index) => {
    if (figure.kind !== "money") return;
    figures.push({ ...figure, index, raw: toRaw(section, figure.start, figure.end) });
  });
  return { section, figures };
}

// ---------------------------------------------------------------------------------------------
// The source quote: the raw text of the proposal sentences, in pieces where two columns interleave.

/** Raw pieces a stretch of section text comes from; a two-column card's sentence can be cut by the other column. */
export function rawPieces(section: Section, start: number, end: number): Span[] {
  const inside = section.offsets.filter(([textOffset]) => textOffset > start && textOffset < end);
  const pieces: Span[] = [];
  let segmentText = start;
  let segmentRaw = toRawOffset(section.offsets, start);
  let pieceStart = segmentRaw;
  for (const [textOffset, rawOffset] of inside) {
    const expected = segmentRaw + (textOffset - segmentText);
    if (rawOffset - expected > 3 || expected - rawOffset > 3) {
      pieces.push({ start: pieceStart, end: expected });
      pieceStart = rawOffset;
    }
    segmentText = textOffset;
    segmentRaw = rawOffset;
  }
  pieces.push({ start: pieceStart, end: Math.max(pieceStart, toRawOffset(section.offsets, Math.max(start, end - 1)) + 1) });
  return pieces;
}

/** Separator between the raw pieces of a quote. */
export const QUOTE_GAP = " … ";

function trimmedPiece(sourceText: string, piece: Span): Span | undefined {
  const text = sourceText.slice(piece.start, piece.end);
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  if (trimmed.length === 0) return undefined;
  return { start: piece.start + lead, end: piece.start + lead + trimmed.length };
}

function buildSource(card: Card, section: Section, start: number, end: number, sentenceText: string, sourceText: string | undefined): NonNullable<Allocation["source"]> {
  if (sourceText === undefined) {
    const span = toRaw(section, start, end);
    return { documentId: card.documentId, start: span.start, end: span.end, quote: sentenceText };
  }
  const pieces = rawPieces(section, start, end)
    .map((piece) => trimmedPiece(sourceText, piece))
    .filter((piece): piece is Span => piece !== undefined);
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (first === undefined || last === undefined) {
    const span = toRaw(section, start, end);
    return { documentId: card.documentId, start: span.start, end: span.end, quote: sourceText.slice(span.start, span.end) };
  }
  return { documentId: card.documentId, start: first.start, end: last.end, quote: pieces.map((piece) => sourceText.slice(piece.start, piece.end)).join(QUOTE_GAP) };
}

// ---------------------------------------------------------------------------------------------
// From figures to lines.

type Group = { whole: ProposalFigure; parts: ProposalFigure[] };

/** Wholes and their "heraf"/"fordelt på" parts; also where the sentence splitter cut "11 mio. kr. (2027 p/l) i 2027 heraf …". */
function groupFigures(reading: SectionReading): Group[] {
  const groups: Group[] = [];
  const byIndex = new Map<number, Group>();
  let open: { group: Group; sentenceStart: number } | undefined;
  reading.figures.forEach((figure, position) => {
    const previous = reading.figures[position - 1];
    const owner = figure.partOf === undefined ? undefined : byIndex.get(figure.partOf);
    if (owner !== undefined) {
      owner.parts.push(figure);
      open = { group: owner, sentenceStart: figure.sentence.start };
      return;
    }
    const between = previous === undefined ? "" : reading.section.text.slice(previous.end, figure.start);
    const last = groups[groups.length - 1];
    if (last !== undefined && PARTS.test(between)) {
      last.parts.push(figure);
      open = { group: last, sentenceStart: figure.sentence.start };
      return;
    }
    if (open !== undefined && open.sentenceStart === figure.sentence.start) {
      open.group.parts.push(figure);
      return;
    }
    open = undefined;
    const group: Group = { whole: figure, parts: [] };
    groups.push(group);
    byIndex.set(figure.index, group);
  });
  return groups;
}

function asParsed(figure: ProposalFigure): ParsedAmount | undefined {
  if (figure.amount === undefined || figure.unit === undefined) return undefined;
  return { amount: figure.amount, unit: figure.unit, decimals: figure.decimals ?? 0 };
}

const LABEL_LEAD = new RegExp(String.raw`${START}til\s+`, "giu");
/** Where a purpose phrase ends: punctuation, a year ("i 2027") or an area ("på service"). */
const LABEL_STOP = new RegExp(String.raw`[,;()]|\.(?=\s|$)|\s+i\s+(?:19|20)\d\d|\s+på\s+(?:service|indsats|overførsler|anlæg)(?![\p{L}])`, "iu");

/** The purpose phrase after a figure ("til masterclass-indsatsen"), unless it names a recipient or an area. */
function readLabel(own: string): string | undefined {
  for (const match of own.matchAll(LABEL_LEAD)) {
    const rest = own.slice(match.index + match[0].length);
    const stop = LABEL_STOP.exec(rest);
    const phrase = (stop === null ? rest : rest.slice(0, stop.index)).trim().replace(/\s+(?:og|samt)$/iu, "").replace(/\s+/gu, " ").trim();
    if (phrase.length === 0) continue;
    const firstWord = phrase.split(" ")[0] ?? "";
    if (ADMINISTRATIONS.has(firstWord) || COMMITTEES.has(firstWord) || AREA_WORDS.has(phrase.toLowerCase())) continue;
    return phrase.length > 100 ? `${phrase.slice(0, 99)}…` : phrase;
  }
  return undefined;
}

function moneyText(figure: ProposalFigure): string {
  return figure.text.replace(/\s+/gu, " ");
}

function sentenceOf(reading: SectionReading, figure: ProposalFigure): string {
  return reading.section.text.slice(figure.sentence.start, figure.sentence.end);
}

function expiringAreas(card: Card): Area[] {
  const section = card.sections.find((candidate) => candidate.kind === "expiring_money");
  if (section === undefined) return [];
  const areas = readSectionMoney(section).figures.map((figure) => figure.area).filter((area): area is Area => area !== undefined);
  return [...new Set(areas)];
}

type LineResult = { line: AllocationLine; figure: ProposalFigure; priceLevel?: number | "løbende" };

function spread(amount: number, years: readonly number[]): Record<string, number> {
  const base = Math.floor(amount / years.length);
  let remainder = amount - base * years.length;
  const amounts: Record<string, number> = {};
  for (const year of years) {
    amounts[String(year)] = base + (remainder > 0 ? 1 : 0);
    if (remainder > 0) remainder -= 1;
  }
  return amounts;
}

function figureToLine(card: Card, document: CorpusDocument, reading: SectionReading, figure: ProposalFigure, whole: ProposalFigure | undefined, notes: string[]): LineResult | undefined {
  const written = moneyText(figure);
  if (figure.amount === undefined) return undefined;
  if (figure.amount.min !== figure.amount.max) {
    notes.push(`"${written}" is a range (${formatDanishAmount(figure.amount.min)} to ${formatDanishAmount(figure.amount.max)}); no line: a range is not an allocation.`);
    return undefined;
  }
  const sentence = sentenceOf(reading, figure);
  let years = figure.years.length > 0 ? figure.years : (whole?.years ?? []);
  if (years.length === 0) years = readPeriod(sentence, { leadingOnly: true }) ?? readPeriod(reading.section.text, { leadingOnly: true }) ?? [];
  if (years.length === 0) {
    years = [document.budgetYear];
    notes.push(`"${written}": the text names no period; recorded for budget year ${document.budgetYear} only.`);
  }
  if (years.every((year) => year < document.budgetYear)) {
    notes.push(`"${written}" is stated for ${formatPeriod(years)}, before budget year ${document.budgetYear}; no line (check the period in the source).`);
    return undefined;
  }
  const basis = figure.basis === "unspecified" && whole !== undefined ? whole.basis : figure.basis;
  let amounts: Record<string, number>;
  const value = figure.amount.min;
  if (basis === "per_year" || years.length === 1) {
    amounts = Object.fromEntries(years.map((year) => [String(year), value]));
  } else if (basis === "total" && EVEN_SPLIT.test(sentence)) {
    amounts = spread(value, years);
    notes.push(`"${written}" is a total over ${formatPeriod(years)}, split evenly as the text says.`);
  } else {
    notes.push(
      basis === "total"
        ? `"${written}" is a total over ${formatPeriod(years)} and the text does not say how it is split over the years; no line.`
        : `"${written}" over ${formatPeriod(years)} is neither "årligt" nor "samlet"; no line (per year or total is not stated).`,
    );
    return undefined;
  }
  let area: Area | undefined = figure.area ?? whole?.area;
  if (area === undefined) {
    const expiring = expiringAreas(card);
    const only = expiring.length === 1 ? expiring[0] : undefined;
    if (only !== undefined) {
      area = only;
      notes.push(`"${written}": the proposal names no area; taken from the expiring grant (${only}).`);
    } else {
      notes.push(`"${written}": the proposal names no area (service/indsats/overførsler/anlæg)${expiring.length > 1 ? ` and the expiring grant has several (${expiring.join(", ")})` : ""}; no line.`);
      return undefined;
    }
  }
  const code = figure.recipient ?? whole?.recipient;
  const own = reading.section.text.slice(figure.end, nextBoundary(reading, figure));
  const label = readLabel(own);
  const line: AllocationLine = { area, amounts };
  if (code !== undefined && !COMMITTEES.has(code)) line.recipient = code;
  if (code !== undefined && COMMITTEES.has(code)) line.committee = code;
  if (label !== undefined) line.label = label;
  const priceLevel = figure.priceLevel ?? whole?.priceLevel;
  return priceLevel === undefined ? { line, figure } : { line, figure, priceLevel };
}

/** Where a figure's own words end: the next money figure in its sentence, or the sentence end. */
function nextBoundary(reading: SectionReading, figure: ProposalFigure): number {
  const next = reading.figures.find((candidate) => candidate.start > figure.start && candidate.sentence.start === figure.sentence.start);
  return next?.start ?? figure.sentence.end;
}

/** Assessment figures that propose money: for the budget year or later, or in a proposing sentence with no period. */
function proposesMoney(reading: SectionReading, figure: ProposalFigure, document: CorpusDocument): boolean {
  if (figure.years.length > 0) return figure.years.every((year) => year >= document.budgetYear);
  return PROPOSING.test(sentenceOf(reading, figure));
}

/**
 * The allocation a card proposes, with notes. No allocation for a card that stops (decision
 * "ophører") or whose proposal has no money figure it can place.
 */
export function proposeAllocation(card: Card, document: CorpusDocument, options: ProposeAllocationOptions = {}): AllocationProposal {
  const notes: string[] = [];
  if (card.decision === "ophører") return { notes: ["The assessment stops the initiative (ophører); no money is proposed."] };
  const proposalSection = card.sections.find((section) => section.kind === "proposed_money");
  let reading = proposalSection === undefined ? undefined : readSectionMoney(proposalSection);
  if (reading === undefined || reading.figures.length === 0) {
    const assessment = card.sections.find((section) => section.kind === "assessment");
    const fromAssessment = assessment === undefined ? undefined : readSectionMoney(assessment);
    if (fromAssessment !== undefined) {
      const proposing = fromAssessment.figures.filter((figure) => proposesMoney(fromAssessment, figure, document));
      if (proposing.length > 0) {
        reading = { ...fromAssessment, figures: proposing };
        notes.push("The Økonomi/ressourcer of the proposal is empty; the money is read from the assessment.");
      }
    }
  }
  if (reading === undefined || reading.figures.length === 0) {
    const why =
      card.decision === "afventer"
        ? "The assessment is pending (afventer afklaring) and proposes no money."
        : proposalSection === undefined
          ? "The card has no proposal (Økonomi/ressourcer of the assessment) and the assessment names no money."
          : "The proposal names no money figure.";
    return { notes: [why] };
  }
  if (card.decision === "betinget") notes.push("The proposal is conditional (kun hvis / såfremt); the amount holds only if the condition is met.");
  if (card.decision === "afventer") notes.push("The assessment is pending (afventer afklaring).");
  if (TENTATIVE.test(reading.section.text)) notes.push("The text calls the amount tentative or estimated.");

  const results: LineResult[] = [];
  for (const group of groupFigures(reading)) {
    if (group.parts.length === 0) {
      const result = figureToLine(card, document, reading, group.whole, undefined, notes);
      if (result !== undefined) results.push(result);
      continue;
    }
    const partLines = group.parts.map((part) => figureToLine(card, document, reading, part, group.whole, notes));
    const whole = asParsed(group.whole);
    const placed = partLines.filter((result): result is LineResult => result !== undefined);
    if (placed.length === group.parts.length && whole !== undefined) {
      const sum = group.parts.reduce((total, part) => total + (part.amount?.min ?? 0), 0);
      if (!agreesAtPrecision(sum, whole)) notes.push(`The parts of "${moneyText(group.whole)}" add up to ${formatDanishAmount(sum)}, not ${moneyText(group.whole)}.`);
    }
    if (placed.length === group.parts.length) {
      results.push(...placed);
    } else {
      notes.push(`Not every part of "${moneyText(group.whole)}" could be placed; the whole is used instead.`);
      const result = figureToLine(card, document, reading, group.whole, undefined, notes);
      if (result !== undefined) results.push(result);
    }
  }
  if (results.length === 0) return { notes: [...notes, "No line could be placed; no allocation."] };

  const levels = [...new Set(results.map((result) => result.priceLevel).filter((level) => level !== undefined))];
  if (levels.length > 1) notes.push(`The lines name different price levels (${levels.join(", ")}); the first is used.`);
  const level = levels[0];
  const first = results[0]?.figure;
  const last = results[results.length - 1]?.figure;
  const allocation: Allocation = { initiative: card.title, lines: results.map((result) => result.line) };
  if (typeof level === "number") allocation.priceLevel = level;
  else if (level === undefined) notes.push("No price level is stated; the amounts are recorded at current prices (no priceLevel).");
  allocation.cardId = card.id;
  if (first !== undefined && last !== undefined) {
    const start = Math.min(first.sentence.start, last.sentence.start);
    const end = Math.max(...results.map((result) => result.figure.sentence.end));
    const sentenceText = reading.section.text.slice(first.sentence.start, end).replace(/\s+/gu, " ").trim();
    allocation.source = buildSource(card, reading.section, start, end, sentenceText, options.sourceText);
  }
  return { allocation: canonicalAllocation(AllocationSchema.parse(allocation)), notes };
}

// ---------------------------------------------------------------------------------------------
// Canonical form, overrides.

/** The allocation with keys in a stable order: the schema's, amounts by year. */
export function canonicalAllocation(allocation: Allocation): Allocation {
  const lines = allocation.lines.map((line) => {
    const ordered: AllocationLine = { area: line.area, amounts: {} };
    if (line.recipient !== undefined) ordered.recipient = line.recipient;
    ordered.amounts = Object.fromEntries(Object.entries(line.amounts).sort(([left], [right]) => Number(left) - Number(right)));
    if (line.committee !== undefined) ordered.committee = line.committee;
    if (line.appropriation !== undefined) ordered.appropriation = line.appropriation;
    if (line.label !== undefined) ordered.label = line.label;
    return reorder(ordered, ["area", "recipient", "amounts", "committee", "appropriation", "label"]);
  });
  const result: Allocation = { initiative: allocation.initiative, lines };
  if (allocation.priceLevel !== undefined) result.priceLevel = allocation.priceLevel;
  if (allocation.cardId !== undefined) result.cardId = allocation.cardId;
  if (allocation.source !== undefined) {
    const { documentId, start, end, quote } = allocation.source;
    result.source = { documentId, start, end, quote };
  }
  return reorder(result, ["initiative", "priceLevel", "lines", "cardId", "source"]);
}

function reorder<T extends object>(value: T, keys: ReadonlyArray<keyof T>): T {
  const ordered = {} as T;
  for (const key of keys) if (value[key] !== undefined) ordered[key] = value[key];
  return ordered;
}

/** The file text of an allocation: canonical, pretty-printed, with a final newline. */
export function serializeAllocation(allocation: Allocation): string {
  return `${JSON.stringify(canonicalAllocation(allocation), null, 2)}\n`;
}

/**
 * A reviewed correction of one card: `allocation` replaces the generated one (null: no
 * allocation), `patch` replaces top-level fields of it. `reason` says why, for the review.
 */
export const AllocationOverrideSchema = z
  .object({
    reason: z.string().min(1),
    allocation: AllocationSchema.nullable().optional(),
    patch: AllocationSchema.partial().optional(),
  })
  .refine((override) => (override.allocation === undefined) !== (override.patch === undefined), "an override has either allocation or patch");
export type AllocationOverride = z.infer<typeof AllocationOverrideSchema>;

export const AllocationOverridesSchema = z.record(z.string().regex(/^[a-z0-9-]+$/), AllocationOverrideSchema);
export type AllocationOverrides = z.infer<typeof AllocationOverridesSchema>;

/** The reviewed allocation of a card: the generated one with its override applied, if any. */
export function applyAllocationOverride(generated: Allocation | undefined, override: AllocationOverride | undefined): Allocation | undefined {
  if (override === undefined) return generated;
  if (override.allocation !== undefined) return override.allocation === null ? undefined : canonicalAllocation(AllocationSchema.parse(override.allocation));
  if (generated === undefined || override.patch === undefined) throw new Error(`override "${override.reason}": a patch needs a generated allocation`);
  return canonicalAllocation(AllocationSchema.parse({ ...generated, ...override.patch }));
}
