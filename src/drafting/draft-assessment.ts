/**
 * Drafts the right half of an annex card for next year: "Indhold i justeret indsats" by a writer
 * (a language model or the offline writer) and "Økonomi/ressourcer" rendered from the allocation
 * data by the project's formatter. The whole text is validated; errors in the writer's prose go
 * back to the writer with the validator's findings, up to `maxAttempts` writes in all. A draft is
 * "clean" only when the final validation has neither an error nor a warning.
 */
import type {
  Allocation,
  AllocationLine,
  AssessmentDraftRequest,
  Card,
  CorpusDocument,
  Draft,
  DraftDecision,
  DraftSource,
  ValidationIssue,
  ValidationResult,
} from "../domain/index.ts";
import { AssessmentDraftRequestSchema } from "../domain/index.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import { InputError, NotFoundError } from "../errors/errors.ts";
import { formatAllocationLine, formatDanishAmount, lineYears } from "../money/index.ts";
import type { AllocationSource } from "../ports/allocation-store.ts";
import {
  type AssessmentFrame,
  type CardProposal,
  checkAssessment,
  missesAllocation,
  PROSE_HEADING,
  renderEconomy,
  totalOf,
} from "./assessment-pipeline.ts";
import { FALLBACK_STEMS } from "./decision-phrasing.ts";
import { evidenceOf, sourceSentences } from "./sentence-sources.ts";
import { getLoadedDanishLexicon, type DanishLexicon } from "../corpus/danish-lexicon.ts";
import { proposeAllocation, readSectionMoney } from "../corpus/propose-allocation.ts";
import type { AssessmentContext, AssessmentWriter } from "./ports.ts";
import type { ModelCallTrace } from "../ports/language-model.ts";
import { quoteOf, selectExamples } from "./select-examples.ts";

export {
  ECONOMY_HEADING,
  NO_MONEY_SENTENCE,
  PROSE_HEADING,
  renderEconomy,
} from "./assessment-pipeline.ts";
export const DEFAULT_AUTHOR = "lokal bruger";
export const DEFAULT_MAX_ATTEMPTS = 3;

export type DraftAssessmentDeps = {
  store: CorpusStore;
  allocations: AllocationSource;
  writer: AssessmentWriter;
  /** Writes in all, the first included (default 3). */
  maxAttempts?: number;
  now?: () => Date;
  newId?: () => string;
  /** For suspect words in the prose; defaults to the lexicon loaded in this process, if any. */
  lexicon?: DanishLexicon;
};

/**
 * The money the card's own proposal names (its Økonomi/ressourcer, else its assessment), with the
 * allocation the proposer reads from it where it can place the lines; undefined when it names none.
 */
function cardProposal(
  card: Card,
  document: CorpusDocument,
): (CardProposal & { notes: string[] }) | undefined {
  const section =
    card.sections.find((candidate) => candidate.kind === "proposed_money") ??
    card.sections.find((candidate) => candidate.kind === "assessment");
  if (section === undefined) return undefined;
  const figures = readSectionMoney(section)
    .figures.filter((figure) => (figure.amount?.max ?? 0) > 0)
    .map((figure) => figure.text);
  if (figures.length === 0) return undefined;
  const { allocation, notes } = proposeAllocation(card, document);
  return { figures, notes, ...(allocation === undefined ? {} : { allocation }) };
}

/** The words that state a decision, for the sources of the opening sentence. */
export function decisionWords(decision: DraftDecision): string[] {
  return [FALLBACK_STEMS[decision], DECISION_LABELS[decision]];
}

const DECISION_LABELS: Readonly<Record<DraftDecision, string>> = {
  uændret: "videreføres uændret",
  med_justeringer: "videreføres med justeringer",
  ophører: "ophører ikke videreføres",
  betinget: "kun kan videreføres hvis betinget",
  afventer: "afventer afklaring",
};

function parseRequest(input: unknown): AssessmentDraftRequest {
  const parsed = AssessmentDraftRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((issue) => `${issue.path.join(".") || "(request)"}: ${issue.message}`)
    .join("; ");
  throw new InputError("invalid_request", `The draft request is not valid: ${problems}`, {
    details: {
      issues: parsed.error.issues.map((issue) => ({
        field: issue.path.join("."),
        message: issue.message,
      })),
    },
  });
}

