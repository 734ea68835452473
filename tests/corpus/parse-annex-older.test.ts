import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Card, CardSchema, type CorpusDocument, type Decision, toRawOffset } from "../../src/domain/index.ts";
import { annexMarkdownParser, parseAnnexMarkdown } from "../../src/corpus/parse-annex-markdown.ts";
import { annexPlainParser, parseAnnexPlain } from "../../src/corpus/parse-annex-plain.ts";
import { CorpusError } from "../../src/errors/errors.ts";

function readCorpus(file: string): string {
  return readFileSync(new URL(`../../corpus/${file}`, import.meta.url), "utf8");
}

function documentFor(id: string, year: number, layout: string, file: string, source: string): CorpusDocument {
  return {
    id,
    kind: "annex",
    year,
    budgetYear: year + 1,
    title: `Budgetbevillinger, som udløber efter ${year}`,
    source: file,
    contentHash: createHash("sha256").update(source).digest("hex"),
    layout,
  };
}

const FILE_2023 = "bilag-2023-udloebende-bevillinger.txt";
const FILE_2024 = "bilag-2024-udloebende-bevillinger.txt";
const SOURCE_2023 = readCorpus(FILE_2023);
const SOURCE_2024 = readCorpus(FILE_2024);
const DOCUMENT_2023 = documentFor("bilag-2023", 2023, "annex-markdown", FILE_2023, SOURCE_2023);
const DOCUMENT_2024 = documentFor("bilag-2024", 2024, "annex-plain", FILE_2024, SOURCE_2024);
const CARDS_2023 = parseAnnexMarkdown(SOURCE_2023, DOCUMENT_2023).cards;
const CARDS_2024 = parseAnnexPlain(SOURCE_2024, DOCUMENT_2024).cards;

function card(cards: readonly Card[], ordinal: number): Card {
  const found = cards.find((candidate) => candidate.ordinal === ordinal);
  if (found === undefined) throw new Error(`no card ${ordinal}`);
  return found;
}

