/**
 * The caseworker chat: `POST /api/chat` streams one turn as server-sent events (conversation,
 * delta…, citations | draft | validation, end — or error, then the stream closes) and
 * `GET /api/conversations/{id}` returns a stored conversation. The user's message is stored
 * before the stream starts; the assistant's message only once its turn is complete, so a client
 * that goes away mid-stream leaves nothing half-written. Turns of one conversation run one after
 * another (two tabs see each other's results); their messages are all kept, in append order.
 * A model-written answer streams as the model writes it: `delta` per chunk, `sentence` as each
 * sentence is complete and checked ({ index, text, citations, ok, reason }; ok false marks a
 * sentence whose citation or money figure failed), then `final` with the stored text (failed
 * sentences left out and noted), citations and end. A stream that breaks ends with `error` and
 * stores no assistant message.
 */
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import { z } from "zod";
import {
  ChatCitationSchema,
  ChatValidationSchema,
  type ConversationMessage,
  type ConversationStore,
} from "../ports/conversation-store.ts";
import { replyPieces, runChatTurn, type ChatDependencies } from "../chat/run-chat-turn.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { AssessmentWriter, BudgetNoteWriter } from "../drafting/ports.ts";
import type { DraftStore } from "../ports/draft-store.ts";
import type { LanguageModel } from "../ports/language-model.ts";
import type { Prompt, PromptLibrary } from "../ports/prompt-library.ts";
import { BilagsassistentError, NotFoundError } from "../errors/errors.ts";
import type { AllocationSource } from "../ports/allocation-store.ts";
import { errorBody } from "./errors.ts";
import { principalOf } from "./middleware/context.ts";
import { assertOwner, tokenPrincipal } from "./ownership.ts";
import { ErrorSchema, jsonContent, validationHook } from "./openapi.ts";
import { CHAT_EVENTS, eventFramesSchema } from "./sse-events.ts";

export const MAX_CHAT_MESSAGE_LENGTH = 8_000;

export type ChatRouteDependencies = {
  store: CorpusStore;
  allocations: AllocationSource;
  conversations: ConversationStore;
  /** Drafting for the draft, revise and export intents. */
  drafting?: {
    drafts: DraftStore;
    assessmentWriter: AssessmentWriter;
    budgetNoteWriter?: BudgetNoteWriter;
    maxAttempts?: number;
    /** The prompt that lets the model choose the chat's tool. */
    chatToolPrompt?: Prompt;
  };
  /** Chooses the tool when given (rules are the fallback); also writes answers as answerQuestion does. */
  model?: LanguageModel;
  /** The prompt library (prompts/answer.v1.md for answers the model writes). */
  prompts?: PromptLibrary;
  now?: () => Date;
  newId?: () => string;
  log?: (message: string, error?: unknown) => void;
};

const ChatRequestSchema = z.object({
  conversationId: z.string().trim().min(1).max(200).optional(),
  /** The draft open in the UI: the chat's revisions work on it. */
  draftId: z.string().trim().min(1).max(200).optional(),
  message: z
    .string()
    .trim()
    .min(1, "write a message")
    .max(
      MAX_CHAT_MESSAGE_LENGTH,
      `a message is at most ${MAX_CHAT_MESSAGE_LENGTH.toLocaleString("da-DK")} characters`,
    ),
});

const PublicMessageSchema = z.object({
  id: z.string(),
  role: z.enum(["user", "assistant"]),
  text: z.string(),
  citations: z.array(ChatCitationSchema).optional(),
  draftId: z.string().optional(),
  validation: ChatValidationSchema.optional(),
  createdAt: z.string(),
});
const ConversationSchema = z.object({ id: z.string(), messages: z.array(PublicMessageSchema) });

function publicMessage(message: ConversationMessage): z.infer<typeof PublicMessageSchema> {
  const { id, role, text, citations, draftId, validation, createdAt } = message;
  return {
    id,
    role,
    text,
    ...(citations === undefined ? {} : { citations }),
    ...(draftId === undefined ? {} : { draftId }),
    ...(validation === undefined ? {} : { validation }),
    createdAt,
  };
}

/** Who owns a conversation: the author of its first message (none for ones stored before authors were kept). */
function ownerOf(conversation: { messages: readonly ConversationMessage[] }): string | undefined {
  return conversation.messages[0]?.author;
}

/** Runs tasks one after another per key (turns of one conversation). */
function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

async function send(stream: SSEStreamingApi, event: string, data: unknown): Promise<void> {
  await stream.writeSSE({ event, data: JSON.stringify(data) });
}

