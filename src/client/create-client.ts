/**
 * The typed client of the Bilagsassistent API: openapi-fetch over the generated types
 * (src/client/api-types.ts), with the bearer token. Runs wherever fetch does (Node, Workers,
 * browsers). `expectData` turns an error answer into an ApiError carrying the error envelope.
 *
 *   const api = createApiClient({ baseUrl: "http://localhost:3000", token });
 *   const hits = expectData(await api.POST("/api/search", { body: { query: "TechBBQ" } }));
 */
import createFetchClient from "openapi-fetch";
import type { components, operations, paths } from "./api-types.ts";

export type { components, operations, paths };

export type ApiClientOptions = {
  /** The service's origin, e.g. "https://bilag.example.kk.dk" (paths start with /api). */
  baseUrl: string;
  /** A bearer token; left out in local single-user mode. */
  token?: string;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof fetch;
};

export type ApiClient = ReturnType<typeof createFetchClient<paths>>;

export type ErrorEnvelope = components["schemas"]["Error"];

/** An error answer of the API: its HTTP status and the error envelope's code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, envelope: ErrorEnvelope | undefined, fallback: string) {
    super(envelope?.error.message ?? fallback);
    this.name = "ApiError";
    this.status = status;
    this.code = envelope?.error.code ?? `http_${status}`;
    this.details = envelope?.error.details;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  return createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/u, ""),
    ...(options.token === undefined
      ? {}
      : { headers: { Authorization: `Bearer ${options.token}` } }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}

function isEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && "message" in error && "code" in error;
}

/** The data of a successful answer; an ApiError (with the envelope's message) otherwise. */
export function expectData<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  const envelope = isEnvelope(result.error) ? result.error : undefined;
  throw new ApiError(
    result.response.status,
    envelope,
    `${result.response.status} ${result.response.statusText || "error"} from ${result.response.url}`,
  );
}