function cardById(id: string): Card {
  const found = [...CARDS_2023, ...CARDS_2024].find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no card ${id}`);
  return found;
}

const sectionKinds = (found: Card): string[] => found.sections.map((section) => section.kind);

describe("card counts", () => {
  /*
   * 2023, counted by reading the file top to bottom (line numbers of the grant's first line):
   *  Borgere i kanten af arbejdsmarkedet: ## titles at 18, 37, 53; an untitled grant at 69 (bold
   *    **Beskrivelse** right after the Tingbjerg assessment); under "## Øvrige bevillinger" the bold
   *    titles at 83 and 87                                                             -> 6
   *  Understøttelse af erhvervslivet: ## titles at 93, 109, 125, 144                   -> 4
   *  Opkvalificering og uddannelse: ## titles at 162, 181, 197; table rows at 213, 215, 217, 219;
   *    ## title at 222; under "## Øvrige bevillinger:" the ### title at 244            -> 9
   *  Integration og sprog: ## titles at 250, 267, 283; under "## Øvrige bevillinger" the
   *    ### **bold** title at 303; under "… – Indsatser under integrationshandleplanen …" (intro
   *    309-313 is no card) ## titles at 315, 331, 347, 365, 383 and an untitled grant at 399
   *                                                                                     -> 10
   *  Total 29. The "## Budgetbevillinger, som udløber efter 2023" heading and its intro are no card.
   *
   * 2024: one title line followed by "Bevilling 2024:" or "Beskrivelse" per grant: 18, 35, 51, 67,
   *  86 ("Øvrige: …") under Borgere i kanten; 106 under Understøttelse; 126, 143, 159 ("Øvrige
   *  bevillinger: …") under Opkvalificering. Total 9.
   */
  it("finds 29 grants in the 2023 annex and 9 in the 2024 annex", () => {
    expect(CARDS_2023).toHaveLength(29);
    expect(CARDS_2024).toHaveLength(9);
  });

  it("numbers cards by ordinal, with two-digit ids, no number, and no figures or tables", () => {
    for (const [cards, documentId] of [[CARDS_2023, "bilag-2023"], [CARDS_2024, "bilag-2024"]] as const) {
      cards.forEach((found, index) => {
        expect(found.ordinal).toBe(index + 1);
        expect(found.id).toBe(`${documentId}-${String(index + 1).padStart(2, "0")}`);
        expect(found.documentId).toBe(documentId);
        expect(found.number).toBeUndefined();
        expect(found.figures).toEqual([]);
        expect(() => CardSchema.parse(found)).not.toThrow();
      });
    }
    expect(parseAnnexMarkdown(SOURCE_2023, DOCUMENT_2023).tables).toEqual([]);
    expect(parseAnnexPlain(SOURCE_2024, DOCUMENT_2024).tables).toEqual([]);
  });
});

describe("titles and flags", () => {
  it("reads the titles of headings, bold lines, table rows and group-prefixed lines", () => {
    expect(card(CARDS_2023, 1).title).toBe("Byens udsatte skal hjælpes videre (Individuelt Planlagt job med Støtte)");
    expect(card(CARDS_2023, 5).title).toBe("Fokuseret indsats for udsatte kontanthjælpsmodtagere");
    expect(card(CARDS_2023, 9).title).toBe('"Grønne job - Grønne kompetencer" og iværksætteri');
    expect(card(CARDS_2023, 14).title).toBe("Opkvalificeringsindsats målrettet grøn omstilling");
    expect(card(CARDS_2023, 17).title).toBe("Fortsættelse af forsøg med Flexuddannelsen for unge med kognitivt handicap");
    expect(card(CARDS_2023, 19).title).toBe("Jobrettede aktiviteter for kommende dimittender (pulje under Styrelsen for Arbejdsmarked og Rekruttering)");
    expect(card(CARDS_2023, 23).title).toBe("Kortlægning mhp. udvikling af områdebaseret indsats om forebyggelse af negativ social kontrol");
    expect(card(CARDS_2023, 28).title).toBe("Forebyggelse af social kontrol");
    expect(card(CARDS_2024, 1).title).toBe("Aktiveringsindsats til ledige med banderelationer");
    expect(card(CARDS_2024, 3).title).toBe("Justering af antal rehabiliteringsteammøder (Budget 2023 og Budget 2024)");
    expect(card(CARDS_2024, 5).title).toBe("Fokuseret indsats for udsatte kontanthjælpsmodtagere");
    expect(card(CARDS_2024, 6).title).toBe("Støtte til TechBBQ");
    expect(card(CARDS_2024, 9).title).toBe("Bedre virksomhedspraktikker");
  });

  it("derives titles for grants with no title line from their first sentence", () => {
    expect(card(CARDS_2023, 4).title).toBe("Midler til at implementere en ny aftale på hjemløseområdet");
    expect(card(CARDS_2023, 29).title).toBe("Virksomhedsrettet indsats til bekæmpelse af ubevidst diskrimination på det københavnske arbejdsmarked");
  });

  it("flags table rows, bold-only titles and derived titles, and nothing else", () => {
    const flagged = (cards: readonly Card[]) => Object.fromEntries(cards.filter((found) => found.flags.length > 0).map((found) => [found.ordinal, found.flags]));
    expect(flagged(CARDS_2023)).toEqual({
      4: ["title_derived"],
      5: ["bold_heading_only"],
      6: ["bold_heading_only"],
      14: ["table_row"],
      15: ["table_row"],
      16: ["table_row"],
      17: ["table_row"],
      29: ["title_derived"],
    });
    expect(flagged(CARDS_2024)).toEqual({});
  });

  it("reads a table row's cells as sections without the HTML tags", () => {
    const row = card(CARDS_2023, 14);
    expect(sectionKinds(row)).toEqual(["grant", "content", "results", "assessment"]);
    expect(row.sections[0]?.text).toBe("Bevilling 2023: 1,3 mio. kr. i servicemidler 2,5 mio. kr. i indsatsmidler");
    for (const section of row.sections) expect(section.text).not.toMatch(/<\/?[pb]>/);
    const flexuddannelse = card(CARDS_2023, 17).sections.find((section) => section.kind === "content");
    expect(flexuddannelse?.text).toContain("virksomhedsrettede forløb.\n\nIndsatsen har eksisteret siden 2012");
  });
});

describe("pejlemærke and group", () => {
  const count = (cards: readonly Card[], key: "pejlemærke" | "group") =>
    cards.reduce<Record<string, number>>((counts, found) => {
      const value = found[key] ?? "-";
      counts[value] = (counts[value] ?? 0) + 1;
      return counts;
    }, {});

  it("groups the 2023 cards under four pejlemærker", () => {
    expect(count(CARDS_2023, "pejlemærke")).toEqual({
      "Borgere i kanten af arbejdsmarkedet": 6,
      "Understøttelse af erhvervslivet": 4,
      "Opkvalificering og uddannelse": 9,
      "Integration og sprog": 10,
    });
    expect(card(CARDS_2023, 29).pejlemærke).toBe("Integration og sprog");
  });

  it("puts the closing parts of 2023 in their own groups", () => {
    const integrationsGroup = "Indsatser under integrationshandleplanen og handleplan mod racisme, diskrimination og hadforbrydelser";
    expect(count(CARDS_2023, "group")).toEqual({ "-": 19, "Øvrige bevillinger": 4, [integrationsGroup]: 6 });
    expect(CARDS_2023.filter((found) => found.group === "Øvrige bevillinger").map((found) => found.ordinal)).toEqual([5, 6, 19, 23]);
    expect(CARDS_2023.filter((found) => found.group === integrationsGroup).map((found) => found.ordinal)).toEqual([24, 25, 26, 27, 28, 29]);
  });

  it("groups the 2024 cards under three pejlemærker, with the øvrige and own-frame grants grouped", () => {
    expect(count(CARDS_2024, "pejlemærke")).toEqual({
      "Borgere i kanten af arbejdsmarkedet": 5,
      "Understøttelse af erhvervslivet": 1,
      "Opkvalificering og uddannelse": 3,
    });
    expect(card(CARDS_2024, 5).group).toBe("Øvrige bevillinger");
    expect(card(CARDS_2024, 9).group).toBe("BIUs egen ramme");
    expect(CARDS_2024.filter((found) => found.group === undefined)).toHaveLength(7);
  });
});

describe("sections and spans", () => {
  const all: ReadonlyArray<readonly [string, string, readonly Card[]]> = [
    ["2023", SOURCE_2023, CARDS_2023],
    ["2024", SOURCE_2024, CARDS_2024],
  ];

  it.each(all)("starts each %s section's raw span with its heading, or with its text", (_year, source, cards) => {
    for (const found of cards) {
      for (const section of found.sections) {
        const raw = source.slice(section.span.start, section.span.end);
        expect(raw.startsWith(section.heading === "" ? section.text.slice(0, 30) : section.heading)).toBe(true);
        expect(raw.endsWith(section.text.slice(-15))).toBe(true);
      }
    }
  });

  it.each(all)("maps every character of each %s section text back to the raw source", (_year, source, cards) => {
    for (const found of cards) {
      for (const section of found.sections) {
        for (let index = 0; index < section.text.length; index += 1) {
          const character = section.text[index];
          if (character === "\n") continue;
          expect(source[toRawOffset(section.offsets, index)], `${found.id} ${section.kind} at ${index}`).toBe(character);
        }
      }
    }
  });

  it.each(all)("keeps %s sections in order inside their card's span", (_year, source, cards) => {
    let previousEnd = 0;
    for (const found of cards) {
      expect(found.span.start).toBeGreaterThanOrEqual(previousEnd);
      expect(source.slice(found.span.start).startsWith(found.flags.includes("title_derived") ? (found.sections[0]?.heading ?? "") : found.title)).toBe(true);
      for (const section of found.sections) {
        expect(section.span.start).toBeGreaterThanOrEqual(Math.max(previousEnd, found.span.start));
        expect(section.span.end).toBeLessThanOrEqual(found.span.end);
        previousEnd = section.span.end;
      }
    }
  });

  it.each(all)("gives every %s card a description or an assessment", (_year, _source, cards) => {
    for (const found of cards) {
      expect(found.sections.some((section) => section.kind === "content" || section.kind === "assessment"), found.id).toBe(true);
    }
  });

  it("reads the usual section order, a late or bold Bevilling line, and headingless group grants", () => {
    expect(sectionKinds(card(CARDS_2023, 1))).toEqual(["grant", "content", "results", "assessment"]);
    expect(sectionKinds(card(CARDS_2023, 4))).toEqual(["content", "results", "assessment"]);
    expect(sectionKinds(card(CARDS_2023, 26))).toEqual(["content", "results", "grant", "assessment"]);
    expect(card(CARDS_2023, 26).sections[2]?.text).toBe("Bevilling 2023: 1,0 mio. kr. i servicemidler");
    expect(card(CARDS_2023, 5).sections).toMatchObject([{ kind: "content", heading: "" }]);
    expect(card(CARDS_2023, 1).sections[0]?.text).toBe("Bevilling 2023: 0,2 mio. kr. i servicemidler  \n9,2 mio. kr. i indsatsmidler");
    expect(sectionKinds(card(CARDS_2024, 6))).toEqual(["content", "results", "grant", "assessment"]);
    expect(card(CARDS_2024, 5).sections[0]?.text).toBe("Bevilling 2024: 23,7 mio. kr. i servicemidler\nBevilling 2025: 6,9 mio. kr.\n(Reduktion fra 2024, 16,4 mio. kr.)");
    expect(card(CARDS_2024, 4).sections[3]?.text).toMatch(/at det vil\n\nvære hensigtsmæssigt at videreføre og udbrede indsatsen\.$/);
  });

  it("leaves introductions out of the cards", () => {
    for (const found of [...CARDS_2023, ...CARDS_2024]) {
      for (const section of found.sections) expect(section.text).not.toMatch(/Ved udgangen af 202|BIF har en bevilling på 12,5 mio/);
    }
  });
});

describe("decisions", () => {
  /* Read by hand from each card's "Forvaltningens vurdering". */
  const classifiedRight: ReadonlyArray<readonly [string, Decision]> = [
    ["bilag-2023-07", "uændret"], // "Det vil være hensigtsmæssigt at videreføre projektet"
    ["bilag-2024-01", "uændret"], // "vil det være hensigtsmæssigt at videreføre indsatsen"
    ["bilag-2024-05", "uændret"], // "hensigtsmæssigt at videreføre jobrådgivernes lave sagsantal"
    ["bilag-2024-08", "uændret"], // "det vil være hensigtsmæssigt at videreføre indsatsen"
  ];
  it.each(classifiedRight)("classifies %s as %s", (id, decision) => {
    expect(cardById(id).decision).toBe(decision);
  });

  /* Harder phrasings (former gaps of classifyDecision, now read right). */
  const classifiedHarder: ReadonlyArray<readonly [string, Decision]> = [
    ["bilag-2023-02", "med_justeringer"], // "kan videreføres med en mindre bevilling"
    ["bilag-2023-03", "ophører"], // "det ikke er relevant at videreføre indsatsen"
    ["bilag-2023-08", "ophører"], // "det ikke er relevant at videreføre bevillingen"
    ["bilag-2023-10", "afventer"], // "kan derfor ikke vurdere indsatsen endnu"
    ["bilag-2024-02", "med_justeringer"], // "videreføre indsatsen som et nyt initiativ og med et reduceret budget"
    ["bilag-2024-07", "med_justeringer"], // "ikke relevant … i den nuværende form, men … hensigtsmæssigt at videreføre"
    ["bilag-2024-09", "afventer"], // "Når udvalget får forelagt en sag …, vil forvaltningen samtidig vurdere"
  ];
  it.each(classifiedHarder)("classifies %s as %s", (id, decision) => {
    expect(cardById(id).decision).toBe(decision);
  });

  it("gives cards without an assessment the decision ukendt", () => {
    for (const ordinal of [5, 6, 19, 23]) expect(card(CARDS_2023, ordinal).decision).toBe("ukendt");
  });
});

describe("layout errors", () => {
  const budgetNote = readCorpus("budgetnotat-2023-bi07-udsatte-unge.txt");
  const cases: ReadonlyArray<readonly [string, string, RegExp]> = [
    ["an empty text", "", /is empty/],
    ["a blank text", " \n\n\t\n", /is empty/],
    ["a budget note", budgetNote, /is not an annex-/],
  ];

  it.each(cases)("rejects %s with a CorpusError", (_name, source, message) => {
    for (const parser of [annexMarkdownParser, annexPlainParser]) {
      const document = documentFor("upload", 2023, parser.layout, "upload.txt", source);
      expect(() => parser.parse(source, document)).toThrow(CorpusError);
      expect(() => parser.parse(source, document)).toThrow(message);
    }
  });

  it("rejects an annex with headings but no grant text", () => {
    const markdown = "# Pejlemærke: Borgere i kanten af arbejdsmarkedet\n\nIntroduktion.\n\n### Beskrivelse\n";
    const plain = "Pejlemærke: Borgere i kanten af arbejdsmarkedet\n\nIntroduktion.\n\nBeskrivelse\n";
    expect(() => parseAnnexMarkdown(markdown, documentFor("upload", 2023, "annex-markdown", "upload.md", markdown))).toThrow(/no grant with a description or assessment was found/);
    expect(() => parseAnnexPlain(plain, documentFor("upload", 2024, "annex-plain", "upload.txt", plain))).toThrow(CorpusError);
  });

  it("names the error code and rejects the other older layout", () => {
    const mismatch = (() => {
      try {
        annexMarkdownParser.parse(SOURCE_2024, DOCUMENT_2024);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(mismatch).toBeInstanceOf(CorpusError);
    expect(mismatch).toMatchObject({ code: "layout_mismatch", category: "user" });
    expect(() => annexPlainParser.parse(SOURCE_2023, DOCUMENT_2023)).toThrow(/is not an annex-plain annex/);
  });

  it("detects each layout only on its own file", () => {
    expect(annexMarkdownParser.detect(SOURCE_2023)).toBe(true);
    expect(annexMarkdownParser.detect(SOURCE_2024)).toBe(false);
    expect(annexPlainParser.detect(SOURCE_2024)).toBe(true);
    expect(annexPlainParser.detect(SOURCE_2023)).toBe(false);
    expect(annexMarkdownParser.detect(budgetNote)).toBe(false);
    expect(annexPlainParser.detect(budgetNote)).toBe(false);
    expect(annexMarkdownParser.layout).toBe("annex-markdown");
    expect(annexPlainParser.layout).toBe("annex-plain");
  });
});
