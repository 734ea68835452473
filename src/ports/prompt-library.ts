/** The prompt library port: versioned prompts from prompts/ (files on Node, a bundle on Workers). */

/** A versioned prompt from prompts/. */
export type Prompt = { id: string; version: string; system: string; user: string };

export type PromptLibrary = { get(id: string): Prompt };
