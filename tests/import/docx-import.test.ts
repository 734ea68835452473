import {
  Document,
  Header,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { describe, expect, it } from "vitest";
import type { Draft } from "../../src/domain/index.ts";
import { exportDraftDocx } from "../../src/drafting/export-docx.ts";
import { BilagsassistentError } from "../../src/errors/errors.ts";
import { detectFormat } from "../../src/import/detect-format.ts";
import { extractDocumentText } from "../../src/import/extract-text.ts";
import { importDocument } from "../../src/import/import-document.ts";
import { assessmentDraft } from "../support/draft.ts";

const PROSE =
  "Forvaltningens faglige vurdering er, at indsatsen bør videreføres med justeringer.\n\n- Flere unge i job\n- Et fælles team";
const ECONOMY = "Der foreslås 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.";

function cardDraft(
  sections: Draft["sections"],
  title = "Forebyggelse af ekstremisme og radikalisering",
): Draft {
  return assessmentDraft({
    title,
    sections,
    text: sections.map((section) => `${section.heading}\n${section.text}`).join("\n\n"),
    decision: "med_justeringer",
    input: { number: 4, decision: "med_justeringer" },
  });
}

const RIGHT_HALF: Draft["sections"] = [
  {
    key: "indholdIJusteretIndsats",
    heading: "Indhold i justeret indsats",
    text: PROSE,
    start: 0,
    fromData: false,
  },
  {
    key: "økonomiRessourcer",
    heading: "Økonomi/ressourcer",
    text: ECONOMY,
    start: 0,
    fromData: true,
  },
];
const LEFT_HALF: Draft["sections"] = [
  {
    key: "indholdIIndsatsen",
    heading: "Indhold i indsatsen",
    text: "Indsatsen forebygger radikalisering blandt unge.",
    start: 0,
    fromData: false,
  },
  {
    key: "resultaterOgErfaringer",
    heading: "Resultater og erfaringer",
    text: "I 2025 deltog 300 unge i forløbene.",
    start: 0,
    fromData: false,
  },
  {
    key: "økonomiUdløb",
    heading: "Økonomi/ressourcer",
    text: "Med budget 2023 blev der afsat 2,7 mio. kr. årligt i 2023-2026.",
    start: 0,
    fromData: true,
  },
];

const normalize = (text: string) => text.replace(/\s+/gu, " ").trim();
const SECTION_KIND: Record<string, string> = {
  indholdIIndsatsen: "content",
  resultaterOgErfaringer: "results",
  økonomiUdløb: "expiring_money",
  indholdIJusteretIndsats: "assessment",
  økonomiRessourcer: "proposed_money",
};

describe("Word documents", () => {
  it("gives back the card the project's own exporter wrote: title, number, sections and money figures", async () => {
    const draft = cardDraft([...LEFT_HALF, ...RIGHT_HALF]);
    const bytes = await exportDraftDocx(draft);
    expect(detectFormat(bytes)).toBe("docx");
    const imported = await importDocument("udkast.docx", bytes, {
      entry: { id: "udkast-2026", kind: "annex", year: 2026, budgetYear: 2027, title: "Udkast" },
    });
    expect(imported.format).toBe("docx");
    // Word has no fixed pages: nothing to cite by page.
    expect(imported.parsed.document).not.toHaveProperty("pages");
    const [card, ...rest] = imported.parsed.cards;
    expect(rest).toEqual([]);
    expect(card?.title).toBe(draft.title);
    // The annex-cards parser trusts a printed "Nr." only in sequence from 1 (its OCR guard), so a
    // lone "Nr. 4" is read as card 1 of this document.
    expect(card?.number).toBe(1);
    expect(
      card?.sections.map((section) => [section.kind, section.heading, normalize(section.text)]),
    ).toEqual(
      draft.sections.map((section) => [
        SECTION_KIND[section.key],
        section.heading,
        normalize(section.text),
      ]),
    );
    expect(card?.decision).toBe("med_justeringer");
    const money = card?.figures
      .filter((figure) => figure.kind === "money")
      .map((figure) => [figure.text, figure.amount?.min, figure.years]);
    expect(money).toEqual([
      ["2,7 mio. kr.", 2_700_000, [2023, 2024, 2025, 2026]],
      ["5,7 mio. kr.", 5_700_000, [2027, 2028, 2029, 2030]],
    ]);
  });

  it("reads a drafted assessment (only the right half) as a card whose other half is empty", async () => {
    const draft = cardDraft(RIGHT_HALF);
    const imported = await importDocument("vurdering.docx", await exportDraftDocx(draft));
    const [card] = imported.parsed.cards;
    expect(card?.title).toBe(draft.title);
    expect(card?.sections.map((section) => [section.kind, normalize(section.text)])).toEqual([
      ["assessment", normalize(PROSE)],
      ["proposed_money", ECONOMY],
    ]);
    expect(
      card?.figures.filter((figure) => figure.kind === "money").map((figure) => figure.amount?.min),
    ).toEqual([5_700_000]);
    expect(imported.warnings.join("\n")).toMatch(
      /has only the half "Faglig vurdering af videreførelse"/,
    );
  });

  it("reads several cards laid out as the department does: letterhead, Nr., two-column halves", async () => {
    const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
      new Paragraph({ text, heading: level });
    const half = (title: string, sections: Array<[string, string]>) =>
      new TableCell({
        width: { size: 50, type: WidthType.PERCENTAGE },
        children: [
          heading(title, HeadingLevel.HEADING_2),
          ...sections.flatMap(([name, text]) => [
            heading(name, HeadingLevel.HEADING_3),
            new Paragraph(text),
          ]),
        ],
      });
    const card = (title: string, number: number, money: string) => [
      heading(title, HeadingLevel.HEADING_1),
      new Paragraph(`Nr. ${number}`),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            children: [
              half("Beskrivelse af udløb", [
                ["Indhold i indsatsen", "Indsatsen hjælper ledige i job."],
                ["Økonomi/ressourcer", `Der blev afsat ${money} årligt i 2023-2026.`],
              ]),
              half("Faglig vurdering af videreførelse", [
                ["Indhold i justeret indsats", "Indsatsen bør videreføres."],
                ["Økonomi/ressourcer", `Der foreslås ${money} årligt (2027 p/l) i 2027-2030.`],
              ]),
            ],
          }),
        ],
      }),
    ];
    const document = new Document({
      sections: [
        {
          headers: { default: new Header({ children: [new Paragraph("Københavns Kommune")] }) },
          children: [
            ...card("Jobcenterindsats for unge", 1, "1,5 mio. kr."),
            ...card("Mentorordning for ledige", 2, "3,0 mio. kr."),
          ],
        },
      ],
    });
    const imported = await importDocument(
      "bilag.docx",
      new Uint8Array(await Packer.toArrayBuffer(document)),
    );
    expect(imported.parsed.cards.map((found) => [found.number, found.title])).toEqual([
      [1, "Jobcenterindsats for unge"],
      [2, "Mentorordning for ledige"],
    ]);
    for (const found of imported.parsed.cards)
      expect(found.sections.map((section) => section.kind)).toEqual([
        "content",
        "expiring_money",
        "assessment",
        "proposed_money",
      ]);
    expect(imported.warnings).toEqual([]);
  });

  it("reads a budget note with headings, paragraphs and an economy table", async () => {
    const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              text: "BI12 Mentorforløb for unge ledige",
              heading: HeadingLevel.HEADING_1,
            }),
            new Paragraph({ text: "Baggrund", heading: HeadingLevel.HEADING_2 }),
            new Paragraph("Forvaltningen foreslår et mentorforløb for unge ledige."),
            new Paragraph({ text: "Indhold", heading: HeadingLevel.HEADING_2 }),
            new Paragraph("Unge får en mentor i op til et år."),
            new Paragraph({ text: "Økonomi", heading: HeadingLevel.HEADING_2 }),
            new Paragraph({
              children: [
                new TextRun("Der foreslås i alt 8,0 mio. kr. i 2027-2030 (2027 p/l) på service."),
              ],
            }),
            new Paragraph("Tabel 1. Oversigt over ønskets aktiviteter"),
            new Table({
              rows: [
                new TableRow({
                  children: [
                    "1.000 kr., 2027 p/l",
                    "Styringsområde",
                    "2027",
                    "2028",
                    "2029",
                    "2030",
                    "I alt",
                  ].map(cell),
                }),
                new TableRow({
                  children: [
                    "Mentorforløb for unge",
                    "Service",
                    "2.000",
                    "2.000",
                    "2.000",
                    "2.000",
                    "8.000",
                  ].map(cell),
                }),
              ],
            }),
            new Paragraph({ text: "Risikovurdering og proces", heading: HeadingLevel.HEADING_2 }),
            new Paragraph("Der er risiko for, at færre unge deltager."),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toArrayBuffer(document));
    const imported = await importDocument("budgetnotat-bi12.docx", bytes);
    expect(imported.parsed.document.kind).toBe("budget_note");
    const [card] = imported.parsed.cards;
    expect(card?.sections.map((section) => section.kind)).toEqual([
      "background",
      "content",
      "economy",
      "risk",
    ]);
    expect(
      imported.parsed.tables[0]?.rows.map((row) => [
        row.label,
        row.values["2027"],
        row.statedTotal,
      ]),
    ).toEqual([["Mentorforløb for unge", 2_000, 8_000]]);
  });

  it("refuses a Word document with no recognisable card, naming the file", async () => {
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph("Referat af mødet den 3. marts."),
            new Paragraph("Deltagere: Anna, Bo."),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toArrayBuffer(document));
    const error = await importDocument("referat.docx", bytes).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BilagsassistentError);
    expect((error as BilagsassistentError).code).toBe("no_card_found");
    expect((error as BilagsassistentError).message).toMatch(
      /^referat\.docx: no annex card or budget note was recognised in the Word document\./,
    );
  });

  it("tells formats apart by content, not by name", async () => {
    const docx = await exportDraftDocx(cardDraft(RIGHT_HALF));
    expect((await extractDocumentText("kort.pdf", docx)).format).toBe("docx");
    expect(
      (await extractDocumentText("kort.docx", new TextEncoder().encode("Københavns Kommune\n")))
        .format,
    ).toBe("text");
    await expect(
      extractDocumentText(
        "ark.docx",
        new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      ),
    ).rejects.toThrow(/^ark\.docx: the file is an old Office file/);
  });
});
