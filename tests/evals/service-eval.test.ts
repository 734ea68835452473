import { describe, expect, it } from "vitest";
import { createApiClient } from "../../src/client/create-client.ts";
import { runServiceEval } from "../../evals/service.ts";
import { RETRIEVAL_QUESTIONS } from "../../evals/retrieval-questions.data.ts";
import { createApiTestApp } from "../support/api-app.ts";

describe("the eval against a running service", () => {
  it("asks the reviewer questions through the typed client and scores search and answers", async () => {
    const { app, token } = await createApiTestApp();
    const api = createApiClient({
      baseUrl: "http://service.test",
      token,
      fetch: async (input, init) => app.fetch(new Request(input, init)),
    });
    const questions = [
      ...RETRIEVAL_QUESTIONS.filter((item) => item.expected.length > 0).slice(0, 3),
      ...RETRIEVAL_QUESTIONS.filter((item) => item.expected.length === 0).slice(0, 1),
    ];
    const result = await runServiceEval(api, { server: "http://service.test", questions });
    expect(result.health.documents).toBe(5);
    expect(result.cases).toHaveLength(4);
    expect(result.metrics.questions).toBe(4);
    for (const [key, value] of Object.entries(result.metrics))
      if (key !== "questions") expect(value, key).toBeGreaterThanOrEqual(0);
    expect(result.metrics["search.hitAt3"]).toBeGreaterThan(0);
  }, 120_000);

  it("stops with the service's own message when the token is wrong", async () => {
    const { app } = await createApiTestApp();
    const api = createApiClient({
      baseUrl: "http://service.test",
      token: "wrong-token",
      fetch: async (input, init) => app.fetch(new Request(input, init)),
    });
    await expect(
      runServiceEval(api, {
        server: "http://service.test",
        questions: RETRIEVAL_QUESTIONS.slice(0, 1),
      }),
    ).rejects.toThrow(/bearer token is not known/u);
  }, 120_000);
});
