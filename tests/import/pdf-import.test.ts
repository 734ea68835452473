import { crc32, deflateSync } from "node:zlib";
import { PDFDocument, type PDFFont, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { readDocument } from "../../src/corpus/read-document.ts";
import type { ParsedDocument } from "../../src/domain/index.ts";
import { BilagsassistentError } from "../../src/errors/errors.ts";
import { extractDocumentText } from "../../src/import/extract-text.ts";
import { importDocument } from "../../src/import/import-document.ts";
import type { OcrPort, PageImage } from "../../src/import/ocr.ts";
import { groupLines, pageText } from "../../src/import/pdf-layout.ts";

// ---------------------------------------------------------------------------------------------
// Test PDFs drawn with pdf-lib in the department's layouts.

const PAGE: [number, number] = [595, 842];
const SIZE = 10;
const STEP = 14;

type Drawn = { text: string; x: number; y: number; align?: "right" };

async function buildPdf(pages: Drawn[][], images: Array<number> = []): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const items of pages) {
    const page = doc.addPage(PAGE);
    for (const item of items)
      page.drawText(item.text, {
        x: item.align === "right" ? item.x - font.widthOfTextAtSize(item.text, SIZE) : item.x,
        y: item.y,
        size: SIZE,
        font,
      });
  }
  for (const index of images) {
    const page = doc.getPages()[index] ?? doc.addPage(PAGE);
    const png = await doc.embedPng(greyPng(40, 20));
    page.drawImage(png, { x: 0, y: 0, width: PAGE[0], height: PAGE[1] });
  }
  return doc.save();
}

/** Lines top down from y, one per STEP; "" leaves a paragraph gap. */
function column(
  lines: readonly string[],
  x: number,
  top: number,
): { items: Drawn[]; bottom: number } {
  const items: Drawn[] = [];
  let y = top;
  for (const line of lines) {
    if (line !== "") items.push({ text: line, x, y });
    y -= STEP;
  }
  return { items, bottom: y };
}

/** A grey PNG (what a scanner gives), for pages with no text layer. */
function greyPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 0, 0, 0, 0], 8);
  const raw = new Uint8Array((width + 1) * height).map((_, index) =>
    index % (width + 1) === 0 ? 0 : 200,
  );
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", new Uint8Array(deflateSync(raw))),
    chunk("IEND", new Uint8Array()),
  ];
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}

/** What a comparison of two parses looks at: cards with their sections and money figures, and tables. */
function essence(parsed: ParsedDocument) {
  return {
    cards: parsed.cards.map((card) => ({
      id: card.id,
      number: card.number,
      title: card.title,
      decision: card.decision,
      flags: [...card.flags].sort(),
      sections: card.sections.map((section) => ({
        kind: section.kind,
        heading: section.heading,
        text: section.text,
      })),
      money: card.figures
        .filter((figure) => figure.kind === "money")
        .map((figure) => ({
          text: figure.text,
          amount: figure.amount,
          unit: figure.unit,
          years: figure.years,
          basis: figure.basis,
          area: figure.area,
        })),
    })),
    tables: parsed.tables.map((table) => ({
      title: table.title,
      unit: table.unit,
      years: table.years,
      rows: table.rows.map((row) => ({
        label: row.label,
        area: row.area,
        values: row.values,
        statedTotal: row.statedTotal,
        isTotal: row.isTotal,
      })),
    })),
  };
}

const encode = (text: string) => new TextEncoder().encode(text);

// ---------------------------------------------------------------------------------------------
// A two-column annex card.

const CARD_TOP = ["Københavns Kommune", "", "Mentorforløb for unge ledige", "", "Nr. 1", ""];
const LEFT = [
  "Beskrivelse af udløb",
  "Indhold i indsatsen:",
  "Indsatsen giver unge ledige en mentor",
  "og et forløb i en virksomhed.",
  "",
  "Resultater og erfaringer:",
  "I 2025 deltog 120 unge, og 45 pct. kom",
  "i job eller uddannelse.",
  "",
  "Økonomi/ressourcer:",
  "Med budget 2023 blev der afsat",
  "4,2 mio. kr. årligt på service i 2023-2026.",
];
const RIGHT = [
  "Faglig vurdering af videreførelse",
  "Indhold i justeret indsats:",
  "Forvaltningens faglige vurdering er, at",
  "indsatsen kan videreføres uændret.",
  "",
  "Økonomi/ressourcer:",
  "Der foreslås 5,7 mio. kr. årligt (2027 p/l)",
  "til BIF på service i 2027-2030.",
];

