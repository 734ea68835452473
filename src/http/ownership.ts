/**
 * Ownership at the route level: conversations and drafts belong to the one who created them;
 * admins see all. In local mode (and without access control) the one user is an admin. The name a
 * draft or message is stored under is the token's, never one the body gives.
 */
import type { Context } from "hono";
import { ForbiddenError } from "../errors/errors.ts";
import type { Principal } from "../domain/role.ts";
import { LOCAL_PRINCIPAL, principalOf } from "./middleware/context.ts";

/** The caller when a bearer token named them; undefined in local mode and without access control. */
export function tokenPrincipal(c: Context): Principal | undefined {
  const principal = c.get("principal");
  return principal === undefined || principal === LOCAL_PRINCIPAL ? undefined : principal;
}

/** The author to store: the token's name, or (local mode) what the body says. */
export function authorOf(c: Context, fromBody: string | undefined): string | undefined {
  return tokenPrincipal(c)?.name ?? fromBody;
}

/** Whether the caller may see or change something owned by `owner` (undefined: no known owner). */
export function mayAccess(principal: Principal, owner: string | undefined): boolean {
  return principal.role === "admin" || (owner !== undefined && owner === principal.name);
}

/** Throws a 403 naming what is owned and by whom it may be used. */
export function assertOwner(
  c: Context,
  owner: string | undefined,
  what: { kind: "draft" | "conversation"; id: string },
): void {
  const principal = principalOf(c);
  if (mayAccess(principal, owner)) return;
  const noun = what.kind === "draft" ? "draft" : "conversation";
  throw new ForbiddenError(
    `${noun}_not_owned`,
    `The ${noun} "${what.id}" belongs to another user; only its creator and administrators may use it. Start a new ${noun} of your own.`,
    { details: { [what.kind === "draft" ? "draftId" : "conversationId"]: what.id } },
  );
}
