/**
 * The noisy channel of the OCR repair: how likely the OCR turned a true character (or none) into a
 * raw glyph sequence (or none). Costs are negative log probabilities estimated from the corpus
 * itself by `scripts/estimate-ocr-channel.ts` (pairs of a damaged word and the one lexicon word it
 * can be, aligned character by character; src/corpus/ocr-channel.json). Unseen single-character
 * substitutions, insertions and deletions get default costs; unseen multi-glyph readings are
 * allowed only for the Danish letters (æ, ø, å), which OCR often reads as two glyphs.
 *
 * `searchChannel` finds the lexicon words nearest a raw word under these costs by walking the
 * lexicon's word graph with one row of a weighted edit distance per node (a Levenshtein automaton
 * over a DAWG); rows whose cheapest cell exceeds the budget are not followed.
 */
import type { WordGraph } from "./word-graph.ts";

/** Channel costs (negative natural log probabilities). */
export type ChannelModel = {
  /** Cost of each estimated reading, keyed `raw + "\u0001" + true` (either side may be ""). */
  ops: Readonly<Record<string, number>>;
  /** Cost of an unseen one-glyph substitution. */
  substitute: number;
  /** Cost of an unseen insertion of a true character the raw text lacks. */
  insert: number;
  /** Cost of an unseen raw glyph that stands for nothing. */
  delete: number;
  /** Cost of an unseen two-glyph reading of æ, ø or å. */
  split: number;
};

export type ChannelCandidate = { word: string; cost: number };
export type ChannelOp = { from: string; to: string };

const SEPARATOR = "\u0001";
const DANISH = new Set(["æ", "ø", "å"]);
/** Longest raw glyph sequence read as one character. */
const MAX_SPAN = 3;

export function opKey(from: string, to: string): string {
  return `${from}${SEPARATOR}${to}`;
}

/** The cost of reading true `to` as raw `from` (lower case), or Infinity when not allowed. */
export function opCost(model: ChannelModel, from: string, to: string): number {
  if (from === to) return 0;
  const known = model.ops[opKey(from, to)];
  if (known !== undefined) return known;
  if (from.length === 1 && to.length === 1) return model.substitute;
  if (from.length === 0 && to.length === 1) return model.insert;
  if (from.length === 1 && to.length === 0) return model.delete;
  if (from.length === 2 && DANISH.has(to)) return model.split;
  return Number.POSITIVE_INFINITY;
}

/**
 * Lexicon words within `maxCost` of `raw` under the channel, cheapest first (at most `limit`).
 * Letters compare without case; the word comes back as the lexicon spells it.
 */
