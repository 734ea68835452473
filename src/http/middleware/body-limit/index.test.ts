import fc from "fast-check";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { RouteRule } from "../../../security/route-roles.ts";
import { authMiddleware } from "../auth/index.ts";
import { bodyLimitMiddleware, jsonDepthExceeded } from "./index.ts";

const rules: RouteRule[] = [
  { methods: ["POST"], path: "/api/small", access: "reader" },
  { methods: ["POST"], path: "/api/big", access: "reader", maxBodyBytes: 10_000, maxJsonDepth: 4 },
];

function app() {
  let parses = 0;
  const hono = new Hono();
  hono.use(authMiddleware({ auth: { mode: "local" }, rules }));
  hono.use(bodyLimitMiddleware({ maxBodyBytes: 1_000 }));
  hono.post("/*", async (c) => {
    const value = await c.req.json();
    parses += c.get("jsonBody") === undefined ? 1 : 0;
    return c.json({ value, raw: await c.req.raw.text() });
  });
  return { hono, parses: () => parses };
}

const post = (hono: Hono, path: string, body: string, headers: Record<string, string> = {}) =>
  hono.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

describe("body-limit middleware", () => {
  it("refuses a body over the route's limit with 413, declared or streamed", async () => {
    const { hono } = app();
    const big = JSON.stringify({ text: "x".repeat(2_000) });
    const small = await post(hono, "/api/small", big);
    expect(small.status).toBe(413);
    expect(await small.json()).toMatchObject({
      error: { code: "body_too_large", details: { maxBytes: 1_000 } },
    });
    expect((await post(hono, "/api/big", big)).status).toBe(200);
    const declared = await post(hono, "/api/small", "{}", { "content-length": "5000" });
    expect(declared.status).toBe(413);
  });

  it("refuses JSON nested past the route's depth with 400 before parsing it", async () => {
    const { hono } = app();
    const deep = `${"[".repeat(40)}${"]".repeat(40)}`;
    const response = await post(hono, "/api/small", deep);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "json_too_deep", details: { maxDepth: 32, at: 32 } },
    });
    expect((await post(hono, "/api/big", '{"a":{"b":{"c":{"d":1}}}}')).status).toBe(200);
    expect((await post(hono, "/api/big", '{"a":{"b":{"c":{"d":[1]}}}}')).status).toBe(400);
    // Brackets inside strings do not count.
    expect((await post(hono, "/api/big", JSON.stringify({ a: "[[[[[[[[{{{{" }))).status).toBe(200);
  });

  it("answers malformed JSON with 400 saying so, and parses good JSON once for everyone after", async () => {
    const { hono, parses } = app();
    const bad = await post(hono, "/api/small", '{"a": 1,');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_json" } });
    const good = await post(hono, "/api/small", '{"a":[1,2]}');
    expect(await good.json()).toEqual({ value: { a: [1, 2] }, raw: '{"a":[1,2]}' });
    expect(parses()).toBe(0);
  });

  it("measures depth as JSON.parse would see it (property)", () => {
    const depthOf = (value: unknown): number =>
      Array.isArray(value)
        ? 1 + Math.max(0, ...value.map(depthOf))
        : typeof value === "object" && value !== null
          ? 1 + Math.max(0, ...Object.values(value).map(depthOf))
          : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(jsonDepthExceeded(text, max) !== undefined).toBe(depthOf(value) > max);
      }),
    );
  });
});