export function createChatRoutes(deps: ChatRouteDependencies) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  const log =
    deps.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));
  const inTurn = createKeyedQueue();
  const limit = MAX_CHAT_MESSAGE_LENGTH * 4 + 4_096;
  app.use(
    "/api/chat",
    bodyLimit({
      maxSize: limit,
      onError: (c) =>
        c.json(
          errorBody(
            "body_too_large",
            `The request body is larger than ${limit} bytes; a message is at most ${MAX_CHAT_MESSAGE_LENGTH} characters.`,
          ),
          413,
        ),
    }),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/chat",
      operationId: "sendChatMessage",
      summary:
        "One chat turn, streamed as server-sent events: conversation, delta…, citations / draft / validation, end (or error, then close)",
      request: {
        body: { content: { "application/json": { schema: ChatRequestSchema } }, required: true },
      },
      responses: {
        200: {
          description:
            "text/event-stream of the turn; each frame's event and data as in x-sse-events",
          content: { "text/event-stream": { schema: eventFramesSchema(CHAT_EVENTS) } },
        },
        400: jsonContent(ErrorSchema, "Bad request (empty or too long message)"),
        404: jsonContent(ErrorSchema, "Unknown conversation"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      let conversationId = body.conversationId;
      const author = principalOf(c).name;
      if (conversationId !== undefined) {
        const existing = await deps.conversations.get(conversationId);
        if (existing === undefined)
          throw new NotFoundError(
            "conversation_not_found",
            `No conversation has the id "${conversationId}". Leave conversationId out to start a new conversation.`,
            { details: { conversationId } },
          );
        assertOwner(c, ownerOf(existing), { kind: "conversation", id: conversationId });
      }
      conversationId ??= newId();
      const id = conversationId;
      await deps.conversations.append({
        id: newId(),
        conversationId: id,
        role: "user",
        text: body.message,
        createdAt: now().toISOString(),
        author,
      });

      return streamSSE(c, async (stream) => {
        const abort = new AbortController();
        stream.onAbort(() => abort.abort(new Error("the client closed the connection")));
        await send(stream, "conversation", { conversationId: id });
        /* A model's answer streams as it is written; frames are queued so they keep their order. */
        let streamed = false;
        let writing = Promise.resolve();
        const push = (event: string, data: unknown) => {
          writing = writing.then(() => send(stream, event, data));
        };
        try {
          await inTurn(id, async () => {
            const history = (await deps.conversations.get(id))?.messages ?? [];
            const turnDeps: ChatDependencies = {
              store: deps.store,
              allocations: deps.allocations,
              now,
              newId,
              ...(deps.drafting === undefined ? {} : { drafting: deps.drafting }),
              ...(deps.model === undefined ? {} : { model: deps.model }),
              ...(deps.prompts === undefined ? {} : { prompts: deps.prompts }),
            };
            const result = await runChatTurn(
              {
                conversationId: id,
                message: body.message,
                history,
                signal: abort.signal,
                ...(tokenPrincipal(c) === undefined ? {} : { author }),
                ...(body.draftId === undefined ? {} : { draftId: body.draftId }),
                stream: {
                  onDelta: (text) => {
                    streamed = true;
                    push("delta", { text });
                  },
                  onSentence: (sentence) => push("sentence", sentence),
                },
              },
              turnDeps,
            );
            await writing;
            /* Complete: store it before the last frames, so a client that leaves now finds it on reload. */
            await deps.conversations.append(result.message);
            if (streamed) await send(stream, "final", { text: result.reply });
            else
              for (const piece of replyPieces(result.reply))
                await send(stream, "delta", { text: piece });
            for (const event of result.events) await send(stream, event.event, event.data);
            await send(stream, "end", { messageId: result.message.id });
          });
        } catch (error) {
          if (abort.signal.aborted) return;
          await writing.catch(() => undefined);
          const known = error instanceof BilagsassistentError;
          if (!known || error.category !== "user") log("chat turn failed", error);
          const code = known ? error.code : "internal_error";
          const message = known
            ? error.message
            : "Something went wrong on our side. The error was logged.";
          await send(stream, "error", { code, message });
        }
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/conversations/{id}",
      operationId: "getConversation",
      summary: "A stored chat conversation with its messages in order",
      request: { params: z.object({ id: z.string().min(1).max(200) }) },
      responses: {
        200: jsonContent(ConversationSchema, "The conversation"),
        404: jsonContent(ErrorSchema, "Unknown conversation"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const conversation = await deps.conversations.get(id);
      if (conversation === undefined)
        throw new NotFoundError("conversation_not_found", `No conversation has the id "${id}".`, {
          details: { id },
        });
      assertOwner(c, ownerOf(conversation), { kind: "conversation", id });
      return c.json(
        { id: conversation.id, messages: conversation.messages.map(publicMessage) },
        200,
      );
    },
  );

  return app;
}
