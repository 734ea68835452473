/** Ports of drafting: a language model, a writer of the prose sections, prompts, and a draft store. */
import type {
  Allocation,
  Card,
  CorpusDocument,
  Draft,
  DraftDecision,
  DraftSource,
  ValidationIssue,
} from "../domain/index.ts";

export type {
  ChatMessage,
  LanguageModel,
  ModelCallContext,
  ModelCallTrace,
  ModelTool,
  ModelTraceSink,
  ModelUsage,
} from "../ports/language-model.ts";

/** A versioned prompt from prompts/. */
export type Prompt = { id: string; version: string; system: string; user: string };

export type PromptLibrary = { get(id: string): Prompt };

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
  ): Promise<{ indholdIJusteretIndsats: string }>;
};

export type BudgetNoteProse = { baggrund: string; indhold: string };

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

/** Keeps every version of every draft. */
export type DraftStore = {
  /**
   * Stores a draft under its own version; a version already stored is refused with a
   * ConflictError (409), never overwritten.
   */
  save(draft: Draft): Promise<void>;
  /**
   * Stores a revision as the next version of its draft, allocated atomically (one writer per
   * draft at a time): concurrent revisions all get distinct versions. Returns what was stored.
   * With `baseVersion` (the version the revision was made from), throws draft_version_stale
   * (versionStale) when that is no longer the latest, in the same step.
   */
  saveRevision(draft: Draft, options?: { baseVersion?: number | undefined }): Promise<Draft>;
  /** The latest version, or a given one. */
  get(id: string, version?: number): Promise<Draft | undefined>;
  versions(id: string): Promise<Draft[]>;
  list(): Promise<
    Array<
      Pick<Draft, "id" | "kind" | "version" | "title" | "status" | "author" | "createdAt" | "model">
    >
  >;
};
