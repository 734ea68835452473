/**
 * Body limits per route: a size limit from the route table (413 past it, whether the size is
 * declared or only counted while reading), and for JSON bodies a nesting limit checked by a linear
 * scan before anything is parsed (400 past it). A JSON body is parsed once, here: the routes'
 * validators and the audit read that one value.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { RouteRule } from "../../../security/route-roles.ts";
import { errorBody } from "../../errors.ts";
import { respond } from "../context.ts";

/** Default largest request body, bytes (routes with larger bodies say so in the route table). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Default deepest nesting of arrays and objects in a JSON body. */
export const DEFAULT_MAX_JSON_DEPTH = 32;
/** Default largest document, bytes, for rules whose body limit is "document". */
const DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export type BodyLimitOptions = {
  /** Body limit for routes that do not name their own, bytes. */
  maxBodyBytes?: number;
  /** For rules with maxBodyBytes "document": the largest document, before encoding overhead. */
  maxDocumentBytes?: number;
};

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/iu;

/** The body limit a rule gives, bytes. */
export function bodyLimitOf(rule: RouteRule | undefined, options: BodyLimitOptions = {}): number {
  const base = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (rule?.maxBodyBytes === undefined) return base;
  // A document sent base64 in JSON or as multipart grows by a third, plus the form's own fields.
  if (rule.maxBodyBytes === "document")
    return Math.max(
      base,
      Math.ceil((options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES) * 1.4) + 64 * 1024,
    );
  return Math.max(base, rule.maxBodyBytes);
}

/**
 * Where JSON text first nests deeper than `maxDepth` (arrays and objects), as a character offset;
 * undefined when it never does. Linear, allocation-free, and stops at the first offence.
 */
export function jsonDepthExceeded(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92 /* \ */) index += 1;
      else if (code === 34 /* " */) inString = false;
      continue;
    }
    if (code === 34) inString = true;
    else if (code === 91 /* [ */ || code === 123 /* { */) {
      depth += 1;
      if (depth > maxDepth) return index;
    } else if (code === 93 /* ] */ || code === 125 /* } */) depth -= 1;
  }
  return undefined;
}

function sendsBody(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/** Reads, checks and parses a JSON body once; a Response when it is refused. */
async function parseJsonOnce(c: Context, maxDepth: number): Promise<Response | undefined> {
  const bytes = await c.req.arrayBuffer();
  const text = new TextDecoder().decode(bytes);
  // Later readers (a route's own body limit, the audit) find the body again, its size declared.
  const headers = new Headers(c.req.raw.headers);
  headers.set("content-length", String(bytes.byteLength));
  headers.delete("transfer-encoding");
  c.req.raw = new Request(c.req.raw.url, {
    method: c.req.raw.method,
    headers,
    body: bytes,
    signal: c.req.raw.signal,
  });
  if (text.trim() === "") return undefined;
  const deepAt = jsonDepthExceeded(text, maxDepth);
  if (deepAt !== undefined)
    return respond(
      c,
      c.json(
        errorBody(
          "json_too_deep",
          `The JSON body nests deeper than ${maxDepth} levels (at character ${deepAt}). Send a flatter body; no route needs more than ${maxDepth} levels.`,
          { maxDepth, at: deepAt },
        ),
        400,
      ),
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return respond(
      c,
      c.json(
        errorBody(
          "invalid_json",
          `The request body is not valid JSON (${reason.slice(0, 200)}). Check quotes, commas and brackets.`,
        ),
        400,
      ),
    );
  }
  c.set("jsonBody", { value });
  // The validators read the body through c.req.json(): give them the parsed value, not a reparse.
  Object.defineProperty(c.req, "json", { value: () => Promise.resolve(value), configurable: true });
  return undefined;
}

export function bodyLimitMiddleware(options: BodyLimitOptions = {}): MiddlewareHandler {
  const limiters = new Map<number, MiddlewareHandler>();
  const limiterFor = (limit: number): MiddlewareHandler => {
    const existing = limiters.get(limit);
    if (existing !== undefined) return existing;
    const created = bodyLimit({
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
    limiters.set(limit, created);
    return created;
  };
  return async function bodyLimits(c, next) {
    const rule = c.get("routeRule");
    const limited = limiterFor(bodyLimitOf(rule, options));
    return limited(c, async () => {
      if (
        sendsBody(c.req.method) &&
        c.req.raw.body !== null &&
        JSON_TYPE.test(c.req.header("content-type") ?? "")
      ) {
        const refused = await parseJsonOnce(c, rule?.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH);
        if (refused !== undefined) return;
      }
      await next();
    });
  };
}
