/**
 * Bearer tokens for Node: salted sha256 hashes compared in constant time (node:crypto), read from
 * TOKENS_FILE (JSON: [{ "name", "role", "hash" }]) and API_TOKENS ("name:role:hash,…").
 * Tokens are long random strings, so one salted sha256 is enough; a slow hash would only slow
 * every request down.
 *
 * Helper (no CLI framework): `node --import tsx src/runtime/node/tokens-file.ts hash <token> [name] [role]`
 * prints the JSON entry and the API_TOKENS form; `… new <name> <role>` makes a random token too.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Settings } from "../../config.ts";
import { InputError } from "../../errors/errors.ts";
import { isRole } from "../../domain/role.ts";
import {
  TokenFileSchema,
  createTokenVerifier,
  type TokenHasher,
  type TokenRecord,
  type TokenVerifier,
} from "../../security/tokens.ts";

function digest(salt: Buffer, token: string): Buffer {
  return createHash("sha256").update(salt).update(token, "utf8").digest();
}

/** "sha256$<salt hex>$<digest hex>" for a token, with a fresh 16-byte salt. */
export function hashToken(token: string, salt: Buffer = randomBytes(16)): string {
  return `sha256$${salt.toString("hex")}$${digest(salt, token).toString("hex")}`;
}

export function createSha256Hasher(): TokenHasher {
  return {
    verify(token, hash) {
      const [scheme, saltHex, digestHex] = hash.split("$");
      if (scheme !== "sha256" || saltHex === undefined || digestHex === undefined) return false;
      const expected = Buffer.from(digestHex, "hex");
      const actual = digest(Buffer.from(saltHex, "hex"), token);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}

/** Reads and checks a tokens file; the error names the file and the entry. */
export async function readTokensFile(file: string): Promise<TokenRecord[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(
      "tokens_file_unreadable",
      `TOKENS_FILE: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError("tokens_file_invalid", `TOKENS_FILE: ${file} is not valid JSON`, {
      cause: error,
    });
  }
  const parsed = TokenFileSchema.safeParse(json);
  if (!parsed.success)
    throw new InputError(
      "tokens_file_invalid",
      `TOKENS_FILE: ${file}: ${parsed.error.issues.map((issue) => `entry ${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** Every configured token (file and environment), or none; AUTH_MODE=tokens with none fails here. */
export async function loadTokenVerifier(settings: Settings): Promise<TokenVerifier | undefined> {
  const records = [
    ...(settings.TOKENS_FILE === undefined ? [] : await readTokensFile(settings.TOKENS_FILE)),
    ...settings.apiTokens,
  ];
  if (settings.AUTH_MODE === "tokens" && records.length === 0) {
    throw new InputError(
      "no_tokens",
      "AUTH_MODE=tokens but no token is configured: add entries to TOKENS_FILE or API_TOKENS (make a hash with: node --import tsx src/runtime/node/tokens-file.ts new <name> <role>).",
    );
  }
  if (records.length === 0) return undefined;
  try {
    return createTokenVerifier(records, createSha256Hasher());
  } catch (error) {
    throw new InputError(
      "tokens_invalid",
      `TOKENS_FILE / API_TOKENS: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function printEntry(token: string, name: string, role: string): void {
  const hash = hashToken(token);
  console.log(JSON.stringify({ name, role, hash }));
  console.log(`API_TOKENS entry: ${name}:${role}:${hash}`);
}

function main(args: readonly string[]): number {
  const [command, ...rest] = args;
  if (command === "hash" && rest[0] !== undefined) {
    const [token, name = "navn", role = "reader"] = rest;
    if (!isRole(role)) return fail(`role must be reader, caseworker or admin, got "${role}"`);
    printEntry(token, name, role);
    return 0;
  }
  if (command === "new" && rest[0] !== undefined && rest[1] !== undefined) {
    const [name, role] = rest as [string, string];
    if (!isRole(role)) return fail(`role must be reader, caseworker or admin, got "${role}"`);
    const token = randomBytes(32).toString("base64url");
    console.log(`Token (give it to ${name}; it is not stored anywhere): ${token}`);
    printEntry(token, name, role);
    return 0;
  }
  return fail(
    "usage: tokens-file.ts hash <token> [name] [role]  |  tokens-file.ts new <name> <reader|caseworker|admin>",
  );
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = main(process.argv.slice(2));
