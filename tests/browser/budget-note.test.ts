/** A budget note in a real browser: the form's own messages, then the drafted note with its ✓ marks, in the drafts list. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startUiServer, type UiServer } from "./support/ui-server.ts";

type BrowserElement = { textContent: string | null; hidden: boolean };
declare const document: { getElementById(id: string): BrowserElement | null };

let server: UiServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startUiServer(), launchChromium()]);
  page = await (await browser.newContext({ locale: "da-DK" })).newPage();
  await page.goto(`${server.url}/`);
  await page.waitForSelector("html[data-ready='true']");
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const formError = () => page.innerText("#budget-form-error");

describe("budget notes in the browser", () => {
  it("says what is missing, then drafts the note and shows its checked figures", async () => {
    await page.click("#budget-form-box summary");
    await page.click("#budget-submit");
    expect(await formError()).toBe("Skriv budgetnotatets titel.");
    expect(await page.locator("#budget-title:focus").count()).toBe(1);

    await page.fill("#budget-title", "Sommerjob til unge i udsatte boligområder");
    await page.click("#budget-submit");
    expect(await formError()).toContain("hvad pengene skal bruges til");
    await page.fill(
      "#budget-purpose",
      "Flere unge får erfaring fra et sommerjob\nSamarbejdet med lokale virksomheder styrkes",
    );
    await page.fill("#budget-price-level", "2027");
    await page.fill("#budget-committee", "BIU");
    await page.fill("#budget-appropriation", "3510x");
    await page.click("#budget-submit");
    expect(await formError()).toContain("fire cifre");
    await page.fill("#budget-appropriation", "35.10");
    await page.fill("#budget-first-year", "2027");
    await page.click("#budget-submit");
    expect(await formError()).toContain("mindst én linje");

    await page.fill("#budget-lines tr:nth-child(1) .budget-label", "Sommerjob");
    await page.selectOption("#budget-lines tr:nth-child(1) .budget-area", "service");
    const amounts = page.locator("#budget-lines tr:nth-child(1) .budget-amount");
    await amounts.nth(0).fill("1,5 mio");
    await page.click("#budget-submit");
    expect(await formError()).toContain("Linje 1, 2027: skriv beløbet som et tal");
    await amounts.nth(0).fill("1,5");
    await amounts.nth(1).fill("1,5");
    await amounts.nth(2).fill("1,5");
    await page.click("#budget-add-line");
    await page.fill("#budget-lines tr:nth-child(2) .budget-label", "Opsøgende indsats");
    await page.selectOption("#budget-lines tr:nth-child(2) .budget-area", "indsats");
    await page.locator("#budget-lines tr:nth-child(2) .budget-amount").nth(0).fill("0,4");
    await page.fill("#budget-effect-target", "Unge 15-17 år");
    await page.click("#budget-submit");

    await page.waitForFunction(
      () =>
        (document.getElementById("draft-title")?.textContent ?? "") ===
        "Sommerjob til unge i udsatte boligområder",
    );
    expect(await formError()).toBe("");
    const text = await page.innerText("#draft-text");
    expect(text).toContain("Forslag til aftaletekst");
    /* Each money figure of the agreement text carries its ✓ mark ("passer" for screen readers). */
    expect(text).toMatch(/\[4,5\] mio\. kr\.✓\s*\(passer\)\s*samlet på service i 2027-2029/u);
    expect(text).toMatch(/\[0,4\] mio\. kr\.✓\s*\(passer\)\s*på indsats i 2027/u);
    expect(text).toContain("Sommerjob\tBIU\t35.10\tU\t1.500\t1.500\t1.500\t4.500");
    expect(text).toContain("Unge 15-17 år");
    expect((text.match(/✓/gu) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain("✗");
    expect(await page.innerText("#draft-status")).toContain("Alle tal passer");

    await page.click("#drafts-box summary");
    await page.waitForFunction(() =>
      (document.getElementById("drafts-list")?.textContent ?? "").includes(
        "Sommerjob til unge i udsatte boligområder",
      ),
    );
    expect(await page.innerText("#drafts-list")).toContain("Budgetnotat, version 1");
  }, 120_000);

  it("drafts a note in the chat, asking for what is missing, and opens it in the draft pane", async () => {
    const send = async (message: string) => {
      await page.waitForSelector("#chat-busy", { state: "hidden" });
      await page.fill("#chat-input", message);
      await page.press("#chat-input", "Enter");
    };
    await send(
      "lav et budgetnotat om Lektiecafé for unge med 0,8 mio. kr. årligt på service i 2027-2028 (2027 p/l). Formål: flere unge gennemfører en uddannelse",
    );
    await page.waitForFunction(() =>
      (document.getElementById("chat-log")?.textContent ?? "").includes("Hvilket udvalg"),
    );
    await send("BIU");
    await page.waitForFunction(() =>
      (document.getElementById("chat-log")?.textContent ?? "").includes("bevillingsnummer"),
    );
    await send("35.10");
    await page.waitForFunction(
      () => (document.getElementById("draft-title")?.textContent ?? "") === "Lektiecafé for unge",
    );
    const text = await page.innerText("#draft-text");
    expect(text).toMatch(/\[1,6\] mio\. kr\.✓\s*\(passer\)\s*samlet på service i 2027 og 2028/u);
    expect(text).not.toContain("✗");
  }, 120_000);
});
