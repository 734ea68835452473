import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { missingField } from "../../src/chat/budget-note-intent.ts";
import { readBudgetNoteAnswer, readBudgetNoteMessage } from "../../src/chat/read-budget-note.ts";
import { AREAS } from "../../src/domain/index.ts";
import { formatDanishAmount, formatPeriod } from "../../src/money/index.ts";
import { routeIntent } from "../../src/chat/route-intent.ts";

describe("routeIntent: budget notes", () => {
  it("reads a Danish command with title, yearly amounts, area and price level", () => {
    const intent = routeIntent(
      "Lav et budgetnotat om Mentorforløb for unge ledige med 2,5 mio. kr. årligt på service i 2027-2029 (2027 p/l)",
    );
    expect(intent).toEqual({
      intent: "budget_note",
      reading: {
        title: "Mentorforløb for unge ledige",
        area: "service",
        priceLevel: 2027,
        lines: [
          {
            area: "service",
            amounts: { "2027": 2_500_000, "2028": 2_500_000, "2029": 2_500_000 },
          },
        ],
      },
    });
    if (intent.intent !== "budget_note") throw new Error("not a budget note");
    expect(missingField(intent.reading)).toBe("purpose");
  });

  it("reads an English command with a quoted title and amounts per single year", () => {
    const intent = routeIntent(
      'Draft a budget note "Jobcamps i ferien": 400.000 kr. i 2027 og 600.000 kr. i 2028 på indsatsområdet, BIU, bevilling 35.10',
    );
    expect(intent).toMatchObject({
      intent: "budget_note",
      reading: {
        title: "Jobcamps i ferien",
        committee: "BIU",
        appropriation: "35.10",
        lines: [{ area: "indsats", amounts: { "2027": 400_000, "2028": 600_000 } }],
      },
    });
  });

  it("takes a bare command and leaves every piece missing, title first", () => {
    for (const message of [
      "lav et budgetnotat",
      "skriv et nyt budgetnotat",
      "write a budget note",
    ]) {
      const intent = routeIntent(message);
      expect(intent).toEqual({ intent: "budget_note", reading: {} });
      if (intent.intent === "budget_note") expect(missingField(intent.reading)).toBe("title");
    }
  });

  it("keeps a purpose after 'formål:' as points", () => {
    const intent = routeIntent(
      "lav et budgetnotat om Sprogkurser. Formål: flere i job; kortere ventetid",
    );
    expect(intent).toMatchObject({
      intent: "budget_note",
      reading: { title: "Sprogkurser", purpose: ["flere i job", "kortere ventetid"] },
    });
  });

  it("does not place a total over several years, and says so", () => {
    const intent = routeIntent(
      "lav et budgetnotat om Sprogkurser med 4 mio. kr. samlet i 2027-2030",
    );
    expect(intent).toMatchObject({ intent: "budget_note", reading: { unplaced: ["4 mio. kr."] } });
    if (intent.intent === "budget_note") expect(intent.reading.lines).toBeUndefined();
  });

  it("still reads questions about budget notes as questions", () => {
    expect(routeIntent("Hvad står der i budgetnotatet om jobcamps?").intent).toBe("ask");
    expect(routeIntent("lav et udkast til nr. 4, uændret").intent).toBe("draft");
    expect(routeIntent("Lav en oversigt over hvad budgetnotaterne siger om jobcamps").intent).toBe(
      "ask",
    );
    expect(routeIntent("Budgetnotatet om jobcamps, hvad kostede det").intent).toBe("ask");
    for (const message of [
      "udkast til et budgetnotat om Sprogkurser",
      "nyt budgetnotat",
      "lav mig et nyt udkast til et budgetnotat",
      "please prepare a new budget note",
    ])
      expect(routeIntent(message).intent, message).toBe("budget_note");
  });

  it("reads follow-ups as answers while a budget note is under way", () => {
    const context = { awaitingBudgetNote: true };
    expect(routeIntent("Jobcamps i ferien", context)).toEqual({
      intent: "budget_note",
      reading: {},
      answer: "Jobcamps i ferien",
    });
    expect(routeIntent("BIU", context)).toMatchObject({ intent: "budget_note", answer: "BIU" });
    expect(routeIntent("annuller", context)).toEqual({
      intent: "budget_note",
      reading: {},
      cancel: true,
    });
    expect(routeIntent("Hvad besluttede vi om TechBBQ i 2023?", context).intent).toBe("ask");
    expect(routeIntent("lav et udkast til nr. 4, uændret", context).intent).toBe("draft");
    /* Without the context the same words are not a budget note. */
    expect(routeIntent("BIU").intent).not.toBe("budget_note");
  });
});

describe("readBudgetNoteAnswer", () => {
  it("reads each awaited piece from a short answer", () => {
    expect(readBudgetNoteAnswer("area", "indsats")).toMatchObject({ area: "indsats" });
    expect(readBudgetNoteAnswer("priceLevel", "2027")).toMatchObject({ priceLevel: 2027 });
    expect(readBudgetNoteAnswer("priceLevel", "2028 p/l")).toMatchObject({ priceLevel: 2028 });
    expect(readBudgetNoteAnswer("committee", "buu")).toMatchObject({ committee: "BUU" });
    expect(readBudgetNoteAnswer("appropriation", "35.10")).toMatchObject({
      appropriation: "35.10",
    });
    expect(readBudgetNoteAnswer("lines", "1 mio. kr. i 2027 og 1,5 mio. kr. i 2028")).toMatchObject(
      { lines: [{ amounts: { "2027": 1_000_000, "2028": 1_500_000 } }] },
    );
    expect(readBudgetNoteAnswer("lines", "et par millioner")).toEqual({});
    expect(readBudgetNoteAnswer("title", "ok")).toEqual({});
  });
});

describe("readBudgetNoteMessage: amounts through the money grammar", () => {
  it("reads back every yearly amount the money formatter writes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 2025, max: 2032 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(...AREAS),
        (tenths, first, count, area) => {
          const kroner = tenths * 100_000;
          const years = Array.from({ length: count }, (_, index) => first + index);
          const written = `${formatDanishAmount(kroner)}${count > 1 ? " årligt" : ""}`;
          const message = `lav et budgetnotat om Testindsats med ${written} på ${area} i ${formatPeriod(years)}`;
          const reading = readBudgetNoteMessage(message);
          expect(reading.title).toBe("Testindsats");
          expect(reading.lines).toEqual([
            { area, amounts: Object.fromEntries(years.map((year) => [String(year), kroner])) },
          ]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
