export * from "./danish-amount.ts";
export * from "./danish-number.ts";
export * from "./extract-figures.ts";
export * from "./period.ts";
export * from "./format-allocation.ts";
export * from "./normalise-text.ts";
