/**
 * The answers in a real browser (headless Chromium via playwright-core) against the real app: the
 * sources pane shows only this answer's sources (none after "not in the material"), the asked fact
 * is marked in its quote, and the timeline names the year the decision changed.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS_DIR,
  launchChromium,
  startUiServer,
  type UiServer,
} from "./support/ui-server.ts";

let server: UiServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function ask(question: string) {
  const before = await page.locator(".msg-assistant:not([aria-busy])").count();
  await page.fill("#chat-input", question);
  await page.press("#chat-input", "Enter");
  await page.locator(".msg-assistant:not([aria-busy])").nth(before).waitFor();
  await page.waitForFunction(
    () =>
      (
        globalThis as unknown as { document: { getElementById(id: string): { disabled: boolean } } }
      ).document.getElementById("chat-send").disabled === false,
  );
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchChromium()]);
  page = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "da-DK" })
  ).newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/`);
  await page.waitForSelector("html[data-ready='true']");
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("answers in the web UI", () => {
  it("marks the asked fact in its quote, then empties the sources pane after 'not in the material'", async () => {
    await ask("Hvor mange møder blev der afholdt i 2024 om rehabilitering?");
    const fact = page.locator("#sources-list mark.fact").first();
    await fact.waitFor();
    expect(await fact.innerText()).toContain("5.175");
    expect(await page.locator("#sources-list > li").count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "answers-01-fact.png") });

    await ask("Hvad besluttede vi om cykelstier på Amager?");
    expect(await page.locator(".msg-assistant").last().innerText()).toContain(
      "Det fremgår ikke af materialet",
    );
    expect(await page.locator("#sources-list > li").count()).toBe(0);
    expect(await page.innerText("#sources-origin")).not.toContain("Kilder til svaret");
    expect(pageErrors).toEqual([]);
  });

  it("shows where the decision changed in the timeline of a renamed grant", async () => {
    await page.click("#tab-timeline");
    const id = "revurdering-af-behov-for-rehabiliteringsmeder";
    await page.waitForSelector(`#timeline-initiative option[value='${id}']`, { state: "attached" });
    await page.selectOption("#timeline-initiative", id);
    await page.waitForSelector("#timeline-view ol.timeline > li");
    expect(await page.locator("#timeline-view ol.timeline > li").count()).toBe(2);
    const changes = await page.innerText("#timeline-view .timeline-changes");
    expect(changes).toContain("Beslutningen ændrede sig");
    expect(changes).toMatch(/2024 .*→ 2026/u);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "answers-02-timeline.png") });
  });
});
