/**
 * The Worker's adapters inside workerd: the Vectorize vector side (a fake binding with the bundle's
 * vectors), the OpenAI-compatible model over fetch, bearer tokens with Web Crypto, and settings
 * errors that name the variable.
 */
import corpusBundle from "bilagsassistent-worker-corpus";
import { describe, expect, it } from "vitest";
import { createHashingEmbedder } from "../../src/retrieval/hashing-embedder.ts";
import { bestPerCard } from "../../src/http/create-app.ts";
import { bundleDocuments } from "../../src/runtime/workers/corpus-bundle.ts";
import { createWorkerApp } from "../../src/runtime/workers/create-worker-app.ts";
import {
  createVectorizeStore,
  type VectorizeBinding,
} from "../../src/runtime/workers/vectorize-index.ts";

/** Answers like Vectorize (cosine, equality filters on metadata) from the bundle's vectors; records the queries. */
function createFakeVectorize() {
  const documents = bundleDocuments(corpusBundle);
  const rows = documents.flatMap((document) =>
    document.chunks.map((chunk, index) => ({ chunk, vector: document.vectors[index] ?? [] })),
  );
  const queries: Array<{ topK: number; filter?: Record<string, string | number> }> = [];
  const binding: VectorizeBinding = {
    async query(vector, options) {
      queries.push({
        topK: options.topK,
        ...(options.filter === undefined ? {} : { filter: options.filter }),
      });
      const norm = (values: readonly number[]) =>
        Math.sqrt(values.reduce((sum, value) => sum + value * value, 0)) || 1;
      const matches = rows
        .filter(({ chunk }) =>
          Object.entries(options.filter ?? {}).every(
            ([field, value]) => (chunk as unknown as Record<string, unknown>)[field] === value,
          ),
        )
        .map(({ chunk, vector: stored }) => ({
          id: chunk.id,
          score:
            Array.from(stored).reduce(
              (sum, value, index) => sum + value * (vector[index] ?? 0),
              0,
            ) /
            (norm(Array.from(stored)) * norm(vector)),
        }))
        .sort((left, right) => right.score - left.score)
        .slice(0, options.topK);
      return { matches, count: matches.length };
    },
  };
  return { binding, queries };
}

describe("the Vectorize store", () => {
  it("asks Vectorize for the vector side with year and kind filters and fuses it with the in-memory full text", async () => {
    const fake = createFakeVectorize();
    const store = createVectorizeStore({
      binding: fake.binding,
      embedder: createHashingEmbedder(),
    });
    await store.loadDocuments(bundleDocuments(corpusBundle));
    expect(store.vectorBackend).toBe("vectorize");

    const hits = await store.search({
      query: "forebyggelse af ekstremisme og radikalisering",
      year: 2026,
      kind: "annex",
      limit: 40,
    });
    expect(bestPerCard(hits, 3)[0]?.cardId).toBe("bilag-2026-04");
    expect(hits.every((hit) => hit.year === 2026 && hit.kind === "annex")).toBe(true);
    expect(fake.queries.at(-1)).toEqual({ topK: 50, filter: { year: 2026, kind: "annex" } });

    const vectorOnly = await store.search({
      query: "Jobbanken veteraner",
      mode: "vector",
      limit: 500,
    });
    expect(fake.queries.at(-1)).toEqual({ topK: 100 });
    expect(vectorOnly.length).toBe(100);

    // Full-text only never calls Vectorize.
    const before = fake.queries.length;
    await store.search({ query: "TechBBQ", mode: "fulltext" });
    expect(fake.queries.length).toBe(before);
  });
});

describe("the Worker's settings and adapters", () => {
  it("answers with the OpenAI-compatible model over fetch when CHAT_MODEL is set", async () => {
    const requests: Array<{
      url: string;
      body: { model: string; messages: Array<{ role: string; content: string }> };
    }> = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      requests.push({
        url: request.url,
        body: (await request.json()) as (typeof requests)[number]["body"],
      });
      const content = JSON.stringify({
        sentences: [{ text: "TechBBQ videreføres med justeringer.", citations: [1] }],
      });
      return Response.json({
        id: "x",
        object: "chat.completion",
        created: 0,
        model: "fake-chat",
        choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content } }],
        usage: { prompt_tokens: 10, completion_tokens: 5 },
      });
    };
    const worker = await createWorkerApp(
      {
        CHAT_MODEL: "fake-chat",
        OPENAI_API_KEY: "sk-test",
        OPENAI_BASE_URL: "https://model.test/v1",
      },
      corpusBundle,
      { fetch: fakeFetch },
    );
    expect(worker.model?.modelId).toBe("fake-chat");
    const response = await worker.app.request("/api/ask", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "Hvad besluttede vi om TechBBQ?", year: 2024 }),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      answer: string;
      citations: Array<{ cardId: string }>;
    };
    expect(answer.answer).toContain("TechBBQ videreføres med justeringer.");
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe("https://model.test/v1/chat/completions");
    expect(requests[0]?.body.model).toBe("fake-chat");
    expect(requests[0]?.body.messages.map((message) => message.content).join("\n")).toContain(
      "TechBBQ",
    );
  });

  it("requires a bearer token when API_TOKENS is set (hashes checked with Web Crypto)", async () => {
    const salt = "00112233445566778899aabbccddeeff";
    const saltBytes = Uint8Array.from(salt.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
    const token = "worker-test-token-0123456789";
    const input = new Uint8Array([...saltBytes, ...new TextEncoder().encode(token)]);
    const digest = Array.from(
      new Uint8Array(await crypto.subtle.digest("SHA-256", input)),
      (byte) => byte.toString(16).padStart(2, "0"),
    ).join("");
    const worker = await createWorkerApp(
      { API_TOKENS: `reviewer:reader:sha256$${salt}$${digest}` },
      corpusBundle,
    );
    const search = (headers: Record<string, string>) =>
      worker.app.request("/api/search", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query: "TechBBQ" }),
      });
    expect((await worker.app.request("/api/health")).status).toBe(200);
    expect((await search({})).status).toBe(401);
    expect((await search({ authorization: "Bearer wrong-token" })).status).toBe(401);
    expect((await search({ authorization: `Bearer ${token}` })).status).toBe(200);
    // A reader may not validate (caseworker and up).
    const validate = await worker.app.request("/api/validate", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: "x", initiativeId: "bilag-2026-04" }),
    });
    expect(validate.status).toBe(403);
  });

  it("refuses bad settings with the variable's name, and an embedder the bundle was not built with", async () => {
    await expect(createWorkerApp({ MODEL_TIMEOUT_MS: "soon" }, corpusBundle)).rejects.toThrow(
      /MODEL_TIMEOUT_MS/,
    );
    await expect(
      createWorkerApp({ TOKENS_FILE: "/etc/tokens.json" }, corpusBundle),
    ).rejects.toThrow(/API_TOKENS/);
    await expect(
      createWorkerApp(
        {
          EMBEDDING_MODEL: "text-embedding-3-small",
          EMBEDDING_DIMENSIONS: "256",
          OPENAI_API_KEY: "sk-test",
        },
        corpusBundle,
      ),
    ).rejects.toThrow(/npm run build:worker/);
  });
});
