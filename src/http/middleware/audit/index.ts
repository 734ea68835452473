/**
 * Audit: answers and drafts on routes the route table marks `audit` are recorded after the
 * response: who, what was asked (truncated), the status, how long it took, and a summary of the
 * answer; event streams when they end, with how many frames and how they ended. An answer that
 * cannot be recorded is withheld (503).
 */
import type { Context, MiddlewareHandler } from "hono";
import { summarizeResponse, truncateInput } from "../../../security/audit-trail.ts";
import type { AuditEntry, AuditTrail } from "../../../ports/audit-sink.ts";
import type { Principal } from "../../../domain/role.ts";
import { errorBody } from "../../errors.ts";
import { respond } from "../context.ts";

export type AuditOptions = {
  trail: AuditTrail;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
};

function sendsBody(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

function truncatedInput(value: unknown): Pick<AuditEntry, "input" | "inputTruncated"> {
  const truncated = truncateInput(value);
  return { input: truncated.value, ...(truncated.truncated ? { inputTruncated: true } : {}) };
}

/** The request body as JSON (or its text), truncated; waits at most `waitMs` for a body still arriving. */
async function readInput(
  c: Context,
  waitMs: number,
): Promise<Pick<AuditEntry, "input" | "inputTruncated">> {
  if (!sendsBody(c.req.method)) return {};
  const parsed = c.get("jsonBody");
  if (parsed !== undefined) return truncatedInput(parsed.value);
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
    return truncatedInput(value);
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

export function auditMiddleware(options: AuditOptions): MiddlewareHandler {
  const now = options.now ?? (() => new Date());
  const log =
    options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));
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

  return async function audit(c, next) {
    const principal = c.get("principal");
    if (principal === undefined || c.get("routeRule")?.audit !== true) return next();
    await audited(c, principal, options.trail, next);
  };
}
