import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFuzzApp, formatFuzzReport, runFuzz } from "../../evals/fuzz.ts";

let target: Awaited<ReturnType<typeof createFuzzApp>>;
beforeAll(async () => {
  target = await createFuzzApp();
});
afterAll(async () => target.dispose());

describe("fuzz (300 cases; evals/fuzz.ts --runs 10000 for the full run)", () => {
  it("no 500, no hang, no error body outside the envelope, no exception from the money grammar", async () => {
    const report = await runFuzz({ runs: 300, seed: 20_261_128, target });
    const summary = formatFuzzReport(report);
    expect(report.grammar.thrown, summary).toEqual([]);
    expect(report.grammar.slow, summary).toEqual([]);
    expect(report.http.serverErrors, summary).toEqual([]);
    expect(report.http.knownServerErrors, summary).toEqual([]);
    expect(report.http.hangs, summary).toEqual([]);
    expect(report.http.badEnvelopes, summary).toEqual([]);
    expect(report.http.calls).toBe(300);
    // Raw requests (multipart, archives, deep JSON, query parameters): never a 500 or a hang.
    expect(report.raw.serverErrors, summary).toEqual([]);
    expect(report.raw.hangs, summary).toEqual([]);
    expect(report.raw.badEnvelopes, summary).toEqual([]);
    expect(report.raw.calls).toBe(300);
    expect(Object.keys(report.raw.byKind).sort()).toEqual([
      "archive",
      "deep-json",
      "multipart",
      "query",
      "upload-headers",
    ]);
    expect(report.raw.byKind.archive?.["413"] ?? 0, summary).toBeGreaterThan(0);
    // The accepted-shape half reaches the handlers: some 200/201 on every route.
    for (const route of ["/api/search", "/api/validate", "/api/ask", "/api/drafts/assessment"]) {
      const counts = report.http.byRoute[route] ?? {};
      expect(
        (counts["200"] ?? 0) + (counts["201"] ?? 0),
        `${route}: ${JSON.stringify(counts)}`,
      ).toBeGreaterThan(0);
    }
  }, 240_000);
});
