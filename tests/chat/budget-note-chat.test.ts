/** The chat route drafts a budget note: "lav et budgetnotat", the follow-up questions, the drafted note. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUDGET_NOTE_QUESTIONS } from "../../src/chat/budget-note-intent.ts";
import { createMemoryConversationStore } from "../../src/chat/conversation-store.ts";
import type { Draft } from "../../src/domain/index.ts";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import type { AssessmentWriter } from "../../src/drafting/ports.ts";
import { createApp } from "../../src/http/create-app.ts";
import { createMemoryDraftStore } from "../../src/runtime/workers/memory-draft-store.ts";
import { createMemoryAllocationSource } from "../../src/validation/allocation-source.ts";
import { validateText } from "../../src/validation/validate-text.ts";
import { createTempStore } from "../../evals/support/corpus-store.ts";

let temp: Awaited<ReturnType<typeof createTempStore>>;
beforeAll(async () => {
  temp = await createTempStore();
});
afterAll(async () => {
  await temp.dispose();
});

const unusedAssessmentWriter: AssessmentWriter = {
  id: "unused",
  prompt: { id: "unused", version: "1" },
  write: () => Promise.reject(new Error("the assessment writer is not used for budget notes")),
};

function buildApp() {
  const drafts = createMemoryDraftStore();
  const app = createApp({
    store: temp.store,
    embedder: temp.embedder,
    allocations: createMemoryAllocationSource([]),
    conversations: createMemoryConversationStore(),
    drafting: {
      drafts,
      assessmentWriter: unusedAssessmentWriter,
      budgetNoteWriter: createOfflineBudgetNoteWriter(),
    },
    log: () => undefined,
  });
  return { app, drafts };
}

type Frame = { event: string; data: unknown };

function parseFrames(body: string): Frame[] {
  return body
    .split(/\n\n/u)
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      const event =
        lines.find((line) => line.startsWith("event: "))?.slice("event: ".length) ?? "message";
      const data = lines
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice("data: ".length))
        .join("\n");
      return { event, data: JSON.parse(data) as unknown };
    });
}

async function chat(app: ReturnType<typeof buildApp>["app"], message: string, id?: string) {
  const response = await app.request("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, ...(id === undefined ? {} : { conversationId: id }) }),
  });
  expect(response.status).toBe(200);
  const frames = parseFrames(await response.text());
  const conversationId = (frames[0]?.data as { conversationId: string }).conversationId;
  const reply = frames
    .filter((frame) => frame.event === "delta")
    .map((frame) => (frame.data as { text: string }).text)
    .join("");
  const draft = (frames.find((frame) => frame.event === "draft")?.data as { draft: Draft })?.draft;
  return { conversationId, reply, draft, frames };
}

describe("chat: budget notes", () => {
  it("asks for each missing piece in turn, then drafts a note whose figures validate", async () => {
    const { app, drafts } = buildApp();
    const first = await chat(app, "lav et budgetnotat");
    const id = first.conversationId;
    expect(first.reply).toContain(BUDGET_NOTE_QUESTIONS.title);
    expect(first.draft).toBeUndefined();

    const steps: Array<[string, string]> = [
      ["Sommerjob til unge i udsatte boligområder", BUDGET_NOTE_QUESTIONS.purpose],
      [
        "Flere unge får erfaring fra et sommerjob; samarbejdet med de lokale virksomheder styrkes",
        BUDGET_NOTE_QUESTIONS.lines,
      ],
      /* Not an amount the money grammar can place: the same question again. */
      ["et par millioner", BUDGET_NOTE_QUESTIONS.lines],
      ["1,2 mio. kr. årligt i 2027-2029", BUDGET_NOTE_QUESTIONS.area],
      ["service", BUDGET_NOTE_QUESTIONS.priceLevel],
      ["2027", BUDGET_NOTE_QUESTIONS.committee],
      ["BIU", BUDGET_NOTE_QUESTIONS.appropriation],
    ];
    for (const [answer, question] of steps) {
      const turn = await chat(app, answer, id);
      expect(turn.reply, answer).toContain(question);
      expect(turn.draft).toBeUndefined();
    }
    expect(await drafts.list()).toHaveLength(0);

    const last = await chat(app, "35.10", id);
    const draft = last.draft;
    expect(draft?.kind).toBe("budget_note");
    expect(draft?.title).toBe("Sommerjob til unge i udsatte boligområder");
    expect(draft?.status).toBe("clean");
    expect(last.reply).toContain("budgetnotatet «Sommerjob til unge i udsatte boligområder»");
    expect(draft?.allocation?.lines).toEqual([
      {
        area: "service",
        label: "Sommerjob til unge i udsatte boligområder",
        committee: "BIU",
        appropriation: "35.10",
        amounts: { "2027": 1_200_000, "2028": 1_200_000, "2029": 1_200_000 },
      },
    ]);
    expect(draft?.allocation?.priceLevel).toBe(2027);
    /* The agreement text's figure checks against the allocation, independently of the draft's own validation. */
    const agreement = draft?.sections.find((section) => section.key === "aftaletekst");
    expect(agreement?.text).toContain("[3,6] mio. kr. samlet på service i 2027-2029");
    if (agreement === undefined || draft?.allocation === undefined) throw new Error("no agreement");
    const checked = validateText(agreement.text, draft.allocation);
    expect(checked.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(checked.figures.some((figure) => figure.status === "ok")).toBe(true);
    const money = draft?.validation.figures.filter((figure) => figure.kind === "money") ?? [];
    expect(money.length).toBeGreaterThan(0);
    expect(money.every((figure) => figure.status === "ok")).toBe(true);
    expect(draft?.text).toContain("Flere unge får erfaring fra et sommerjob");

    /* The draft is kept, and the conversation's state no longer asks. */
    expect(await drafts.get(draft?.id ?? "")).toMatchObject({ id: draft?.id });
    const after = await chat(app, "BIU", id);
    expect(after.reply).not.toContain(BUDGET_NOTE_QUESTIONS.appropriation);
  });

  it("reads what an English command gives and asks only for the rest", async () => {
    const { app } = buildApp();
    const first = await chat(
      app,
      'draft a budget note "Jobcamps i ferien" with 400.000 kr. i 2027 og 600.000 kr. i 2028 på indsats (2027 p/l). Purpose: flere unge i uddannelse',
    );
    expect(first.reply).toContain(BUDGET_NOTE_QUESTIONS.committee);
    const second = await chat(app, "BIU, bevilling 35.10", first.conversationId);
    expect(second.draft?.allocation?.lines[0]?.amounts).toEqual({
      "2027": 400_000,
      "2028": 600_000,
    });
    expect(second.draft?.status).toBe("clean");
  });

  it("drops the note under way on 'annuller'", async () => {
    const { app } = buildApp();
    const first = await chat(app, "lav et budgetnotat om Sprogkurser");
    expect(first.reply).toContain(BUDGET_NOTE_QUESTIONS.purpose);
    const cancel = await chat(app, "annuller", first.conversationId);
    expect(cancel.reply).toContain("lagt budgetnotatet væk");
    const next = await chat(app, "Flere i job", first.conversationId);
    expect(next.reply).not.toContain(BUDGET_NOTE_QUESTIONS.lines);
  });
});
