import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerSchema, answerQuestion, type Answer } from "../../src/answers/answer-question.ts";
import { ChatCitationSchema } from "../../src/ports/conversation-store.ts";
import { extractDocumentText } from "../../src/import/extract-text.ts";
import { ingestUpload, type UploadResult } from "../../src/import/import-document.ts";
import { createTempStore } from "../../evals/support/corpus-store.ts";
import { createFakeLanguageModel } from "../support/fake-language-model.ts";
import { loadPromptLibrary } from "../../src/runtime/node/prompt-files.ts";

/** The project's prompt library (prompts/answer.v1.md for the model path). */
const prompts = await loadPromptLibrary(new URL("../../prompts", import.meta.url).pathname);

// A two-page annex in the 2026 card layout, one card per page, drawn with pdf-lib.

type Card = {
  title: string;
  number: number;
  content: string[];
  assessment: string[];
  expiring: string;
  proposed: string;
};

const CARDS: Card[] = [
  {
    title: "Mentorforløb for unge ledige",
    number: 1,
    content: ["Unge ledige får en mentor og et forløb", "i en virksomhed."],
    assessment: ["Forvaltningens faglige vurdering er, at", "indsatsen kan videreføres uændret."],
    expiring: "Med budget 2023 blev der afsat 2,0 mio. kr.",
    proposed: "Der foreslås 5,7 mio. kr. årligt (2027 p/l)",
  },
  {
    title: "Sprogcafé for nyankomne kvinder",
    number: 2,
    content: ["Nyankomne kvinder øver dansk i en sprogcafé", "med frivillige på biblioteket."],
    assessment: ["Forvaltningens faglige vurdering er, at", "sprogcaféen kan videreføres uændret."],
    expiring: "Med budget 2023 blev der afsat 1,1 mio. kr.",
    proposed: "Der foreslås 1,4 mio. kr. årligt (2027 p/l)",
  },
];

async function twoPagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const card of CARDS) {
    const page = doc.addPage([595, 842]);
    const draw = (lines: string[], x: number, top: number) =>
      lines.forEach(
        (line, index) =>
          line !== "" && page.drawText(line, { x, y: top - index * 14, size: 10, font }),
      );
    draw(["Københavns Kommune", "", card.title, "", `Nr. ${card.number}`], 50, 800);
    draw(
      [
        "Beskrivelse af udløb",
        "Indhold i indsatsen:",
        ...card.content,
        "",
        "Økonomi/ressourcer:",
        card.expiring,
      ],
      50,
      720,
    );
    draw(
      [
        "Faglig vurdering af videreførelse",
        "Indhold i justeret indsats:",
        ...card.assessment,
        "",
        "Økonomi/ressourcer:",
        card.proposed,
        "på service i 2027-2030.",
      ],
      310,
      720,
    );
  }
  return doc.save();
}

let pdfStore: Awaited<ReturnType<typeof createTempStore>>;
let textStore: Awaited<ReturnType<typeof createTempStore>>;
let pdf: Uint8Array;
let extractedText: string;
let upload: UploadResult;

beforeAll(async () => {
  [pdfStore, textStore] = await Promise.all([createTempStore(), createTempStore()]);
  pdf = await twoPagePdf();
  extractedText = (await extractDocumentText("bilag-2031.pdf", pdf)).text;
  upload = await ingestUpload("bilag-2031.pdf", pdf, {
    store: pdfStore.store,
    embedder: pdfStore.embedder,
  });
});
afterAll(async () => {
  await pdfStore?.dispose();
  await textStore?.dispose();
});

const now = () => new Date("2027-03-01T12:00:00Z");
const QUESTION_PAGE_2 = "Hvad besluttede vi om sprogcaféen for nyankomne kvinder?";
const QUESTION_PAGE_1 = "Hvad besluttede vi om mentorforløb for unge ledige?";

describe("citations name the page of an uploaded PDF", () => {
  it("keeps the PDF's page spans on the stored document, and a question about page 2 cites page 2", async () => {
    expect(upload.summary.files[0]).toMatchObject({
      status: "added",
      documentId: "bilag-2031",
      cards: 2,
    });
    expect(upload.pages?.map((page) => page.number)).toEqual([1, 2]);

    const [document] = await pdfStore.store.allDocuments();
    expect(document?.document.pages).toEqual(upload.pages);

    const answer = await answerQuestion(QUESTION_PAGE_2, { store: pdfStore.store, now });
    expect(answer.notFound).toBe(false);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(new Set(answer.citations.map((citation) => citation.cardId))).toEqual(
      new Set(["bilag-2031-02"]),
    );
    const source = (await pdfStore.store.sourceText("bilag-2031")) ?? "";
    const page2 = upload.pages?.[1];
    for (const citation of answer.citations) {
      expect(citation.page).toBe(2);
      expect(citation.start).toBeGreaterThanOrEqual(page2?.start ?? Infinity);
      expect(citation.start).toBeLessThan(page2?.end ?? -Infinity);
      expect(source.slice(citation.start, citation.end).length).toBeGreaterThan(0);
    }
    // The field is in the answer's schema and in the chat's citation schema.
    expect(AnswerSchema.parse(answer).citations.every((citation) => citation.page === 2)).toBe(
      true,
    );
    const [first] = answer.citations;
    expect(ChatCitationSchema.parse({ ...first }).page).toBe(2);

    const onPage1 = await answerQuestion(QUESTION_PAGE_1, { store: pdfStore.store, now });
    expect(onPage1.citations.length).toBeGreaterThan(0);
    expect(
      onPage1.citations.every(
        (citation) => citation.cardId === "bilag-2031-01" && citation.page === 1,
      ),
    ).toBe(true);
  });

  it("gives a text file no pages and its citations no page; the answer text is the PDF's", async () => {
    const upload = await ingestUpload("bilag-2031.txt", new TextEncoder().encode(extractedText), {
      store: textStore.store,
      embedder: textStore.embedder,
    });
    expect(upload.summary.files[0]).toMatchObject({
      status: "added",
      documentId: "bilag-2031",
      cards: 2,
    });
    const [document] = await textStore.store.allDocuments();
    expect(document?.document).not.toHaveProperty("pages");

    const fromText = await answerQuestion(QUESTION_PAGE_2, { store: textStore.store, now });
    expect(fromText.citations.length).toBeGreaterThan(0);
    for (const citation of fromText.citations) expect(citation).not.toHaveProperty("page");

    const fromPdf = await answerQuestion(QUESTION_PAGE_2, { store: pdfStore.store, now });
    expect(fromPdf.answer).toBe(fromText.answer);
    const withoutPage = (answer: Answer) =>
      answer.citations.map(({ page: _page, ...rest }) => rest);
    expect(withoutPage(fromPdf)).toEqual(withoutPage(fromText));
  });

  it("gives the model path's citations their page too", async () => {
    const model = createFakeLanguageModel({
      objects: [
        (call) => {
          const user = call.messages.find((message) => message.role === "user")?.content ?? "";
          const id = Number(/<passage id="(\d+)" kort="Sprogcafé/u.exec(user)?.[1] ?? 1);
          return { sentences: [{ text: "Sprogcaféen videreføres uændret.", citations: [id] }] };
        },
      ],
    });
    const answer = await answerQuestion(QUESTION_PAGE_2, {
      store: pdfStore.store,
      model,
      now,
      prompts,
    });
    expect(answer.answer).toBe("Sprogcaféen videreføres uændret. [1]");
    expect(answer.citations).toEqual([
      expect.objectContaining({ id: 1, cardId: "bilag-2031-02", page: 2 }),
    ]);
  });
});
