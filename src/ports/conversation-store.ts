/** The conversation store port: chat messages kept append-only, with the conversation's state on each assistant message. */
import { z } from "zod";
import { BUDGET_NOTE_FIELDS, BudgetNoteReadingSchema } from "../domain/budget-note-reading.ts";
import { PassageCitationSchema, ValidationResultSchema } from "../domain/index.ts";

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
