/**
 * Bearer tokens: stored only as salted hashes, configured as a list of { name, role, hash }. The
 * core never hashes; it asks a `TokenHasher` port (node:crypto in Node, WebCrypto elsewhere)
 * whether a presented token fits a stored hash.
 */
import { z } from "zod";
import { ROLES, type Principal } from "../domain/role.ts";

export const TokenRecordSchema = z.object({
  /** Who holds the token (recorded in the audit trail). */
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^:,\s]+$/u, "a name without spaces, ':' or ','"),
  role: z.enum(ROLES),
  /** "sha256$<salt hex>$<digest hex>", as printed by the hashing helper. */
  hash: z
    .string()
    .regex(
      /^sha256\$[0-9a-f]{32,}\$[0-9a-f]{64}$/u,
      'a hash like "sha256$<salt>$<digest>" (make one with: node --import tsx src/runtime/node/tokens-file.ts hash <token>)',
    ),
});
export type TokenRecord = z.infer<typeof TokenRecordSchema>;

export const TokenFileSchema = z.array(TokenRecordSchema);

/** Compares a presented token with a stored hash. */
export type TokenHasher = {
  verify(token: string, hash: string): boolean | Promise<boolean>;
};

/** Finds who holds a presented token. */
export type TokenVerifier = {
  /** How many tokens are configured. */
  readonly size: number;
  verify(token: string): Promise<Principal | undefined>;
};

/** Parses API_TOKENS: "name:role:hash,name:role:hash". Throws a readable message for the first bad entry. */
export function parseTokenList(text: string): TokenRecord[] {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  return entries.map((entry, index) => {
    const [name = "", role = "", ...rest] = entry.split(":");
    const parsed = TokenRecordSchema.safeParse({ name, role, hash: rest.join(":") });
    if (!parsed.success)
      throw new Error(
        `entry ${index + 1} ("${name}:${role}:…"): ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
      );
    return parsed.data;
  });
}

/** A verifier over the configured records; every record is tried so timing does not tell which one matched. */
export function createTokenVerifier(
  records: readonly TokenRecord[],
  hasher: TokenHasher,
): TokenVerifier {
  const names = new Set<string>();
  for (const record of records) {
    if (names.has(record.name)) throw new Error(`the token name "${record.name}" is used twice`);
    names.add(record.name);
  }
  return {
    size: records.length,
    async verify(token) {
      if (token === "" || token.length > 512) return undefined;
      let found: Principal | undefined;
      for (const record of records) {
        if ((await hasher.verify(token, record.hash)) && found === undefined)
          found = { name: record.name, role: record.role };
      }
      return found;
    },
  };
}
