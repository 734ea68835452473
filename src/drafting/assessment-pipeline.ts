/**
 * The one path every assessment text takes, whoever wrote it (a writer's first draft, a repair,
 * a structural revision in the form or the chat, a caseworker's own edit): assemble the two
 * sections, validate the whole text against the allocation data, and flag what a caseworker must
 * see. An allocation without money never throws; a card that proposes money without allocation
 * data is flagged "mangler bevillingsdata" at the economy section, never "ingen midler".
 */
import type {
  Allocation,
  DraftDecision,
  DraftSection,
  SentenceSource,
  ValidationIssue,
  ValidationResult,
} from "../domain/index.ts";
import { formatAllocation, formatAllocationLine } from "../money/index.ts";
import { validateText } from "../validation/validate-text.ts";

export const PROSE_HEADING = "Indhold i justeret indsats";
export const ECONOMY_HEADING = "Økonomi/ressourcer";
export const NO_MONEY_SENTENCE = "Der foreslås ingen midler.";
export const MISSING_DATA_SENTENCE =
  "Mangler bevillingsdata: økonomien skrives, når bevillingsdata for indsatsen er oprettet.";
export const PROSE_KEY = "indholdIJusteretIndsats";
export const ECONOMY_KEY = "økonomiRessourcer";

const CONTINUING: ReadonlySet<DraftDecision> = new Set(["uændret", "med_justeringer"]);

/** What the validation of an assessment needs besides its text. */
export type AssessmentFrame = {
  title: string;
  decision: DraftDecision;
  allocation: Allocation | undefined;
  budgetYear?: number;
  /** What the card's own proposal says about money, when there is no allocation data. */
  proposal?: CardProposal;
};

/** The money the card's own text proposes: its figures, and the allocation read from them where the lines can be placed. */
export type CardProposal = { figures: readonly string[]; allocation?: Allocation };

export type AssembledAssessment = { text: string; sections: DraftSection[] };

export type CheckedAssessment = AssembledAssessment & {
  validation: ValidationResult;
  status: "clean" | "flagged";
};

export function totalOf(allocation: Allocation | undefined): number {
  return (
    allocation?.lines.reduce(
      (sum, line) =>
        sum + Object.values(line.amounts).reduce((lineSum, amount) => lineSum + amount, 0),
      0,
    ) ?? 0
  );
}

/** Whether the draft lacks allocation data the card's own text proposes. */
export function missesAllocation(frame: Omit<AssessmentFrame, "title" | "budgetYear">): boolean {
  const proposal = frame.proposal;
  return (
    frame.decision !== "ophører" &&
    totalOf(frame.allocation) === 0 &&
    proposal !== undefined &&
    (totalOf(proposal.allocation) > 0 || proposal.figures.length > 0)
  );
}

/** "Økonomi/ressourcer", rendered from data: the formatter's sentence, that data is missing, or that no money is proposed. */
export function renderEconomy(
  decision: DraftDecision,
  allocation: Allocation | undefined,
  proposal?: CardProposal,
): string {
  if (missesAllocation({ decision, allocation, ...(proposal === undefined ? {} : { proposal }) }))
    return MISSING_DATA_SENTENCE;
  if (decision === "ophører" || allocation === undefined || totalOf(allocation) === 0)
    return NO_MONEY_SENTENCE;
  return formatAllocation(allocation);
}

/** The draft's text and its two sections, with offsets. */
export function assembleAssessment(
  prose: string,
  economy: string,
  sentences?: readonly SentenceSource[],
): AssembledAssessment {
  const proseStart = `${PROSE_HEADING}:\n`.length;
  const text = `${PROSE_HEADING}:\n${prose}\n\n${ECONOMY_HEADING}:\n${economy}`;
  const economyStart = text.length - economy.length;
  return {
    text,
    sections: [
      {
        key: PROSE_KEY,
        heading: PROSE_HEADING,
        text: prose,
        start: proseStart,
        fromData: false,
        ...(sentences === undefined ? {} : { sentences: [...sentences] }),
      },
      {
        key: ECONOMY_KEY,
        heading: ECONOMY_HEADING,
        text: economy,
        start: economyStart,
        fromData: true,
      },
    ],
  };
}

/**
 * The two sections of an edited assessment text, when both headings still stand on lines of their
 * own ("Indhold i justeret indsats:" … "Økonomi/ressourcer:"); undefined otherwise.
 */
export function readAssessmentText(text: string): { prose: string; economy: string } | undefined {
  const pattern = new RegExp(
    `^\\s*${PROSE_HEADING}:?[ \\t]*\\n([\\s\\S]*?)\\n[ \\t]*${ECONOMY_HEADING.replace("/", "\\/")}:?[ \\t]*\\n([\\s\\S]*)$`,
    "u",
  );
  const match = pattern.exec(text);
  if (match === null) return undefined;
  return { prose: (match[1] ?? "").trim(), economy: (match[2] ?? "").trim() };
}

