import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import {
  readAllocationSpreadsheet,
  writeAllocationSpreadsheet,
} from "../../src/import/allocation-sheet.ts";
import {
  createMemoryAllocationStore,
  importAllocationSpreadsheet,
} from "../../src/import/allocation-store.ts";
import { parseCsv, formatCsv } from "../../src/import/csv.ts";
import {
  createAllocationFileStore,
  runAllocationsImport,
} from "../../src/runtime/node/allocations-import.ts";
import { readAllocationFiles } from "../../src/runtime/node/allocation-files.ts";
import { CORPUS_DIR } from "../../evals/support/corpus-store.ts";

const encode = (text: string) => new TextEncoder().encode(text);

async function xlsx(rows: Array<Array<string | number | null>>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Ark1");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("CSV (RFC 4180)", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks, CRLF, and guesses ';'", () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\nlines"\r\n1,2,3,4\r\n')).toEqual([
      ["a", "b,c", 'say "hi"', "two\nlines"],
      ["1", "2", "3", "4"],
    ]);
    expect(parseCsv("initiative;area;2027\nX;service;5,7\n")).toEqual([
      ["initiative", "area", "2027"],
      ["X", "service", "5,7"],
    ]);
    const rows = [
      ["a;b", 'q"'],
      ["", "x"],
    ];
    expect(parseCsv(formatCsv(rows, ";"))).toEqual(rows);
  });
});

describe("allocation spreadsheets", () => {
  it("reads .xlsx rows in 1.000 kr. from the year header into allocations grouped per initiative", async () => {
    const bytes = await xlsx([
      [
        "id",
        "initiative",
        "area",
        "recipient",
        "price level",
        "2027 (1.000 kr.)",
        "2028 (1.000 kr.)",
        "2029 (1.000 kr.)",
      ],
      [
        "bilag-2026-02",
        "Forankring af metoder fra Projekt Trædesten",
        "indsats",
        "",
        2027,
        9_500,
        null,
        null,
      ],
      [
        "bilag-2026-02",
        "Forankring af metoder fra Projekt Trædesten",
        "Service",
        "BIF",
        "2027 p/l",
        "1.400",
        null,
        null,
      ],
      [
        "bilag-2026-04",
        "Forebyggelse af ekstremisme og radikalisering",
        "service",
        "BIF",
        2027,
        5_700,
        5_700,
        5_700,
      ],
    ]);
    const sheet = await readAllocationSpreadsheet("allocations.xlsx", bytes);
    expect(sheet.errors).toEqual([]);
    expect(sheet.allocations).toEqual([
      {
        id: "bilag-2026-02",
        allocation: {
          initiative: "Forankring af metoder fra Projekt Trædesten",
          priceLevel: 2027,
          cardId: "bilag-2026-02",
          lines: [
            { area: "indsats", amounts: { "2027": 9_500_000 } },
            { area: "service", recipient: "BIF", amounts: { "2027": 1_400_000 } },
          ],
        },
      },
      {
        id: "bilag-2026-04",
        allocation: {
          initiative: "Forebyggelse af ekstremisme og radikalisering",
          priceLevel: 2027,
          cardId: "bilag-2026-04",
          lines: [
            {
              area: "service",
              recipient: "BIF",
              amounts: { "2027": 5_700_000, "2028": 5_700_000, "2029": 5_700_000 },
            },
          ],
        },
      },
    ]);
  });

  it("reads CSV with a unit cell above the header and decimal commas in mio. kr.", async () => {
    const csv =
      "Beløb i mio. kr.;;;\ninitiativ;område;modtager;2027;2028\nUngeindsats;service;BIF;5,7;2,25\n";
    const sheet = await readAllocationSpreadsheet("alloc.csv", encode(csv));
    expect(sheet.errors).toEqual([]);
    expect(sheet.allocations[0]?.allocation.lines[0]?.amounts).toEqual({
      "2027": 5_700_000,
      "2028": 2_250_000,
    });
    expect(sheet.allocations[0]?.id).toBe("ungeindsats");
  });

  it("names file, row and column of a text in a money column, and stores nothing from that file", async () => {
    const bytes = await xlsx([
      ["id", "initiative", "area", "2027", "2028"],
      ["bilag-2026-04", "Forebyggelse", "service", 5_700_000, 5_700_000],
      ["bilag-2026-05", "Noget andet", "service", 100, 100],
      ["bilag-2026-06", "Et tredje", "service", 1_000, "fem"],
    ]);
    const store = createMemoryAllocationStore();
    const result = await importAllocationSpreadsheet("allocations.xlsx", bytes, store);
    expect(result.imported).toEqual([]);
    expect(result.errors.map((error) => error.message)).toEqual([
      "allocations.xlsx, row 4, column E (2028): 'fem' is not an amount.",
    ]);
    expect(result.errors[0]).toMatchObject({ row: 4, column: "E" });
    expect(await store.list()).toEqual([]);
  });

  it("refuses a year given twice, an unknown area, a negative amount, conflicting price levels and a missing header", async () => {
    const twice = await readAllocationSpreadsheet(
      "a.csv",
      encode("initiative,area,2027,2028,2028\nX,service,1,2,3\n"),
    );
    expect(twice.errors.map((error) => error.message)).toEqual([
      "a.csv, row 1, columns D and E: the year 2028 is given twice.",
    ]);
    const bad = await readAllocationSpreadsheet(
      "b.csv",
      encode(
        "initiative,area,price level,2027\nX,drift,2027,1\nY,service,2027,-5\nZ,service,2027,1\nZ,service,2026,1\n",
      ),
    );
    expect(bad.errors.map((error) => error.message)).toEqual([
      "b.csv, row 2, column B (area): 'drift' is not an area (service, indsats, overførsler, anlæg).",
      "b.csv, row 3, column D (2027): '-5' is negative; amounts cannot be negative.",
      "b.csv, row 5, column C (price level): 2026 differs from the price level 2027 given for z in row 4; one initiative has one price level.",
    ]);
    expect(bad.allocations).toEqual([]);
    const noHeader = await readAllocationSpreadsheet("c.csv", encode("just,some,words\n"));
    expect(noHeader.errors[0]?.message).toMatch(/^c\.csv: no header row was found/);
    const pdf = await readAllocationSpreadsheet("d.xlsx", encode("%PDF-1.7\n"));
    expect(pdf.errors[0]?.message).toMatch(/^d\.xlsx: the file is a PDF/);
  });

  it("round-trips the bundled allocations through .xlsx and .csv", async () => {
    const entries = await readAllocationFiles(path.join(CORPUS_DIR, "allocations"));
    expect(entries.length).toBeGreaterThan(10);
    const withoutSource = entries.map(({ id, allocation }) => {
      const { source: _source, ...rest } = allocation;
      return { id, allocation: rest };
    });
    for (const format of ["xlsx", "csv"] as const) {
      const bytes = await writeAllocationSpreadsheet(entries, format);
      const sheet = await readAllocationSpreadsheet(`export.${format}`, bytes);
      expect(sheet.errors).toEqual([]);
      expect(sheet.allocations).toEqual(withoutSource);
      // Importing the export over the same data changes nothing (and keeps the source spans).
      const store = createMemoryAllocationStore(entries);
      const result = await importAllocationSpreadsheet(`export.${format}`, bytes, store);
      expect(result.imported).toEqual([]);
      expect(result.unchanged).toHaveLength(entries.length);
      expect(await store.list()).toEqual(entries);
    }
  });
});

