import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { RouteRule } from "../../../security/route-roles.ts";
import type { TokenVerifier } from "../../../security/tokens.ts";
import { principalOf } from "../context.ts";
import { authMiddleware } from "./index.ts";

const verifier: TokenVerifier = {
  verify: async (token) =>
    token === "r-token"
      ? { name: "rita", role: "reader" }
      : token === "c-token"
        ? { name: "carl", role: "caseworker" }
        : undefined,
} as TokenVerifier;

const rules: RouteRule[] = [
  { methods: ["GET"], path: "/api/open", access: "public" },
  { methods: ["GET"], path: "/api/read", access: "reader" },
  { methods: ["POST"], path: "/api/write", access: "caseworker" },
];

function app(mode: "local" | "tokens") {
  const hono = new Hono();
  hono.use(authMiddleware({ auth: mode === "local" ? { mode } : { mode, verifier }, rules }));
  hono.all("/*", (c) => c.json({ who: principalOf(c), rule: c.get("routeRule").path }));
  return hono;
}

describe("auth middleware", () => {
  it("lets public routes through without a token and names no caller", async () => {
    const response = await app("tokens").request("/api/open");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ rule: "/api/open" });
  });

  it("answers 401 with a bearer challenge without a token or with an unknown one", async () => {
    const none = await app("tokens").request("/api/read");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="bilagsassistent"');
    const wrong = await app("tokens").request("/api/read", {
      headers: { authorization: "Bearer nope" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const basic = await app("tokens").request("/api/read", {
      headers: { authorization: "Basic abc" },
    });
    expect(basic.status).toBe(401);
  });

  it("answers 403 below the rule's role and leaves the caller on the context above it", async () => {
    const low = await app("tokens").request("/api/write", {
      method: "POST",
      headers: { authorization: "Bearer r-token" },
    });
    expect(low.status).toBe(403);
    expect(await low.json()).toMatchObject({
      error: { code: "forbidden", details: { requiredRole: "caseworker", role: "reader" } },
    });
    const ok = await app("tokens").request("/api/write", {
      method: "POST",
      headers: { authorization: "Bearer c-token" },
    });
    expect(await ok.json()).toMatchObject({ who: { name: "carl", role: "caseworker" } });
  });

  it("in local mode the caller is the local admin, and unlisted /api paths need admin", async () => {
    const response = await app("local").request("/api/unlisted", { method: "DELETE" });
    expect(await response.json()).toEqual({
      who: { name: "local", role: "admin" },
      rule: "/api/*",
    });
    const denied = await app("tokens").request("/api/unlisted", {
      method: "DELETE",
      headers: { authorization: "Bearer c-token" },
    });
    expect(denied.status).toBe(403);
  });
});
