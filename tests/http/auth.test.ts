import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { OpenAPIHono } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import { learnDecisionPhrasing } from "../../src/drafting/decision-phrasing.ts";
import { createOfflineWriter } from "../../src/drafting/offline-writer.ts";
import { createSecurityMiddleware, type SecurityOptions } from "../../src/http/auth.ts";
import { createApp } from "../../src/http/create-app.ts";
import { handleError } from "../../src/http/errors.ts";
import { createMemoryAuditTrail } from "../../src/security/audit-trail.ts";
import type { AuditTrail } from "../../src/ports/audit-sink.ts";
import { createRateLimiter } from "../../src/security/rate-limiter.ts";
import { ROLES, roleAllows, type Role } from "../../src/domain/role.ts";
import { findRouteRule } from "../../src/security/route-roles.ts";
import { createTokenVerifier } from "../../src/security/tokens.ts";
import { createAllocationFileSource } from "../../src/runtime/node/allocation-files.ts";
import { createLanceDraftStore } from "../../src/runtime/node/lance-draft-store.ts";
import { createSha256Hasher, hashToken } from "../../src/runtime/node/tokens-file.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";

const TOKENS: Record<Role, string> = {
  reader: "reader-token-0123456789",
  caseworker: "caseworker-token-0123456789",
  admin: "admin-token-0123456789",
};
const verifier = createTokenVerifier(
  ROLES.map((role) => ({ name: `${role}-user`, role, hash: hashToken(TOKENS[role]) })),
  createSha256Hasher(),
);

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let draftsFolder: string;
let drafts: Awaited<ReturnType<typeof createLanceDraftStore>>;
let deps: Omit<Parameters<typeof createApp>[0], "security">;
let trail: ReturnType<typeof createMemoryAuditTrail>;
let app: ReturnType<typeof createApp>;

function appWith(security: SecurityOptions) {
  return createApp({ ...deps, security });
}

beforeAll(async () => {
  fixture = await createCorpusStore();
  draftsFolder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-auth-"));
  drafts = await createLanceDraftStore({ uri: draftsFolder });
  const phrasing = learnDecisionPhrasing(await fixture.store.allDocuments());
  deps = {
    store: fixture.store,
    embedder: fixture.embedder,
    allocations: await createAllocationFileSource(path.join(CORPUS_DIR, "allocations")),
    drafting: {
      drafts,
      assessmentWriter: createOfflineWriter(phrasing, { lexicon: await loadDanishLexicon() }),
      budgetNoteWriter: createOfflineBudgetNoteWriter(),
    },
    log: () => undefined,
  };
  trail = createMemoryAuditTrail();
  app = appWith({ auth: { mode: "tokens", verifier }, auditTrail: trail });
});
afterAll(async () => {
  drafts.close();
  await fixture.dispose();
  await rm(draftsFolder, { recursive: true, force: true });
});

