import { readFileSync, readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Allocation, Card, CorpusDocument, Decision, ParsedDocument, Section, SectionKind } from "../../src/domain/index.ts";
import { AllocationSchema } from "../../src/domain/index.ts";
import { extractCardFigures, readDocument } from "../../src/corpus/read-document.ts";
import {
  AllocationOverridesSchema,
  QUOTE_GAP,
  applyAllocationOverride,
  proposeAllocation,
  readSectionMoney,
  serializeAllocation,
} from "../../src/corpus/propose-allocation.ts";
import { agreesAtPrecision } from "../../src/money/index.ts";
import { readBundledCorpus } from "../../src/runtime/node/corpus-files.ts";
import { annexDocument2026, CORPUS } from "../support/annex-document.ts";

const ALLOCATIONS = new URL("allocations/", CORPUS);
const RAW_NAME = "bilag-2026-udloebende-bevillinger.txt";

const committed = readdirSync(ALLOCATIONS)
  .filter((name) => name.endsWith(".json") && name !== "overrides.json")
  .sort();
const overrides = AllocationOverridesSchema.parse(JSON.parse(readFileSync(new URL("overrides.json", ALLOCATIONS), "utf8")));
const review = readFileSync(new URL("REVIEW.md", ALLOCATIONS), "utf8");

/** Rows of the review table: `| Nr. 4 | quote | file or none … | ✓ | notes |`. */
const reviewRows = review
  .split("\n")
  .filter((line) => /^\|\s*Nr\.\s*\d+\s*\|/u.test(line))
  .map((line) => {
    const cells = line.split(/(?<!\\)\|/u).slice(1, -1).map((cell) => cell.trim());
    return { number: Number(/\d+/u.exec(cells[0] ?? "")?.[0]), file: /bilag-2026-\d\d\.json/u.exec(cells[2] ?? "")?.[0], reviewed: cells[3] ?? "" };
  });

let raw = "";
let parsed: ParsedDocument;
beforeAll(async () => {
  const files = await readBundledCorpus(new URL(".", CORPUS).pathname);
  const file = files.find((candidate) => candidate.name === RAW_NAME);
  if (file === undefined) throw new Error(`${RAW_NAME} is not in the manifest`);
  raw = new TextDecoder().decode(file.bytes);
  parsed = await readDocument(file.name, file.bytes, file.entry);
}, 60_000);

function readCommitted(name: string): { text: string; allocation: Allocation } {
  const text = readFileSync(new URL(name, ALLOCATIONS), "utf8");
  return { text, allocation: AllocationSchema.parse(JSON.parse(text)) };
}

function cardOf(id: string): Card {
  const card = parsed.cards.find((candidate) => candidate.id === id);
  if (card === undefined) throw new Error(`no card ${id}`);
  return card;
}