describe("allocation file store and the CLI import", () => {
  let folder: string | undefined;
  afterEach(async () => {
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it("writes imported allocations to DATA_DIR/allocations, reads both folders, never writes the bundled one", async () => {
    folder = await mkdtemp(path.join(tmpdir(), "bilag-alloc-"));
    const bundledBefore = (await readdir(path.join(CORPUS_DIR, "allocations"))).sort();
    const file = path.join(folder, "allocations.csv");
    await writeFile(
      file,
      "id;initiative;area;recipient;price level;2027 (mio. kr.);2028 (mio. kr.)\nbilag-2026-04;Forebyggelse af ekstremisme og radikalisering;service;BIF;2027;6;6\nny-indsats;Ny indsats;indsats;;2027;1,5;\n",
    );
    const settings = { CORPUS_DIR, DATA_DIR: path.join(folder, "data") };
    const result = await runAllocationsImport(file, settings);
    expect(result).toMatchObject({ imported: ["bilag-2026-04", "ny-indsats"], errors: [] });
    expect((await readdir(path.join(folder, "data", "allocations"))).sort()).toEqual([
      "bilag-2026-04.json",
      "ny-indsats.json",
    ]);
    expect((await readdir(path.join(CORPUS_DIR, "allocations"))).sort()).toEqual(bundledBefore);
    const store = await createAllocationFileStore({
      bundledFolder: path.join(CORPUS_DIR, "allocations"),
      dataFolder: path.join(folder, "data", "allocations"),
    });
    expect((await store.get("bilag-2026-04"))?.lines[0]?.amounts).toEqual({
      "2027": 6_000_000,
      "2028": 6_000_000,
    });
    expect(await store.get("bilag-2026-02")).toBeDefined();
    expect((await store.list()).length).toBe(
      bundledBefore.filter((name) => /^bilag-.*\.json$/.test(name)).length + 1,
    );
    // The same file again: unchanged.
    expect(await runAllocationsImport(file, settings)).toMatchObject({
      imported: [],
      unchanged: ["bilag-2026-04", "ny-indsats"],
    });
    await expect(
      store.put("../evil", {
        initiative: "x",
        lines: [{ area: "service", amounts: { "2027": 1 } }],
      }),
    ).rejects.toThrow(/cannot be an allocation id/);
  });
});