const bearer = (role: Role) => ({ authorization: `Bearer ${TOKENS[role]}` });
const postJson = (
  target: { request: ReturnType<typeof createApp>["request"] },
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  target.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

describe("route → role table over every mounted route", () => {
  it("answers 401 without a token, 403 below the route's role and lets the role and above through", async () => {
    const routes = app.routes.filter((route) => route.method !== "ALL");
    expect(routes.length).toBeGreaterThan(15);
    const checked: string[] = [];
    for (const route of routes) {
      const url = route.path.replace(/:[^/]+/gu, "x-test-id").replace(/\*$/u, "x");
      const rule = findRouteRule(route.method, url);
      const callers: Array<Role | undefined> = [undefined, ...ROLES];
      for (const caller of callers) {
        const body = route.method === "GET" || route.method === "HEAD" ? undefined : "{}";
        const response = await app.request(url, {
          method: route.method,
          headers: {
            ...(caller === undefined ? {} : bearer(caller)),
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(body === undefined ? {} : { body }),
        });
        const label = `${route.method} ${url} as ${caller ?? "anonymous"} (rule ${rule.access})`;
        if (rule.access === "public" || (caller !== undefined && roleAllows(caller, rule.access))) {
          expect([401, 403, 500], label).not.toContain(response.status);
        } else if (caller === undefined) {
          expect(response.status, label).toBe(401);
          expect(response.headers.get("www-authenticate"), label).toMatch(/^Bearer /u);
        } else {
          expect(response.status, label).toBe(403);
          expect(((await response.json()) as ErrorBody).error.message, label).toContain(
            `"${rule.access}"`,
          );
        }
        checked.push(label);
      }
    }
    expect(checked.length).toBe(routes.length * 4);
  }, 120_000);

  it("names the public routes, the reader, caseworker and admin routes as the issue says", () => {
    const access = (method: string, url: string) => findRouteRule(method, url).access;
    expect(
      ["/api/health", "/api/docs", "/api/openapi.json", "/", "/app.js", "/ui/style.css"].map(
        (url) => access("GET", url),
      ),
    ).toEqual(Array(6).fill("public"));
    expect([
      access("GET", "/api/documents"),
      access("GET", "/api/cards/bilag-2026-04"),
      access("POST", "/api/search"),
      access("POST", "/api/ask"),
      access("GET", "/api/initiatives/x/timeline"),
      access("GET", "/api/conversations/c1"),
    ]).toEqual(Array(6).fill("reader"));
    expect([
      access("POST", "/api/drafts/assessment"),
      access("GET", "/api/drafts"),
      access("POST", "/api/chat"),
      access("POST", "/api/validate"),
      access("GET", "/api/allocations"),
      access("POST", "/api/conversations"),
    ]).toEqual(Array(6).fill("caseworker"));
    expect([
      access("POST", "/api/documents"),
      access("POST", "/api/ingest"),
      access("POST", "/api/allocations/import"),
      access("GET", "/api/audit"),
      access("GET", "/api/audit-log"),
    ]).toEqual(Array(5).fill("admin"));
    expect([
      access("GET", "/api/something-new"),
      access("DELETE", "/api/cards/x"),
      access("POST", "/"),
      access("GET", "//api/validate"),
      access("POST", "//api//audit-log"),
      access("GET", "/api"),
    ]).toEqual(Array(6).fill("admin"));
    // Odd spellings of a route need at least what the route needs.
    expect([access("POST", "/API/validate"), access("GET", "//api/cards")]).toEqual([
      "caseworker",
      "reader",
    ]);
  });
});

describe("401 and 403", () => {
  it("says what is missing or wrong, in the project's envelope", async () => {
    const missing = await app.request("/api/cards");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="bilagsassistent"');
    expect(((await missing.json()) as ErrorBody).error).toMatchObject({
      code: "unauthorized",
      message: expect.stringContaining("Authorization: Bearer"),
    });

    const unknown = await app.request("/api/cards", {
      headers: { authorization: "Bearer not-a-token" },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(((await unknown.json()) as ErrorBody).error.message).toContain("not known");

    const basic = await app.request("/api/cards", {
      headers: { authorization: "Basic dXNlcjpwYXNz" },
    });
    expect(basic.status).toBe(401);
    expect(((await basic.json()) as ErrorBody).error.message).toContain("not a bearer token");

    const low = await postJson(
      app,
      "/api/validate",
      { text: "x", initiativeId: "bilag-2026-04" },
      bearer("reader"),
    );
    expect(low.status).toBe(403);
    expect(((await low.json()) as ErrorBody).error).toMatchObject({
      code: "forbidden",
      details: { requiredRole: "caseworker", role: "reader" },
    });
  });

  it("treats an unknown /api route as admin-only and reads encoded paths as Hono routes them", async () => {
    expect(
      (await app.request("/api/not-yet-written", { headers: bearer("caseworker") })).status,
    ).toBe(403);
    expect((await app.request("/api/not-yet-written", { headers: bearer("admin") })).status).toBe(
      404,
    );
    // %76 is "v": Hono routes this to /api/validate, and so does the table.
    expect(
      (
        await postJson(
          app,
          "/api/%76alidate",
          { text: "x", initiativeId: "bilag-2026-04" },
          bearer("reader"),
        )
      ).status,
    ).toBe(403);
    expect(
      (await postJson(app, "/api/%76alidate", { text: "x", initiativeId: "bilag-2026-04" })).status,
    ).toBe(401);
    for (const url of ["//api/cards", "/api//cards", "/API/cards", "/api/cards/"]) {
      const response = await app.request(url);
      expect([401, 404], url).toContain(response.status);
    }
  });

  it("serves the public routes without a token", async () => {
    for (const url of ["/api/health", "/api/docs", "/api/openapi.json"])
      expect((await app.request(url)).status, url).toBe(200);
    expect((await app.request("/")).status).not.toBe(401);
  });

  it("local single-user mode needs no token and records the caller as local", async () => {
    const localTrail = createMemoryAuditTrail();
    const local = appWith({ auth: { mode: "local" }, auditTrail: localTrail });
    expect((await local.request("/api/cards?year=2026")).status).toBe(200);
    expect(
      (
        await postJson(local, "/api/validate", {
          text: "Der foreslås 5,7 mio. kr. årligt.",
          initiativeId: "bilag-2026-04",
        })
      ).status,
    ).toBe(200);
    expect(localTrail.entries.at(-1)?.actor).toEqual({ name: "local", role: "admin" });
  });
});

describe("limits", () => {
  it("rate-limits per token with 429 and Retry-After", async () => {
    let clock = 0;
    const limited = appWith({
      auth: { mode: "tokens", verifier },
      rateLimiter: createRateLimiter({ perMinute: 2, now: () => clock }),
    });
    expect((await limited.request("/api/cards", { headers: bearer("reader") })).status).toBe(200);
    expect((await limited.request("/api/cards", { headers: bearer("reader") })).status).toBe(200);
    const refused = await limited.request("/api/cards", { headers: bearer("reader") });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(((await refused.json()) as ErrorBody).error).toMatchObject({
      code: "rate_limited",
      message: expect.stringContaining("at most 2 a minute"),
    });
    // Another token has its own bucket; the public health check is not counted.
    expect((await limited.request("/api/cards", { headers: bearer("admin") })).status).toBe(200);
    expect((await limited.request("/api/health")).status).toBe(200);
    clock += 30_000;
    expect((await limited.request("/api/cards", { headers: bearer("reader") })).status).toBe(200);
  });

  it("refuses a body over the global limit with 413 and lets /api/validate keep its larger one", async () => {
    const small = appWith({ auth: { mode: "tokens", verifier }, maxBodyBytes: 1_000 });
    const big = await postJson(
      small,
      "/api/search",
      { query: "x".repeat(2_000) },
      bearer("reader"),
    );
    expect(big.status).toBe(413);
    expect(((await big.json()) as ErrorBody).error).toMatchObject({
      code: "body_too_large",
      details: { maxBytes: 1_000 },
    });
    const declared = await small.request("/api/search", {
      method: "POST",
      headers: {
        ...bearer("reader"),
        "content-type": "application/json",
        "content-length": "5000",
      },
      body: JSON.stringify({ query: "x".repeat(4_980) }),
    });
    expect(declared.status).toBe(413);
    const text = `Der foreslås 5,7 mio. kr. årligt. ${"Indsatsen fortsætter. ".repeat(200)}`;
    const validate = await postJson(
      small,
      "/api/validate",
      { text, initiativeId: "bilag-2026-04" },
      bearer("caseworker"),
    );
    expect(validate.status).toBe(200);
  });

  it("answers 503 after the request timeout and aborts the handler's signal", async () => {
    let aborted = false;
    const slow = new OpenAPIHono();
    slow.onError((error, c) => handleError(error, c, () => undefined));
    slow.use(createSecurityMiddleware({ auth: { mode: "local" }, requestTimeoutMs: 50 }));
    slow.post("/api/ask", async (c) => {
      const signal = c.req.raw.signal;
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 2_000);
        signal.addEventListener("abort", () => {
          aborted = true;
          clearTimeout(timer);
          resolve(undefined);
        });
      });
      return c.json({ answer: "for sent" });
    });
    const started = Date.now();
    const response = await slow.request("/api/ask", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"question":"x"}',
    });
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({
      code: "request_timeout",
      message: expect.stringContaining("0,05 s"),
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(aborted).toBe(true);
  });
});

describe("audit trail", () => {
  it("records validate, drafts and ask with who, input, ids, prompt, model and validation", async () => {
    const before = trail.entries.length;
    await postJson(
      app,
      "/api/validate",
      {
        text: "Der foreslås 6,0 mio. kr. årligt (2027 p/l) på service i 2027-2030.",
        initiativeId: "bilag-2026-04",
      },
      bearer("caseworker"),
    );
    const draftResponse = await postJson(
      app,
      "/api/drafts/assessment",
      { initiativeId: "bilag-2026-04", decision: "uændret", notes: ["x".repeat(3_000)] },
      bearer("caseworker"),
    );
    expect(draftResponse.status).toBe(201);
    const draft = (await draftResponse.json()) as { id: string; version: number; status: string };
    await postJson(
      app,
      "/api/ask",
      { question: "Hvad besluttede vi om TechBBQ?", year: 2024 },
      bearer("reader"),
    );
    await app.request("/api/cards", { headers: bearer("reader") });
    const added = trail.entries.slice(before);
    expect(added.map((entry) => [entry.route, entry.status, entry.actor.name])).toEqual([
      ["/api/validate", 200, "caseworker-user"],
      ["/api/drafts/assessment", 201, "caseworker-user"],
      ["/api/ask", 200, "reader-user"],
    ]);
    const [validation, drafted, asked] = added;
    expect(validation).toMatchObject({
      method: "POST",
      input: { initiativeId: "bilag-2026-04" },
      validation: { ok: false, errors: 1, codes: ["amount_mismatch"] },
    });
    expect(drafted).toMatchObject({
      prompt: "offline-assessment@2",
      model: "offline",
      draft: { id: draft.id, version: 1, status: draft.status },
      validation: { ok: true },
      inputTruncated: true,
    });
    expect(drafted?.retrievedIds?.length).toBeGreaterThan(0);
    expect(String((drafted?.input as { notes: string[] }).notes[0]).length).toBeLessThan(1_100);
    expect(asked?.citationIds).toContain("bilag-2024-06");
    expect(new Date(asked?.at ?? "").getTime()).toBeGreaterThan(0);
  });

  it("records a refused request's status and error code", async () => {
    await postJson(app, "/api/validate", { text: "x" }, bearer("admin"));
    expect(trail.entries.at(-1)).toMatchObject({
      route: "/api/validate",
      status: 400,
      error: "invalid_request",
      input: { text: "x" },
    });
  });

  it("records an event stream when it ends, with its frames and last event", async () => {
    const streamTrail = createMemoryAuditTrail();
    const streaming = new OpenAPIHono();
    streaming.use(
      createSecurityMiddleware({ auth: { mode: "tokens", verifier }, auditTrail: streamTrail }),
    );
    streaming.post("/api/chat", (c) =>
      streamSSE(c, async (stream) => {
        await stream.writeSSE({ event: "delta", data: "Hej" });
        await stream.writeSSE({ event: "delta", data: " med dig" });
        await stream.writeSSE({ event: "done", data: "{}" });
      }),
    );
    const response = await postJson(
      streaming,
      "/api/chat",
      { message: "Hej" },
      bearer("caseworker"),
    );
    expect(response.status).toBe(200);
    expect(streamTrail.entries).toHaveLength(0);
    const text = await response.text();
    expect(text).toContain("event: done");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(streamTrail.entries).toHaveLength(1);
    expect(streamTrail.entries[0]).toMatchObject({
      route: "/api/chat",
      status: 200,
      input: { message: "Hej" },
      stream: { events: 3, lastEvent: "done", outcome: "completed" },
    });
  });

  it("withholds an answer it cannot record", async () => {
    const broken: AuditTrail = {
      record: async () => {
        throw new Error("disk full");
      },
      list: async () => ({ entries: [], lastSeq: 0, integrity: { ok: true, problems: [] } }),
    };
    const failing = appWith({ auth: { mode: "local" }, auditTrail: broken });
    const response = await postJson(failing, "/api/validate", {
      text: "Der foreslås 5,7 mio. kr. årligt.",
      initiativeId: "bilag-2026-04",
    });
    expect(response.status).toBe(503);
    expect(((await response.json()) as ErrorBody).error.code).toBe("audit_unavailable");
  });

  it("GET /api/audit-log pages for admins only", async () => {
    expect((await app.request("/api/audit-log", { headers: bearer("caseworker") })).status).toBe(
      403,
    );
    const first = await app.request("/api/audit-log?limit=2", { headers: bearer("admin") });
    expect(first.status).toBe(200);
    const page = (await first.json()) as {
      entries: Array<{ seq: number }>;
      next: number | null;
      lastSeq: number;
      integrity: { ok: boolean };
    };
    expect(page.entries.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(page.next).toBe(2);
    expect(page.integrity.ok).toBe(true);
    const rest = (await (
      await app.request(`/api/audit-log?after=${page.next}&limit=1000`, {
        headers: bearer("admin"),
      })
    ).json()) as { entries: Array<{ seq: number }>; next: number | null };
    expect(rest.entries[0]?.seq).toBe(3);
    expect(rest.next).toBeNull();
    expect((await app.request("/api/audit-log?limit=0", { headers: bearer("admin") })).status).toBe(
      400,
    );
  });
});
