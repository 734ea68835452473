/** The embedder port: turns texts into vectors (the built-in hashing embedder, or a model behind an OpenAI-compatible API). */

/** Turns texts into vectors of a fixed dimension. */
export type Embedder = {
  readonly provider: string;
  readonly modelId: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<number[][]>;
};
