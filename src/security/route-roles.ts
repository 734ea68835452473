/**
 * The one table of who may call what: each rule names a method set, a path pattern, the role it
 * needs ("public" for none), whether answers and drafts on it go to the audit trail, and a body
 * limit when the route's own limit is larger than the default. The first matching rule wins; a
 * path under /api that no rule names needs admin (deny by default), and so does any other method
 * than GET/HEAD outside /api. Each rule also says what a request costs against the caller's rate
 * limit (cheap deterministic checks 1, answers and chat more, drafting and uploads far more) and
 * how deep its JSON body may nest. The auth, rate-limit, body-limit and audit middleware all read
 * this one table (src/http/middleware/).
 */
import type { Role } from "../domain/role.ts";

export type Access = Role | "public";

export type RouteRule = {
  /** Upper-case methods; "*" for any. HEAD is matched as GET. */
  methods: readonly string[] | "*";
  /** An exact path, or a prefix ending in "/*" that matches the prefix itself and everything under it. */
  path: string;
  access: Access;
  /** Record each request and its answer in the audit trail. */
  audit?: boolean;
  /** Largest body accepted, bytes; "document" follows MAX_DOCUMENT_BYTES. Default: the global limit. */
  maxBodyBytes?: number | "document";
  /** Units taken from the caller's rate-limit budget per request; 1 when left out. */
  cost?: number;
  /** Deepest nesting of a JSON body; DEFAULT_MAX_JSON_DEPTH when left out. */
  maxJsonDepth?: number;
};

const GET = ["GET"] as const;
const WRITE = ["POST", "PUT", "PATCH", "DELETE"] as const;

/** Largest /api/validate body (the route's own limit; longer texts are refused by its schema). */
const VALIDATE_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Rate-limit costs: what a request takes from the caller's budget (RATE_LIMIT_PER_MINUTE units a
 * minute per token). Reads, searches and validation are deterministic and fast (thousands a
 * second); an answer may call the model once; a chat turn several times; a draft calls the model
 * and validates; an upload parses, embeds and indexes a whole document.
 */
export const COSTS = { read: 1, check: 1, answer: 5, chat: 10, draft: 60, upload: 120 } as const;

export const ROUTE_RULES: readonly RouteRule[] = [
  { methods: GET, path: "/api/health", access: "public" },
  { methods: GET, path: "/api/session", access: "public" },
  { methods: GET, path: "/api/docs", access: "public" },
  { methods: GET, path: "/api/openapi.json", access: "public" },

  { methods: GET, path: "/api/documents/*", access: "reader" },
  {
    methods: WRITE,
    path: "/api/documents/*",
    access: "admin",
    maxBodyBytes: "document",
    cost: COSTS.upload,
  },
  {
    methods: "*",
    path: "/api/ingest/*",
    access: "admin",
    maxBodyBytes: "document",
    cost: COSTS.upload,
  },
  { methods: GET, path: "/api/cards/*", access: "reader" },
  { methods: ["POST"], path: "/api/search", access: "reader" },
  { methods: ["POST"], path: "/api/ask", access: "reader", audit: true, cost: COSTS.answer },
  { methods: GET, path: "/api/initiatives/*", access: "reader" },
  { methods: GET, path: "/api/conversations/*", access: "reader" },

  { methods: WRITE, path: "/api/conversations/*", access: "caseworker" },
  { methods: "*", path: "/api/chat/*", access: "caseworker", audit: true, cost: COSTS.chat },
  {
    methods: ["POST"],
    path: "/api/drafts/*",
    access: "caseworker",
    audit: true,
    cost: COSTS.draft,
  },
  { methods: GET, path: "/api/drafts/*", access: "caseworker" },
  {
    methods: ["POST"],
    path: "/api/validate",
    access: "caseworker",
    audit: true,
    maxBodyBytes: VALIDATE_BODY_BYTES,
  },
  { methods: GET, path: "/api/allocations/*", access: "caseworker" },

  {
    methods: WRITE,
    path: "/api/allocations/*",
    access: "admin",
    maxBodyBytes: "document",
    cost: COSTS.upload,
  },
  { methods: GET, path: "/api/audit", access: "admin" },
  { methods: GET, path: "/api/audit-log", access: "admin" },
];

/** What an unmatched /api path (or a non-GET outside /api) needs. */
export const DEFAULT_RULE: RouteRule = { methods: "*", path: "/api/*", access: "admin" };
/** GET / and the web UI's static files. */
export const UI_RULE: RouteRule = { methods: GET, path: "/*", access: "public" };

function matchesPath(pattern: string, path: string): boolean {
  if (!pattern.endsWith("/*")) return path === pattern;
  const prefix = pattern.slice(0, -2);
  return path === prefix || path.startsWith(`${prefix}/`) || prefix === "";
}

function matchesMethod(methods: RouteRule["methods"], method: string): boolean {
  if (methods === "*") return true;
  const upper = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  return methods.includes(upper);
}

function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** The rule for a request; `path` is the decoded path Hono routes by (c.req.path). */
export function findRouteRule(
  method: string,
  requestPath: string,
  rules: readonly RouteRule[] = ROUTE_RULES,
): RouteRule {
  // Matched strictly: "//api/x" and "/API/x" are read as /api paths, so they can only need more.
  const path = requestPath.replace(/\/{2,}/gu, "/").toLowerCase();
  const rule = rules.find(
    (candidate) => matchesMethod(candidate.methods, method) && matchesPath(candidate.path, path),
  );
  if (rule !== undefined) return rule;
  if (!isApiPath(path) && matchesMethod(UI_RULE.methods, method)) return UI_RULE;
  return DEFAULT_RULE;
}
