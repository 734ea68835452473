import { OpenAPIHono } from "@hono/zod-openapi";
import ExcelJS from "exceljs";
import type { MiddlewareHandler } from "hono";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Draft } from "../../src/domain/index.ts";
import { exportDraftDocx } from "../../src/drafting/export-docx.ts";
import { errorBody, handleError } from "../../src/http/errors.ts";
import { createImportRoutes, type ImportRouteDependencies } from "../../src/http/import-routes.ts";
import { validationHook } from "../../src/http/openapi.ts";
import { createValidationRoutes } from "../../src/http/validation-routes.ts";
import { readAllocationSpreadsheet } from "../../src/import/allocation-sheet.ts";
import { createMemoryAllocationStore } from "../../src/import/allocation-store.ts";
import { createTempStore } from "../../evals/support/corpus-store.ts";
import { assessmentDraft } from "../support/draft.ts";

let temp: Awaited<ReturnType<typeof createTempStore>>;
beforeAll(async () => {
  temp = await createTempStore();
});
afterAll(async () => temp.dispose());

/** The app as create-app builds it: its error handling, the import routes mounted before the validation routes. */
function buildApp(overrides: Partial<ImportRouteDependencies> = {}) {
  const allocations = overrides.allocations ?? createMemoryAllocationStore();
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.onError((error, c) => handleError(error, c, () => undefined));
  app.route(
    "/",
    createImportRoutes({ store: temp.store, embedder: temp.embedder, allocations, ...overrides }),
  );
  app.route("/", createValidationRoutes({ store: temp.store, allocations }));
  return { app, allocations };
}

async function cardPdf(title: string, amount: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const draw = (lines: string[], x: number, top: number) =>
    lines.forEach(
      (line, index) =>
        line !== "" && page.drawText(line, { x, y: top - index * 14, size: 10, font }),
    );
  draw(["Københavns Kommune", "", title, "", "Nr. 1"], 50, 800);
  draw(
    [
      "Beskrivelse af udløb",
      "Indhold i indsatsen:",
      "Unge ledige får en mentor.",
      "",
      "Økonomi/ressourcer:",
      "Med budget 2023 blev der afsat 2,0 mio. kr.",
    ],
    50,
    720,
  );
  draw(
    [
      "Faglig vurdering af videreførelse",
      "Indhold i justeret indsats:",
      "Forvaltningens faglige vurdering er, at",
      "indsatsen kan videreføres uændret.",
      "",
      "Økonomi/ressourcer:",
      `Der foreslås ${amount} årligt (2027 p/l)`,
      "på service i 2027-2030.",
    ],
    310,
    720,
  );
  return doc.save();
}

const post = (
  app: OpenAPIHono,
  path: string,
  body: string | Uint8Array | FormData,
  headers: Record<string, string> = {},
) => app.request(path, { method: "POST", body, headers });
const form = (name: string, bytes: Uint8Array) => {
  const data = new FormData();
  data.append("file", new File([bytes], name));
  return data;
};
type UploadBody = {
  summary: {
    files: Array<{
      file: string;
      status: string;
      documentId?: string;
      cards?: number;
      code?: string;
    }>;
  };
  format?: string;
  pages?: Array<{ number: number }>;
  error?: { code: string; message: string };
};

