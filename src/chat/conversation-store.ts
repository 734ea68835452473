/**
 * Conversations of the caseworker chat: messages kept append-only, in the order they were
 * appended. Each assistant message carries the conversation's state after its turn (the
 * initiative and draft under discussion, a draft waiting for its decision), so a reload — or a
 * second tab — continues where the conversation stands. The port and an in-memory implementation.
 */
import {
  type ConversationMessage,
  ConversationMessageSchema,
  type ConversationState,
  type ConversationStore,
} from "../ports/conversation-store.ts";

/** The latest state of a conversation: from its last assistant message that has one. */
export function conversationState(messages: readonly ConversationMessage[]): ConversationState {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const state = messages[index]?.state;
    if (state !== undefined) return state;
  }
  return {};
}

/** A conversation store in memory (tests, a single process without persistence). */
export function createMemoryConversationStore(): ConversationStore {
  const conversations = new Map<string, ConversationMessage[]>();
  const ids = new Set<string>();
  return {
    async append(message) {
      const valid = ConversationMessageSchema.parse(message);
      if (ids.has(valid.id))
        throw new Error(`message ${valid.id} is already stored; messages are append-only`);
      ids.add(valid.id);
      const messages = conversations.get(valid.conversationId) ?? [];
      messages.push(structuredClone(valid));
      conversations.set(valid.conversationId, messages);
    },
    async get(conversationId) {
      const messages = conversations.get(conversationId);
      if (messages === undefined) return undefined;
      return { id: conversationId, messages: messages.map((message) => structuredClone(message)) };
    },
  };
}
