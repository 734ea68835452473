import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
let dataDir: string;

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "src/runtime/node/cli.ts", ...args],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, maxBuffer: 20 * 1024 * 1024 },
    );
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "bilagsassistent-cli-"));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

describe("npm run cli", () => {
  it("ingests a folder with a summary, then finds, lists and shows cards", async () => {
    const ingest = await cli("ingest", "corpus/");
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(
      /5 documents, 67 cards, \d+ figures; flags: .*two_column 8.*; 0 failed/,
    );
    const search = await cli("search", "forebyggelse af ekstremisme", "--year", "2026", "--json");
    expect((JSON.parse(search.stdout) as Array<{ cardId: string }>)[0]?.cardId).toBe(
      "bilag-2026-04",
    );
    const cards = await cli("cards", "--year", "2024");
    expect(cards.stdout.trim().split("\n")).toHaveLength(9);
    const card = await cli("card", "bilag-2026-04");
    expect(card.stdout).toContain("Forebyggelse af ekstremisme og radikalisering");
    expect(card.stdout).toMatch(
      /5,7 mio\. kr\.\s+= 5\.700\.000 kr\.; per_year 2027,2028,2029,2030 service 2027 BIF/,
    );
  }, 120_000);

  it("validates a text file against stored allocation data, ✓/✗ per figure, exit 1 on errors", async () => {
    const file = path.join(dataDir, "udkast.txt");
    await writeFile(
      file,
      "Der foreslås 6,0 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
    );
    const wrong = await cli("validate", "--text", file, "--initiative", "bilag-2026-04");
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/✗ 6,0 mio\. kr\..*passer ikke/);
    await writeFile(
      file,
      "Der foreslås 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
    );
    const right = await cli("validate", "--text", file, "--initiative", "bilag-2026-04");
    expect(right.code).toBe(0);
    expect(right.stdout).toMatch(/✓ 5,7 mio\. kr\./);
  }, 60_000);

  it("reports bad input clearly: a missing file, an unknown card, a bad year", async () => {
    const missing = await cli("ingest", "findes-ikke.txt");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("findes-ikke.txt: no such file or folder");
    const unknown = await cli("card", "bilag-1999-01");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No card has the id "bilag-1999-01"');
    const year = await cli("cards", "--year", "tyve");
    expect(year.code).toBe(2);
    expect(year.stderr).toContain("--year must be a year");
  }, 60_000);
});

describe("npm run cli -- draft while the data folder is held (a running server)", () => {
  it("draft show reads without the lock; draft assessment is refused with what to do", async () => {
    const { lockDataFolder } = await import("../../src/runtime/node/data-folder-lock.ts");
    const lock = await lockDataFolder(dataDir, "server");
    try {
      const show = await cli("draft", "show", "no-such-draft");
      expect(show.stderr).toContain('No draft "no-such-draft"');
      expect(show.stderr).not.toContain("in use by another Bilagsassistent");
      const write = await cli("draft", "assessment", "--initiative", "x", "--decision", "y");
      expect(write.stderr).toContain("in use by another Bilagsassistent");
    } finally {
      await lock.release();
    }
  }, 60_000);
});

describe("npm run cli without the data-folder lock", () => {
  it("a read-only command leaves a staged import alone (it may be another process's write in progress)", async () => {
    const { mkdir, readdir } = await import("node:fs/promises");
    const staged = path.join(dataDir, "allocations", ".import-0000cccc-0000");
    await mkdir(staged, { recursive: true });
    await writeFile(path.join(staged, "bilag-2031-09.json"), "{}");
    const cards = await cli("cards", "--year", "2024");
    expect(cards.code, cards.stderr).toBe(0);
    expect(await readdir(path.join(dataDir, "allocations"))).toContain(".import-0000cccc-0000");
    await rm(staged, { recursive: true, force: true });
  }, 60_000);
});
