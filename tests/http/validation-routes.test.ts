import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/create-app.ts";
import { createAllocationFileSource } from "../../src/runtime/node/allocation-files.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  fixture = await createCorpusStore();
  app = createApp({
    store: fixture.store,
    embedder: fixture.embedder,
    allocations: await createAllocationFileSource(path.join(CORPUS_DIR, "allocations")),
    log: () => undefined,
  });
});
afterAll(async () => fixture.dispose());

const post = (body: unknown) =>
  app.request("/api/validate", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const ALLOCATION = {
  initiative: "Forebyggelse af ekstremisme og radikalisering",
  priceLevel: 2027,
  lines: [
    {
      area: "service",
      recipient: "BIF",
      amounts: { "2027": 5_700_000, "2028": 5_700_000, "2029": 5_700_000, "2030": 5_700_000 },
    },
  ],
};

type Result = {
  ok: boolean;
  figures: Array<{ text: string; status: string; reason?: string }>;
  issues: Array<{ code: string; message: string; start: number; end: number }>;
};

describe("POST /api/validate", () => {
  it("answers 200 with ok for a correct text", async () => {
    const response = await post({
      text: "Der foreslås 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
      allocation: ALLOCATION,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Result;
    expect(body.ok).toBe(true);
    expect(body.figures.filter((figure) => figure.status !== "ok")).toEqual([]);
  });

  it("answers 200 with the issue at the figure for a wrong amount, in Danish", async () => {
    const text = "Der foreslås 6,0 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.";
    const body = (await (await post({ text, allocation: ALLOCATION })).json()) as Result;
    expect(body.ok).toBe(false);
    const issue = body.issues.find((candidate) => candidate.code === "amount_mismatch");
    expect(issue?.message).toMatch(/6,0 mio\. kr\..*5,7 mio\. kr\./);
    expect(text.slice(issue?.start, issue?.end)).toContain("6,0 mio. kr.");
  });

  it("checks against stored allocation data by initiativeId", async () => {
    const right = (await (
      await post({
        text: "Der foreslås 5,7 mio. kr. årligt (2027 p/l) på service i 2027-2030.",
        initiativeId: "bilag-2026-04",
      })
    ).json()) as Result;
    expect(right.ok).toBe(true);
    const unknown = await post({ text: "x", initiativeId: "bilag-1999-01" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "initiative_not_found" } });
  });

  it.each([
    [
      "a negative amount",
      { ...ALLOCATION, lines: [{ area: "service", amounts: { "2027": -5 } }] },
      "lines.0.amounts.2027",
    ],
    [
      "an unknown area",
      { ...ALLOCATION, lines: [{ area: "drift", amounts: { "2027": 5 } }] },
      "lines.0.area",
    ],
    [
      "years as words",
      { ...ALLOCATION, lines: [{ area: "service", amounts: { totusindsyvogtyve: 5 } }] },
      "lines.0.amounts",
    ],
    ["no lines", { ...ALLOCATION, lines: [] }, "lines"],
  ])("answers 400 naming the field for %s", async (_name, allocation, field) => {
    const response = await post({ text: "5,7 mio. kr.", allocation });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; details: { problems: Array<{ field: string }> } };
    };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details.problems.map((problem) => problem.field).join(" ")).toContain(field);
  });

  it("answers 400 for 10 MB of text, naming the field, without scanning it", async () => {
    const started = Date.now();
    const response = await post({ text: "5,7 mio. kr. ".repeat(800_000), allocation: ALLOCATION });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringContaining("text") },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("answers 400 for malformed JSON and for neither or both of allocation and initiativeId", async () => {
    expect((await post("{")).status).toBe(400);
    expect((await post({ text: "x" })).status).toBe(400);
    expect(
      (await post({ text: "x", allocation: ALLOCATION, initiativeId: "bilag-2026-04" })).status,
    ).toBe(400);
  });
});

describe("allocations and audit", () => {
  it("lists stored allocations and fetches one", async () => {
    const list = (await (await app.request("/api/allocations")).json()) as {
      allocations: Array<{ id: string }>;
    };
    expect(list.allocations.length).toBeGreaterThan(10);
    expect(list.allocations.map((entry) => entry.id)).toContain("bilag-2026-04");
    const one = (await (await app.request("/api/allocations/bilag-2026-04")).json()) as {
      allocation: { priceLevel: number };
    };
    expect(one.allocation.priceLevel).toBe(2027);
    expect((await app.request("/api/allocations/nope")).status).toBe(404);
  });

  it("GET /api/audit reports the corpus's own mistakes with source, sorted by severity", async () => {
    const body = (await (await app.request("/api/audit")).json()) as {
      summary: { total: number; bySeverity: Record<string, number> };
      findings: Array<{
        code: string;
        severity: string;
        cardId?: string;
        quote: string;
        start: number;
        end: number;
      }>;
    };
    expect(body.summary.total).toBe(body.findings.length);
    expect(
      body.findings.some(
        (finding) => finding.code === "cross_reference" && finding.cardId === "bilag-2026-19",
      ),
    ).toBe(true);
    const order = body.findings.map((finding) =>
      ["error", "warning", "info"].indexOf(finding.severity),
    );
    expect(order).toEqual([...order].sort((left, right) => left - right));
    for (const finding of body.findings) expect(finding.quote.length).toBeGreaterThan(0);
    const errors = (await (await app.request("/api/audit?severity=error")).json()) as {
      findings: Array<{ severity: string }>;
    };
    expect(errors.findings.every((finding) => finding.severity === "error")).toBe(true);
    expect((await app.request("/api/audit?severity=fatal")).status).toBe(400);
  });
});
