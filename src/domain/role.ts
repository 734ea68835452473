/** Roles of the API's callers, lowest first; a role may do everything the roles below it may. */

export const ROLES = ["reader", "caseworker", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Who made a request: a token's name and role, or the local single user. */
export type Principal = { name: string; role: Role };

/** Whether `role` is `needed` or above. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
