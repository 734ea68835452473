/**
 * Dev/test splits for the evals, fixed before any tuning: a case goes to test when the first byte
 * of sha256(its key) is odd. The test set's hash is sha256 of its canonical JSON (keys sorted,
 * cases sorted by key); a suite reports it so a changed test set shows.
 */
import { createHash } from "node:crypto";

export type Split = "dev" | "test";

export function splitOf(key: string): Split {
  const first = createHash("sha256").update(key).digest()[0] ?? 0;
  return first % 2 === 1 ? "test" : "dev";
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  return value;
}

/** sha256 of the canonical JSON of the cases, sorted by key. */
export function hashCases<T>(cases: readonly T[], keyOf: (entry: T) => string): string {
  const sorted = [...cases].sort((left, right) => keyOf(left).localeCompare(keyOf(right)));
  return createHash("sha256")
    .update(JSON.stringify(canonical(sorted)))
    .digest("hex");
}
