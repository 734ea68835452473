/** The Worker inside workerd: the same app as Node over the bundled corpus (in-memory vector side). */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const BASE = "https://bilagsassistent.test";
const post = (path: string, body: unknown) =>
  SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

type Validation = {
  ok: boolean;
  figures: Array<{ text: string; status: string }>;
  issues: Array<{ code: string; message: string; expected?: string; found?: string }>;
};
type SearchResults = {
  results: Array<{
    cardId: string;
    quote: string;
    start: number;
    end: number;
    year: number;
    kind: string;
  }>;
};
type Answer = {
  answer: string;
  notFound: boolean;
  decision?: string;
  year?: number;
  citations: Array<{ id: number; cardId: string; year: number }>;
};

describe("the Worker", () => {
  it("is healthy with the bundled corpus", async () => {
    const response = await SELF.fetch(`${BASE}/api/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      documents: number;
      chunks: number;
      embedder: string;
    };
    expect(body).toMatchObject({
      status: "ok",
      documents: 5,
      chunks: 300,
      embedder: "built-in:hashing-256",
    });
  });

  it("validates a right and a wrong figure against the bundled allocation data", async () => {
    const right = (await (
      await post("/api/validate", {
        text: "Der foreslås 5,7 mio. kr. årligt (2027 p/l) på service i 2027-2030.",
        initiativeId: "bilag-2026-04",
      })
    ).json()) as Validation;
    expect(right.ok).toBe(true);
    expect(right.figures.find((figure) => figure.text.startsWith("5,7 mio. kr."))?.status).toBe(
      "ok",
    );

    const response = await post("/api/validate", {
      text: "Der foreslås 6,0 mio. kr. årligt (2027 p/l) på service i 2027-2030.",
      initiativeId: "bilag-2026-04",
    });
    expect(response.status).toBe(200);
    const wrong = (await response.json()) as Validation;
    expect(wrong.ok).toBe(false);
    const issue = wrong.issues.find((candidate) => candidate.code === "amount_mismatch");
    expect(issue?.message).toContain("6,0 mio. kr.");
    expect(issue?.message).toContain("5,7 mio. kr.");
  });

  it("searches in Danish and English with filters, citing raw spans of the source text", async () => {
    const danish = (await (
      await post("/api/search", { query: "forebyggelse af ekstremisme", year: 2026 })
    ).json()) as SearchResults;
    expect(danish.results[0]?.cardId).toBe("bilag-2026-04");
    expect(danish.results.every((result) => result.year === 2026)).toBe(true);
    const english = (await (
      await post("/api/search", {
        query: "veterans granted early retirement pension Jobbanken",
        limit: 3,
      })
    ).json()) as SearchResults;
    expect(english.results.map((result) => result.cardId)).toContain("bilag-2024-02");
    const notes = (await (
      await post("/api/search", { query: "udsatte unge", kind: "budget_note" })
    ).json()) as SearchResults;
    expect(notes.results.length).toBeGreaterThan(0);
    expect(notes.results.every((result) => result.kind === "budget_note")).toBe(true);

    const card = (await (await SELF.fetch(`${BASE}/api/cards/bilag-2026-04`)).json()) as {
      card: { id: string; figures: unknown[] };
      document: { id: string };
    };
    expect(card.card.id).toBe("bilag-2026-04");
    expect(card.card.figures.length).toBeGreaterThan(0);
    expect((await SELF.fetch(`${BASE}/api/cards/bilag-1999-01`)).status).toBe(404);
  });

  it("answers a reviewer's question with citations, and says when the material does not", async () => {
    const response = await post("/api/ask", {
      question: "Hvad besluttede vi om TechBBQ?",
      year: 2024,
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({ notFound: false, decision: "med_justeringer", year: 2024 });
    expect(answer.answer).toContain("TechBBQ");
    expect(answer.citations[0]).toMatchObject({ cardId: "bilag-2024-06", year: 2024 });

    const none = (await (
      await post("/api/ask", { question: "What did we decide about the metro?" })
    ).json()) as Answer;
    expect(none).toMatchObject({
      answer: "Det fremgår ikke af materialet.",
      notFound: true,
      citations: [],
    });
  });

  it("streams a chat turn as server-sent events and drafts offline (no lexicon in the Worker)", async () => {
    const frames = async (response: Response) =>
      (await response.text())
        .split("\n\n")
        .filter((block) => block.trim() !== "")
        .map((block) => {
          const lines = block.split("\n");
          const data = lines
            .filter((line) => line.startsWith("data: "))
            .map((line) => line.slice(6))
            .join("\n");
          return {
            event: lines.find((line) => line.startsWith("event: "))?.slice(7) ?? "message",
            data: data === "" ? undefined : (JSON.parse(data) as Record<string, unknown>),
          };
        });
    const asked = await post("/api/chat", {
      message: "Hvad besluttede vi om forebyggelse af ekstremisme i 2026?",
    });
    expect(asked.status).toBe(200);
    expect(asked.headers.get("content-type")).toContain("text/event-stream");
    const turn = await frames(asked);
    expect(turn[0]?.event).toBe("conversation");
    expect(turn.at(-1)?.event).toBe("end");
    expect(JSON.stringify(turn.find((frame) => frame.event === "citations")?.data)).toContain(
      "bilag-2026-04",
    );

    const conversationId = String(turn[0]?.data?.conversationId ?? turn[0]?.data?.id ?? "");
    const drafted = await frames(
      await post("/api/chat", {
        message: "lav et udkast til nr. 4, uændret",
        ...(conversationId === "" ? {} : { conversationId }),
      }),
    );
    const draft = drafted.find((frame) => frame.event === "draft")?.data?.draft as
      | { status: string; validation: { ok: boolean }; sections: Array<{ text: string }> }
      | undefined;
    expect(draft?.status).toBe("clean");
    expect(draft?.validation.ok).toBe(true);
    expect(JSON.stringify(draft?.sections)).toContain("5,7 mio. kr. årligt (2027 p/l)");
  });

  it("answers bad input with the error envelope", async () => {
    const response = await post("/api/search", { query: "" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      "invalid_request",
    );
    expect((await SELF.fetch(`${BASE}/api/nowhere`)).status).toBe(404);
  });
});
