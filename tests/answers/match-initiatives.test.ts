import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTitleSimilarity, matchInitiatives } from "../../src/answers/match-initiatives.ts";
import { buildTimeline, listInitiatives } from "../../src/answers/timeline.ts";
import { createCorpusStore } from "../../evals/support/corpus-store.ts";

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
beforeAll(async () => {
  fixture = await createCorpusStore();
});
afterAll(async () => fixture.dispose());

/**
 * Every multi-card initiative on the sample corpus, each checked by hand against the cards:
 * - Grønne job: the 2023 card's four green activities (vejledning, matcharrangementer, …) are the 2026 card's "Masterclass", "signaturvirksomheder", "matcharrangementer".
 * - Opkvalificering grøn omstilling: 2023 "1,3 mio. kr. i servicemidler 2,5 mio. kr. i indsatsmidler"; 2026 "afsat 2,5 mio. årligt på indsats … og 1,3 mio. årligt på service".
 * - Fokuseret indsats for udsatte kontanthjælpsmodtagere: same title, both the "Flere skal med" low caseload.
 * - TechBBQ: the 2023 programme grant; the 2024 card continues it (1,6 mio. kr.).
 * - Bedre virksomhedspraktikker: 2024 "Indsatsen blev i 2023 finansieret af midler fra Overførselssagen 2022/23", the 2023 card's source.
 * - Rehabiliteringsmøder: 2024 "Justering af antal rehabiliteringsteammøder" (extra meetings each year), renamed in 2026
 *   "Revurdering af behov for rehabiliteringsmeder" (OCR: møder → meder), "ekstra midler til afholdelse af flere
 *   rehabiliteringsteammøder": joined on the distinctive word, listed for a reviewer to confirm.
 */
const EXPECTED_GROUPS = [
  { id: "groenne-job-groenne-kompetencer", cards: ["bilag-2023-09", "bilag-2026-05"] },
  { id: "opkvalificering-maalrettet-groen-omstilling", cards: ["bilag-2023-14", "bilag-2026-10"] },
  {
    id: "fokuseret-indsats-for-udsatte-kontanthjaelpsmodtagere",
    cards: ["bilag-2023-05", "bilag-2024-05"],
  },
  { id: "stoette-til-techbbq", cards: ["bilag-2023-10", "bilag-2024-06"] },
  { id: "bedre-virksomhedspraktikker", cards: ["bilag-2023-16", "bilag-2024-09"] },
  {
    id: "revurdering-af-behov-for-rehabiliteringsmeder",
    cards: ["bilag-2024-03", "bilag-2026-13"],
  },
];

describe("matchInitiatives", () => {
  it("finds exactly the hand-checked groups on the sample corpus", async () => {
    const initiatives = await listInitiatives(fixture.store);
    const groups = initiatives
      .filter((initiative) => initiative.cards.length > 1)
      .map(({ id, cards }) => ({ id, cards }));
    expect(groups.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...EXPECTED_GROUPS].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(initiatives.reduce((sum, initiative) => sum + initiative.cards.length, 0)).toBe(67);
    expect(new Set(initiatives.map((initiative) => initiative.id)).size).toBe(initiatives.length);
  });

  it("keeps apart look-alike titles that are different grants", async () => {
    const initiatives = await listInitiatives(fixture.store);
    const groupOf = (cardId: string) =>
      initiatives.find((initiative) => initiative.cards.includes(cardId))?.id;
    // Different 2021 results (63 unge vs 235 uddannelsesaftaler): two grants.
    expect(groupOf("bilag-2023-26")).not.toBe(groupOf("bilag-2024-08"));
    // BI07 (unge under 30) is not the 2022 grant for kontanthjælpsmodtagere over 30.
    expect(groupOf("bi07-2023")).not.toBe(groupOf("bilag-2024-05"));
    // Two different veteran grants.
    expect(groupOf("bilag-2023-02")).not.toBe(groupOf("bilag-2024-02"));
  });

  it("names the initiative after the latest title and lists years ascending", async () => {
    const techBbq = (await listInitiatives(fixture.store)).find(
      (initiative) => initiative.id === "stoette-til-techbbq",
    );
    expect(techBbq).toEqual({
      id: "stoette-til-techbbq",
      title: "Støtte til TechBBQ",
      years: [2023, 2024],
      cards: ["bilag-2023-10", "bilag-2024-06"],
    });
  });

  it("never joins two cards of one document and scores titles symmetrically", () => {
    const cards = [
      { id: "a-1", documentId: "a", title: "Bedre virksomhedspraktikker", year: 2023 },
      { id: "a-2", documentId: "a", title: "Bedre virksomhedspraktikker", year: 2023 },
      { id: "b-1", documentId: "b", title: "Bedre virksomhedspraktikker", year: 2024 },
    ];
    const groups = matchInitiatives(cards);
    expect(groups.map((group) => group.cards.length).sort()).toEqual([1, 2]);
    const similarity = createTitleSimilarity([
      "Støtte til TechBBQ",
      "Støtte til TechBBQ's iværksætterprogram",
      "Fritidsjob til unge",
    ]);
    expect(similarity("Støtte til TechBBQ", "Støtte til TechBBQ's iværksætterprogram")).toBeCloseTo(
      similarity("Støtte til TechBBQ's iværksætterprogram", "Støtte til TechBBQ"),
    );
  });
});

describe("buildTimeline", () => {
  it("gives TechBBQ year by year with decision, quote span and money", async () => {
    const timeline = await buildTimeline(fixture.store, "stoette-til-techbbq");
    expect(timeline?.entries.map((entry) => [entry.year, entry.cardId, entry.decision])).toEqual([
      [2023, "bilag-2023-10", "afventer"],
      [2024, "bilag-2024-06", "med_justeringer"],
    ]);
    const source2023 = await fixture.store.sourceText("bilag-2023");
    const source2024 = await fixture.store.sourceText("bilag-2024");
    const [first, second] = timeline?.entries ?? [];
    expect(
      first?.money.map((money) => [money.text, money.amount.min, money.area, money.section]),
    ).toEqual([["0,5 mio. kr.", 500_000, "service", "grant"]]);
    expect(second?.money.map((money) => [money.text, money.amount.min])).toEqual([
      ["1,6 mio. kr.", 1_600_000],
    ]);
    expect(second?.quote?.text).toContain("indsatsen godt kan videreføres");
    expect(source2024?.slice(second?.quote?.start, second?.quote?.end).replace(/\s+/g, " ")).toBe(
      second?.quote?.text,
    );
    expect(source2023?.slice(first?.money[0]?.start, first?.money[0]?.end)).toBe("0,5 mio. kr.");
  });

  it("gives the 2026 proposal money of an OCR card in the raw source", async () => {
    const timeline = await buildTimeline(fixture.store, "groenne-job-groenne-kompetencer");
    const latest = timeline?.entries.at(-1);
    expect(latest).toMatchObject({
      year: 2026,
      cardId: "bilag-2026-05",
      decision: "med_justeringer",
    });
    const proposed = latest?.money.filter((money) => money.section === "proposed_money");
    expect(proposed?.map((money) => [money.amount.min, money.basis, money.years])).toEqual([
      [200_000, "per_year", [2027, 2028, 2029, 2030]],
    ]);
    const source = await fixture.store.sourceText("bilag-2026");
    expect(source?.slice(proposed?.[0]?.start, proposed?.[0]?.end)).toBe("0,2 mio. kr.");
  });

  it("is undefined for an unknown initiative", async () => {
    expect(await buildTimeline(fixture.store, "no-such-initiative")).toBeUndefined();
  });
});
