/**
 * Silent replace: an upload whose document id (its kind and year: "bilag-2026") is already stored
 * would replace that document and every card in it. It is refused (409) unless the caller says
 * `?replace=true`; and when cards that drafts were written from would vanish, it is refused again
 * (409, naming the drafts and the cards) unless the caller also says `?confirm=true`. Drafts are
 * never deleted: they keep their text and versions; only their links to the vanished cards fail.
 */
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { Draft, ParsedDocument } from "../domain/index.ts";
import type { DraftStore } from "../ports/draft-store.ts";
import { ConflictError } from "../errors/errors.ts";

export type ReplaceReport = {
  documentId: string;
  /** Cards of the stored document the new one does not have. */
  vanishedCards: string[];
  /** Drafts written from a vanished card (they stay readable; their card links answer 404). */
  drafts: Array<{ id: string; title: string; cardIds: string[] }>;
};

/** Card ids a draft was written from: its sources, and the card of its request. */
export function cardsOfDraft(draft: Draft): string[] {
  const ids = new Set(draft.sources.map((source) => source.cardId));
  for (const key of ["cardId", "initiativeId"]) {
    const value = draft.input[key];
    if (typeof value === "string") ids.add(value);
  }
  return [...ids];
}

export function createReplaceGuard(options: {
  store: Pick<CorpusStore, "allDocuments">;
  drafts?: Pick<DraftStore, "list" | "get">;
  file: string;
  replace: boolean;
  confirm: boolean;
}): { check(parsed: ParsedDocument): Promise<void>; readonly report: ReplaceReport | undefined } {
  let report: ReplaceReport | undefined;
  return {
    get report() {
      return report;
    },
    async check(parsed) {
      const id = parsed.document.id;
      const stored = (await options.store.allDocuments()).find(
        (document) => document.document.id === id,
      );
      if (stored === undefined) return;
      const incoming = new Set(parsed.cards.map((card) => card.id));
      const vanishedCards = stored.cards
        .map((card) => card.id)
        .filter((card) => !incoming.has(card));
      if (!options.replace)
        throw new ConflictError(
          "document_exists",
          `${options.file}: "${stored.document.title}" (${id}, ${stored.document.kind} ${stored.document.year}, ${stored.cards.length} cards) is already stored, and this file would replace it with ${parsed.cards.length} cards${vanishedCards.length === 0 ? "" : `; ${vanishedCards.length} cards would vanish`}. To replace it, send the file again with ?replace=true; to keep both, give the upload its own ?id=.`,
          {
            details: {
              file: options.file,
              documentId: id,
              storedCards: stored.cards.length,
              incomingCards: parsed.cards.length,
              vanishedCards,
            },
          },
        );
      const vanished = new Set(vanishedCards);
      const drafts: ReplaceReport["drafts"] = [];
      if (vanished.size > 0 && options.drafts !== undefined) {
        for (const summary of await options.drafts.list()) {
          const draft = await options.drafts.get(summary.id);
          if (draft === undefined) continue;
          const cardIds = cardsOfDraft(draft).filter((card) => vanished.has(card));
          if (cardIds.length > 0) drafts.push({ id: draft.id, title: draft.title, cardIds });
        }
      }
      if (drafts.length > 0 && !options.confirm)
        throw new ConflictError(
          "replace_drops_cards",
          `${options.file}: replacing ${id} removes ${vanishedCards.length} cards that ${drafts.length} draft${drafts.length === 1 ? " was" : "s were"} written from (${drafts.map((draft) => draft.id).join(", ")}). The drafts are kept, but their links to those cards will not open. Send the file again with ?replace=true&confirm=true to replace it anyway.`,
          { details: { file: options.file, documentId: id, vanishedCards, drafts } },
        );
      report = { documentId: id, vanishedCards, drafts };
    },
  };
}
