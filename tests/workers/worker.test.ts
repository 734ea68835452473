/** The Worker inside workerd: the same app as Node over the bundled corpus (in-memory vector side). */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const post = (path: string, body: unknown) => SELF.fetch(`https://bilagsassistent.test${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("the Worker", () => {
  it("is healthy with the bundled corpus", async () => {
    const response = await SELF.fetch("https://bilagsassistent.test/api/health");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; documents: number; chunks: number; embedder: string };
    expect(body).toMatchObject({ status: "ok", documents: 5, embedder: "built-in:hashing-256" });
    expect(body.chunks).toBeGreaterThan(200);
  });
});
