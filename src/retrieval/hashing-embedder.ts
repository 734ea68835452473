/**
 * The built-in embedder: needs no model weights. Hashes folded, stemmed words, word pairs and
 * character trigrams into a fixed-size vector (signed feature hashing) and normalises it. It
 * catches shared vocabulary and spelling damage (OCR), not meaning; a real embedding model
 * over the OpenAI-compatible API does that.
 */
import type { Embedder } from "../ports/embedder.ts";
import { tokenizeDanish } from "./danish-text.ts";

export type HashingEmbedderOptions = { dimensions?: number };

function hash(feature: string): number {
  let value = 2166136261;
  for (let index = 0; index < feature.length; index++) {
    value ^= feature.charCodeAt(index);
    value = Math.imul(value, 16777619);
  }
  return value >>> 0;
}

/** Embeds one text synchronously. */
export function embedByHashing(text: string, dimensions: number): number[] {
  const vector = new Float64Array(dimensions);
  const add = (feature: string, weight: number): void => {
    const hashed = hash(feature);
    const sign = (hashed & 1) === 0 ? 1 : -1;
    const slot = (hashed >>> 1) % dimensions;
    vector[slot] = (vector[slot] ?? 0) + sign * weight;
  };
  const tokens = tokenizeDanish(text);
  tokens.forEach((token, index) => {
    add(`w:${token}`, 1);
    const next = tokens[index + 1];
    if (next !== undefined) add(`b:${token} ${next}`, 0.5);
    const padded = `^${token}$`;
    for (let start = 0; start + 3 <= padded.length; start++)
      add(`c:${padded.slice(start, start + 3)}`, 0.3);
  });
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return Array.from(vector, (value) => value / norm);
}

export function createHashingEmbedder(options: HashingEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? 256;
  return {
    provider: "built-in",
    modelId: `hashing-${dimensions}`,
    dimensions,
    embed: async (texts) => texts.map((text) => embedByHashing(text, dimensions)),
  };
}