function economySpan(assembled: AssembledAssessment): { start: number; end: number } {
  const economy = assembled.sections.find((section) => section.key === ECONOMY_KEY);
  return economy === undefined
    ? { start: 0, end: assembled.text.length }
    : { start: economy.start, end: economy.start + economy.text.length };
}

/** Issues of the decision against the money (or its absence), at the economy section. */
function decisionIssues(frame: AssessmentFrame, at: { start: number; end: number }) {
  const { decision, allocation } = frame;
  if (missesAllocation(frame) && frame.proposal !== undefined) {
    const lines = frame.proposal.allocation;
    const proposed =
      lines === undefined
        ? frame.proposal.figures.join(", ")
        : lines.lines
            .map((line) => formatAllocationLine(line, { priceLevel: lines.priceLevel }))
            .join("; ");
    const offer =
      lines === undefined
        ? "Opret bevillingsdata for indsatsen (kortets forslag kan ikke læses som bevillingslinjer: område eller periode mangler), og lav udkastet igen"
        : "Opret bevillingsdata ud fra kortets forslag til gennemsyn, og lav udkastet igen";
    return [
      {
        code: "missing_allocation" as const,
        severity: "warning" as const,
        ...at,
        message: `Mangler bevillingsdata: kortet foreslår ${proposed}, men der er ingen bevillingsdata for indsatsen. ${offer}; indtil da skrives økonomien ikke.`,
        expected: "bevillingsdata for indsatsen",
        found: "mangler bevillingsdata",
      },
    ];
  }
  if (decision === "ophører" && totalOf(allocation) > 0 && allocation !== undefined) {
    const expected = allocation.lines
      .map((line) => formatAllocationLine(line, { priceLevel: allocation.priceLevel }))
      .join("; ");
    return [
      {
        code: "decision_conflict" as const,
        severity: "error" as const,
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
        code: "decision_conflict" as const,
        severity: "warning" as const,
        ...at,
        message: `Beslutningen er, at indsatsen videreføres (${decision === "uændret" ? "uændret" : "med justeringer"}), men der er ingen bevillingsdata med midler til indsatsen. Tilføj bevillingsdata, så økonomien kan skrives.`,
        expected: "bevillingsdata med midler",
      },
    ];
  }
  return [];
}

/** Issues of the prose's sentences: a suspect word (warning), a sentence without a source (info). */
function sentenceIssues(assembled: AssembledAssessment): ValidationIssue[] {
  const prose = assembled.sections.find((section) => section.key === PROSE_KEY);
  if (prose?.sentences === undefined) return [];
  const issues: ValidationIssue[] = [];
  for (const sentence of prose.sentences) {
    const at = { start: prose.start + sentence.start, end: prose.start + sentence.end };
    const words = prose.text.slice(sentence.start, sentence.end);
    if (sentence.suspect !== undefined && sentence.suspect.length > 0)
      issues.push({
        code: "suspect_word",
        severity: "warning",
        ...at,
        message: `Sætningen har ord, som ikke er danske ord (måske OCR-fejl): ${sentence.suspect.join(", ")}. Ret ordene eller fjern sætningen.`,
        found: sentence.suspect.join(", "),
      });
    if (sentence.sources.length === 0)
      issues.push({
        code: "unsourced_sentence",
        severity: "info",
        ...at,
        message: `Sætningen har ingen kilde i kortet, noterne eller bevillingsdata: "${words.trim()}". Tjek den, eller tilføj en note.`,
      });
  }
  return issues;
}

/** Validates an assembled assessment: figures against the data, the decision against the money, the sentences. */
export function validateAssessment(
  assembled: AssembledAssessment,
  frame: AssessmentFrame,
): ValidationResult {
  /* Without allocation data every money figure is unmatched: nothing is proposed. */
  const data: Allocation = frame.allocation ?? { initiative: frame.title, lines: [] };
  const result = validateText(assembled.text, data, {
    ...(frame.budgetYear === undefined ? {} : { budgetYear: frame.budgetYear }),
    decision: frame.decision,
  });
  const issues = [
    ...result.issues,
    ...decisionIssues(frame, economySpan(assembled)),
    ...sentenceIssues(assembled),
  ].sort((left, right) => left.start - right.start || left.end - right.end);
  return {
    ok: !issues.some((issue) => issue.severity === "error"),
    figures: result.figures,
    issues,
  };
}

/** Whether a validation result lets a draft be called clean. */
export function isClean(validation: ValidationResult): boolean {
  return validation.issues.every((issue) => issue.severity === "info");
}

/** Assemble → validate → flag. */
export function checkAssessment(
  prose: string,
  economy: string,
  frame: AssessmentFrame,
  sentences?: readonly SentenceSource[],
): CheckedAssessment {
  const assembled = assembleAssessment(prose, economy, sentences);
  const validation = validateAssessment(assembled, frame);
  return { ...assembled, validation, status: isClean(validation) ? "clean" : "flagged" };
}
