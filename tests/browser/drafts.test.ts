/**
 * Drafts in a real browser: draft with the form, shorten and add a point in the chat on that same
 * draft, reload and find it in the list, compare two versions, export .docx and read it back
 * through LibreOffice.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startUiServer, type UiServer } from "./support/ui-server.ts";

type BrowserElement = { textContent: string | null; hidden: boolean };
declare const document: {
  getElementById(id: string): BrowserElement | null;
  querySelectorAll(selector: string): { length: number };
};

const run = promisify(execFile);
let server: UiServer;
let browser: Browser;
let page: Page;
let folder: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchChromium()]);
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-ui-docx-"));
  page = await (await browser.newContext({ locale: "da-DK", acceptDownloads: true })).newPage();
  await page.goto(`${server.url}/`);
  await page.waitForSelector("html[data-ready='true']");
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

const waitForVersion = (version: number) =>
  page.waitForFunction(
    (expected) =>
      (document.getElementById("draft-meta")?.textContent ?? "").startsWith(`Version ${expected}`),
    version,
  );

describe("drafts in the browser", () => {
  it("form, then the chat on the same draft, reload, list, compare, export through LibreOffice", async () => {
    await page.selectOption("#draft-initiative", "bilag-2026-07");
    await page.selectOption("#draft-decision", "med_justeringer");
    await page.click("#draft-submit");
    await waitForVersion(1);
    const title = await page.innerText("#draft-title");
    const first = await page.innerText("#draft-text");

    await page.fill("#chat-input", "gør den kortere");
    await page.press("#chat-input", "Enter");
    await waitForVersion(2);
    const second = await page.innerText("#draft-text");
    expect(second.length).toBeLessThan(first.length);
    await page.fill("#chat-input", "tilføj at indsatsen evalueres i 2028");
    await page.press("#chat-input", "Enter");
    await waitForVersion(3);
    const third = await page.innerText("#draft-text");
    expect(third).toContain("evalueres i 2028");
    expect(third.length).toBeLessThan(first.length);

    await page.reload();
    await page.waitForSelector("html[data-ready='true']");
    await waitForVersion(3);
    expect(await page.innerText("#draft-title")).toBe(title);
    await page.click("#drafts-box summary");
    await page.waitForFunction(
      (expected) => (document.getElementById("drafts-list")?.textContent ?? "").includes(expected),
      title,
    );
    expect(await page.innerText("#drafts-list")).toContain("version 3");

    await page.click("#draft-versions-box summary");
    await page.waitForFunction(() => document.querySelectorAll(".compare-pick").length === 3);
    await page.check(".compare-pick[value='1']");
    await page.check(".compare-pick[value='3']");
    await page.click("#draft-compare-button");
    await page.waitForSelector("#draft-compare:not([hidden])");
    expect(await page.locator("#compare-left del").count()).toBeGreaterThan(0);
    expect(await page.locator("#compare-right ins").count()).toBeGreaterThan(0);
    expect(await page.innerText("#compare-right")).toContain("2028");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#export-docx"),
    ]);
    const file = path.join(folder, "kort.docx");
    await download.saveAs(file);
    await run("soffice", ["--headless", "--convert-to", "pdf", "--outdir", folder, file], {
      timeout: 120_000,
      env: { ...process.env, HOME: folder },
    });
    const { text } = await extractText(
      new Uint8Array(await readFile(path.join(folder, "kort.pdf"))),
      {
        mergePages: true,
      },
    );
    const flat = text.replace(/\s+/gu, " ");
    for (const words of [
      "Nr. 7",
      "Beskrivelse af udløb",
      "Faglig vurdering af videreførelse",
      "2028",
    ])
      expect(flat).toContain(words);
    expect(flat).toContain("0,5 mio. kr.");
  }, 240_000);
});
