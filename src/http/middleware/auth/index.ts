/**
 * Auth: the route table (src/security/route-roles.ts) decides what a request needs; a bearer token
 * names the caller (401 without one or with an unknown one, 403 when its role is too low). Leaves
 * the matched rule and the caller on the context for the middleware and routes after it.
 */
import type { Context, MiddlewareHandler } from "hono";
import { roleAllows, type Principal } from "../../../domain/role.ts";
import { ROUTE_RULES, findRouteRule, type RouteRule } from "../../../security/route-roles.ts";
import type { TokenVerifier } from "../../../security/tokens.ts";
import { errorBody } from "../../errors.ts";
import { LOCAL_PRINCIPAL, respond } from "../context.ts";

export type AuthMode = { mode: "local" } | { mode: "tokens"; verifier: TokenVerifier };

export type AuthOptions = { auth: AuthMode; rules?: readonly RouteRule[] };

function unauthorized(c: Context, message: string, invalidToken: boolean): Response {
  const challenge = invalidToken
    ? 'Bearer realm="bilagsassistent", error="invalid_token"'
    : 'Bearer realm="bilagsassistent"';
  return respond(
    c,
    c.json(errorBody("unauthorized", message), 401, { "WWW-Authenticate": challenge }),
  );
}

/** The caller of a request, or the 401 to answer. */
export async function authenticate(c: Context, auth: AuthMode): Promise<Principal | Response> {
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

export function authMiddleware(options: AuthOptions): MiddlewareHandler {
  const rules = options.rules ?? ROUTE_RULES;
  return async function auth(c, next) {
    const rule = findRouteRule(c.req.method, c.req.path, rules);
    c.set("routeRule", rule);
    if (rule.access === "public") return next();
    const principal = await authenticate(c, options.auth);
    if (principal instanceof Response) return principal;
    if (!roleAllows(principal.role, rule.access))
      return respond(
        c,
        c.json(
          errorBody(
            "forbidden",
            `${c.req.method} ${c.req.path} needs the role "${rule.access}"; the token "${principal.name}" has the role "${principal.role}". Ask an administrator for a token with that role.`,
            { requiredRole: rule.access, role: principal.role },
          ),
          403,
        ),
      );
    c.set("principal", principal);
    return next();
  };
}
