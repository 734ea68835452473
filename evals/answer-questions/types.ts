/** A generated reviewer question of the answer eval. */
export type AnswerCase = {
  id: string;
  question: string;
  kind:
    | "decision"
    | "money"
    | "count"
    | "result"
    | "target"
    | "period"
    | "recipient"
    | "table_total"
    | "table_year"
    | "agreement"
    | "history"
    | "unanswerable";
  /** Cards that answer it (any of them counts as a hit); empty when the material does not. */
  expectedCards: string[];
  /** Values read from the source text; the answer states the fact when it contains one of them. Empty: no value is checked. */
  expectedValues: string[];
  /** The annex year the question names (documentation; the answer reads it from the question). */
  year?: number;
  /** Year-less questions about a recurring grant: every one of these cards should be cited. */
  history?: string[];
};
