/**
 * Access control, limits and the audit trail, mounted before the routes as five middleware in
 * src/http/middleware/ (auth → rate limit → body limit → audit → timeout), all reading the one
 * route table (src/security/route-roles.ts). Also GET /api/session (who is signed in) and the
 * admins' GET /api/audit-log.
 */
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import { z } from "zod";
import { AuditEntrySchema, type AuditTrail } from "../ports/audit-sink.ts";
import type { RateLimiter } from "../security/rate-limiter.ts";
import { ROLES } from "../domain/role.ts";
import type { RouteRule } from "../security/route-roles.ts";
import { ErrorSchema, jsonContent, validationHook } from "./openapi.ts";
import { auditMiddleware } from "./middleware/audit/index.ts";
import { authMiddleware, authenticate, type AuthMode } from "./middleware/auth/index.ts";
import { bodyLimitMiddleware } from "./middleware/body-limit/index.ts";
import { LOCAL_PRINCIPAL } from "./middleware/context.ts";
import { rateLimitMiddleware } from "./middleware/rate-limit/index.ts";
import { timeoutMiddleware } from "./middleware/timeout/index.ts";

export { DEFAULT_MAX_BODY_BYTES } from "./middleware/body-limit/index.ts";
export { LOCAL_PRINCIPAL } from "./middleware/context.ts";
export { DEFAULT_REQUEST_TIMEOUT_MS } from "./middleware/timeout/index.ts";
export type { AuthMode } from "./middleware/auth/index.ts";

export type SecurityOptions = {
  auth: AuthMode;
  /** Per-caller limit in cost units (the route table's costs); none when left out. */
  rateLimiter?: RateLimiter;
  /** Where answers and drafts are recorded; nothing is recorded when left out. */
  auditTrail?: AuditTrail;
  requestTimeoutMs?: number;
  maxBodyBytes?: number;
  /** For rules with maxBodyBytes "document": the largest document, before encoding overhead. */
  maxDocumentBytes?: number;
  rules?: readonly RouteRule[];
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
};

/** The security middleware chain; mount it with app.use before the routes. */
export function createSecurityMiddleware(options: SecurityOptions): MiddlewareHandler {
  const chain: MiddlewareHandler[] = [
    authMiddleware({ auth: options.auth, ...(options.rules ? { rules: options.rules } : {}) }),
  ];
  if (options.rateLimiter !== undefined) chain.push(rateLimitMiddleware(options.rateLimiter));
  chain.push(
    bodyLimitMiddleware({
      ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
      ...(options.maxDocumentBytes === undefined
        ? {}
        : { maxDocumentBytes: options.maxDocumentBytes }),
    }),
  );
  if (options.auditTrail !== undefined)
    chain.push(
      auditMiddleware({
        trail: options.auditTrail,
        ...(options.now === undefined ? {} : { now: options.now }),
        ...(options.log === undefined ? {} : { log: options.log }),
      }),
    );
  chain.push(timeoutMiddleware(options.requestTimeoutMs));
  return every(...chain);
}

const SessionSchema = z.object({
  mode: z.enum(["local", "tokens"]),
  signedIn: z.boolean(),
  name: z.string().optional(),
  role: z.enum(ROLES).optional(),
});

/**
 * GET /api/session: whether the server wants tokens, and who the sent token belongs to (public:
 * without a token it answers signedIn false; a token it does not know is a 401).
 */
export function createSessionRoutes(deps: { auth?: AuthMode }) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/session",
      operationId: "getSession",
      summary: "Who is signed in: the access mode, and the bearer token's name and role",
      responses: {
        200: jsonContent(SessionSchema, "The session"),
        401: jsonContent(ErrorSchema, "The token is not known"),
      },
    }),
    async (c) => {
      const auth = deps.auth ?? { mode: "local" as const };
      if (auth.mode === "local")
        return c.json({ mode: "local" as const, signedIn: true, ...LOCAL_PRINCIPAL }, 200);
      if ((c.req.header("authorization") ?? "").trim() === "")
        return c.json({ mode: "tokens" as const, signedIn: false }, 200);
      const principal = await authenticate(c, auth);
      if (principal instanceof Response) return principal as never;
      return c.json(
        { mode: "tokens" as const, signedIn: true, name: principal.name, role: principal.role },
        200,
      );
    },
  );
  return app;
}

const AuditLogQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  after: z.coerce.number().int().min(0).optional(),
});

const StoredEntrySchema = AuditEntrySchema.extend({
  seq: z.number().int(),
  prev: z.string().optional(),
  hash: z.string().optional(),
});

/** GET /api/audit-log for admins (the route table says so). */
export function createAuditLogRoutes(deps: { auditTrail: AuditTrail }) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/audit-log",
      operationId: "listAuditLog",
      summary:
        "The audit trail of answers and drafts, oldest first: page with after=<last seq seen>; integrity reports torn or altered lines",
      request: { query: AuditLogQuerySchema },
      responses: {
        200: jsonContent(
          z.object({
            entries: z.array(StoredEntrySchema),
            next: z.number().int().nullable(),
            lastSeq: z.number().int(),
            integrity: z.object({
              ok: z.boolean(),
              problems: z.array(
                z.object({ kind: z.string(), line: z.number().int(), message: z.string() }),
              ),
            }),
          }),
          "Entries",
        ),
        400: jsonContent(ErrorSchema, "Bad query"),
      },
    }),
    async (c) => {
      const { limit, after } = c.req.valid("query");
      const page = await deps.auditTrail.list({ limit, ...(after === undefined ? {} : { after }) });
      const last = page.entries.at(-1)?.seq;
      const next = last !== undefined && last < page.lastSeq ? last : null;
      return c.json(
        {
          entries: page.entries as Array<z.infer<typeof StoredEntrySchema>>,
          next,
          lastSeq: page.lastSeq,
          integrity: page.integrity,
        },
        200,
      );
    },
  );
  return app;
}
