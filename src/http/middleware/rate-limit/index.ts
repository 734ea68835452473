/**
 * Rate limit per caller, weighted by what a route costs: the route table gives each route a cost
 * (a deterministic check 1, drafting and uploads far more), and each caller has a budget of cost
 * units a minute. Public routes and requests without a caller are not counted. 429 with
 * Retry-After past the budget.
 */
import type { MiddlewareHandler } from "hono";
import type { RateLimiter } from "../../../security/rate-limiter.ts";
import { errorBody } from "../../errors.ts";
import { respond } from "../context.ts";

export function rateLimitMiddleware(limiter: RateLimiter): MiddlewareHandler {
  return async function rateLimit(c, next) {
    const principal = c.get("principal");
    const rule = c.get("routeRule");
    if (principal === undefined || rule === undefined || rule.access === "public") return next();
    const cost = rule.cost ?? 1;
    const decision = limiter.take(principal.name, cost);
    if (decision.allowed) return next();
    const costNote = cost === 1 ? "" : ` (${c.req.method} ${c.req.path} counts ${cost})`;
    return respond(
      c,
      c.json(
        errorBody(
          "rate_limited",
          `Too many requests: at most ${limiter.perMinute} a minute per token${costNote}. Try again in ${decision.retryAfterSeconds} s.`,
          {
            retryAfterSeconds: decision.retryAfterSeconds,
            limitPerMinute: limiter.perMinute,
            cost,
          },
        ),
        429,
        { "Retry-After": String(decision.retryAfterSeconds) },
      ),
    );
  };
}
