import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  type BudgetNoteDraftRequest,
  BudgetNoteDraftRequestSchema,
  type Draft,
  type ValidationIssue,
} from "../../src/domain/index.ts";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import { draftBudgetNote } from "../../src/drafting/draft-budget-note.ts";
import { exportDraftDocx } from "../../src/drafting/export-docx.ts";
import {
  describeIssue,
  exportDraftMarkdown,
  markdownTable,
  numericColumns,
} from "../../src/drafting/export-markdown.ts";
import { assessmentDraft } from "../support/draft.ts";

// ---------------------------------------------------------------------------------------------
// A tiny zip reader: the central directory, then each entry stored or deflated.

function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (
    let offset = bytes.length - 22;
    offset >= Math.max(0, bytes.length - 22 - 0xffff);
    offset -= 1
  ) {
    if (view.getUint32(offset, true) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end === -1) throw new Error("not a zip: no end of central directory");
  const count = view.getUint16(end + 10, true);
  let cursor = view.getUint32(end + 16, true);
  const entries = new Map<string, Uint8Array>();
  const decoder = new TextDecoder();
  for (let index = 0; index < count; index += 1) {
    if (view.getUint32(cursor, true) !== 0x02014b50) throw new Error("bad central directory entry");
    const method = view.getUint16(cursor + 10, true);
    const compressedSize = view.getUint32(cursor + 20, true);
    const size = view.getUint32(cursor + 24, true);
    const nameLength = view.getUint16(cursor + 28, true);
    const extraLength = view.getUint16(cursor + 30, true);
    const commentLength = view.getUint16(cursor + 32, true);
    const local = view.getUint32(cursor + 42, true);
    const name = decoder.decode(bytes.subarray(cursor + 46, cursor + 46 + nameLength));
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataStart =
      local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    const content =
      method === 0 ? data : method === 8 ? new Uint8Array(inflateRawSync(data)) : undefined;
    if (content === undefined) throw new Error(`unsupported compression ${method} for ${name}`);
    if (content.length !== size) throw new Error(`size mismatch for ${name}`);
    entries.set(name, content);
    cursor += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function documentXml(draft: Draft): Promise<string> {
  const bytes = await exportDraftDocx(draft);
  expect(bytes).toBeInstanceOf(Uint8Array);
  expect(Array.from(bytes.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
  const entries = readZip(bytes);
  expect([...entries.keys()]).toEqual(
    expect.arrayContaining(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]),
  );
  return new TextDecoder().decode(entries.get("word/document.xml"));
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">")
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'")
    .replace(/&amp;/gu, "&");

/** The text of each Word paragraph (runs joined). */
function wordParagraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)].map((paragraph) =>
    [...paragraph[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/gu)]
      .map((run) => unescapeXml(run[1] ?? ""))
      .join(""),
  );
}

