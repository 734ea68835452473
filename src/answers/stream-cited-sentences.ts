/**
 * A model's cited answer, streamed: the model writes plain prose with passage numbers in square
 * brackets ("… 2,5 mio. kr. [1]."), every delta goes on to the caller as it comes, and each
 * sentence is checked as soon as it is complete (the money grammar's sentence splitter decides):
 * its citations must name given passages and every money figure in it must stand, with the same
 * amount, in the passages it cites. The result has the shape of the JSON answer
 * (`{ sentences: [{ text, citations }] }`), so the rest of the answer path is the same.
 */
import type { ChatMessage, LanguageModel, ModelTraceSink } from "../ports/language-model.ts";
import { extractFigures, splitSentences } from "../money/index.ts";

/** The instruction that replaces "answer as JSON" when the answer is streamed. */
export const STREAMED_ANSWER_FORMAT =
  'Svar som almindelig tekst uden overskrifter og punkter. Afslut hver sætning med numrene på de passager, den bygger på, i firkantede parenteser før punktummet, fx "Indsatsen videreføres uændret [1][2]."';

/** What the caller hears about a completed sentence. */
export type StreamedSentence = {
  index: number;
  text: string;
  citations: number[];
  /** False when a citation is missing or unknown, or a money figure is not in the cited passages. */
  ok: boolean;
  reason?: "no_citation" | "unknown_citation" | "unverified_figure";
};

export type StreamHooks = {
  onDelta(text: string): void;
  onSentence?(sentence: StreamedSentence): void;
};

const MARKERS = /\s*\[(\d{1,3})\]/gu;

/** Citation markers written after the full stop are moved before it, so the sentence splitter sees the boundary. */
function normalize(text: string): string {
  return text.replace(/([.!?])((?:\s*\[\d{1,3}\])+)(?=\s|$)/gu, "$2$1");
}

/** Whether every money figure of a sentence stands, with the same amount, in the passages it cites. */
export function figuresVerified(sentence: string, cited: readonly string[]): boolean {
  const available = cited
    .flatMap((text) => extractFigures(text))
    .filter((figure) => figure.kind === "money" && figure.amount !== undefined);
  return extractFigures(sentence)
    .filter((figure) => figure.kind === "money" && figure.amount !== undefined)
    .every((figure) =>
      available.some(
        (other) =>
          other.amount?.min === figure.amount?.min && other.amount?.max === figure.amount?.max,
      ),
    );
}

/** One sentence as written (markers included) → its text, citations and check. */
export function checkSentence(
  written: string,
  index: number,
  passages: ReadonlyMap<number, string>,
): StreamedSentence {
  const citations = [...new Set([...written.matchAll(MARKERS)].map((match) => Number(match[1])))];
  const text = written
    .replace(MARKERS, "")
    .replace(/\s+([.!?,;:])/gu, "$1")
    .replace(/\s+/gu, " ")
    .trim();
  const base = { index, text, citations };
  if (citations.length === 0) return { ...base, ok: false, reason: "no_citation" };
  if (citations.some((id) => !passages.has(id)))
    return { ...base, ok: false, reason: "unknown_citation" };
  if (
    !figuresVerified(
      text,
      citations.map((id) => passages.get(id) ?? ""),
    )
  )
    return { ...base, ok: false, reason: "unverified_figure" };
  return { ...base, ok: true };
}

/**
 * Streams the model's answer to `hooks`, checking sentences as they complete, and returns the
 * sentences in the JSON answer's shape. A failed stream throws (after the deltas so far).
 */
export async function streamCitedSentences(
  model: LanguageModel,
  request: {
    messages: readonly ChatMessage[];
    /** Passage number → passage text. */
    passages: ReadonlyMap<number, string>;
    signal?: AbortSignal;
    onTrace?: ModelTraceSink;
    prompt?: { id: string; version: string };
  },
  hooks: StreamHooks,
): Promise<{ sentences: Array<{ text: string; citations: number[] }> }> {
  let buffer = "";
  const checked: StreamedSentence[] = [];
  let seen = 0;
  const flush = (final: boolean) => {
    const text = normalize(buffer);
    const spans = splitSentences(text);
    const complete = final ? spans : spans.slice(0, -1);
    for (const span of complete.slice(seen)) {
      seen += 1;
      const written = text.slice(span.start, span.end);
      if (written.trim() === "") continue;
      const sentence = checkSentence(written, checked.length, request.passages);
      checked.push(sentence);
      hooks.onSentence?.(sentence);
    }
  };
  for await (const delta of model.streamText({
    messages: request.messages,
    context: {
      route: "answers",
      ...(request.prompt === undefined ? {} : { prompt: request.prompt }),
    },
    ...(request.signal === undefined ? {} : { signal: request.signal }),
    ...(request.onTrace === undefined ? {} : { onTrace: request.onTrace }),
  })) {
    buffer += delta;
    hooks.onDelta(delta);
    flush(false);
  }
  flush(true);
  return {
    sentences: checked
      .filter((sentence) => sentence.text !== "")
      .map(({ text, citations }) => ({ text, citations })),
  };
}
