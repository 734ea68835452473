/**
 * Replacing a stored document from the web UI: a changed version of a stored annex is refused
 * with the reason and a button; the button sends it again with ?replace=true, and it is replaced.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../evals/support/corpus-store.ts";
import { launchChromium, startUiServer, type UiServer } from "./support/ui-server.ts";

let server: UiServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchChromium()]);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/`);
  await page.waitForSelector("html[data-ready='true']");
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("replacing a stored document in the UI", () => {
  it("refuses a changed annex with the reason, and replaces it when asked", async () => {
    await page.click("#tab-documents");
    const annex = await readFile(path.join(CORPUS_DIR, "bilag-2024-udloebende-bevillinger.txt"));
    await page.setInputFiles("#upload-document-file", {
      name: "bilag-2024-rettet.txt",
      mimeType: "text/plain",
      buffer: Buffer.concat([annex, Buffer.from("\n\nRettet udgave.\n")]),
    });
    await page.click("#upload-document-submit");
    await page.waitForSelector("#upload-document-error:not([hidden])");
    const refused = await page.innerText("#upload-document-error");
    expect(refused).toContain("bilag-2024");
    expect(refused).toContain("already stored");
    await page.click("#upload-document-replace");
    await page.waitForSelector("#upload-document-status .upload-result li");
    expect(await page.innerText("#upload-document-status")).toContain("erstattet");
    expect(await page.isHidden("#upload-document-error")).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
