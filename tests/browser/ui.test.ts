/**
 * The web UI in a real browser (headless Chromium via playwright-core) against the real app on a
 * loopback port: ask, search, card view, draft with marked figures, edit and re-check, export,
 * keyboard access, narrow screens, the timeline, the chat's event stream, and uploading documents
 * and allocation spreadsheets.
 * Screenshots go to tests/artifacts/ (gitignored).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS_DIR,
  launchChromium,
  startUiServer,
  type UiServer,
} from "./support/ui-server.ts";
import { CORPUS_DIR } from "../../evals/support/corpus-store.ts";

// Browser globals for the functions page.evaluate runs in the page (the project's tsconfig has no DOM lib).
type BrowserElement = {
  classList: { contains(name: string): boolean };
  textContent: string | null;
  getAttribute(name: string): string | null;
};
declare const document: {
  activeElement: BrowserElement | null;
  getElementById(id: string): BrowserElement | null;
  querySelectorAll(selector: string): { length: number };
  documentElement: { scrollWidth: number; clientWidth: number };
};
declare const getComputedStyle: (element: BrowserElement) => { display: string };
declare const localStorage: { getItem(key: string): string | null };

let server: UiServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const shot = (target: Page, name: string) =>
  target.screenshot({ path: path.join(ARTIFACTS_DIR, `ui-${name}.png`), fullPage: false });

async function openPage(target: Page) {
  await target.goto(server.url + "/");
  await target.waitForSelector("html[data-ready='true']");
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchChromium()]);
  context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: "da-DK",
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // The chat tries POST /api/chat first and falls back to /api/ask while the server has no chat route.
    const chatProbe =
      message.location().url.endsWith("/api/chat") && message.text().includes("404");
    // The spreadsheet with an error is refused with a 400 on purpose.
    const refusedSheet =
      message.location().url.endsWith("/api/allocations/import") && message.text().includes("400");
    if (message.type() === "error" && !chatProbe && !refusedSheet)
      pageErrors.push(`console: ${message.text()} (${message.location().url})`);
  });
  await openPage(page);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("web UI", () => {
  it("serves a Danish page with its script and styles under a strict CSP, without script errors", async () => {
    expect(await page.title()).toContain("Bilagsassistent");
    expect(await page.getAttribute("html", "lang")).toBe("da");
    const response = await fetch(server.url + "/");
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    // The initiatives for the draft form came from GET /api/allocations.
    await page.waitForSelector("#draft-initiative option[value='bilag-2026-04']", {
      state: "attached",
    });
    await shot(page, "01-start");
    expect(pageErrors).toEqual([]);
  });

  it("asks a reviewer question and shows the cited card", async () => {
    await page.fill("#chat-input", "Hvad besluttede vi om TechBBQ i 2023?");
    await page.press("#chat-input", "Enter");
    // Streamed (POST /api/chat) or whole (POST /api/ask): done when aria-busy is gone.
    const answer = page.locator(".msg-assistant:not([aria-busy])", { hasText: "TechBBQ" }).last();
    await answer.waitFor();
    const source = page.locator("#sources-list a.card-link[data-card-id='bilag-2023-10']").first();
    await source.waitFor();
    expect(await page.locator("#sources-list").innerText()).toContain(
      "Der er endnu ikke afholdt aktiviteter",
    );
    await shot(page, "02-answer");

    await source.click();
    await page.waitForSelector("#card-title");
    expect(await page.innerText("#card-title")).toBe("Støtte til TechBBQ's iværksætterprogram");
    const card = await page.innerText("#card-view");
    expect(card).toContain("2023");
    expect(card).toContain("Afventer afklaring");
    expect(card).toContain("0,5 mio. kr.");
    expect(page.url()).toContain("#kort/bilag-2023-10");
    await shot(page, "03-card");
  });

  it("searches the corpus and lists cards with quote and year", async () => {
    await page.click("#tab-search");
    await page.fill("#search-query", "forebyggelse af ekstremisme");
    await page.press("#search-query", "Enter");
    const first = page.locator("#search-results > li").first();
    await first.waitFor();
    expect(await first.getAttribute("data-card-id")).toBe("bilag-2026-04");
    expect(await first.innerText()).toContain("2026");
    expect(await first.locator("blockquote").innerText()).toContain("Sikker By");
  });

  it("drafts an assessment and marks every money figure valid", async () => {
    await page.selectOption("#draft-initiative", "bilag-2026-04");
    await page.selectOption("#draft-decision", "uændret");
    await page.fill("#draft-notes", "Indsatsen fortsætter med fokus på forebyggelse i skolerne.");
    await page.click("#draft-submit");
    const figure = page.locator("#draft-text mark.fig", { hasText: "5,7 mio. kr." });
    await figure.waitFor();
    expect(await figure.getAttribute("data-status")).toBe("ok");
    expect(await figure.innerText()).toContain("✓");
    expect(await page.locator("#draft-text mark.fig").count()).toBe(
      await page.locator("#draft-text mark.fig[data-status='ok']").count(),
    );
    expect(await page.innerText("#draft-status")).toContain("Alle tal passer");
    expect(await page.innerText("#draft-text")).toContain("forebyggelse i skolerne");
    // The draft's sources are in the sources pane.
    await page.click("#tab-sources");
    expect(
      await page.locator("#sources-list a.card-link[data-card-id='bilag-2026-04']").count(),
    ).toBeGreaterThan(0);
    await shot(page, "04-draft-valid");
  });

  it("re-checks an edited figure and marks it invalid with the reason on hover", async () => {
    await page.click("#draft-edit-button");
    const edited = (await page.inputValue("#draft-edit")).replace("5,7 mio. kr.", "6,0 mio. kr.");
    await page.fill("#draft-edit", edited);
    expect(await page.innerText("#draft-status")).toContain("Tjek tal");
    await page.click("#draft-check");
    const figure = page.locator("#draft-text mark.fig", { hasText: "6,0 mio. kr." });
    await figure.waitFor();
    expect(await figure.getAttribute("data-status")).toBe("error");
    expect(await figure.innerText()).toContain("✗");
    expect(await page.innerText("#draft-status")).toContain("1 fejl");
    expect(await page.innerText("#draft-meta")).toContain("Version 2");

    await page.mouse.move(0, 0);
    await page.locator("#draft-status").click();
    await figure.hover();
    const tip = page
      .locator("#draft-text .fig-wrap", {
        has: page.locator("mark.fig", { hasText: "6,0 mio. kr." }),
      })
      .locator(".fig-tip");
    await tip.waitFor({ state: "visible" });
    expect(await tip.innerText()).toContain("passer ikke");
    expect(await tip.innerText()).toContain("5,7 mio. kr.");
    await shot(page, "05-draft-invalid-hover");
    await page.mouse.move(0, 0);
  });

  it("reaches the figures with Tab and shows and announces the reason", async () => {
    await page.focus("#draft-form-box > summary");
    let focused:
      | { isFigure: boolean; text: string; description: string; tipVisible: boolean }
      | undefined;
    for (let step = 0; step < 10; step += 1) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => {
        const active = document.activeElement;
        const describedBy = active?.getAttribute("aria-describedby") ?? "";
        const tip = describedBy ? document.getElementById(describedBy) : null;
        return {
          isFigure: active?.classList.contains("fig") ?? false,
          text: active?.textContent ?? "",
          description: tip?.textContent ?? "",
          tipVisible: tip !== null && getComputedStyle(tip).display !== "none",
        };
      });
      if (focused.isFigure) break;
    }
    expect(focused?.isFigure).toBe(true);
    expect(focused?.text).toContain("6,0 mio. kr.");
    expect(focused?.text).toContain("(fejl)");
    expect(focused?.description).toContain("passer ikke");
    expect(focused?.tipVisible).toBe(true);
    await shot(page, "06-keyboard-focus");
    // Escape hides the tooltip without moving focus (WCAG 1.4.13).
    await page.keyboard.press("Escape");
    expect(await page.locator(".fig-wrap.tip-dismissed").count()).toBe(1);
  });

  it("exports the draft as Word and Markdown", async () => {
    const [word] = await Promise.all([page.waitForEvent("download"), page.click("#export-docx")]);
    expect(word.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = await readFile((await word.path()) ?? "");
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const [markdown] = await Promise.all([page.waitForEvent("download"), page.click("#export-md")]);
    const text = await readFile((await markdown.path()) ?? "", "utf8");
    expect(text).toContain("6,0 mio. kr.");
    expect(pageErrors).toEqual([]);
  });

  it("drafts through the chat and continues the conversation after a reload", async () => {
    expect(
      await page.evaluate(() => localStorage.getItem("bilagsassistent.conversationId")),
    ).toBeTruthy();
    await page.fill("#chat-input", "Lav et udkast til nr. 14, uændret");
    await page.press("#chat-input", "Enter");
    await page.waitForFunction(
      () =>
        document.getElementById("draft-title")?.textContent !==
        "Forebyggelse af ekstremisme og radikalisering",
    );
    const title = await page.innerText("#draft-title");
    expect(await page.innerText("#draft-status")).toContain("Alle tal passer");
    const messages = await page.locator(".msg").count();
    expect(messages).toBeGreaterThanOrEqual(4);

    await page.reload();
    await page.waitForSelector("html[data-ready='true']");
    await page.waitForFunction(
      (count) => document.querySelectorAll(".msg").length === count,
      messages,
    );
    await page.waitForFunction(
      (expected) => document.getElementById("draft-title")?.textContent === expected,
      title,
    );
    expect(await page.locator("#draft-text mark.fig[data-status='ok']").count()).toBeGreaterThan(0);
    await shot(page, "07-chat-draft-after-reload");
  });

  it("shows an initiative's timeline, and says so when the server has none", async () => {
    const { initiatives } = (await (await fetch(server.url + "/api/initiatives")).json()) as {
      initiatives: Array<{ id: string; title: string; years: number[] }>;
    };
    const multiYear = initiatives.find((initiative) => initiative.years.length > 1);
    expect(multiYear).toBeDefined();
    await page.click("#tab-timeline");
    await page.waitForSelector(`#timeline-initiative option[value='${multiYear?.id}']`, {
      state: "attached",
    });
    await page.selectOption("#timeline-initiative", multiYear?.id ?? "");
    await page.waitForSelector("#timeline-view ol.timeline > li");
    expect(await page.locator("#timeline-view ol.timeline > li").count()).toBe(
      multiYear?.years.length,
    );
    for (const year of multiYear?.years ?? [])
      expect(await page.innerText("#timeline-view")).toContain(String(year));
    await shot(page, "08-timeline");

    const other = await context.newPage();
    await other.route("**/api/initiatives", (route) =>
      route.fulfill({
        status: 404,
        contentType: "application/json",
        body: JSON.stringify({
          error: { code: "not_found", message: "No route GET /api/initiatives." },
        }),
      }),
    );
    await openPage(other);
    await other.click("#tab-timeline");
    await other.waitForSelector("#timeline-view .notice");
    expect(await other.innerText("#timeline-view")).toContain("ikke tilgængelige");
    await other.close();
  });

  it("streams a chat answer from /api/chat and continues the conversation after a reload", async () => {
    const isolated = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await isolated.newPage();
    const citation = {
      id: 1,
      cardId: "bilag-2026-04",
      title: "Forebyggelse af ekstremisme og radikalisering",
      year: 2026,
      documentTitle: "Bevillinger, der udløber efter 2026",
      section: "content",
      quote: "Indsatsen er forankret som et fokusområde i KKs Sikker By strategi.",
      start: 0,
      end: 10,
    };
    const frame = (event: string, data: unknown) =>
      `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    await other.route("**/api/chat", (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/event-stream",
        body:
          frame("conversation", { conversationId: "samtale-1" }) +
          frame("delta", { text: "Indsatsen er forankret i " }) +
          frame("delta", { text: "Sikker By-strategien [1]." }) +
          frame("citations", { citations: [citation] }) +
          frame("end", { messageId: "m2" }),
      }),
    );
    await other.route("**/api/conversations/samtale-1", (route) =>
      route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({
          id: "samtale-1",
          messages: [
            {
              id: "m1",
              role: "user",
              text: "Hvad er indsatsen mod ekstremisme?",
              createdAt: "2026-01-01T00:00:00Z",
            },
            {
              id: "m2",
              role: "assistant",
              text: "Indsatsen er forankret i Sikker By-strategien [1].",
              citations: [citation],
              createdAt: "2026-01-01T00:00:01Z",
            },
          ],
        }),
      }),
    );
    await openPage(other);
    await other.fill("#chat-input", "Hvad er indsatsen mod ekstremisme?");
    await other.press("#chat-input", "Enter");
    await other.waitForSelector(".msg-assistant a.cite-ref");
    expect(await other.locator(".msg-assistant").last().innerText()).toContain(
      "Indsatsen er forankret i Sikker By-strategien",
    );
    expect(await other.evaluate(() => localStorage.getItem("bilagsassistent.conversationId"))).toBe(
      "samtale-1",
    );
    expect(
      await other.locator("#sources-list a.card-link[data-card-id='bilag-2026-04']").count(),
    ).toBe(1);

    await other.reload();
    await other.waitForSelector(".msg-user");
    expect(await other.locator(".msg").count()).toBe(2);
    expect(await other.locator(".msg-assistant").innerText()).toContain("Sikker By-strategien");

    await other.route("**/api/chat", (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/event-stream",
        body:
          frame("conversation", { conversationId: "samtale-1" }) +
          frame("error", { code: "model_unavailable", message: "upstream 502" }) +
          frame("end", {}),
      }),
    );
    await other.fill("#chat-input", "Og i 2027?");
    await other.press("#chat-input", "Enter");
    await other.waitForSelector(".msg-error");
    expect(await other.innerText(".msg-error")).toContain("Sprogmodellen svarede ikke");
    await isolated.close();
  });

  it("uploads a document with progress and summary, and shows why a bad file is refused", async () => {
    // The Dokumenter tab, reached with the keyboard (End on the tab list).
    await page.focus("#tab-sources");
    await page.keyboard.press("End");
    expect(await page.getAttribute("#tab-documents", "aria-selected")).toBe("true");
    expect(await page.isVisible("#panel-documents")).toBe(true);
    expect(await page.getAttribute("#upload-document-file", "accept")).toContain(".pdf,.docx,.txt");

    // A copy of the 2024 annex under a new name: read as bilag-2024 again, so "uændret".
    const annex = await readFile(path.join(CORPUS_DIR, "bilag-2024-udloebende-bevillinger.txt"));
    await page.setInputFiles("#upload-document-file", {
      name: "kopi-af-bilag.txt",
      mimeType: "text/plain",
      buffer: annex,
    });
    await page.focus("#upload-document-submit");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#upload-document-status .upload-result li");
    const summary = await page.innerText("#upload-document-status");
    expect(summary).toContain("kopi-af-bilag.txt");
    expect(summary).toContain("uændret");
    expect(summary).toContain("bilag-2024");
    expect(summary).toMatch(/\d+ kort/);
    expect(await page.getAttribute("#upload-document-progress", "value")).toBe("1");
    expect(await page.innerText("#upload-document-stage")).toBe("Færdig");
    expect(await page.isHidden("#upload-document-error")).toBe(true);
    await shot(page, "10-upload-document");

    // A PNG is not a document: the error names the file and the reason.
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    await page.setInputFiles("#upload-document-file", {
      name: "skaermbillede.png",
      mimeType: "image/png",
      buffer: png,
    });
    await page.click("#upload-document-submit");
    await page.waitForSelector("#upload-document-error:not([hidden])");
    const refused = await page.innerText("#upload-document-error");
    expect(refused).toContain("Filen blev ikke indlæst");
    expect(refused).toContain("skaermbillede.png");
    expect(await page.innerText("#upload-document-status")).toBe("");
    await shot(page, "11-upload-document-error");
    expect(pageErrors).toEqual([]);
  });

  it("imports allocation data, lists the ids and refreshes the initiatives; a text in a money column names the cell", async () => {
    const header = "id;initiative;area;recipient;price level;2027 (1.000 kr.);2028 (1.000 kr.)";
    const good = `${header}\nbilag-2031-01;Mentorforløb for unge ledige;service;BIF;2027;5.700;5.700\n`;
    await page.setInputFiles("#upload-allocations-file", {
      name: "bevillinger.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(good, "utf8"),
    });
    await page.click("#upload-allocations-submit");
    await page.waitForSelector("#upload-allocations-ids li[data-id='bilag-2031-01']");
    expect(await page.innerText("#upload-allocations-status")).toContain("1 initiativ indlæst");
    // The draft form's initiative list now has it.
    await page.waitForSelector("#draft-initiative option[value='bilag-2031-01']", {
      state: "attached",
    });
    expect(
      await page.locator("#draft-initiative option[value='bilag-2031-01']").textContent(),
    ).toContain("Mentorforløb for unge ledige");
    await page.locator("#upload-allocations-status").scrollIntoViewIfNeeded();
    await shot(page, "12-upload-allocations");

    const bad = `${header}\nbilag-2031-02;Jobformidling;service;BIF;2027;5.700;fem\n`;
    await page.setInputFiles("#upload-allocations-file", {
      name: "fejl.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(bad, "utf8"),
    });
    await page.click("#upload-allocations-submit");
    await page.waitForSelector("#upload-allocations-error:not([hidden]) ul.upload-errors");
    const errors = await page.innerText("#upload-allocations-error");
    expect(errors).toContain("fejl.csv: intet blev indlæst");
    expect(errors).toContain("Række 2, kolonne G");
    expect(errors).toContain("row 2, column G (2028 (1.000 kr.))");
    expect(errors).toContain("'fem' is not an amount");
    expect(await page.locator("#upload-allocations-error ul.upload-errors > li").count()).toBe(1);
    expect(await page.locator("#draft-initiative option[value='bilag-2031-02']").count()).toBe(0);
    await page.locator("#upload-allocations-error").scrollIntoViewIfNeeded();
    await shot(page, "13-upload-allocations-error");
    expect(pageErrors).toEqual([]);
  });

  it("works on a narrow screen without horizontal scrolling", async () => {
    const narrow = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await openPage(narrow);
    await narrow.waitForSelector("#draft-initiative option[value='bilag-2026-04']", {
      state: "attached",
    });
    await narrow.selectOption("#draft-initiative", "bilag-2026-04");
    await narrow.click("#draft-submit");
    await narrow.locator("#draft-text mark.fig").first().waitFor();
    const overflow = await narrow.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await narrow.locator("#draft-text mark.fig").first().focus();
    await shot(narrow, "09-narrow");
    await narrow.close();
  });
});
