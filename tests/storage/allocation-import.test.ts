/**
 * Partial import: an allocation spreadsheet is stored whole or not at all, through the route and
 * through a crash between staging and renaming the files (rolled back or forward at the next start).
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/create-app.ts";
import { importAllocationSpreadsheet } from "../../src/import/allocation-store.ts";
import { createAllocationFileStore } from "../../src/runtime/node/allocations-import.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-allocations-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const HEADER = "id;initiative;area;recipient;price level;2027 (1.000 kr.);2028 (1.000 kr.)";
const row = (id: string) => `${id};Mentorforløb for unge ledige;service;BIF;2027;5.700;5.700`;
const csv = (...ids: string[]) =>
  new TextEncoder().encode(`${[HEADER, ...ids.map(row)].join("\n")}\n`);
const dataFiles = async () =>
  (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith(".json"));

describe("allocation import is all-or-nothing", () => {
  it("a CSV whose second row has an id that cannot be stored writes nothing and answers 400", async () => {
    const fixture = await createCorpusStore();
    try {
      const allocations = await createAllocationFileStore({
        bundledFolder: path.join(CORPUS_DIR, "allocations"),
        dataFolder: folder,
      });
      const app = createApp({
        store: fixture.store,
        embedder: fixture.embedder,
        allocations,
        importing: { allocations },
        log: () => undefined,
      });
      for (const bad of ["../../etc/passwd", "bilag 2031 02", ".skjult"]) {
        const response = await app.request("/api/allocations/import?name=a.csv", {
          method: "POST",
          headers: { "content-type": "text/csv" },
          body: csv("bilag-2031-01", bad),
        });
        expect(response.status).toBe(400);
        const body = (await response.json()) as {
          imported: string[];
          error: { code: string; message: string };
        };
        expect(body.imported).toEqual([]);
        expect(body.error.message).toContain("row 3");
        expect(await dataFiles()).toEqual([]);
        expect(await allocations.get("bilag-2031-01")).toBeUndefined();
      }
    } finally {
      await fixture.dispose();
    }
  });

  it("a write that fails part-way leaves no file of the import and the store as it was", async () => {
    const allocations = await createAllocationFileStore({
      bundledFolder: path.join(CORPUS_DIR, "allocations"),
      dataFolder: folder,
    });
    await importAllocationSpreadsheet("a.csv", csv("bilag-2031-01"), allocations);
    // A folder where the second file must go makes its rename fail.
    await mkdir(path.join(folder, "bilag-2031-03.json"));
    const before = await allocations.get("bilag-2031-01");
    const changed = new TextEncoder().encode(
      `${HEADER}\nbilag-2031-01;Andet navn;service;BIF;2027;1;1\n${row("bilag-2031-02")}\n${row("bilag-2031-03")}\n`,
    );
    await expect(importAllocationSpreadsheet("b.csv", changed, allocations)).rejects.toThrow();
    expect(await allocations.get("bilag-2031-01")).toEqual(before);
    expect(await allocations.get("bilag-2031-02")).toBeUndefined();
    expect((await readdir(folder)).sort()).toEqual(["bilag-2031-01.json", "bilag-2031-03.json"]);
    await rm(path.join(folder, "bilag-2031-03.json"), { recursive: true });
    const reopened = await createAllocationFileStore({
      bundledFolder: path.join(CORPUS_DIR, "allocations"),
      dataFolder: folder,
    });
    expect(await reopened.get("bilag-2031-01")).toEqual(before);
    expect(await reopened.get("bilag-2031-02")).toBeUndefined();
    expect(await readdir(folder)).toEqual(["bilag-2031-01.json"]);
  });

  it("a crash after the import was staged rolls back; after it was committed rolls forward", async () => {
    const open = () =>
      createAllocationFileStore({
        bundledFolder: path.join(CORPUS_DIR, "allocations"),
        dataFolder: folder,
      });
    const allocations = await open();
    await importAllocationSpreadsheet("a.csv", csv("bilag-2031-01", "bilag-2031-02"), allocations);
    const files = await dataFiles();
    // A staged import without its commit mark (a crash while staging): thrown away at the next start.
    const staged = path.join(folder, ".import-0000aaaa-0000");
    await mkdir(staged);
    await writeFile(path.join(staged, "bilag-2031-09.json"), "{}");
    await open();
    expect(await dataFiles()).toEqual(files);
    expect((await readdir(folder)).sort()).toEqual(files);
    // With its mark (every file was written; a crash while renaming): moved into place.
    const stored = await readFile(path.join(folder, "bilag-2031-01.json"), "utf8");
    const committed = path.join(folder, ".import-0000bbbb-0000");
    await mkdir(committed);
    await writeFile(path.join(committed, "bilag-2031-07.json"), stored);
    await writeFile(`${committed}.commit`, "bilag-2031-07");
    const reopened = await open();
    expect(await reopened.get("bilag-2031-07")).toEqual(await reopened.get("bilag-2031-01"));
    expect((await readdir(folder)).sort()).toEqual([...files, "bilag-2031-07.json"].sort());
  });
});