function cardPage(
  top: readonly string[],
  left: readonly string[],
  right: readonly string[],
  footer?: string,
): Drawn[] {
  const head = column(top, 50, 800);
  const leftColumn = column(left, 50, head.bottom);
  const rightColumn = column(right, 310, head.bottom);
  return [
    ...head.items,
    ...leftColumn.items,
    ...rightColumn.items,
    ...(footer === undefined ? [] : [{ text: footer, x: 270, y: 30 }]),
  ];
}

const cardText = (top: readonly string[], left: readonly string[], right: readonly string[]) =>
  [...top, ...left, "", ...right].join("\n");

describe("PDF with a text layer: a two-column annex card", () => {
  it("reads the left half, then the right half, and parses the card as its one-column text does", async () => {
    const pdf = await buildPdf([cardPage(CARD_TOP, LEFT, RIGHT)]);
    const extracted = await extractDocumentText("bilag-2026-kort.pdf", pdf);
    expect(extracted.format).toBe("pdf");
    expect(extracted.text.trim()).toBe(cardText(CARD_TOP, LEFT, RIGHT));
    expect(extracted.pages).toEqual([
      { number: 1, start: 0, end: extracted.text.trimEnd().length },
    ]);
    expect(extracted.warnings.join("\n")).toMatch(/page 1: two columns/);

    const fromPdf = await importDocument("bilag-2026-kort.pdf", pdf);
    const fromText = await readDocument(
      "bilag-2026-kort.pdf",
      encode(`${cardText(CARD_TOP, LEFT, RIGHT)}\n`),
    );
    expect(essence(fromPdf.parsed)).toEqual(essence(fromText));
    const [card] = fromPdf.parsed.cards;
    expect(card?.sections.map((section) => [section.kind, section.half])).toEqual([
      ["content", "udløb"],
      ["results", "udløb"],
      ["expiring_money", "udløb"],
      ["assessment", "vurdering"],
      ["proposed_money", "vurdering"],
    ]);
    expect(card?.flags).not.toContain("two_column");
    expect(card?.decision).toBe("uændret");
    const proposed = card?.figures.filter(
      (figure) => figure.kind === "money" && figure.amount?.min === 5_700_000,
    );
    expect(proposed).toHaveLength(1);
    // Spans point into the extracted text, which is the stored source.
    expect(fromPdf.text.slice(proposed?.[0]?.span.start, proposed?.[0]?.span.end)).toBe(
      "5,7 mio. kr.",
    );
    expect(fromPdf.cardPages).toEqual({ [card?.id ?? ""]: 1 });
  });

  it("keeps the repeated card header, removes the repeated footer, and gives each card its page", async () => {
    const second = {
      top: ["Københavns Kommune", "", "Jobcenterets virksomhedsservice", "", "Nr. 2", ""],
      left: LEFT.map((line) => line.replace("4,2", "3,1")),
      right: RIGHT.map((line) => line.replace("5,7", "2,5")),
    };
    const pdf = await buildPdf([
      cardPage(CARD_TOP, LEFT, RIGHT, "Side 1 af 2"),
      cardPage(second.top, second.left, second.right, "Side 2 af 2"),
    ]);
    const imported = await importDocument("bilag-2026.pdf", pdf);
    expect(imported.text).not.toMatch(/Side \d af 2/);
    expect(imported.warnings.join("\n")).toMatch(
      /removed repeated page headers\/footers: "Side # af #"/,
    );
    expect(imported.parsed.cards.map((card) => [card.number, card.title])).toEqual([
      [1, "Mentorforløb for unge ledige"],
      [2, "Jobcenterets virksomhedsservice"],
    ]);
    expect(Object.values(imported.cardPages)).toEqual([1, 2]);
    // The page spans are kept on the parsed document, so citations can name the page.
    expect(imported.parsed.document.pages).toEqual(imported.pages);
    const expected = await readDocument(
      "bilag-2026.pdf",
      encode(
        `${cardText(CARD_TOP, LEFT, RIGHT)}\n\n${cardText(second.top, second.left, second.right)}\n`,
      ),
    );
    expect(essence(imported.parsed)).toEqual(essence(expected));
    const page2 = imported.pages[1];
    expect(imported.text.slice(page2?.start, page2?.end).split("\n")[0]).toBe("Københavns Kommune");
  });
});