/** The expiring card the draft continues: by id, or by annex year and card number (ordinal where the annex has no numbers). */
async function resolveCard(
  store: CorpusStore,
  request: AssessmentDraftRequest,
): Promise<{ card: Card; document: CorpusDocument }> {
  let byId: { card: Card; document: CorpusDocument } | undefined;
  if (request.initiativeId !== undefined) {
    const stored = await store.getCard(request.initiativeId);
    if (stored === undefined)
      throw new NotFoundError(
        "initiative_not_found",
        `No card "${request.initiativeId}" in the corpus: give a card id such as "bilag-2026-04" (GET /api/cards lists them), or card { year, number }.`,
        { details: { initiativeId: request.initiativeId } },
      );
    byId = { card: stored.card, document: stored.document };
  }
  let byNumber: { card: Card; document: CorpusDocument } | undefined;
  if (request.card !== undefined) {
    const { year, number } = request.card;
    const cards = await store.listCards({ year, kind: "annex" });
    const summary =
      cards.find((candidate) => candidate.number === number) ??
      (cards.every((candidate) => candidate.number === null)
        ? cards.find((candidate) => candidate.id.endsWith(`-${String(number).padStart(2, "0")}`))
        : undefined);
    const stored = summary === undefined ? undefined : await store.getCard(summary.id);
    if (stored === undefined)
      throw new NotFoundError(
        "initiative_not_found",
        cards.length === 0
          ? `No annex for ${year} in the corpus.`
          : `No card number ${number} in the annex for ${year} (it has ${cards.length} cards).`,
        { details: { card: request.card } },
      );
    byNumber = { card: stored.card, document: stored.document };
  }
  if (byId !== undefined && byNumber !== undefined && byId.card.id !== byNumber.card.id) {
    throw new InputError(
      "initiative_conflict",
      `initiativeId "${byId.card.id}" and card { year: ${request.card?.year ?? ""}, number: ${request.card?.number ?? ""} } (${byNumber.card.id}) name different cards.`,
    );
  }
  const resolved = byId ?? byNumber;
  if (resolved === undefined)
    throw new InputError(
      "invalid_request",
      'Name the initiative: initiativeId (e.g. "bilag-2026-04") or card { year, number }.',
    );
  if (resolved.document.kind !== "annex")
    throw new InputError(
      "not_an_annex_card",
      `"${resolved.card.id}" is a budget note, not an annex card; assessments are drafted for annex cards.`,
    );
  return resolved;
}

function describeLine(line: AllocationLine): string {
  return `${line.area}${line.recipient === undefined ? "" : ` til ${line.recipient}`}`;
}

/** The first difference between two allocations' money (lines, areas, recipients, years, amounts, price level), or undefined. */
export function allocationDifference(
  stored: Allocation,
  requested: Allocation,
): string | undefined {
  if ((stored.priceLevel ?? "løbende") !== (requested.priceLevel ?? "løbende"))
    return `price level: stored ${stored.priceLevel ?? "løbende"} p/l, request ${requested.priceLevel ?? "løbende"} p/l`;
  if (stored.lines.length !== requested.lines.length)
    return `number of lines: stored ${stored.lines.length} (${stored.lines.map((line) => formatAllocationLine(line)).join("; ")}), request ${requested.lines.length} (${requested.lines.map((line) => formatAllocationLine(line)).join("; ")})`;
  const order = (lines: readonly AllocationLine[]) =>
    [...lines].sort(
      (left, right) =>
        left.area.localeCompare(right.area) ||
        (left.recipient ?? "").localeCompare(right.recipient ?? ""),
    );
  const left = order(stored.lines);
  const right = order(requested.lines);
  for (let index = 0; index < left.length; index += 1) {
    const a = left[index];
    const b = right[index];
    if (a === undefined || b === undefined) continue;
    if (a.area !== b.area)
      return `line ${index + 1}: area ${a.area} in the stored data, ${b.area} in the request`;
    if (a.recipient !== undefined && b.recipient !== undefined && a.recipient !== b.recipient)
      return `line ${index + 1} (${a.area}): recipient ${a.recipient} in the stored data, ${b.recipient} in the request`;
    const yearsA = lineYears(a).map(({ year }) => year);
    const yearsB = lineYears(b).map(({ year }) => year);
    if (yearsA.join() !== yearsB.join())
      return `line ${index + 1} (${describeLine(a)}): years ${yearsA.join(", ")} in the stored data, ${yearsB.join(", ")} in the request`;
    for (const { year, amount } of lineYears(a)) {
      const other = b.amounts[String(year)];
      if (other !== amount)
        return `line ${index + 1} (${describeLine(a)}): ${year} is ${formatDanishAmount(amount, { unit: "kr." })} in the stored data, ${formatDanishAmount(other ?? 0, { unit: "kr." })} in the request`;
    }
  }
  return undefined;
}

/** Findings on the sentences themselves: shown to the caseworker, not sent back to the writer. */
const SENTENCE_CODES: ReadonlySet<string> = new Set(["suspect_word", "unsourced_sentence"]);

/**
 * The issues a writer can fix, with offsets rebased onto its prose: those whose span lies in the
 * prose, and a decision conflict the economy section alone does not have (the prose reads as a
 * stop while money is proposed), given over the whole prose.
 */
