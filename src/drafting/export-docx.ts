/**
 * Word export of a draft with the `docx` package, laid out like the department's documents. An
 * annex card: title, "Nr.", and a two-column table ("Beskrivelse af udløb" | "Faglig vurdering
 * af videreførelse") when the draft has both halves, else the right half in one column. A budget
 * note: its headings, and real Word tables with a repeated header row and right-aligned numbers.
 * A flagged draft opens with a visible warning that lists its open issues. Packs with
 * `Packer.toArrayBuffer`, so it runs in Node and in Workers (no Node `Buffer`).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Draft, DraftSection } from "../domain/index.ts";
import type { ExportDraftOptions } from "./export-markdown.ts";
import {
  CARD_HALVES,
  cardHalves,
  cardNumber,
  describeIssue,
  isFlaggedDraft,
  numericColumns,
  openIssues,
  splitTableText,
} from "./export-markdown.ts";

const FONT = "Calibri";
/** Half-points: 11 pt body, 9 pt in tables. */
const BODY_SIZE = 22;
const TABLE_SIZE = 18;
const HEADER_FILL = "D9E2F3";
const WARNING_COLOR = "C00000";
const WARNING_FILL = "FDE9E7";

type Block = Paragraph | Table;

/** The department's letterhead. */
export const MUNICIPALITY = "Københavns Kommune";
export const ADMINISTRATION = "Beskæftigelses- og Integrationsforvaltningen";
const NUMBERING = "udkast-nummerering";

/** Export options: the card's number, and its expiring half ("Beskrivelse af udløb") read from the corpus. */
export type DocxExportOptions = ExportDraftOptions & {
  expiring?: ReadonlyArray<Pick<DraftSection, "heading" | "text">>;
};

const BULLET_LINE = /^\s*[-•–*]\s+/u;
const NUMBER_LINE = /^\s*\d{1,2}[.)]\s+/u;

let numberingInstances = new Map<string, number>();
/** Each numbered list restarts at 1. */
function numberingInstance(paragraph: string): number {
  const known = numberingInstances.get(paragraph);
  if (known !== undefined) return known;
  const next = numberingInstances.size + 1;
  numberingInstances.set(paragraph, next);
  return next;
}

/** A text as paragraphs: one per line, a blank line between paragraphs kept as spacing. */
function textParagraphs(
  text: string,
  options: {
    size?: number;
    alignment?: (typeof AlignmentType)[keyof typeof AlignmentType];
    bold?: boolean;
  } = {},
): Paragraph[] {
  const paragraphs = text
    .split(/\n{2,}/u)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "");
  if (paragraphs.length === 0) return [new Paragraph({ children: [] })];
  return paragraphs.flatMap((paragraph) =>
    paragraph.split("\n").map(
      (line, index, lines) =>
        new Paragraph({
          /* Points are Word list paragraphs (bullets, numbering), not typed "- " or "1. ". */
          ...(BULLET_LINE.test(line)
            ? { bullet: { level: 0 } }
            : NUMBER_LINE.test(line)
              ? {
                  numbering: {
                    reference: NUMBERING,
                    level: 0,
                    instance: numberingInstance(paragraph),
                  },
                }
              : {}),
          children: [
            new TextRun({
              text: line.replace(BULLET_LINE, "").replace(NUMBER_LINE, "").trimEnd(),
              font: FONT,
              size: options.size ?? BODY_SIZE,
              ...(options.bold === true ? { bold: true } : {}),
            }),
          ],
          ...(options.alignment === undefined ? {} : { alignment: options.alignment }),
          spacing: { after: index === lines.length - 1 ? 120 : 0 },
        }),
    ),
  );
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ text, heading: level, spacing: { before: 240, after: 120 } });
}

function caption(text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, italics: true, font: FONT, size: TABLE_SIZE })],
    spacing: { before: 120, after: 60 },
  });
}

/** A Word table from rows (the first is the header, repeated on each page); number columns right-aligned. */
export function wordTable(rows: readonly (readonly string[])[]): Table {
  const numeric = numericColumns(rows);
  const width = numeric.length;
  const isTotalRow = (cells: readonly string[]) => /\bi\s+alt\b/iu.test(cells[0] ?? "");
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (cells, rowIndex) =>
        new TableRow({
          ...(rowIndex === 0 ? { tableHeader: true } : {}),
          children: Array.from({ length: width }, (_, column) => {
            const text = (cells[column] ?? "").replace(/\s+/gu, " ").trim();
            const header = rowIndex === 0;
            return new TableCell({
              ...(header
                ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: HEADER_FILL } }
                : {}),
              children: [
                new Paragraph({
                  alignment: numeric[column] === true ? AlignmentType.RIGHT : AlignmentType.LEFT,
                  children: [
                    new TextRun({
                      text,
                      font: FONT,
                      size: TABLE_SIZE,
                      ...(header || isTotalRow(cells) ? { bold: true } : {}),
                    }),
                  ],
                }),
              ],
            });
          }),
        }),
    ),
  });
}

