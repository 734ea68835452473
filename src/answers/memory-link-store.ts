/** Initiative link verdicts held in memory (the Worker, tests). */
import type { InitiativeLinkStore, LinkVerdict } from "../ports/initiative-links.ts";

export function createMemoryLinkStore(initial: readonly LinkVerdict[] = []): InitiativeLinkStore {
  const verdicts = new Map(initial.map((verdict) => [verdict.cards.join("\u0000"), verdict]));
  return {
    async list() {
      return [...verdicts.values()];
    },
    async put(verdict) {
      verdicts.set(verdict.cards.join("\u0000"), verdict);
    },
  };
}
