/**
 * Access control, limits and the audit trail as one middleware, mounted before the routes:
 * the route→role table decides what a request needs (src/security/route-roles.ts); a bearer
 * token names the caller (401 without one, 403 when its role is too low); each caller has a rate
 * limit (429 with Retry-After); bodies have a size limit (413); a request that runs longer than
 * the timeout gets a 503; and answers and drafts are recorded in the audit trail after the
 * response (event streams when they end). Also the admins' GET /api/audit-log.
 */
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import {
  AuditEntrySchema,
  summarizeResponse,
  truncateInput,
  type AuditEntry,
  type AuditTrail,
} from "../security/audit-trail.ts";
import type { RateLimiter } from "../security/rate-limiter.ts";
import { roleAllows, type Principal } from "../security/roles.ts";
import { ROUTE_RULES, findRouteRule, type RouteRule } from "../security/route-roles.ts";
import type { TokenVerifier } from "../security/tokens.ts";
import { errorBody } from "./errors.ts";
import { ErrorSchema, jsonContent, validationHook } from "./openapi.ts";

/** Default largest request body, bytes (routes with larger bodies say so in the route table). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Default request timeout, milliseconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** The caller in local single-user mode. */
export const LOCAL_PRINCIPAL: Principal = { name: "local", role: "admin" };

export type AuthMode = { mode: "local" } | { mode: "tokens"; verifier: TokenVerifier };

export type SecurityOptions = {
  auth: AuthMode;
  /** Per-caller limit; none when left out. */
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

/** Replaces whatever response the context holds (the setter would merge the old headers in). */
function respond(c: Context, response: Response): Response {
  c.res = undefined;
  c.res = response;
  return response;
}

function unauthorized(c: Context, message: string, invalidToken: boolean): Response {
  const challenge = invalidToken
    ? 'Bearer realm="bilagsassistent", error="invalid_token"'
    : 'Bearer realm="bilagsassistent"';
  return respond(
    c,
    c.json(errorBody("unauthorized", message), 401, { "WWW-Authenticate": challenge }),
  );
}

async function authenticate(c: Context, auth: AuthMode): Promise<Principal | Response> {
  if (auth.mode === "local") return LOCAL_PRINCIPAL;
  const header = c.req.header("authorization");
  if (header === undefined || header.trim() === "")
    return unauthorized(
      c,
      "This route needs a bearer token: send the header 'Authorization: Bearer <token>'. Ask an administrator for a token.",
      false,
    );
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/iu.exec(header);
  if (match?.[1] === undefined)
    return unauthorized(
      c,
      "The Authorization header is not a bearer token; send 'Authorization: Bearer <token>'.",
      true,
    );
  const principal = await auth.verifier.verify(match[1]);
  if (principal === undefined)
    return unauthorized(
      c,
      "The bearer token is not known (mistyped, or revoked). Ask an administrator for a token.",
      true,
    );
  return principal;
}

function sendsBody(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/** The request body as JSON (or its text), truncated; waits at most `waitMs` for a body still arriving. */
async function readInput(
  c: Context,
  waitMs: number,
): Promise<Pick<AuditEntry, "input" | "inputTruncated">> {
  if (!sendsBody(c.req.method)) return {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const text = await Promise.race([
      c.req.text(),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs))),
    ]);
    if (text === undefined || text === "") return {};
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // Not JSON: the text itself (truncated) is the input.
    }
    const truncated = truncateInput(value);
    return { input: truncated.value, ...(truncated.truncated ? { inputTruncated: true } : {}) };
  } catch {
    return {};
  } finally {
    clearTimeout(timer);
  }
}

type StreamSummary = NonNullable<AuditEntry["stream"]>;

/** Passes an event stream through unchanged and reports, once it ends, how many frames it had and how it ended. */
function observeEventStream(
  body: ReadableStream<Uint8Array>,
  onEnd: (summary: StreamSummary) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  let events = 0;
  let lastEvent: string | undefined;
  let ended = false;
  const finish = (outcome: StreamSummary["outcome"]) => {
    if (ended) return;
    ended = true;
    onEnd({
      events,
      ...(lastEvent === undefined ? {} : { lastEvent }),
      outcome: outcome === "completed" && lastEvent === "error" ? "failed" : outcome,
    });
  };
  const scan = (chunk: Uint8Array) => {
    pending += decoder.decode(chunk, { stream: true });
    const frames = pending.replace(/\r\n/gu, "\n").split("\n\n");
    pending = frames.pop() ?? "";
    for (const frame of frames) {
      if (frame.trim() === "") continue;
      events += 1;
      const name = /^event:[ \t]?(.*)$/mu.exec(frame)?.[1]?.trim();
      lastEvent = name === undefined || name === "" ? "message" : name.slice(0, 50);
    }
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          finish("completed");
          controller.close();
          return;
        }
        scan(value);
        controller.enqueue(value);
      } catch (error) {
        finish("failed");
        controller.error(error);
      }
    },
    async cancel(reason) {
      finish("aborted");
      await reader.cancel(reason);
    },
  });
}

