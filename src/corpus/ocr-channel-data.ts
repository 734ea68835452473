/**
 * The estimated OCR channel (src/corpus/ocr-channel.json, written by
 * scripts/estimate-ocr-channel.ts) as a `ChannelModel`.
 */
import estimated from "./ocr-channel.json" with { type: "json" };
import { type ChannelModel, opKey } from "./ocr-channel.ts";

export const CHANNEL_FILE_NAME = "ocr-channel.json";

/** The estimate as stored: readings `[raw, true, cost, count]` and default costs. */
export type ChannelEstimate = {
  source: string;
  excludedCards: number[];
  damagedWords: number;
  confirmedPairs: number;
  defaults: { substitute: number; insert: number; delete: number; split: number };
  ops: Array<[string, string, number, number]>;
  /** Files the word counts come from. */
  reference: string[];
  /** Lower-case word counts of the reference text (the repair's prior). */
  unigrams: Record<string, number>;
  /** Lower-case adjacent word pair counts ("på service"), the repair's context. */
  bigrams: Record<string, number>;
};

export function channelFromEstimate(estimate: ChannelEstimate): ChannelModel {
  const ops: Record<string, number> = {};
  for (const [from, to, cost] of estimate.ops) ops[opKey(from, to)] = cost;
  return { ops, ...estimate.defaults };
}

const ESTIMATE = estimated as unknown as ChannelEstimate;

/** The channel the repair uses. */
export const OCR_CHANNEL: ChannelModel = channelFromEstimate(ESTIMATE);

const UNIGRAMS = new Map(Object.entries(ESTIMATE.unigrams));
const BIGRAMS = new Map(Object.entries(ESTIMATE.bigrams));
const TOTAL = [...UNIGRAMS.values()].reduce((sum, count) => sum + count, 0);

/** How often the reference text has `word` (any case). */
export function referenceCount(word: string): number {
  return UNIGRAMS.get(word.toLowerCase()) ?? 0;
}

/** How often the reference text has `first` directly before `second` (any case). */
export function referencePairCount(first: string, second: string): number {
  return BIGRAMS.get(`${first.toLowerCase()} ${second.toLowerCase()}`) ?? 0;
}

/** Prior cost of a word: the negative log of its smoothed share of the reference text. */
export function priorCost(word: string): number {
  return -Math.log((referenceCount(word) + 0.5) / (TOTAL + 1));
}