/** A section's body: prose as paragraphs; a table section's caption, its Word table and any text after it. */
function sectionBlocks(section: DraftSection): Block[] {
  if (section.table === undefined) return textParagraphs(section.text);
  const { before, after } = splitTableText(section);
  const lead = before.map((paragraph) =>
    /^Tabel\s+\d+[.:]/u.test(paragraph)
      ? caption(paragraph)
      : (textParagraphs(paragraph)[0] ?? new Paragraph({ children: [] })),
  );
  return [
    ...lead,
    wordTable(section.table),
    ...after.flatMap((paragraph) => textParagraphs(paragraph)),
  ];
}

/** The visible warning of a flagged draft: a red, framed paragraph and one line per open issue. */
function warningBlocks(draft: Draft): Paragraph[] {
  if (!isFlaggedDraft(draft)) return [];
  const issues = openIssues(draft);
  const border = { style: BorderStyle.SINGLE, size: 12, color: WARNING_COLOR, space: 4 };
  const framed = {
    border: { top: border, bottom: border, left: border, right: border },
    shading: { type: ShadingType.CLEAR, color: "auto", fill: WARNING_FILL },
  };
  const lines =
    issues.length === 0
      ? ["Udkastet er markeret med fejl, men kontrollen har ikke angivet detaljer."]
      : issues.map((issue) => `• ${describeIssue(issue)}`);
  return [
    new Paragraph({
      ...framed,
      children: [
        new TextRun({
          text: `ADVARSEL – udkast med uafklarede fejl: ${issues.length}. Udkastet må ikke bruges, før de er rettet.`,
          bold: true,
          color: WARNING_COLOR,
          font: FONT,
          size: BODY_SIZE,
        }),
      ],
    }),
    ...lines.map(
      (line) =>
        new Paragraph({
          ...framed,
          children: [
            new TextRun({ text: line, color: WARNING_COLOR, font: FONT, size: BODY_SIZE }),
          ],
        }),
    ),
    new Paragraph({ children: [] }),
  ];
}

/** The subsections of one half of a card, inside a table cell (or the page, in the one-column layout). */
function halfBlocks(title: string, sections: readonly DraftSection[]): Block[] {
  const blocks: Block[] = [
    new Paragraph({ text: title, heading: HeadingLevel.HEADING_2, spacing: { after: 120 } }),
  ];
  for (const section of sections) {
    blocks.push(
      new Paragraph({
        text: section.heading,
        heading: HeadingLevel.HEADING_3,
        spacing: { before: 120, after: 60 },
      }),
    );
    blocks.push(...sectionBlocks(section));
  }
  return blocks;
}

function cardBlocks(draft: Draft, options: DocxExportOptions): Block[] {
  const number = cardNumber(draft, options);
  const halves = cardHalves(draft);
  const vurdering = halves.vurdering;
  const udløb: DraftSection[] =
    halves.udløb.length > 0 || options.expiring === undefined
      ? halves.udløb
      : options.expiring.map((section, index) => ({
          key: `udløb${index}`,
          heading: section.heading,
          text: section.text,
          start: 0,
          fromData: true,
        }));
  const blocks: Block[] = [heading(draft.title, HeadingLevel.HEADING_1)];
  if (number !== undefined)
    blocks.push(new Paragraph({ text: `Nr. ${number}`, heading: HeadingLevel.HEADING_2 }));
  blocks.push(...warningBlocks(draft));
  if (udløb.length === 0) {
    blocks.push(...halfBlocks(CARD_HALVES.vurdering, vurdering));
    return blocks;
  }
  const cell = (title: string, sections: readonly DraftSection[]) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      children: halfBlocks(title, sections) as Array<Paragraph | Table>,
    });
  blocks.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          children: [cell(CARD_HALVES.udløb, udløb), cell(CARD_HALVES.vurdering, vurdering)],
        }),
      ],
    }),
  );
  return blocks;
}

function noteBlocks(draft: Draft): Block[] {
  const blocks: Block[] = [heading(draft.title, HeadingLevel.HEADING_1), ...warningBlocks(draft)];
  for (const section of draft.sections)
    blocks.push(heading(section.heading, HeadingLevel.HEADING_2), ...sectionBlocks(section));
  return blocks;
}

/** The draft as a .docx file (the bytes of the zip). */
export async function exportDraftDocx(
  draft: Draft,
  options: DocxExportOptions = {},
): Promise<Uint8Array> {
  numberingInstances = new Map();
  const letterhead = new Header({
    children: [
      new Paragraph({
        children: [new TextRun({ text: MUNICIPALITY, bold: true, font: FONT, size: BODY_SIZE })],
      }),
      new Paragraph({
        children: [new TextRun({ text: ADMINISTRATION, font: FONT, size: TABLE_SIZE })],
      }),
    ],
  });
  const document = new Document({
    numbering: {
      config: [
        {
          reference: NUMBERING,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: "%1.",
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 260 } } },
            },
          ],
        },
      ],
    },
    styles: {
      default: { document: { run: { font: FONT, size: BODY_SIZE } } },
    },
    creator: draft.author,
    title: draft.title,
    description: `Udkast (${draft.kind === "assessment" ? "bilagskort" : "budgetnotat"}), version ${draft.version}, ${draft.status === "clean" && !isFlaggedDraft(draft) ? "kontrolleret uden fejl" : "med uafklarede fejl"}`,
    sections: [
      {
        headers: { default: letterhead },
        children: draft.kind === "assessment" ? cardBlocks(draft, options) : noteBlocks(draft),
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