function proseIssues(
  validation: ValidationResult,
  proseStart: number,
  prose: string,
  economyOnly: ValidationResult,
): ValidationIssue[] {
  const proseEnd = proseStart + prose.length;
  const fixable: ValidationIssue[] = [];
  for (const issue of validation.issues) {
    if (issue.severity === "info" || SENTENCE_CODES.has(issue.code)) continue;
    if (issue.start >= proseStart && issue.end <= proseEnd)
      fixable.push({ ...issue, start: issue.start - proseStart, end: issue.end - proseStart });
    else if (
      issue.code === "decision_conflict" &&
      issue.severity === "error" &&
      !economyOnly.issues.some((other) => other.code === "decision_conflict")
    )
      fixable.push({ ...issue, start: 0, end: prose.length });
  }
  return fixable;
}

/** Cleans what a writer returned: no heading of its own, no trailing white space. */
function tidyProse(prose: string): string {
  return prose
    .replace(/\r\n?/gu, "\n")
    .replace(new RegExp(`^\\s*${PROSE_HEADING}\\s*:?\\s*`, "iu"), "")
    .trim();
}

/** Drafts the assessment of one grant for next year's annex. Throws InputError / NotFoundError on bad input before anything is written. */
export async function draftAssessment(
  input: AssessmentDraftRequest,
  deps: DraftAssessmentDeps,
): Promise<Draft> {
  const request = parseRequest(input);
  const maxAttempts = Math.max(1, deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const { card, document } = await resolveCard(deps.store, request);

  const stored = await deps.allocations.get(card.id);
  if (stored !== undefined && request.allocation !== undefined) {
    const difference = allocationDifference(stored, request.allocation);
    if (difference !== undefined)
      throw new InputError(
        "allocation_conflict",
        `The request's allocation contradicts the stored allocation data for ${card.id}: ${difference}. Leave the allocation out to use the stored one, or correct the stored data.`,
        { details: { cardId: card.id, difference } },
      );
  }
  const allocation = request.allocation ?? stored;
  const budgetYear = document.budgetYear;
  /* No allocation data: what the card's own proposal reads as, offered for review (never validated against). */
  const proposal = totalOf(allocation) > 0 ? undefined : cardProposal(card, document);
  const frame: AssessmentFrame = {
    title: allocation?.initiative ?? card.title,
    decision: request.decision,
    allocation,
    budgetYear,
    ...(proposal === undefined ? {} : { proposal }),
  };
  const economy = renderEconomy(request.decision, allocation, frame.proposal);
  const examples = await selectExamples(deps.store, card, document, request.decision);
  const context: AssessmentContext = {
    card,
    document,
    decision: request.decision,
    notes: request.notes ?? [],
    allocation,
    economySentence: economy,
    examples,
    budgetYear,
  };
  const evidence = evidenceOf({ ...context, decisionWords: decisionWords(request.decision) });
  const lexicon = deps.lexicon ?? getLoadedDanishLexicon();

  const economyOnly = checkAssessment("", economy, frame).validation;
  let attempts = 0;
  let prose = "";
  let checked = checkAssessment(prose, economy, frame);
  let fixable: ValidationIssue[] = [];
  const modelCalls: ModelCallTrace[] = [];
  while (attempts < maxAttempts) {
    const repair = attempts === 0 ? undefined : { previousText: prose, issues: fixable };
    const written = await deps.writer.write(context, repair);
    attempts += 1;
    modelCalls.push(...(written.modelCalls ?? []));
    prose = tidyProse(written.indholdIJusteretIndsats);
    checked = checkAssessment(prose, economy, frame, sourceSentences(prose, evidence, lexicon));
    fixable = proseIssues(checked.validation, checked.sections[0]?.start ?? 0, prose, economyOnly);
    if (fixable.length === 0) break;
  }
  const assembled = checked;
  const validation = checked.validation;

  const own = card.sections.find((section) => section.kind === "content");
  const sources: DraftSource[] = [
    ...(own === undefined
      ? []
      : [
          {
            cardId: card.id,
            title: card.title,
            year: document.year,
            documentTitle: document.title,
            section: own.heading,
            quote: quoteOf(own.text, 700),
            start: own.span.start,
            end: own.span.end,
            reason: "same_initiative" as const,
          },
        ]),
    ...examples,
  ];
  const draft: Draft = {
    id: deps.newId?.() ?? globalThis.crypto.randomUUID(),
    kind: "assessment",
    version: 1,
    title: allocation?.initiative ?? card.title,
    sections: assembled.sections,
    text: assembled.text,
    validation,
    status: checked.status,
    sources,
    prompt: { ...deps.writer.prompt },
    model: deps.writer.id,
    attempts,
    decision: request.decision,
    input: {
      ...request,
      cardId: card.id,
      budgetYear,
      ...(card.number === null || card.number === undefined ? {} : { number: card.number }),
    },
    author: request.author ?? DEFAULT_AUTHOR,
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
  };
  if (allocation !== undefined) draft.allocation = allocation;
  if (proposal?.allocation !== undefined && missesAllocation(frame))
    draft.allocationProposal = { allocation: proposal.allocation, notes: proposal.notes };
  if (modelCalls.length > 0) draft.modelCalls = modelCalls;
  return draft;
}
