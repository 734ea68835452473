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
  DraftSection,
  DraftSource,
  ValidationIssue,
  ValidationResult,
} from "../domain/index.ts";
import { AssessmentDraftRequestSchema } from "../domain/index.ts";
import type { CorpusStore } from "../corpus/corpus-store.ts";
import { InputError, NotFoundError } from "../errors/errors.ts";
import {
  formatAllocation,
  formatAllocationLine,
  formatDanishAmount,
  lineYears,
} from "../money/index.ts";
import type { AllocationSource } from "../validation/allocation-source.ts";
import { validateText } from "../validation/validate-text.ts";
import type { AssessmentContext, AssessmentWriter, ModelCallTrace } from "./ports.ts";
import { quoteOf, selectExamples } from "./select-examples.ts";

export const PROSE_HEADING = "Indhold i justeret indsats";
export const ECONOMY_HEADING = "Økonomi/ressourcer";
export const NO_MONEY_SENTENCE = "Der foreslås ingen midler.";
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
};

const CONTINUING: ReadonlySet<DraftDecision> = new Set(["uændret", "med_justeringer"]);

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

function totalOf(allocation: Allocation | undefined): number {
  return (
    allocation?.lines.reduce(
      (sum, line) =>
        sum + Object.values(line.amounts).reduce((lineSum, amount) => lineSum + amount, 0),
      0,
    ) ?? 0
  );
}

/** "Økonomi/ressourcer", rendered from data: the formatter's sentence, or that no money is proposed. */
export function renderEconomy(decision: DraftDecision, allocation: Allocation | undefined): string {
  if (decision === "ophører" || allocation === undefined || totalOf(allocation) === 0)
    return NO_MONEY_SENTENCE;
  return formatAllocation(allocation);
}

function assemble(prose: string, economy: string): { text: string; sections: DraftSection[] } {
  const proseStart = `${PROSE_HEADING}:\n`.length;
  const text = `${PROSE_HEADING}:\n${prose}\n\n${ECONOMY_HEADING}:\n${economy}`;
  const economyStart = text.length - economy.length;
  return {
    text,
    sections: [
      {
        key: "indholdIJusteretIndsats",
        heading: PROSE_HEADING,
        text: prose,
        start: proseStart,
        fromData: false,
      },
      {
        key: "økonomiRessourcer",
        heading: ECONOMY_HEADING,
        text: economy,
        start: economyStart,
        fromData: true,
      },
    ],
  };
}

/** Issues the draft adds to the validator's: decisions that the money (or its absence) contradicts. */
function decisionIssues(
  decision: DraftDecision,
  allocation: Allocation | undefined,
  economyStart: number,
  text: string,
): ValidationIssue[] {
  const at = { start: economyStart, end: text.length };
  if (decision === "ophører" && totalOf(allocation) > 0 && allocation !== undefined) {
    const expected = allocation.lines
      .map((line) => formatAllocationLine(line, { priceLevel: allocation.priceLevel }))
      .join("; ");
    return [
      {
        code: "decision_conflict",
        severity: "error",
        ...at,
        message: `Beslutningen er, at indsatsen ophører, men bevillingsdata foreslår midler (${expected}). Udkastet foreslår ingen midler; ret beslutningen eller bevillingsdata.`,
        expected: "intet beløb",
        found: expected,
      },
    ];
  }
  if (CONTINUING.has(decision) && totalOf(allocation) === 0) {
    return [
      {
        code: "decision_conflict",
        severity: "warning",
        ...at,
        message: `Beslutningen er, at indsatsen videreføres (${decision === "uændret" ? "uændret" : "med justeringer"}), men der er ingen bevillingsdata med midler til indsatsen. Tilføj bevillingsdata, så økonomien kan skrives.`,
        expected: "bevillingsdata med midler",
      },
    ];
  }
  return [];
}

function validateDraft(
  text: string,
  economyStart: number,
  allocation: Allocation | undefined,
  card: Card,
  decision: DraftDecision,
  budgetYear: number,
): ValidationResult {
  /* Without allocation data every money figure is unmatched: nothing is proposed. */
  const data: Allocation = allocation ?? { initiative: card.title, lines: [] };
  const result = validateText(text, data, { budgetYear, decision });
  const issues = [
    ...result.issues,
    ...decisionIssues(decision, allocation, economyStart, text),
  ].sort((left, right) => left.start - right.start || left.end - right.end);
  return {
    ok: !issues.some((issue) => issue.severity === "error"),
    figures: result.figures,
    issues,
  };
}

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
    if (issue.severity === "info") continue;
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
  const economy = renderEconomy(request.decision, allocation);
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

  const economyOnly = validateDraft(
    assemble("", economy).text,
    assemble("", economy).sections[1]?.start ?? 0,
    allocation,
    card,
    request.decision,
    budgetYear,
  );
  let attempts = 0;
  let prose = "";
  let assembled = assemble(prose, economy);
  let validation: ValidationResult = { ok: true, figures: [], issues: [] };
  let fixable: ValidationIssue[] = [];
  const modelCalls: ModelCallTrace[] = [];
  while (attempts < maxAttempts) {
    const repair = attempts === 0 ? undefined : { previousText: prose, issues: fixable };
    const written = await deps.writer.write(context, repair);
    attempts += 1;
    modelCalls.push(...(written.modelCalls ?? []));
    prose = tidyProse(written.indholdIJusteretIndsats);
    assembled = assemble(prose, economy);
    const economyStart = assembled.sections[1]?.start ?? 0;
    validation = validateDraft(
      assembled.text,
      economyStart,
      allocation,
      card,
      request.decision,
      budgetYear,
    );
    fixable = proseIssues(validation, assembled.sections[0]?.start ?? 0, prose, economyOnly);
    if (fixable.length === 0) break;
  }

  const clean = validation.issues.every((issue) => issue.severity === "info");
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
    status: clean ? "clean" : "flagged",
    sources,
    prompt: { ...deps.writer.prompt },
    model: deps.writer.id,
    attempts,
    decision: request.decision,
    input: { ...request, cardId: card.id, budgetYear },
    author: request.author ?? DEFAULT_AUTHOR,
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
  };
  if (allocation !== undefined) draft.allocation = allocation;
  if (modelCalls.length > 0) draft.modelCalls = modelCalls;
  return draft;
}
