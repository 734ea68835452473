/**
 * Conversations of the caseworker chat: messages kept append-only, in the order they were
 * appended. Each assistant message carries the conversation's state after its turn (the
 * initiative and draft under discussion, a draft waiting for its decision), so a reload — or a
 * second tab — continues where the conversation stands. The port and an in-memory implementation.
 */
import { z } from "zod";
import { PassageCitationSchema, ValidationResultSchema } from "../domain/index.ts";
import { BUDGET_NOTE_FIELDS, BudgetNoteReadingSchema } from "./read-budget-note.ts";

/** A source of an answer, as the chat sends it (the answer's citation without its marker number: position n is "[n]"). */
export const ChatCitationSchema = PassageCitationSchema;
export type ChatCitation = z.infer<typeof ChatCitationSchema>;

/** A pasted text checked against an initiative's allocation data. */
export const ChatValidationSchema = z.object({
  text: z.string(),
  result: ValidationResultSchema,
  initiativeId: z.string(),
});
export type ChatValidation = z.infer<typeof ChatValidationSchema>;

/** What the conversation is about after a turn. */
export const ConversationStateSchema = z.object({
  /** The initiative (card id with allocation data, e.g. "bilag-2026-04") under discussion. */
  initiativeId: z.string().optional(),
  /** The draft under discussion (its latest version is meant). */
  draftId: z.string().optional(),
  /** A draft asked for whose decision the assistant has asked about. */
  pending: z.object({ initiativeId: z.string(), notes: z.array(z.string()) }).optional(),
  /** A budget note under way: what the conversation has given so far and the piece asked for. */
  budgetNote: z
    .object({ reading: BudgetNoteReadingSchema, awaiting: z.enum(BUDGET_NOTE_FIELDS) })
    .optional(),
});
export type ConversationState = z.infer<typeof ConversationStateSchema>;

export const ConversationMessageSchema = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  role: z.enum(["user", "assistant"]),
  text: z.string(),
  citations: z.array(ChatCitationSchema).optional(),
  draftId: z.string().optional(),
  validation: ChatValidationSchema.optional(),
  /** Assistant messages: the state after the turn. Not sent to clients. */
  state: ConversationStateSchema.optional(),
  /** ISO time the message was appended. */
  createdAt: z.string(),
  /** Who wrote it (user messages: the token's name); the first message's author owns the conversation. */
  author: z.string().min(1).max(200).optional(),
});
export type ConversationMessage = z.infer<typeof ConversationMessageSchema>;

export type Conversation = { id: string; messages: ConversationMessage[] };

/** Keeps conversations; a conversation exists once its first message is appended. */
export type ConversationStore = {
  /** Appends one message; never changes or removes an earlier one. Concurrent appends are all kept, in append order. */
  append(message: ConversationMessage): Promise<void>;
  /** The conversation with its messages in append order, or undefined when no message has this conversation id. */
  get(conversationId: string): Promise<Conversation | undefined>;
};

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
