/** The bearer-token hasher for Workers: the same "sha256$<salt hex>$<digest hex>" hashes as Node's, with Web Crypto. */
import type { TokenHasher } from "../../security/tokens.ts";

function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/iu.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

export function createWebCryptoTokenHasher(): TokenHasher {
  return {
    async verify(token, hash) {
      const [scheme, saltHex, digestHex] = hash.split("$");
      const salt = fromHex(saltHex ?? "");
      const expected = fromHex(digestHex ?? "");
      if (scheme !== "sha256" || salt === undefined || expected === undefined) return false;
      const tokenBytes = new TextEncoder().encode(token);
      const input = new Uint8Array(salt.length + tokenBytes.length);
      input.set(salt);
      input.set(tokenBytes, salt.length);
      const actual = new Uint8Array(await crypto.subtle.digest("SHA-256", input));
      // Compare every byte so the time taken does not tell how much matched.
      let difference = expected.length ^ actual.length;
      for (let index = 0; index < actual.length; index++)
        difference |= (actual[index] ?? 0) ^ (expected[index] ?? 0);
      return difference === 0;
    },
  };
}