/** The security middleware; mount it with app.use before the routes. */
export function createSecurityMiddleware(options: SecurityOptions): MiddlewareHandler {
  const rules = options.rules ?? ROUTE_RULES;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? (() => new Date());
  const log =
    options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));

  const bodyLimitOf = (rule: RouteRule): number => {
    if (rule.maxBodyBytes === undefined) return maxBodyBytes;
    // A document sent base64 in JSON or as multipart grows by a third, plus the form's own fields.
    if (rule.maxBodyBytes === "document")
      return Math.max(
        maxBodyBytes,
        Math.ceil((options.maxDocumentBytes ?? 5 * 1024 * 1024) * 1.4) + 64 * 1024,
      );
    return Math.max(maxBodyBytes, rule.maxBodyBytes);
  };

  /** Runs the rest of the chain; after timeoutMs the caller gets a 503 and the handler's signal is aborted. */
  const timed = async (c: Context, next: () => Promise<void>): Promise<void> => {
    const controller = new AbortController();
    // Handlers that pass c.req.raw.signal on (answers, chat) stop their model calls on timeout.
    try {
      const init: RequestInit & { duplex?: "half" } = {
        signal: AbortSignal.any([c.req.raw.signal, controller.signal]),
        ...(c.req.raw.body === null ? {} : { duplex: "half" }),
      };
      c.req.raw = new Request(c.req.raw, init);
    } catch {
      // A request that cannot be re-wrapped keeps its own signal.
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const work = next().then(() => "done" as const);
    work.catch(() => undefined);
    const outcome = await Promise.race([
      work,
      new Promise<"timeout">(
        (resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)),
      ),
    ]);
    clearTimeout(timer);
    if (outcome === "done") return;
    controller.abort(new Error(`request timeout after ${timeoutMs} ms`));
    respond(
      c,
      c.json(
        errorBody(
          "request_timeout",
          `The request took longer than ${(timeoutMs / 1000).toLocaleString("da-DK")} s and was stopped. Try again, or ask for less at a time (a shorter text, fewer notes).`,
          { timeoutMs },
        ),
        503,
        { "Retry-After": "5" },
      ),
    );
  };

  const audited = async (
    c: Context,
    principal: Principal,
    trail: AuditTrail,
    run: () => Promise<void>,
  ): Promise<void> => {
    const at = now().toISOString();
    const started = performance.now();
    await run();
    const response = c.res;
    const status = response.status;
    const input = await readInput(c, status === 503 ? 1_000 : 10_000);
    const base = {
      at,
      actor: { name: principal.name, role: principal.role },
      method: c.req.method,
      route: c.req.path.slice(0, 300),
      ...input,
    };
    const contentType = response.headers.get("content-type") ?? "";
    if (contentType.startsWith("text/event-stream") && response.body !== null) {
      const observed = observeEventStream(response.body, (stream) => {
        const entry: AuditEntry = {
          ...base,
          status,
          durationMs: Math.round(performance.now() - started),
          stream,
        };
        trail
          .record(entry)
          .catch((error: unknown) =>
            log("audit trail: an event stream could not be recorded", error),
          );
      });
      respond(c, new Response(observed, { status, headers: response.headers }));
      return;
    }
    let body: unknown;
    if (contentType.includes("json")) {
      try {
        body = await response.clone().json();
      } catch {
        body = undefined;
      }
    }
    const entry: AuditEntry = {
      ...base,
      status,
      durationMs: Math.round(performance.now() - started),
      ...summarizeResponse(body),
    };
    try {
      await trail.record(entry);
    } catch (error) {
      log("audit trail: an entry could not be recorded; the answer was withheld", error);
      respond(
        c,
        c.json(
          errorBody(
            "audit_unavailable",
            "The answer could not be recorded in the audit trail, so it is not given. Try again; if it persists, tell an administrator.",
          ),
          503,
        ),
      );
    }
  };

  return async function security(c, next) {
    const rule = findRouteRule(c.req.method, c.req.path, rules);
    if (rule.access === "public") return timed(c, next);
    const authenticated = await authenticate(c, options.auth);
    if (authenticated instanceof Response) return authenticated;
    const principal = authenticated;
    if (!roleAllows(principal.role, rule.access)) {
      return respond(
        c,
        c.json(
          errorBody(
            "forbidden",
            `${c.req.method} ${c.req.path} needs the role "${rule.access}"; the token "${principal.name}" has the role "${principal.role}". Ask an administrator for a token with that role.`,
            {
              requiredRole: rule.access,
              role: principal.role,
            },
          ),
          403,
        ),
      );
    }
    if (options.rateLimiter !== undefined) {
      const decision = options.rateLimiter.take(principal.name);
      if (!decision.allowed) {
        return respond(
          c,
          c.json(
            errorBody(
              "rate_limited",
              `Too many requests: at most ${options.rateLimiter.perMinute} a minute per token. Try again in ${decision.retryAfterSeconds} s.`,
              {
                retryAfterSeconds: decision.retryAfterSeconds,
                limitPerMinute: options.rateLimiter.perMinute,
              },
            ),
            429,
            { "Retry-After": String(decision.retryAfterSeconds) },
          ),
        );
      }
    }
    const limit = bodyLimitOf(rule);
    const limited = bodyLimit({
      maxSize: limit,
      onError: (context) =>
        respond(
          context,
          context.json(
            errorBody(
              "body_too_large",
              `The request body is larger than ${limit.toLocaleString("da-DK")} bytes, the most ${context.req.path} accepts.`,
              { maxBytes: limit },
            ),
            413,
          ),
        ),
    });
    const trail = options.auditTrail;
    return limited(c, async () => {
      if (rule.audit === true && trail !== undefined)
        await audited(c, principal, trail, () => timed(c, next));
      else await timed(c, next);
    });
  };
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
