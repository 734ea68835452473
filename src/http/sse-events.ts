/**
 * The server-sent event streams of the API, one zod schema per event: the chat turn
 * (POST /api/chat) and the upload progress (POST /api/documents?stream=1). Each frame is
 * `event: <name>` plus `data: <JSON>`; the OpenAPI document describes the frames as a union of
 * `{ event, data }` objects and lists the events under `x-sse-events`; clients parse `data` with
 * the schema named by `event` (parseEventFrame).
 */
import { z } from "zod";
import { ChatCitationSchema, ChatValidationSchema } from "../ports/conversation-store.ts";
import { DraftSchema } from "../domain/index.ts";
import { ErrorSchema } from "./openapi.ts";

export type EventSpec = { description: string; data: z.ZodType };
export type EventSpecs = Record<string, EventSpec>;

/** The events of one chat turn, in the order they come. */
export const CHAT_EVENTS = {
  conversation: {
    description: "First: the conversation the turn belongs to (new when none was given).",
    data: z.object({ conversationId: z.string() }),
  },
  delta: {
    description: "A piece of the reply text; the pieces joined are the reply.",
    data: z.object({ text: z.string() }),
  },
  sentence: {
    description:
      "With a model: each sentence of a streamed answer once it is complete and checked (ok false: a citation is missing or unknown, or a money figure is not in the cited passages).",
    data: z.object({
      index: z.number().int().min(0),
      text: z.string(),
      citations: z.array(z.number().int()),
      ok: z.boolean(),
      reason: z.enum(["no_citation", "unknown_citation", "unverified_figure"]).optional(),
    }),
  },
  final: {
    description:
      "With a model, after a streamed answer: the stored text, with the sentences that failed their checks left out and noted.",
    data: z.object({ text: z.string() }),
  },
  citations: {
    description: "After the reply: the passages the answer rests on.",
    data: z.object({ citations: z.array(ChatCitationSchema) }),
  },
  draft: {
    description: "After the reply: the draft written or revised in this turn.",
    data: z.object({ draft: DraftSchema }),
  },
  validation: {
    description: "After the reply: the figures of a checked text, against the allocation data.",
    data: ChatValidationSchema,
  },
  end: {
    description: "Last on success: the stored assistant message's id.",
    data: z.object({ messageId: z.string() }),
  },
  error: {
    description: "Instead of end when the turn failed; the stream closes after it.",
    data: z.object({ code: z.string(), message: z.string() }),
  },
} as const satisfies EventSpecs;

export const UploadProgressSchema = z.object({
  stage: z.enum(["received", "extract", "ocr", "index", "done"]),
  /** Steps done in this stage. */
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});

/** What an upload answers (the JSON body, and the data of the `done` event). */
export const UploadResultSchema = z.object({
  summary: z.record(z.string(), z.unknown()),
  format: z.string().optional(),
  pages: z.array(z.object({ number: z.number(), start: z.number(), end: z.number() })).optional(),
  warnings: z.array(z.string()),
});

/** The events of an upload with ?stream=1. */
export const UPLOAD_EVENTS = {
  progress: {
    description: "Progress of one stage (received, extract, ocr, index, done): done of total.",
    data: UploadProgressSchema,
  },
  done: { description: "Last on success: the upload's result.", data: UploadResultSchema },
  error: {
    description: "Last when the file could not be read or indexed: the error envelope.",
    data: ErrorSchema,
  },
} as const satisfies EventSpecs;

/** The frames of a stream as one zod union of `{ event, data }` objects (for the document). */
export function eventFramesSchema(events: EventSpecs) {
  const frames = Object.entries(events).map(([name, spec]) =>
    z.object({ event: z.literal(name), data: spec.data }).describe(spec.description),
  );
  const [first, second, ...rest] = frames;
  if (first === undefined || second === undefined) throw new Error("a stream has two events");
  return z.union([first, second, ...rest]);
}

/** Reads the frames of an event stream's text: each event's name and its JSON data. */
export function readEventFrames(text: string): Array<{ event: string; data: unknown }> {
  return text
    .split(/\r?\n\r?\n/u)
    .filter((frame) => frame.trim() !== "")
    .map((frame) => {
      const lines = frame.split(/\r?\n/u);
      const event =
        lines
          .find((line) => line.startsWith("event:"))
          ?.slice(6)
          .trim() ?? "message";
      const data = lines
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).replace(/^ /u, ""))
        .join("\n");
      return { event, data: data === "" ? undefined : (JSON.parse(data) as unknown) };
    });
}

/** Parses one frame with its event's schema; an unknown event or a wrong shape is a failure. */
export function parseEventFrame(
  events: EventSpecs,
  frame: { event: string; data: unknown },
): { success: true } | { success: false; error: string } {
  const spec = events[frame.event];
  if (spec === undefined) return { success: false, error: `undocumented event "${frame.event}"` };
  const parsed = spec.data.safeParse(frame.data);
  return parsed.success
    ? { success: true }
    : { success: false, error: `event ${frame.event}: ${parsed.error.message}` };
}