describe("page spans given to readDocument", () => {
  it("keeps them on the document, and refuses spans outside the text", async () => {
    const text = `${cardText(CARD_TOP, LEFT, RIGHT)}\n`;
    const parsed = await readDocument("bilag-2026.pdf", encode(text), {
      pages: [{ number: 1, start: 0, end: text.length - 1 }],
    });
    expect(parsed.document.pages).toEqual([{ number: 1, start: 0, end: text.length - 1 }]);
    expect((await readDocument("bilag-2026.txt", encode(text))).document).not.toHaveProperty(
      "pages",
    );
    const error = await readDocument("bilag-2026.pdf", encode(text), {
      pages: [{ number: 1, start: 0, end: text.length + 10 }],
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BilagsassistentError);
    expect((error as BilagsassistentError).code).toBe("pages_invalid");
  });
});

// ---------------------------------------------------------------------------------------------
// A one-column budget note over two pages with an economy table.

const NOTE_PAGE_1 = [
  "BI12 Mentorforløb for unge ledige",
  "",
  "Baggrund",
  "Forvaltningen foreslår et mentorforløb for unge ledige i alderen 18-29 år.",
  "Mange unge har brug for en fast voksen ved siden af jobcentret.",
  "",
  "Indhold",
  "Unge får en mentor i op til et år og et forløb i en virksomhed.",
  "",
  "Forventet effekt og opfølgning",
  "Forvaltningen forventer, at 40 pct. af deltagerne kommer i job eller uddannelse.",
];
const NOTE_PAGE_2_BEFORE = [
  "Økonomi",
  "Der foreslås i alt 8,0 mio. kr. i 2027-2030 (2027 p/l) på service.",
  "",
  "Tabel 1. Oversigt over ønskets aktiviteter",
];
const TABLE: string[][] = [
  ["1.000 kr., 2027 p/l", "Styringsområde", "2027", "2028", "2029", "2030", "I alt"],
  ["Mentorforløb for unge", "Service", "1.500", "1.500", "1.500", "1.500", "6.000"],
  ["Projektleder", "Service", "500", "500", "500", "500", "2.000"],
  ["I alt", "", "2.000", "2.000", "2.000", "2.000", "8.000"],
];
const NOTE_PAGE_2_AFTER = [
  "",
  "Risikovurdering og proces",
  "Der er risiko for, at færre unge end ventet vil deltage.",
  "",
  "Bevillingstekniske oplysninger",
  "Midlerne placeres på bevilling 35.10 under BIU.",
];

function notePages(): Drawn[][] {
  const margins = (number: number): Drawn[] => [
    { text: "Beskæftigelses- og Integrationsforvaltningen", x: 50, y: 810 },
    { text: `Side ${number} af 2`, x: 270, y: 30 },
  ];
  const first = column(NOTE_PAGE_1, 50, 720);
  const before = column(NOTE_PAGE_2_BEFORE, 50, 720);
  const table: Drawn[] = [];
  let y = before.bottom;
  for (const row of TABLE) {
    const [label = "", area = "", ...numbers] = row;
    table.push({ text: label, x: 50, y });
    if (area !== "") table.push({ text: area, x: 200, y });
    numbers.forEach((number, index) =>
      table.push({ text: number, x: 330 + index * 50, y, align: "right" }),
    );
    y -= STEP;
  }
  const after = column(NOTE_PAGE_2_AFTER, 50, y);
  return [
    [...margins(1), ...first.items],
    [...margins(2), ...before.items, ...table, ...after.items],
  ];
}

const noteText = () =>
  [
    ...NOTE_PAGE_1,
    "",
    ...NOTE_PAGE_2_BEFORE,
    ...TABLE.map((row) => row.filter((cell) => cell !== "").join(" ")),
    ...NOTE_PAGE_2_AFTER,
  ].join("\n");

describe("PDF with a text layer: a one-column budget note", () => {
  it("rebuilds lines and table rows, drops the page header and footer, keeps page spans, and parses like the text", async () => {
    const pdf = await buildPdf(notePages());
    const imported = await importDocument("budgetnotat-2027-bi12.pdf", pdf);
    expect(imported.text.trim()).toBe(noteText());
    expect(imported.text).not.toContain("Integrationsforvaltningen\n");
    expect(imported.pages.map((page) => page.number)).toEqual([1, 2]);
    expect(
      imported.text.slice(imported.pages[1]?.start, imported.pages[1]?.end).split("\n")[0],
    ).toBe("Økonomi");
    expect(imported.warnings.join("\n")).not.toMatch(/two columns/);

    const fromText = await readDocument("budgetnotat-2027-bi12.pdf", encode(`${noteText()}\n`));
    expect(essence(imported.parsed)).toEqual(essence(fromText));
    expect(imported.parsed.document.kind).toBe("budget_note");
    const [table] = imported.parsed.tables;
    expect(table).toMatchObject({
      unit: "1.000 kr.",
      priceLevel: 2027,
      years: [2027, 2028, 2029, 2030],
    });
    expect(table?.rows.map((row) => [row.label, row.area, row.values, row.statedTotal])).toEqual([
      [
        "Mentorforløb for unge",
        "service",
        { "2027": 1_500, "2028": 1_500, "2029": 1_500, "2030": 1_500 },
        6_000,
      ],
      ["Projektleder", "service", { "2027": 500, "2028": 500, "2029": 500, "2030": 500 }, 2_000],
      ["I alt", undefined, { "2027": 2_000, "2028": 2_000, "2029": 2_000, "2030": 2_000 }, 8_000],
    ]);
    const economy = imported.parsed.cards[0]?.sections.find(
      (section) => section.kind === "economy",
    );
    expect(economy?.text).toContain("8,0 mio. kr.");
  });

  it("does not split a table with a gap in it into columns", () => {
    const items = TABLE.flatMap((row, index) =>
      row.map((cell, column) => ({
        text: cell,
        x: column === 0 ? 50 : 150 + column * 60,
        y: 700 - index * STEP,
        width: cell.length * 5,
        height: SIZE,
      })),
    ).filter((item) => item.text !== "");
    const page = { number: 1, width: 595, height: 842, items };
    expect(pageText(page, groupLines(items))).toMatchObject({ twoColumn: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Scanned and broken PDFs.

class FakeOcr implements OcrPort {
  readonly name = "fake-ocr";
  readonly seen: PageImage[] = [];
  constructor(
    private readonly pages: string[],
    private readonly reason?: string,
  ) {}
  async unavailable() {
    return this.reason;
  }
  async recognise(image: PageImage) {
    this.seen.push(image);
    return this.pages[image.page - 1] ?? "";
  }
}

async function failure(promise: Promise<unknown>): Promise<BilagsassistentError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BilagsassistentError) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("scanned PDFs", () => {
  it("refuses a PDF of images with no OCR, naming the file and how to install tesseract", async () => {
    const pdf = await buildPdf([[], []], [0, 1]);
    const error = await failure(extractDocumentText("scannet.pdf", pdf));
    expect(error.code).toBe("pdf_scanned");
    expect(error.message).toBe(
      "scannet.pdf: the PDF has no text layer (scanned pages). Install Debian's tesseract-ocr and tesseract-ocr-dan (apt-get install tesseract-ocr tesseract-ocr-dan) to read it, or give a PDF with text.",
    );
    const unavailable = await failure(
      extractDocumentText("scannet.pdf", pdf, {
        ocr: new FakeOcr([], "tesseract is not installed"),
      }),
    );
    expect(unavailable.message).toMatch(
      /no text layer \(scanned pages\)\. Install Debian's tesseract-ocr .* \(tesseract is not installed\)$/,
    );
  });

  it("reads scanned pages through the OCR port, and the 2026 card parser repairs the OCR text", async () => {
    const ocrText = [
      "Kgbenhavns Kommune",
      "",
      "Forankring af metoder fra Projekt Treedesten",
      "",
      "Nr. 1",
      "",
      "Beskrivelse af udlgb",
      "",
      "Indhold i indsatsen:",
      "Projektet hjeelper ledige borgere.",
      "",
      "@konomi/ressourcer:",
      "Med budget 2023 blev der afsat 9,7 mio. kr. i 2026.",
      "",
      "Faglig vurdering af videreforelse",
      "",
      "Indhold i justeret indsats:",
      "Forvaltningens faglige vurdering er, at indsatsen kan viderefgres useendret.",
      "",
      "@konomi/ressourcer:",
      "11 mio. kr. (2027 p/1) i 2027 pa service.",
    ].join("\n");
    const ocr = new FakeOcr([ocrText]);
    const pdf = await buildPdf([[]], [0]);
    const imported = await importDocument("bilag-2026-scan.pdf", pdf, { ocr });
    expect(ocr.seen.map((image) => [image.page, image.width, image.height])).toEqual([[1, 40, 20]]);
    expect(imported.ocr).toBe(true);
    expect(imported.warnings.join("\n")).toMatch(/page 1 read by OCR \(fake-ocr\)/);
    const [card] = imported.parsed.cards;
    expect(card?.title).toBe("Forankring af metoder fra Projekt Trædesten");
    expect(card?.flags).toContain("ocr_repaired");
    expect(
      card?.figures.filter((figure) => figure.kind === "money").map((figure) => figure.amount?.min),
    ).toEqual([9_700_000, 11_000_000]);
    // The raw OCR text is kept for citations.
    expect(imported.text).toContain("Treedesten");
  });

  it("repairs OCR text of other layouts before parsing (only when the text came from OCR)", async () => {
    const ocrText = noteText()
      .replace(
        "Mange unge har brug for en fast voksen",
        "Mange unge har brug for en feelles voksen",
      )
      .replace("Unge får en mentor", "Unge far en mentor i beskaeftigelsesindsatsen");
    const imported = await importDocument("budgetnotat-scan.pdf", await buildPdf([[]], [0]), {
      ocr: new FakeOcr([ocrText]),
    });
    expect(imported.text).toContain("fælles voksen");
    expect(imported.text).toContain("beskæftigelsesindsatsen");
    expect(imported.warnings.join("\n")).toMatch(/OCR damage repaired/);
    expect(imported.parsed.tables[0]?.rows).toHaveLength(3);
    // The same words in a PDF with a text layer are left alone.
    const clean = await extractDocumentText(
      "budgetnotat.pdf",
      await buildPdf([column(ocrText.split("\n").slice(0, 12), 50, 760).items]),
    );
    expect(clean.text).toContain("feelles voksen");
  });

  it("reads the text pages of a mixed PDF and warns about the scanned page when there is no OCR", async () => {
    const pdf = await buildPdf([cardPage(CARD_TOP, LEFT, RIGHT), []], [1]);
    const imported = await importDocument("bilag-blandet.pdf", pdf);
    expect(imported.parsed.cards).toHaveLength(1);
    expect(imported.warnings.join("\n")).toMatch(
      /bilag-blandet\.pdf: page 2 has no text layer \(scanned\) and was left out/,
    );
  });

  it("refuses an encrypted PDF and a broken one, naming the file and the reason", async () => {
    const doc = await PDFDocument.create();
    const font: PDFFont = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage(PAGE).drawText("Fortroligt", { x: 50, y: 700, size: SIZE, font });
    const plain = new TextDecoder("latin1").decode(await doc.save({ useObjectStreams: false }));
    const encrypted = plain.replace(
      "trailer\n<<",
      `trailer\n<<\n/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <${"11".repeat(32)}> /U <${"22".repeat(32)}> >>\n/ID [<${"33".repeat(16)}> <${"33".repeat(16)}>]`,
    );
    const error = await failure(
      extractDocumentText(
        "hemmelig.pdf",
        Uint8Array.from(encrypted, (char) => char.charCodeAt(0)),
      ),
    );
    expect(error.code).toBe("pdf_encrypted");
    expect(error.message).toMatch(/^hemmelig\.pdf: the PDF is encrypted \(password-protected\)/);
    const broken = await failure(extractDocumentText("halv.pdf", encode("%PDF-1.7\n1 0 obj\n<<")));
    expect(broken.message).toMatch(/^halv\.pdf: /);
  });
});