describe("POST /api/documents", () => {
  it("indexes an uploaded PDF (raw body), detected by content, and the same file twice is unchanged", async () => {
    const { app } = buildApp();
    const pdf = await cardPdf("Mentorforløb for unge ledige", "5,7 mio. kr.");
    const first = await post(app, "/api/documents?name=bilag-2031-mentor.bin", pdf, {
      "content-type": "application/octet-stream",
    });
    expect(first.status).toBe(200);
    const body = (await first.json()) as UploadBody;
    expect(body.format).toBe("pdf");
    expect(body.pages).toEqual([expect.objectContaining({ number: 1 })]);
    expect(body.summary.files[0]).toMatchObject({
      file: "bilag-2031-mentor.bin",
      status: "added",
      documentId: "bilag-2031",
      cards: 1,
    });
    const stored = await temp.store.getCard("bilag-2031-01");
    expect(stored?.card.figures.some((figure) => figure.amount?.min === 5_700_000)).toBe(true);
    expect(await temp.store.sourceText("bilag-2031")).toContain(
      "Forvaltningens faglige vurdering er, at\nindsatsen kan videreføres uændret.",
    );

    const again = (await (
      await post(app, "/api/documents?name=bilag-2031-mentor.bin", pdf)
    ).json()) as UploadBody;
    expect(again.summary.files[0]?.status).toBe("unchanged");
  });

  it("indexes a Word document sent as multipart, and gives progress events with ?stream=1", async () => {
    const { app } = buildApp();
    const draft: Draft = assessmentDraft({
      id: "u",
      title: "Virksomhedsrettet indsats",
      sections: [
        {
          key: "indholdIJusteretIndsats",
          heading: "Indhold i justeret indsats",
          text: "Forvaltningens faglige vurdering er, at indsatsen ophører.",
          start: 0,
          fromData: false,
        },
        {
          key: "økonomiRessourcer",
          heading: "Økonomi/ressourcer",
          text: "Der søges ikke om midler.",
          start: 0,
          fromData: true,
        },
      ],
      prompt: { id: "a", version: "1" },
    });
    const docx = await exportDraftDocx(draft);
    const response = await post(app, "/api/documents?year=2032&stream=1", form("kort.docx", docx));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = (await response.text())
      .split("\n\n")
      .filter((block) => block.trim() !== "")
      .map((block) => ({
        event: /event: (\S+)/.exec(block)?.[1],
        data: JSON.parse(/data: (.*)/.exec(block)?.[1] ?? "null") as unknown,
      }));
    expect(events.map((event) => event.event)).toEqual([
      ...events.slice(0, -1).map(() => "progress"),
      "done",
    ]);
    expect(events.map((event) => (event.data as { stage?: string }).stage).filter(Boolean)).toEqual(
      expect.arrayContaining(["received", "index", "done"]),
    );
    expect((events.at(-1)?.data as UploadBody).summary.files[0]).toMatchObject({
      status: "added",
      documentId: "bilag-2032",
      cards: 1,
    });
  });

  it("refuses bad files with the file and the reason, and stores nothing from them", async () => {
    const { app } = buildApp();
    const before = (await temp.store.listDocuments()).length;
    const chunksBefore = await temp.store.count();

    const scanned = await PDFDocument.create();
    scanned.addPage([595, 842]);
    const scan = await post(app, "/api/documents", form("scannet.pdf", await scanned.save()));
    expect(scan.status).toBe(400);
    expect(((await scan.json()) as UploadBody).error).toMatchObject({
      code: "pdf_scanned",
      message: expect.stringMatching(
        /^scannet\.pdf: the PDF has no text layer \(scanned pages\)\. Install Debian's tesseract-ocr/,
      ),
    });

    const plain = new TextDecoder("latin1").decode(
      await (await PDFDocument.create().then(async (doc) => (doc.addPage(), doc))).save({
        useObjectStreams: false,
      }),
    );
    const encrypted = Uint8Array.from(
      plain.replace(
        "trailer\n<<",
        `trailer\n<<\n/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <${"11".repeat(32)}> /U <${"22".repeat(32)}> >>\n/ID [<${"33".repeat(16)}> <${"33".repeat(16)}>]`,
      ),
      (char) => char.charCodeAt(0),
    );
    const locked = (await (
      await post(app, "/api/documents", form("laast.pdf", encrypted))
    ).json()) as UploadBody;
    expect(locked.error).toMatchObject({
      code: "pdf_encrypted",
      message: expect.stringMatching(/^laast\.pdf: the PDF is encrypted/),
    });

    const { Document, Packer, Paragraph } = await import("docx");
    const memo = new Uint8Array(
      await Packer.toArrayBuffer(
        new Document({ sections: [{ children: [new Paragraph("Referat af mødet.")] }] }),
      ),
    );
    const noCard = (await (
      await post(app, "/api/documents", form("referat.docx", memo))
    ).json()) as UploadBody;
    expect(noCard.error).toMatchObject({
      code: "no_card_found",
      message: expect.stringMatching(/^referat\.docx: no annex card or budget note was recognised/),
    });

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Ark1").addRow(["initiative", "area", "2027"]);
    const sheet = (await (
      await post(
        app,
        "/api/documents",
        form("tal.xlsx", new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)),
      )
    ).json()) as UploadBody;
    expect(sheet.error?.message).toMatch(
      /^tal\.xlsx: the file is a spreadsheet.*POST \/api\/allocations\/import/,
    );

    expect((await temp.store.listDocuments()).length).toBe(before);
    expect(await temp.store.count()).toBe(chunksBefore);
  });

  it("answers 413 for a file over the limit, and runs the authorize hook first", async () => {
    const { app } = buildApp({ maxDocumentBytes: 1_000 });
    const big = new TextEncoder().encode("x".repeat(1_500));
    const raw = await post(app, "/api/documents?name=stor.txt", big);
    expect(raw.status).toBe(413);
    expect(((await raw.json()) as UploadBody).error).toMatchObject({
      code: "file_too_large",
      message: expect.stringMatching(/^stor\.txt: the file is 0\.0 MB; the limit is 0\.0 MB/),
    });
    const huge = await post(app, "/api/documents", new TextEncoder().encode("x".repeat(200_000)));
    expect(huge.status).toBe(413);

    const seen: string[] = [];
    const deny: MiddlewareHandler = async (c) => {
      seen.push(c.req.path);
      return c.json(errorBody("forbidden", "Only administrators may upload."), 403);
    };
    const guarded = buildApp({ authorize: deny }).app;
    const before = (await temp.store.listDocuments()).length;
    expect(
      (
        await post(
          guarded,
          "/api/documents?name=bilag-2040.pdf",
          await cardPdf("X", "1,0 mio. kr."),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await post(
          guarded,
          "/api/allocations/import?name=a.csv",
          "initiative,area,2027\nX,service,1\n",
        )
      ).status,
    ).toBe(403);
    expect(seen).toEqual(["/api/documents", "/api/allocations/import"]);
    expect((await temp.store.listDocuments()).length).toBe(before);
  });
});