/** The text of each cell of each row of each (outermost-level) table row. */
function wordRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/gu)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/gu)].map((cell) =>
      wordParagraphs(cell[0]).join("\n"),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Drafts

const CREATED = "2026-05-01T09:00:00.000Z";

function cardDraft(overrides: Partial<Draft> = {}): Draft {
  const prose =
    "Forvaltningens faglige vurdering er, at indsatsen bør videreføres med justeringer.\n\n- Flere unge i job\n- Et fælles team";
  const economy = "Der foreslås 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.";
  const text = `Indhold i justeret indsats\n${prose}\n\nØkonomi/ressourcer\n${economy}`;
  return assessmentDraft({
    title: "Forebyggelse af ekstremisme og radikalisering",
    sections: [
      {
        key: "indholdIJusteretIndsats",
        heading: "Indhold i justeret indsats",
        text: prose,
        start: 27,
        fromData: false,
      },
      {
        key: "økonomiRessourcer",
        heading: "Økonomi/ressourcer",
        text: economy,
        start: text.length - economy.length,
        fromData: true,
      },
    ],
    text,
    decision: "med_justeringer",
    input: { card: { year: 2026, number: 4 }, decision: "med_justeringer" },
    createdAt: CREATED,
    ...overrides,
  });
}

function withExpiryHalf(draft: Draft): Draft {
  return {
    ...draft,
    sections: [
      {
        key: "indholdIIndsatsen",
        heading: "Indhold i indsatsen",
        text: "Indsatsen forebygger radikalisering blandt unge.",
        start: 0,
        fromData: false,
      },
      {
        key: "økonomiUdløb",
        heading: "Økonomi/ressourcer",
        text: "Med budget 2023 blev der afsat 2,7 mio. kr. i 2023.",
        start: 0,
        fromData: true,
      },
      ...draft.sections,
    ],
  };
}

const ISSUE: ValidationIssue = {
  code: "amount_mismatch",
  severity: "error",
  message:
    "Beløbet 6,2 mio. kr. passer ikke med bevillingen: 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
  start: 10,
  end: 21,
  found: "6,2 mio. kr.",
  expected: "5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030",
};

function flagged(draft: Draft, issues: ValidationIssue[] = [ISSUE]): Draft {
  return { ...draft, status: "flagged", validation: { ok: false, figures: [], issues } };
}

const NOTE_REQUEST: BudgetNoteDraftRequest = BudgetNoteDraftRequestSchema.parse({
  title: "En ny ungeindsats: ”Sammen om de unge – et fælles ansvar”",
  code: "BI26",
  purpose: [
    "Et fælles team for unge i Valby, Vesterbro og Kongens Enghave.",
    "Lavere sagsantal for langtidsledige unge.",
  ],
  effects: [
    {
      målgruppe: "Unge 15-29 år uden job og uddannelse",
      indsats: "Et fælles team | fem forvaltninger",
      målsætning: "Kontakt til 90 procent af NEET-unge",
      opfølgning: "Årlig effektopfølgning",
    },
  ],
  priceLevel: 2025,
  committee: "BIU",
  appropriation: "35.10",
  lines: [
    {
      area: "service",
      label: "1 projektleder (Beskæftigelses- og Integrationsforvaltningen)",
      amounts: { "2025": 790_000, "2026": 790_000, "2027": 790_000, "2028": 790_000 },
    },
    {
      area: "service",
      label: "Lavt sagsantal pr. medarbejder for unge, som vurderes langtidsledige",
      amounts: { "2025": 2_000_000, "2026": 7_000_000, "2027": 7_000_000, "2028": 7_000_000 },
    },
    {
      area: "service",
      label: "Lavt sagsantal pr. medarbejder for unge, som får Reconnect-indsats",
      amounts: { "2025": 3_000_000, "2026": 3_000_000, "2027": 3_000_000, "2028": 3_000_000 },
    },
  ],
});

const noteDraft = await draftBudgetNote(NOTE_REQUEST, {
  writer: createOfflineBudgetNoteWriter(),
  now: () => new Date(CREATED),
  newId: () => "udkast-bi26",
});

// ---------------------------------------------------------------------------------------------

describe("exportDraftMarkdown: an annex card", () => {
  it("is laid out like the department's card: title, Nr., Faglig vurdering af videreførelse with its two parts", () => {
    const markdown = exportDraftMarkdown(cardDraft(), { number: 4 });
    expect(markdown).toBe(
      [
        "# Forebyggelse af ekstremisme og radikalisering",
        "**Nr. 4**",
        "## Faglig vurdering af videreførelse",
        "### Indhold i justeret indsats",
        "Forvaltningens faglige vurdering er, at indsatsen bør videreføres med justeringer.\n\n- Flere unge i job\n- Et fælles team",
        "### Økonomi/ressourcer",
        "Der foreslås 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
      ].join("\n\n") + "\n",
    );
  });

  it("leaves out Nr. when the number is not known (the earlier card's number is not the new one)", () => {
    expect(exportDraftMarkdown(cardDraft())).not.toMatch(/Nr\./u);
  });

  it("puts Beskrivelse af udløb before Faglig vurdering af videreførelse when the draft has it", () => {
    const markdown = exportDraftMarkdown(withExpiryHalf(cardDraft()));
    const left = markdown.indexOf("## Beskrivelse af udløb");
    const right = markdown.indexOf("## Faglig vurdering af videreførelse");
    expect(left).toBeGreaterThan(-1);
    expect(right).toBeGreaterThan(left);
    expect(markdown.indexOf("### Indhold i indsatsen")).toBeGreaterThan(left);
    expect(markdown.indexOf("### Indhold i indsatsen")).toBeLessThan(right);
  });

  it("a flagged card says so at the top and lists its open issues at the end", () => {
    const markdown = exportDraftMarkdown(flagged(cardDraft()));
    expect(markdown.split("\n\n")[1]).toMatch(/^> \*\*Udkast med uafklarede fejl\.\*\*/u);
    const end = markdown.indexOf("Uafklarede fejl: 1.");
    expect(end).toBeGreaterThan(markdown.indexOf("### Økonomi/ressourcer"));
    expect(markdown.slice(end)).toContain(
      "- Fejl: Beløbet 6,2 mio. kr. passer ikke med bevillingen",
    );
  });

  it("describes an issue with what the text and the data say, unless the message already does", () => {
    expect(describeIssue(ISSUE)).toBe(`Fejl: ${ISSUE.message}`);
    expect(describeIssue({ ...ISSUE, severity: "warning", message: "Perioden passer ikke." })).toBe(
      "Advarsel: Perioden passer ikke. (i teksten: 6,2 mio. kr.; ifølge data: 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030)",
    );
  });

  it("a draft whose validation has errors is flagged in the export even if its status says clean", () => {
    const inconsistent = {
      ...cardDraft(),
      validation: { ok: false, figures: [], issues: [ISSUE] },
    };
    expect(exportDraftMarkdown(inconsistent)).toContain("Uafklarede fejl: 1.");
  });
});

describe("exportDraftMarkdown: a budget note", () => {
  const markdown = exportDraftMarkdown(noteDraft);

  it("has the note's title and headings in order", () => {
    const headings = markdown.split("\n").filter((line) => line.startsWith("#"));
    expect(headings).toEqual([
      "# BI26 En ny ungeindsats: ”Sammen om de unge – et fælles ansvar”",
      "## Baggrund",
      "## Indhold",
      "## Forventet effekt og opfølgning",
      "## Økonomi",
      "## Bevillingstekniske oplysninger",
      "## Forslag til aftaletekst",
    ]);
    expect(markdown).not.toContain("Uafklarede fejl");
  });

  it("writes the tables as Markdown tables, numbers right-aligned, with captions", () => {
    expect(markdown).toContain(
      "*Tabel 2. Oversigt over forslagets aktiviteter på alle styringsområder*",
    );
    expect(markdown).toContain(
      [
        "| Aktiviteter i forslaget, 1.000 kr. (2025 p/l) | Styringsområde | 2025 | 2026 | 2027 | 2028 | I alt |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        "| 1 projektleder (Beskæftigelses- og Integrationsforvaltningen) | Service | 790 | 790 | 790 | 790 | 3.160 |",
        "| Lavt sagsantal pr. medarbejder for unge, som vurderes langtidsledige | Service | 2.000 | 7.000 | 7.000 | 7.000 | 23.000 |",
        "| Lavt sagsantal pr. medarbejder for unge, som får Reconnect-indsats | Service | 3.000 | 3.000 | 3.000 | 3.000 | 12.000 |",
        "| Udgifter i alt |  | 5.790 | 10.790 | 10.790 | 10.790 | 38.160 |",
      ].join("\n"),
    );
    expect(markdown).toContain(
      "| 1 projektleder (Beskæftigelses- og Integrationsforvaltningen) | BIU | 35.10 | U | 790 | 790 | 790 | 790 | 3.160 |",
    );
    expect(markdown).toContain(
      "| Serviceudgifter i alt |  |  |  | 5.790 | 10.790 | 10.790 | 10.790 | 38.160 |",
    );
    // A pipe in a cell is escaped, so the row keeps its columns.
    expect(markdown).toContain(
      "| Unge 15-29 år uden job og uddannelse | Et fælles team \\| fem forvaltninger |",
    );
    expect(markdown).not.toContain("\t");
  });

  it("ends with the agreement text rendered from data", () => {
    expect(markdown).toContain(
      "## Forslag til aftaletekst\n\nDer afsættes:\n- [38,2] mio. kr. samlet på service i 2025-2028 til initiativet En ny ungeindsats: ”Sammen om de unge – et fælles ansvar”.\n",
    );
  });

  it("a flagged note lists its issues after the last section", () => {
    const flaggedMarkdown = exportDraftMarkdown(flagged(noteDraft));
    expect(flaggedMarkdown.indexOf("Uafklarede fejl: 1.")).toBeGreaterThan(
      flaggedMarkdown.indexOf("## Forslag til aftaletekst"),
    );
  });
});

describe("markdownTable", () => {
  it("right-aligns columns of Danish numbers, dashes counting as empty", () => {
    const rows = [
      ["Aktivitet", "2025", "I alt"],
      ["A", "1.475", "5.900"],
      ["B", "-", "2,5"],
    ];
    expect(numericColumns(rows)).toEqual([false, true, true]);
    expect(markdownTable(rows)).toBe(
      "| Aktivitet | 2025 | I alt |\n| --- | ---: | ---: |\n| A | 1.475 | 5.900 |\n| B | - | 2,5 |",
    );
  });
});

describe("exportDraftDocx", () => {
  it("a budget note is a valid .docx with its headings and real tables, header rows and right-aligned numbers", async () => {
    const xml = await documentXml(noteDraft);
    const paragraphs = wordParagraphs(xml);
    for (const heading of [
      "BI26 En ny ungeindsats: ”Sammen om de unge – et fælles ansvar”",
      "Baggrund",
      "Indhold",
      "Forventet effekt og opfølgning",
      "Økonomi",
      "Bevillingstekniske oplysninger",
      "Forslag til aftaletekst",
    ]) {
      expect(paragraphs).toContain(heading);
    }
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/u);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/u);
    expect(xml.match(/<w:tbl>/gu)).toHaveLength(3);
    expect(xml.match(/<w:tblHeader\/>/gu)).toHaveLength(3);
    const rows = wordRows(xml);
    expect(rows).toContainEqual([
      "Aktiviteter i forslaget, 1.000 kr. (2025 p/l)",
      "Styringsområde",
      "2025",
      "2026",
      "2027",
      "2028",
      "I alt",
    ]);
    expect(rows).toContainEqual([
      "Udgifter i alt",
      "",
      "5.790",
      "10.790",
      "10.790",
      "10.790",
      "38.160",
    ]);
    expect(rows).toContainEqual([
      "1 projektleder (Beskæftigelses- og Integrationsforvaltningen)",
      "BIU",
      "35.10",
      "U",
      "790",
      "790",
      "790",
      "790",
      "3.160",
    ]);
    expect(xml).toMatch(
      /<w:jc w:val="right"\/><\/w:pPr><w:r>(?:(?!<\/w:p>)[\s\S])*?>38\.160<\/w:t>/u,
    );
    expect(xml).toMatch(
      /<w:jc w:val="left"\/><\/w:pPr><w:r>(?:(?!<\/w:p>)[\s\S])*?>Udgifter i alt<\/w:t>/u,
    );
    /* A point is a Word bullet paragraph, not a typed "- ". */
    expect(
      paragraphs.some((paragraph) =>
        paragraph.startsWith("[38,2] mio. kr. samlet på service i 2025-2028"),
      ),
    ).toBe(true);
    expect(xml).toMatch(
      /<w:numPr>(?:(?!<\/w:p>)[\s\S])*?>\[38,2\] mio\. kr\. samlet på service i 2025-2028/u,
    );
    expect(paragraphs.some((paragraph) => /^- /u.test(paragraph))).toBe(false);
    expect(paragraphs.join("\n")).not.toContain("ADVARSEL");
  });

  it("a flagged note carries a visible warning listing the issues, before the text", async () => {
    const xml = await documentXml(flagged(noteDraft));
    const paragraphs = wordParagraphs(xml);
    const warning = paragraphs.findIndex((paragraph) =>
      paragraph.startsWith("ADVARSEL – udkast med uafklarede fejl: 1."),
    );
    expect(warning).toBeGreaterThan(-1);
    expect(warning).toBeLessThan(paragraphs.indexOf("Baggrund"));
    expect(paragraphs[warning + 1]).toContain(
      "Fejl: Beløbet 6,2 mio. kr. passer ikke med bevillingen",
    );
    expect(xml).toContain('w:color="C00000"');
  });

  it("an annex card with only the right half is one column: title, Nr., Faglig vurdering and its parts", async () => {
    const bytes = await exportDraftDocx(cardDraft(), { number: 4 });
    const xml = new TextDecoder().decode(readZip(bytes).get("word/document.xml"));
    const paragraphs = wordParagraphs(xml).filter((paragraph) => paragraph !== "");
    expect(paragraphs.slice(0, 5)).toEqual([
      "Forebyggelse af ekstremisme og radikalisering",
      "Nr. 4",
      "Faglig vurdering af videreførelse",
      "Indhold i justeret indsats",
      "Forvaltningens faglige vurdering er, at indsatsen bør videreføres med justeringer.",
    ]);
    expect(paragraphs).toContain("Økonomi/ressourcer");
    expect(paragraphs).toContain(
      "Der foreslås 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
    );
    expect(xml).not.toContain("<w:tbl>");
  });

  it("an annex card with both halves is a two-column table: Beskrivelse af udløb | Faglig vurdering af videreførelse", async () => {
    const xml = await documentXml(flagged(withExpiryHalf(cardDraft())));
    const rows = wordRows(xml);
    expect(rows).toHaveLength(1);
    const [left = "", right = ""] = rows[0] ?? [];
    expect(left.startsWith("Beskrivelse af udløb\nIndhold i indsatsen")).toBe(true);
    expect(left).toContain("Med budget 2023 blev der afsat 2,7 mio. kr. i 2023.");
    expect(right.startsWith("Faglig vurdering af videreførelse\nIndhold i justeret indsats")).toBe(
      true,
    );
    expect(right).toContain("Økonomi/ressourcer\nDer foreslås 5,7 mio. kr. årligt");
    expect(
      wordParagraphs(xml).some((paragraph) =>
        paragraph.startsWith("ADVARSEL – udkast med uafklarede fejl: 1."),
      ),
    ).toBe(true);
  });
});
