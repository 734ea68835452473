/**
 * Request timeout: after `timeoutMs` the caller gets a 503 with Retry-After, and the handler's
 * request signal is aborted (handlers that pass c.req.raw.signal on stop their model calls).
 */
import type { MiddlewareHandler } from "hono";
import { errorBody } from "../../errors.ts";
import { respond } from "../context.ts";

/** Default request timeout, milliseconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export function timeoutMiddleware(timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): MiddlewareHandler {
  return async function timeout(c, next) {
    const controller = new AbortController();
    // The caller going away aborts the handler too. A listener removed at the end, not
    // AbortSignal.any, whose followers Node 20 keeps alive far longer than the request.
    const callerSignal = c.req.raw.signal;
    const forward = () => controller.abort(callerSignal.reason);
    if (callerSignal.aborted) forward();
    else callerSignal.addEventListener("abort", forward, { once: true });
    try {
      const init: RequestInit & { duplex?: "half" } = {
        signal: controller.signal,
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
    // An event stream goes on after the handler returns: the caller leaving must still stop it.
    if (!(c.res.headers.get("content-type") ?? "").startsWith("text/event-stream"))
      callerSignal.removeEventListener("abort", forward);
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
}
