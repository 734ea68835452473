import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createMemoryAuditTrail } from "../../../security/audit-trail.ts";
import type { AuditTrail } from "../../../ports/audit-sink.ts";
import type { RouteRule } from "../../../security/route-roles.ts";
import { authMiddleware } from "../auth/index.ts";
import { bodyLimitMiddleware } from "../body-limit/index.ts";
import { auditMiddleware } from "./index.ts";

const rules: RouteRule[] = [
  { methods: ["POST"], path: "/api/ask", access: "reader", audit: true },
  { methods: ["POST"], path: "/api/search", access: "reader" },
];

function app(trail: AuditTrail) {
  const hono = new Hono();
  hono.use(authMiddleware({ auth: { mode: "local" }, rules }));
  hono.use(bodyLimitMiddleware());
  hono.use(auditMiddleware({ trail, now: () => new Date("2026-12-01T10:00:00Z") }));
  hono.post("/api/ask", async (c) => c.json({ answer: "ja", echo: await c.req.json() }));
  hono.post("/api/search", (c) => c.json({ results: [] }));
  return hono;
}

const post = (hono: Hono, path: string, body: unknown) =>
  hono.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("audit middleware", () => {
  it("records audited routes with caller, input and status, and skips the others", async () => {
    const trail = createMemoryAuditTrail();
    const hono = app(trail);
    const response = await post(hono, "/api/ask", { question: "Hvad koster det?" });
    expect(await response.json()).toMatchObject({ echo: { question: "Hvad koster det?" } });
    await post(hono, "/api/search", { query: "x" });
    expect(trail.entries).toHaveLength(1);
    expect(trail.entries[0]).toMatchObject({
      at: "2026-12-01T10:00:00.000Z",
      actor: { name: "local", role: "admin" },
      method: "POST",
      route: "/api/ask",
      status: 200,
      input: { question: "Hvad koster det?" },
    });
  });

  it("withholds the answer with 503 when the trail cannot record it", async () => {
    const failing: AuditTrail = {
      ...createMemoryAuditTrail(),
      record: async () => {
        throw new Error("disk full");
      },
    };
    const hono = new Hono();
    hono.use(authMiddleware({ auth: { mode: "local" }, rules }));
    hono.use(auditMiddleware({ trail: failing, log: () => undefined }));
    hono.post("/api/ask", (c) => c.json({ answer: "hemmeligt" }));
    const response = await post(hono, "/api/ask", { question: "x" });
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain("hemmeligt");
  });
});
