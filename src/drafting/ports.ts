/** Ports of drafting: the writers of an assessment's and a budget note's prose. */
import type { ModelCallTrace } from "../ports/language-model.ts";
import type {
  Allocation,
  Card,
  CorpusDocument,
  DraftDecision,
  DraftSource,
  ValidationIssue,
} from "../domain/index.ts";

/** What a writer gets to draft "Indhold i justeret indsats" for one grant. */
export type AssessmentContext = {
  /** The grant's latest earlier card (the one that expires), with its document. */
  card: Card;
  document: CorpusDocument;
  decision: DraftDecision;
  notes: readonly string[];
  /** The money proposed; the economy section is rendered from it, never written by a writer. */
  allocation: Allocation | undefined;
  /** The economy sentence the formatter rendered from the allocation (for the writer's reference). */
  economySentence: string;
  /** Examples retrieved from the corpus: the same initiative in earlier annexes and cards with the same decision. */
  examples: readonly DraftSource[];
  budgetYear: number;
};

/** Writes the prose of an assessment; on a repair attempt it gets the validator's findings on its last text. */
export type AssessmentWriter = {
  /** "offline" or "<provider>:<model>". */
  readonly id: string;
  readonly prompt: { id: string; version: string };
  write(
    context: AssessmentContext,
    repair?: { previousText: string; issues: readonly ValidationIssue[] },
  ): Promise<{ indholdIJusteretIndsats: string; modelCalls?: ModelCallTrace[] }>;
};

export type BudgetNoteProse = {
  baggrund: string;
  indhold: string;
  /** The model calls behind this text (model writers only). */
  modelCalls?: ModelCallTrace[];
};

export type BudgetNoteContext = {
  title: string;
  purpose: readonly string[];
  allocation: Allocation;
  /** The rendered agreement text and economy summary, for the writer's reference. */
  economySentence: string;
  examples: readonly DraftSource[];
};

/** Writes Baggrund and Indhold of a budget note (tables and agreement text are rendered from data). */
export type BudgetNoteWriter = {
  readonly id: string;
  readonly prompt: { id: string; version: string };
  write(
    context: BudgetNoteContext,
    repair?: { previousText: string; issues: readonly ValidationIssue[] },
  ): Promise<BudgetNoteProse>;
};