export function searchChannel(
  raw: string,
  graph: WordGraph,
  model: ChannelModel,
  maxCost: number,
  limit = 8,
): ChannelCandidate[] {
  const text = raw.toLowerCase();
  const length = text.length;
  const alphabet = graph.alphabet.map((character) => character.toLowerCase());
  const labels = alphabet.length;
  // costs[i][label]: raw span ending at i (length 1..MAX_SPAN) read as the label; del[i]: span ending at i read as nothing.
  const spanCosts: Array<Array<{ span: number; costs: Float64Array }>> = [];
  const deletions: Array<Array<{ span: number; cost: number }>> = [];
  for (let end = 0; end <= length; end++) {
    const spans: Array<{ span: number; costs: Float64Array }> = [];
    const deleted: Array<{ span: number; cost: number }> = [];
    for (let span = 1; span <= MAX_SPAN && span <= end; span++) {
      const from = text.slice(end - span, end);
      const costs = new Float64Array(labels);
      let any = false;
      for (let label = 0; label < labels; label++) {
        const cost = opCost(model, from, alphabet[label] ?? "");
        costs[label] = cost;
        if (cost <= maxCost) any = true;
      }
      if (any) spans.push({ span, costs });
      const deleteCost = opCost(model, from, "");
      if (deleteCost <= maxCost) deleted.push({ span, cost: deleteCost });
    }
    spanCosts.push(spans);
    deletions.push(deleted);
  }
  const insertCosts = new Float64Array(labels);
  for (let label = 0; label < labels; label++)
    insertCosts[label] = opCost(model, "", alphabet[label] ?? "");

  const closeDeletions = (row: Float64Array) => {
    for (let end = 1; end <= length; end++) {
      for (const { span, cost } of deletions[end] ?? []) {
        const value = (row[end - span] ?? Number.POSITIVE_INFINITY) + cost;
        if (value < (row[end] ?? Number.POSITIVE_INFINITY)) row[end] = value;
      }
    }
  };
  const root = new Float64Array(length + 1).fill(Number.POSITIVE_INFINITY);
  root[0] = 0;
  closeDeletions(root);

  const found = new Map<string, number>();
  let budget = maxCost;
  const path: string[] = [];
  const visit = (node: number, row: Float64Array) => {
    graph.forEachEdge(node, (label, target, final) => {
      const next = new Float64Array(length + 1);
      let cheapest = Number.POSITIVE_INFINITY;
      const insert = insertCosts[label] ?? Number.POSITIVE_INFINITY;
      for (let end = 0; end <= length; end++) {
        let value = (row[end] ?? Number.POSITIVE_INFINITY) + insert;
        for (const { span, costs } of spanCosts[end] ?? []) {
          const candidate = (row[end - span] ?? Number.POSITIVE_INFINITY) + (costs[label] ?? Number.POSITIVE_INFINITY);
          if (candidate < value) value = candidate;
        }
        next[end] = value;
      }
      closeDeletions(next);
      for (let end = 0; end <= length; end++) cheapest = Math.min(cheapest, next[end] ?? Number.POSITIVE_INFINITY);
      if (cheapest > budget) return;
      path.push(graph.alphabet[label] ?? "");
      const total = next[length] ?? Number.POSITIVE_INFINITY;
      if (final && total <= budget) {
        const word = path.join("");
        const previous = found.get(word);
        if (previous === undefined || total < previous) found.set(word, total);
        if (found.size > limit * 4) {
          // Tighten the budget to the limit-th best so far.
          const sorted = [...found.values()].sort((a, b) => a - b);
          budget = Math.min(budget, sorted[limit - 1] ?? budget);
        }
      }
      if (target !== 0) visit(target, next);
      path.pop();
    });
  };
  visit(graph.root, root);
  return [...found]
    .map(([word, cost]) => ({ word, cost }))
    .filter((candidate) => candidate.cost <= budget)
    .sort((a, b) => a.cost - b.cost || a.word.localeCompare(b.word))
    .slice(0, limit);
}

/**
 * The cheapest alignment of `raw` to `word` under the channel and its operations (identities
 * left out), for estimating the channel from confirmed pairs.
 */
export function alignChannel(
  raw: string,
  word: string,
  model: ChannelModel,
): { cost: number; ops: ChannelOp[] } {
  const from = raw.toLowerCase();
  const to = word.toLowerCase();
  const rows = from.length + 1;
  const columns = to.length + 1;
  const cost = new Float64Array(rows * columns).fill(Number.POSITIVE_INFINITY);
  const back: Array<{ span: number; take: number } | undefined> = new Array(rows * columns);
  cost[0] = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      if (i === 0 && j === 0) continue;
      let best = Number.POSITIVE_INFINITY;
      let step: { span: number; take: number } | undefined;
      for (let span = 0; span <= MAX_SPAN && span <= i; span++) {
        for (let take = 0; take <= 1 && take <= j; take++) {
          if (span === 0 && take === 0) continue;
          const previous = cost[(i - span) * columns + (j - take)] ?? Number.POSITIVE_INFINITY;
          if (previous === Number.POSITIVE_INFINITY) continue;
          const value = previous + opCost(model, from.slice(i - span, i), to.slice(j - take, j));
          if (value < best) {
            best = value;
            step = { span, take };
          }
        }
      }
      cost[i * columns + j] = best;
      back[i * columns + j] = step;
    }
  }
  const ops: ChannelOp[] = [];
  let i = rows - 1;
  let j = columns - 1;
  while (i > 0 || j > 0) {
    const step = back[i * columns + j];
    if (step === undefined) break;
    const piece = { from: from.slice(i - step.span, i), to: to.slice(j - step.take, j) };
    if (piece.from !== piece.to) ops.unshift(piece);
    i -= step.span;
    j -= step.take;
  }
  return { cost: cost[rows * columns - 1] ?? Number.POSITIVE_INFINITY, ops };
}