describe("committed allocation files (corpus/allocations)", () => {
  it("every file parses with AllocationSchema and is named after its card", () => {
    expect(committed.length).toBeGreaterThan(0);
    for (const name of committed) {
      const { allocation } = readCommitted(name);
      expect(`${allocation.cardId}.json`).toBe(name);
      expect(allocation.source?.documentId).toBe("bilag-2026");
    }
  });

  it("the review has one reviewed row per 2026 card, and the files are exactly the cards it says propose money", () => {
    expect(reviewRows.map((row) => row.number)).toEqual(Array.from({ length: 27 }, (_, index) => index + 1));
    for (const row of reviewRows) expect(row.reviewed, `Nr. ${row.number}`).toContain("✓");
    const named = reviewRows.flatMap((row) => (row.file === undefined ? [] : [row.file])).sort();
    expect(committed).toEqual(named);
    for (const row of reviewRows) if (row.file !== undefined) expect(row.file).toBe(`bilag-2026-${String(row.number).padStart(2, "0")}.json`);
  });

  it("every line's yearly amounts agree with a money figure of the card's proposal text", () => {
    for (const name of committed) {
      const { allocation } = readCommitted(name);
      const card = cardOf(allocation.cardId ?? "");
      const proposal = card.sections.find((section) => section.kind === "proposed_money");
      expect(proposal, name).toBeDefined();
      if (proposal === undefined) continue;
      const written = readSectionMoney(proposal).figures.flatMap((figure) =>
        figure.amount === undefined || figure.unit === undefined ? [] : [{ amount: figure.amount, unit: figure.unit, decimals: figure.decimals ?? 0 }],
      );
      for (const line of allocation.lines) {
        for (const [year, kroner] of Object.entries(line.amounts)) {
          expect(written.some((figure) => agreesAtPrecision(kroner, figure)), `${name} ${line.area} ${year}: ${kroner}`).toBe(true);
        }
      }
    }
  });

  it("the quoted proposal sentence stands at source.start..end in the raw file, inside the card", () => {
    for (const name of committed) {
      const { allocation } = readCommitted(name);
      const source = allocation.source;
      expect(source, name).toBeDefined();
      if (source === undefined) continue;
      const card = cardOf(allocation.cardId ?? "");
      expect(source.start).toBeGreaterThanOrEqual(card.span.start);
      expect(source.end).toBeLessThanOrEqual(card.span.end);
      const pieces = source.quote.split(QUOTE_GAP);
      const at = raw.slice(source.start, source.end);
      expect(at.startsWith(pieces[0] ?? "\u0000"), name).toBe(true);
      expect(at.endsWith(pieces[pieces.length - 1] ?? "\u0000"), name).toBe(true);
      let from = 0;
      for (const piece of pieces) {
        const found = at.indexOf(piece, from);
        expect(found, `${name}: "${piece}"`).toBeGreaterThanOrEqual(0);
        from = found + piece.length;
      }
      if (pieces.length === 1) expect(at).toBe(source.quote);
    }
  });

  it("the quote's card starts at its \"Nr. N\" line before the quote", () => {
    for (const name of committed) {
      const { allocation } = readCommitted(name);
      const card = cardOf(allocation.cardId ?? "");
      const before = raw.slice(card.span.start, allocation.source?.start ?? 0);
      expect(before, name).toMatch(/Nr\S*\s*\S+/u);
    }
  });

  it("regenerating (proposeAllocation + overrides.json) gives exactly the committed files", () => {
    const generated = new Map<string, string>();
    for (const card of parsed.cards) {
      const allocation = applyAllocationOverride(proposeAllocation(card, parsed.document, { sourceText: raw }).allocation, overrides[card.id]);
      if (allocation !== undefined) generated.set(`${card.id}.json`, serializeAllocation(AllocationSchema.parse(allocation)));
    }
    expect([...generated.keys()].sort()).toEqual(committed);
    for (const name of committed) expect(generated.get(name), name).toBe(readCommitted(name).text);
  });

  it("every override names a 2026 card and says why", () => {
    for (const [id, override] of Object.entries(overrides)) {
      expect(parsed.cards.some((card) => card.id === id), id).toBe(true);
      expect(override.reason.length).toBeGreaterThan(20);
      expect(review, `REVIEW.md mentions the override of ${id}`).toContain(id);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// proposeAllocation on small hand-made cards.

const DOCUMENT: CorpusDocument = annexDocument2026("bilag-2026.txt");

type HandCard = { card: Card; source: string };

/** A card whose sections stand one after another in a made-up raw source. */
function handCard(sections: Partial<Record<SectionKind, string>>, decision: Decision = "uændret"): HandCard {
  let source = "Nr. 1\nTest af indsats\n\n";
  const built: Section[] = [];
  for (const [kind, text] of Object.entries(sections) as Array<[SectionKind, string]>) {
    const heading = "Økonomi/ressourcer:\n";
    const start = source.length;
    source += heading;
    const bodyStart = source.length;
    source += `${text}\n\n`;
    built.push({ kind, heading: heading.trim(), text, span: { start, end: bodyStart + text.length }, offsets: [[0, bodyStart]], half: kind === "expiring_money" ? "udløb" : "vurdering" });
  }
  const card: Card = { id: "bilag-2026-01", documentId: "bilag-2026", number: 1, ordinal: 1, title: "Test af indsats", sections: built, decision, flags: [], span: { start: 0, end: source.length }, figures: [] };
  return { card: { ...card, figures: extractCardFigures(card) }, source };
}

function propose(hand: HandCard) {
  return proposeAllocation(hand.card, DOCUMENT, { sourceText: hand.source });
}

describe("proposeAllocation", () => {
  it("spreads a per-year figure over its period, with price level, recipient and source", () => {
    const hand = handCard({ proposed_money: "4,5 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030 til opsporing." });
    const { allocation, notes } = propose(hand);
    expect(notes).toEqual([]);
    expect(allocation).toEqual({
      initiative: "Test af indsats",
      priceLevel: 2027,
      lines: [{ area: "service", recipient: "BIF", amounts: { "2027": 4_500_000, "2028": 4_500_000, "2029": 4_500_000, "2030": 4_500_000 }, label: "opsporing" }],
      cardId: "bilag-2026-01",
      source: { documentId: "bilag-2026", start: hand.source.indexOf("4,5"), end: hand.source.indexOf("opsporing.") + "opsporing.".length, quote: "4,5 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030 til opsporing." },
    });
  });

  it("reads a period named after the last figure for every figure of the sentence", () => {
    const { allocation } = propose(handCard({ proposed_money: "1,1 mio. kr. årligt (2027 p/l) på indsats og 0,6 mio. kr. årligt på service i 2027-2030." }));
    expect(allocation?.lines.map((line) => [line.area, Object.keys(line.amounts)])).toEqual([
      ["indsats", ["2027", "2028", "2029", "2030"]],
      ["service", ["2027", "2028", "2029", "2030"]],
    ]);
  });

  it("turns a fordelt-på split into one line per recipient, not the whole", () => {
    const { allocation, notes } = propose(handCard({ proposed_money: "3,1 mio. kr. årligt (2027 p/l) på service i 2027-2030, fordelt på 2,3 mio. kr. til BIF og 0,8 mio. kr. til SOF." }));
    expect(notes).toEqual([]);
    expect(allocation?.lines).toEqual([
      { area: "service", recipient: "BIF", amounts: { "2027": 2_300_000, "2028": 2_300_000, "2029": 2_300_000, "2030": 2_300_000 } },
      { area: "service", recipient: "SOF", amounts: { "2027": 800_000, "2028": 800_000, "2029": 800_000, "2030": 800_000 } },
    ]);
  });

  it("turns a heraf split into one line per area, also where the sentence splitter cut before heraf", () => {
    const { allocation } = propose(handCard({ proposed_money: "11 mio. kr. (2027 p/l) i 2027 heraf 9,5 mio. kr. til aktivering på\nindsats og 1,4 mio. kr. på service til frikøb af to medarbejdere." }));
    expect(allocation?.priceLevel).toBe(2027);
    expect(allocation?.lines).toEqual([
      { area: "indsats", amounts: { "2027": 9_500_000 }, label: "aktivering" },
      { area: "service", amounts: { "2027": 1_400_000 }, label: "frikøb af to medarbejdere" },
    ]);
  });

  it("notes parts that do not add up to the whole", () => {
    const { allocation, notes } = propose(handCard({ proposed_money: "3,0 mio. kr. årligt (2027 p/l) på service i 2027 og 2028, heraf 2,0 mio. kr. til BIF og 0,5 mio. kr. til SOF." }));
    expect(allocation?.lines).toHaveLength(2);
    expect(notes.join(" ")).toMatch(/add up to 2,5 mio\. kr\., not 3,0 mio\. kr\./u);
  });

  it("gives no allocation to a card that stops, and says why", () => {
    const { allocation, notes } = propose(handCard({ assessment: "Forvaltningens faglige vurdering er, at indsatsen ikke videreføres.", proposed_money: "" }, "ophører"));
    expect(allocation).toBeUndefined();
    expect(notes.join(" ")).toMatch(/ophører/u);
  });

  it("gives no allocation to a card whose proposal names no money", () => {
    const { allocation, notes } = propose(handCard({ assessment: "Afventer afklaring", proposed_money: "" }, "afventer"));
    expect(allocation).toBeUndefined();
    expect(notes.join(" ")).toMatch(/afventer|no money/iu);
  });

  it("does not split a total over a period unless the text says so", () => {
    const unsplit = propose(handCard({ proposed_money: "10 mio. kr. samlet på service i 2027-2030." }));
    expect(unsplit.allocation).toBeUndefined();
    expect(unsplit.notes.join(" ")).toMatch(/total over 2027-2030 and the text does not say how it is split/u);
    const even = propose(handCard({ proposed_money: "10 mio. kr. samlet på service i 2027-2030, fordelt ligeligt over årene." }));
    expect(even.allocation?.lines).toEqual([{ area: "service", amounts: { "2027": 2_500_000, "2028": 2_500_000, "2029": 2_500_000, "2030": 2_500_000 } }]);
    const odd = propose(handCard({ proposed_money: "1.000.000 kr. samlet på service i 2027-2029, jævnt fordelt." }));
    expect(Object.values(odd.allocation?.lines[0]?.amounts ?? {}).reduce((sum, value) => sum + value, 0)).toBe(1_000_000);
  });

  it("reads the assessment when the proposal is empty, and only money for the budget year on", () => {
    const { allocation, notes } = propose(
      handCard({
        expiring_money: "Med budget 2023 blev der afsat 1,0 mio. kr. årligt på service i 2023-2026.",
        assessment: "Indsatsen har i 2025 kostet 0,9 mio. kr. på service i 2025. Forvaltningen foreslår, at der afsættes 2,0 mio. kr. årligt på service i 2027 og 2028.",
        proposed_money: "",
      }),
    );
    expect(allocation?.lines).toEqual([{ area: "service", amounts: { "2027": 2_000_000, "2028": 2_000_000 } }]);
    expect(notes.join(" ")).toMatch(/read from the assessment/u);
  });

  it("records a figure with no period for the budget year only, and takes a missing area from the expiring grant", () => {
    const { allocation, notes } = propose(handCard({ expiring_money: "BIU har inden for egen ramme afsat 2,0 mio. kr. på indsats i 2026.", proposed_money: "2,2 mio. kr. årligt (2027 p/l)." }));
    expect(allocation?.lines).toEqual([{ area: "indsats", amounts: { "2027": 2_200_000 } }]);
    expect(notes.join(" ")).toMatch(/no period.*2027 only.*taken from the expiring grant \(indsats\)/su);
  });

  it("drops a line stated for years before the budget year, with a note", () => {
    const { allocation, notes } = propose(handCard({ proposed_money: "2,8 mio. kr. årligt (2027 p/l) på indsats i 2027-2030 og 1,4 mio. kr. årligt på service i 2024 - 2026." }));
    expect(allocation?.lines.map((line) => line.area)).toEqual(["indsats"]);
    expect(notes.join(" ")).toMatch(/2024-2026, before budget year 2027/u);
  });

  it("puts a committee named as receiver in committee, not recipient", () => {
    const { allocation } = propose(handCard({ proposed_money: "1,0 mio. kr. årligt (2027 p/l) til BIU på service i 2027 og 2028." }));
    expect(allocation?.lines).toEqual([{ area: "service", amounts: { "2027": 1_000_000, "2028": 1_000_000 }, committee: "BIU" }]);
  });

  it("reads OCR-glued areas, the slash-first price level and a decimal point", () => {
    const { allocation, notes } = propose(handCard({ proposed_money: "2.8 mio. kr. årligt (2027/pl) påservice i 2027-2028 og 4,8 mio. kr. årligt på overfersleri 2027-2028." }));
    expect(allocation?.priceLevel).toBe(2027);
    expect(allocation?.lines).toEqual([
      { area: "service", amounts: { "2027": 2_800_000, "2028": 2_800_000 } },
      { area: "overførsler", amounts: { "2027": 4_800_000, "2028": 4_800_000 } },
    ]);
    expect(notes.join(" ")).not.toMatch(/OCR/u);
  });

  it("quotes a two-column sentence in its raw pieces", () => {
    const source = "Nr. 1\nØkonomi/ressourcer:\nvenstre spalte. 2,4 mio. kr. årligt (2027 p/l) på service i 2027-2030, og 6,7 mio.\nVenstre spalte fortsætter her kr. årligt på indsats i 2027-2030.\n";
    const text = "2,4 mio. kr. årligt (2027 p/l) på service i 2027-2030, og 6,7 mio.\nkr. årligt på indsats i 2027-2030.";
    const firstStart = source.indexOf("2,4");
    const cut = text.indexOf("\nkr.");
    const secondStart = source.indexOf("kr. årligt på indsats");
    const section: Section = { kind: "proposed_money", heading: "Økonomi/ressourcer", text, span: { start: 6, end: source.length - 1 }, offsets: [[0, firstStart], [cut + 1, secondStart]], half: "vurdering" };
    const card: Card = { id: "bilag-2026-01", documentId: "bilag-2026", number: 1, ordinal: 1, title: "To spalter", sections: [section], decision: "uændret", flags: ["two_column"], span: { start: 0, end: source.length }, figures: [] };
    const { allocation } = proposeAllocation(card, DOCUMENT, { sourceText: source });
    expect(allocation?.lines.map((line) => line.area)).toEqual(["service", "indsats"]);
    expect(allocation?.source?.quote).toBe(`2,4 mio. kr. årligt (2027 p/l) på service i 2027-2030, og 6,7 mio.${QUOTE_GAP}kr. årligt på indsats i 2027-2030.`);
    expect(allocation?.source?.start).toBe(firstStart);
    expect(allocation?.source?.end).toBe(source.indexOf("2027-2030.\n", secondStart) + "2027-2030.".length);
  });
});

describe("reading the OCR as written, and overrides", () => {
  it("reads glued words, price level and decimal point with the money grammar alone, with raw spans as written", () => {
    const input = "0,5 mio. kr. arligt (2027/pl) paservicei 2027-2030 og 2.8 mio. kr. på\nindsats.";
    const hand = handCard({ proposed_money: input });
    const section = hand.card.sections[0];
    if (section === undefined) throw new Error("no section");
    const figures = readSectionMoney(section).figures;
    expect(figures.map((figure) => [figure.text, figure.amount?.min, figure.area, figure.priceLevel])).toEqual([
      ["0,5 mio. kr.", 500_000, "service", 2027],
      ["2.8 mio. kr.", 2_800_000, "indsats", 2027],
    ]);
    for (const figure of figures) expect(hand.source.slice(figure.raw.start, figure.raw.end)).toBe(figure.text);
  });

  it("applies a patch, a replacement and a removal", () => {
    const generated: Allocation = { initiative: "Familicindsats", priceLevel: 2027, lines: [{ area: "service", amounts: { "2027": 1 } }], cardId: "bilag-2026-06" };
    expect(applyAllocationOverride(generated, { reason: "title OCR", patch: { initiative: "Familieindsats" } })?.initiative).toBe("Familieindsats");
    expect(applyAllocationOverride(generated, { reason: "no money after review", allocation: null })).toBeUndefined();
    expect(applyAllocationOverride(undefined, { reason: "placed by hand", allocation: generated })).toEqual(generated);
    expect(applyAllocationOverride(generated, undefined)).toBe(generated);
    expect(() => applyAllocationOverride(undefined, { reason: "patch of nothing", patch: { initiative: "x" } })).toThrow(/patch needs a generated allocation/u);
  });

  it("serializes with a stable key order", () => {
    const text = serializeAllocation({ source: { quote: "q", end: 2, start: 1, documentId: "d" }, cardId: "c", lines: [{ label: "l", amounts: { "2028": 2, "2027": 1 }, area: "service" }], initiative: "i", priceLevel: 2027 } as Allocation);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(["initiative", "priceLevel", "lines", "cardId", "source"]);
    expect(text).toContain('"area": "service",\n      "amounts"');
    expect(text.endsWith("}\n")).toBe(true);
  });
});
