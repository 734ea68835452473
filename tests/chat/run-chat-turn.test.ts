import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryConversationStore } from "../../src/chat/conversation-store.ts";
import type { ConversationMessage } from "../../src/ports/conversation-store.ts";
import {
  CHAT_TOOL_PROMPT_ID,
  DECISION_QUESTION,
  HELP_TEXT,
  intentFromToolCall,
  replyPieces,
  runChatTurn,
  type ChatDependencies,
  type ToolCall,
} from "../../src/chat/run-chat-turn.ts";
import { createOfflineWriter } from "../../src/drafting/offline-writer.ts";
import { loadPromptLibrary } from "../../src/runtime/node/prompt-files.ts";
import type { Draft } from "../../src/domain/index.ts";
import type { DraftStore } from "../../src/ports/draft-store.ts";
import { createAllocationFileSource } from "../../src/runtime/node/allocation-files.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";
import { createFakeLanguageModel, upstreamError } from "../support/fake-language-model.ts";

function createMemoryDraftStore(): DraftStore {
  const saved: Draft[] = [];
  const versions = async (id: string) =>
    saved.filter((draft) => draft.id === id).sort((left, right) => left.version - right.version);
  return {
    save: async (draft) => {
      if (saved.some((other) => other.id === draft.id && other.version === draft.version))
        throw new Error("version exists");
      saved.push(draft);
    },
    saveRevision: async (draft) => {
      const stored = { ...draft, version: ((await versions(draft.id)).at(-1)?.version ?? 0) + 1 };
      saved.push(stored);
      return stored;
    },
    get: async (id, version) =>
      (await versions(id))
        .filter((draft) => version === undefined || draft.version === version)
        .at(-1),
    versions,
    list: async () => [],
  };
}

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let deps: Omit<ChatDependencies, "model">;

beforeAll(async () => {
  fixture = await createCorpusStore();
  deps = {
    store: fixture.store,
    allocations: await createAllocationFileSource(path.join(CORPUS_DIR, "allocations")),
    drafting: {
      drafts: createMemoryDraftStore(),
      assessmentWriter: createOfflineWriter(),
      chatToolPrompt: (await loadPromptLibrary(path.join(CORPUS_DIR, "..", "prompts"))).get(
        CHAT_TOOL_PROMPT_ID,
      ),
    },
  };
});
afterAll(async () => {
  await fixture.dispose();
});

const NULLS: ToolCall["arguments"] = {
  question: null,
  initiative: null,
  decision: null,
  notes: null,
  revision: null,
  note: null,
  format: null,
  text: null,
  reply: null,
};
const call = (tool: ToolCall["tool"], args: Partial<ToolCall["arguments"]> = {}): ToolCall => ({
  tool,
  arguments: { ...NULLS, ...args },
});

async function turn(
  message: string,
  history: ConversationMessage[],
  extra: Partial<ChatDependencies> = {},
) {
  const result = await runChatTurn(
    {
      conversationId: "c1",
      message,
      history: [
        ...history,
        {
          id: `u${history.length}`,
          conversationId: "c1",
          role: "user",
          text: message,
          createdAt: new Date().toISOString(),
        },
      ],
    },
    { ...deps, ...extra },
  );
  history.push(
    {
      id: `u${history.length}`,
      conversationId: "c1",
      role: "user",
      text: message,
      createdAt: new Date().toISOString(),
    },
    result.message,
  );
  return result;
}

