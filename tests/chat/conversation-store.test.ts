import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  conversationState,
  createMemoryConversationStore,
} from "../../src/chat/conversation-store.ts";
import type { ConversationMessage, ConversationStore } from "../../src/ports/conversation-store.ts";
import { createLanceConversationStore } from "../../src/runtime/node/lance-conversation-store.ts";

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

function message(
  conversationId: string,
  index: number,
  extra: Partial<ConversationMessage> = {},
): ConversationMessage {
  return {
    id: `${conversationId}-m${index}`,
    conversationId,
    role: index % 2 === 0 ? "user" : "assistant",
    text: `besked ${index}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
    ...extra,
  };
}

async function lanceStore() {
  const folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-conversations-"));
  folders.push(folder);
  return { folder, store: await createLanceConversationStore({ uri: folder }) };
}

const implementations: Array<[string, () => Promise<ConversationStore & { close?: () => void }>]> =
  [
    ["memory", async () => createMemoryConversationStore()],
    ["lance", async () => (await lanceStore()).store],
  ];

describe.each(implementations)("conversation store (%s)", (_name, create) => {
  it("appends and reads back in order; an unknown conversation is undefined", async () => {
    const store = await create();
    await store.append(message("a", 0));
    await store.append(
      message("a", 1, { state: { initiativeId: "bilag-2026-04", draftId: "d1" }, draftId: "d1" }),
    );
    await store.append(message("b", 0));
    const a = await store.get("a");
    expect(a?.messages.map((entry) => entry.text)).toEqual(["besked 0", "besked 1"]);
    expect(conversationState(a?.messages ?? [])).toEqual({
      initiativeId: "bilag-2026-04",
      draftId: "d1",
    });
    expect(await store.get("nope")).toBeUndefined();
    store.close?.();
  });

  it("is append-only: a message id cannot be written twice", async () => {
    const store = await create();
    await store.append(message("c", 0));
    await expect(store.append({ ...message("c", 0), text: "ændret" })).rejects.toThrow(
      /append-only/,
    );
    expect((await store.get("c"))?.messages.map((entry) => entry.text)).toEqual(["besked 0"]);
    store.close?.();
  });

  it("keeps every one of many concurrent appends, in the order they were made", async () => {
    const store = await create();
    await Promise.all(Array.from({ length: 25 }, (_, index) => store.append(message("d", index))));
    const stored = await store.get("d");
    expect(stored?.messages.map((entry) => entry.id)).toEqual(
      Array.from({ length: 25 }, (_, index) => `d-m${index}`),
    );
    store.close?.();
  });
});

describe("lance conversation store", () => {
  it("keeps conversations across a restart and goes on appending after them", async () => {
    const { folder, store } = await lanceStore();
    await store.append(message("e", 0));
    await store.append(message("e", 1));
    store.close();
    /* A clock that went back must not put new messages before the old ones. */
    const reopened = await createLanceConversationStore({ uri: folder, clock: () => 0 });
    await reopened.append(message("e", 2));
    expect((await reopened.get("e"))?.messages.map((entry) => entry.id)).toEqual([
      "e-m0",
      "e-m1",
      "e-m2",
    ]);
    reopened.close();
  });
});
