/**
 * What the middleware leaves on the request context for the ones after it and for the routes: the
 * route rule that matched, the caller, and a JSON body parsed once.
 */
import type { Context } from "hono";
import type { Principal } from "../../domain/role.ts";
import type { RouteRule } from "../../security/route-roles.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** The route table's rule for this request (set by the auth middleware). */
    routeRule: RouteRule;
    /** Who is calling (set by the auth middleware; absent on public routes). */
    principal: Principal;
    /** The request's JSON body, parsed once by the body-limit middleware. */
    jsonBody: { value: unknown };
  }
}

/** The caller in local single-user mode. */
export const LOCAL_PRINCIPAL: Principal = { name: "local", role: "admin" };

/**
 * The caller of a request: the token's principal; the local user when the app runs without access
 * control (local mode, or no security configured at all).
 */
export function principalOf(c: Context): Principal {
  return c.get("principal") ?? LOCAL_PRINCIPAL;
}

/** Replaces whatever response the context holds (the setter would merge the old headers in). */
export function respond(c: Context, response: Response): Response {
  c.res = undefined;
  c.res = response;
  return response;
}