describe("allocation import and export", () => {
  it("imports a spreadsheet into the store that GET /api/allocations reads, and exports it back", async () => {
    const { app, allocations } = buildApp();
    const csv =
      "id;initiative;area;recipient;price level;2027 (1.000 kr.);2028 (1.000 kr.)\nbilag-2031-01;Mentorforløb for unge ledige;service;BIF;2027;5.700;5.700\n";
    const response = await post(
      app,
      "/api/allocations/import",
      form("allocations.csv", new TextEncoder().encode(csv)),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      imported: ["bilag-2031-01"],
      unchanged: [],
      errors: [],
    });
    const listed = (await (await app.request("/api/allocations/bilag-2031-01")).json()) as {
      allocation: { lines: Array<{ amounts: Record<string, number> }> };
    };
    expect(listed.allocation.lines[0]?.amounts).toEqual({ "2027": 5_700_000, "2028": 5_700_000 });

    for (const format of ["xlsx", "csv"] as const) {
      const exported = await app.request(`/api/allocations/export?format=${format}`);
      expect(exported.status).toBe(200);
      expect(exported.headers.get("content-disposition")).toBe(
        `attachment; filename="allocations.${format}"`,
      );
      const sheet = await readAllocationSpreadsheet(
        `allocations.${format}`,
        new Uint8Array(await exported.arrayBuffer()),
      );
      expect(sheet.allocations).toEqual(await allocations.list());
      const reimport = await post(
        app,
        `/api/allocations/import?name=allocations.${format}`,
        new Uint8Array(
          await (await app.request(`/api/allocations/export?format=${format}`)).arrayBuffer(),
        ),
      );
      expect(await reimport.json()).toEqual({
        imported: [],
        unchanged: ["bilag-2031-01"],
        errors: [],
      });
    }
    expect((await app.request("/api/allocations/export?format=pdf")).status).toBe(400);
  });

  it("refuses a spreadsheet with a text in a money column or a year twice, naming cell and reason; stores nothing", async () => {
    const { app, allocations } = buildApp();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Ark1");
    sheet.addRow(["id", "initiative", "area", "2027", "2028"]);
    sheet.addRow(["a-1", "Først", "service", 100, 100]);
    sheet.addRow(["a-2", "Så", "service", 100, 100]);
    sheet.addRow(["a-3", "Til sidst", "service", 100, "fem"]);
    const response = await post(
      app,
      "/api/allocations/import",
      form("allocations.xlsx", new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      imported: string[];
      errors: Array<{ message: string }>;
      error: { code: string; message: string };
    };
    expect(body.imported).toEqual([]);
    expect(body.errors.map((error) => error.message)).toEqual([
      "allocations.xlsx, row 4, column E (2028): 'fem' is not an amount.",
    ]);
    expect(body.error.message).toBe(
      "allocations.xlsx: nothing was imported; 1 error. allocations.xlsx, row 4, column E (2028): 'fem' is not an amount.",
    );

    const twice = (await (
      await post(
        app,
        "/api/allocations/import?name=b.csv",
        "initiative,area,2027,2027\nX,service,1,2\n",
      )
    ).json()) as { errors: Array<{ message: string }> };
    expect(twice.errors[0]?.message).toBe(
      "b.csv, row 1, columns C and D: the year 2027 is given twice.",
    );
    expect(await allocations.list()).toEqual([]);
  });
});
