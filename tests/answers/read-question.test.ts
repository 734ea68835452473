import { describe, expect, it } from "vitest";
import { readQuestion, readQuestionYear } from "../../src/answers/read-question.ts";

const now = () => new Date("2025-05-01T12:00:00Z");

describe("readQuestion", () => {
  it("reads the year in Danish and English phrasings", () => {
    expect(readQuestionYear("Hvad besluttede vi om TechBBQ i 2023?")).toBe(2023);
    expect(readQuestionYear("Blev Støtte til TechBBQ videreført i 2024-bilaget?")).toBe(2024);
    expect(readQuestionYear("Hvad står der i bilag 2026 om Sabaah?")).toBe(2026);
    expect(readQuestionYear("What did we decide about TechBBQ in 2023?")).toBe(2023);
    expect(readQuestionYear("What does the 2024 annex say about veterans?")).toBe(2024);
    expect(readQuestionYear("Hvad besluttede vi sidste år om ekstremisme?", now())).toBe(2024);
    expect(readQuestionYear("What did we decide last year about extremism?", now())).toBe(2024);
    expect(readQuestionYear("Hvad besluttede vi i år?", now())).toBe(2025);
  });

  it("does not take a money period or an age for the annex year", () => {
    expect(readQuestionYear("Hvor meget er foreslået i 2027-2030 til Sabaah?")).toBeUndefined();
    expect(readQuestionYear("kontanthjælpsmodtagere over 30 år")).toBeUndefined();
    expect(readQuestionYear("Hvad besluttede vi om ekstremisme?")).toBeUndefined();
  });

  it("strips question words and keeps the initiative words (Danish)", () => {
    const read = readQuestion(
      "Hvad besluttede vi om forebyggelse af ekstremisme og radikalisering i 2026?",
      { now },
    );
    expect(read).toMatchObject({
      year: 2026,
      language: "da",
      intent: "decision",
      query: "forebyggelse ekstremisme radikalisering",
    });
    expect(readQuestion("Blev Projekt Trædesten videreført?").words).toEqual([
      "Projekt",
      "Trædesten",
    ]);
    expect(readQuestion("Hvor mange penge fik Sabaah?")).toMatchObject({
      intent: "money",
      words: ["Sabaah"],
    });
  });

  it("strips question words and keeps the initiative words (English)", () => {
    const read = readQuestion("Why was the rehabilitation team meetings grant stopped?");
    expect(read).toMatchObject({ language: "en", intent: "reason", asksAboutStop: true });
    expect(read.words).toEqual(["rehabilitation", "team", "meetings"]);
    expect(readQuestion("How much did TechBBQ get in 2024?")).toMatchObject({
      year: 2024,
      intent: "money",
      words: ["TechBBQ"],
    });
    expect(readQuestion("What did we decide about the metro?").words).toEqual(["metro"]);
  });

  it("keeps possessives and hyphenated words whole", () => {
    expect(readQuestion("Hvad fik TechBBQ's iværksætterprogram?").words).toEqual([
      "TechBBQ",
      "iværksætterprogram",
    ]);
    expect(readQuestion("peer-to-peer indsats for borgere med handicap").words).toEqual([
      "peer-to-peer",
      "indsats",
      "borgere",
      "handicap",
    ]);
  });
});
