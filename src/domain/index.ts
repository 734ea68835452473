export * from "./allocation.ts";
export * from "./corpus.ts";
export * from "./money.ts";
export * from "./span.ts";
export * from "./validation.ts";
export * from "./draft.ts";
export * from "./citation.ts";
export * from "./model-call.ts";