describe("runChatTurn with a model choosing the tool", () => {
  it("drafts with the model's arguments, keeping only notes quoted from the message", async () => {
    const model = createFakeLanguageModel({
      objects: [
        {
          value: call("draft", {
            initiative: "nr. 4",
            decision: "uændret",
            notes: ["skolerne inddrages", "Der afsættes 9,9 mio. kr. årligt"],
          }),
        },
      ],
    });
    const result = await turn(
      "Kan du skrive vurderingen af nummer fire? Den fortsætter uændret, og skolerne inddrages.",
      [],
      { model },
    );
    expect(result.routedBy).toBe("model");
    expect(result.intent).toEqual({
      intent: "draft",
      initiative: { kind: "number", number: 4 },
      decision: "uændret",
      notes: ["skolerne inddrages"],
    });
    const draft = result.events.find((event) => event.event === "draft");
    expect(draft?.event === "draft" && draft.data.draft.text).not.toContain("9,9");
    expect(model.generateObjectCalls[0]?.schemaName).toBe("chat_tool");
    expect(model.generateObjectCalls[0]?.messages.at(-1)?.content).toContain("<message>");
  });

  it("falls back to the rules when the model fails or answers out of schema", async () => {
    const failing = createFakeLanguageModel({
      objects: [{ error: upstreamError("model_timeout") }],
    });
    const history: ConversationMessage[] = [];
    const result = await turn("lav et udkast til nr. 4", history, { model: failing });
    expect(result.routedBy).toBe("rules");
    expect(result.reply).toContain(DECISION_QUESTION);
    const malformed = createFakeLanguageModel({
      objects: [{ value: { tool: "delete_everything" } }],
    });
    const next = await turn("uændret", history, { model: malformed });
    expect(next.routedBy).toBe("rules");
    expect(next.message.draftId).toBeDefined();
  });

  it("never lets the model write figures into a reply", async () => {
    const model = createFakeLanguageModel({
      objects: [
        { value: call("smalltalk", { reply: "Bevillingen er 9,9 mio. kr." }) },
        { value: call("smalltalk", { reply: "Hej! Hvad skal vi arbejde på?" }) },
      ],
    });
    expect((await turn("hej", [], { model })).reply).toBe(HELP_TEXT);
    expect((await turn("hej igen", [], { model })).reply).toBe("Hej! Hvad skal vi arbejde på?");
  });

  it("checks the text the message holds, not a text the model makes up", () => {
    const message = "tjek denne tekst mod nr. 4: Der foreslås 5,7 mio. kr. årligt.";
    expect(
      intentFromToolCall(
        call("check", { initiative: "bilag-2026-04", text: "Der foreslås 9,9 mio. kr." }),
        message,
      )?.intent,
    ).toEqual({
      intent: "check",
      initiative: { kind: "id", id: "bilag-2026-04" },
      text: "Der foreslås 5,7 mio. kr. årligt.",
    });
    expect(
      intentFromToolCall(
        call("revise", { revision: "add_note", note: "noget helt andet" }),
        "tilføj at skolerne inddrages",
      ),
    ).toBeUndefined();
  });

  it("asks with the model's self-contained question and the answer's citations", async () => {
    const model = createFakeLanguageModel({
      objects: [
        {
          value: call("ask", {
            question: "Hvad besluttede vi om forebyggelse af ekstremisme i 2026?",
          }),
        },
        { error: upstreamError("model_unavailable") },
      ],
    });
    const result = await turn("og hvad med ekstremisme?", [], { model });
    expect(result.intent).toEqual({
      intent: "ask",
      question: "Hvad besluttede vi om forebyggelse af ekstremisme i 2026?",
    });
    const citations = result.events.find((event) => event.event === "citations");
    expect(citations?.event === "citations" && citations.data.citations[0]?.cardId).toBe(
      "bilag-2026-04",
    );
    expect(result.message.state?.initiativeId).toBe("bilag-2026-04");
  });
});

describe("replyPieces", () => {
  it("cuts a reply into pieces that join back to it", () => {
    const reply =
      'Her er et udkast til den faglige vurdering af «Forebyggelse af ekstremisme og radikalisering» (version 1).\nSig "gør den kortere".';
    const pieces = replyPieces(reply, 20);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join("")).toBe(reply);
    expect(replyPieces("")).toEqual([]);
  });
});

describe("conversation state", () => {
  it("is read from the latest assistant message", async () => {
    const store = createMemoryConversationStore();
    const history: ConversationMessage[] = [];
    await turn("lav et udkast til nr. 14", history);
    for (const message of history) await store.append(message);
    const stored = await store.get("c1");
    expect(stored?.messages.at(-1)?.state).toMatchObject({
      initiativeId: "bilag-2026-14",
      pending: { initiativeId: "bilag-2026-14", notes: [] },
    });
  });
});
