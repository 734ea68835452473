import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../security/rate-limiter.ts";
import type { RouteRule } from "../../../security/route-roles.ts";
import { authMiddleware } from "../auth/index.ts";
import { rateLimitMiddleware } from "./index.ts";

const rules: RouteRule[] = [
  { methods: ["GET"], path: "/api/health", access: "public" },
  { methods: ["POST"], path: "/api/check", access: "reader", cost: 1 },
  { methods: ["POST"], path: "/api/draft", access: "reader", cost: 30 },
];

function app(perMinute: number, clock: { now: number }) {
  const hono = new Hono();
  hono.use(authMiddleware({ auth: { mode: "local" }, rules }));
  hono.use(rateLimitMiddleware(createRateLimiter({ perMinute, now: () => clock.now })));
  hono.all("/*", (c) => c.text("ok"));
  return hono;
}

describe("rate-limit middleware", () => {
  it("charges each route its cost: many cheap checks fit where few drafts do", async () => {
    const clock = { now: 0 };
    const cheap = app(60, clock);
    let allowed = 0;
    for (let index = 0; index < 100; index += 1)
      if ((await cheap.request("/api/check", { method: "POST" })).status === 200) allowed += 1;
    expect(allowed).toBe(60);

    const drafts = app(60, clock);
    expect((await drafts.request("/api/draft", { method: "POST" })).status).toBe(200);
    expect((await drafts.request("/api/draft", { method: "POST" })).status).toBe(200);
    const refused = await drafts.request("/api/draft", { method: "POST" });
    expect(refused.status).toBe(429);
    // 30 units at one a second: 30 s.
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(await refused.json()).toMatchObject({
      error: { code: "rate_limited", details: { cost: 30, limitPerMinute: 60 } },
    });
    clock.now += 30_000;
    expect((await drafts.request("/api/draft", { method: "POST" })).status).toBe(200);
  });

  it("does not count public routes", async () => {
    const clock = { now: 0 };
    const hono = app(1, clock);
    for (let index = 0; index < 5; index += 1)
      expect((await hono.request("/api/health")).status).toBe(200);
  });
});
