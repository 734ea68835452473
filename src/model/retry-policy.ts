/**
 * The project's retry decision for LangChain's AsyncCaller (`onFailedAttempt`): throwing stops the
 * retries. LangChain's default gives up at once on a 429 without Retry-After; here it is retried
 * like a 5xx. Requests the server refused (4xx other than 408/429), replies that cannot be parsed,
 * aborts, and a Retry-After longer than `maxRetryDelayMs` stop at once; a shorter Retry-After is
 * honoured (LangChain waits at least that long).
 */

const NO_RETRY = new Set([400, 401, 402, 403, 404, 405, 406, 407, 409, 413, 422]);

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** Milliseconds from Retry-After-Ms or Retry-After (seconds or an HTTP date). */
export function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { headers?: unknown } | null)?.headers;
  const get = (name: string): string | null | undefined =>
    headers instanceof Headers
      ? headers.get(name)
      : typeof headers === "object" && headers !== null
        ? ((headers as Record<string, string | undefined>)[name] ?? null)
        : undefined;
  const milliseconds = Number.parseFloat(get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds)) return Math.max(0, milliseconds);
  const value = get("retry-after");
  if (value === null || value === undefined) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** The SDK's own parse of a reply failed: not JSON, not the schema, or cut at the token limit. */
export function isReplyFlaw(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    error instanceof SyntaxError ||
    Array.isArray((error as { issues?: unknown } | null)?.issues) ||
    name === "LengthFinishReasonError" ||
    name === "ContentFilterFinishReasonError" ||
    /could not parse response content/i.test((error as { message?: string } | null)?.message ?? "")
  );
}

/** LangChain's `onFailedAttempt` with the project's rules; marks a refused long wait on the error (`gaveUp`, `retryAfterMs`). */
export function retryPolicy(maxRetryDelayMs: number): (error: unknown) => void {
  return (error) => {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === "AbortError") throw error;
    if (isReplyFlaw(error) || error instanceof TypeError) throw error;
    const status = statusOf(error);
    if (status !== undefined && NO_RETRY.has(status)) throw error;
    const asked = retryAfterOf(error);
    if (typeof error !== "object" || error === null) return;
    if (asked !== undefined) (error as { retryAfterMs?: number }).retryAfterMs = asked;
    if (asked !== undefined && asked > maxRetryDelayMs) {
      (error as { gaveUp?: boolean }).gaveUp = true;
      throw error;
    }
  };
}
