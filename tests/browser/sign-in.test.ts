/**
 * Signing in to the web UI in a real browser: in token mode the page asks for a token, keeps it in
 * sessionStorage, sends it as a bearer header on every call (search, drafts, exports), shows who is
 * signed in with their role, and signs out; in local mode it asks for nothing.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryAuditTrail } from "../../src/security/audit-trail.ts";
import { createTokenVerifier } from "../../src/security/tokens.ts";
import { createSha256Hasher, hashToken } from "../../src/runtime/node/tokens-file.ts";
import { launchChromium, startUiServer, type UiServer } from "./support/ui-server.ts";

declare const sessionStorage: { getItem(key: string): string | null };
declare const document: { querySelector(selector: string): { hidden: boolean } | null };

const TOKEN = "anna-token-0123456789";
let tokens: UiServer;
let local: UiServer;
let browser: Browser;

beforeAll(async () => {
  const verifier = createTokenVerifier(
    [{ name: "anna", role: "caseworker", hash: hashToken(TOKEN) }],
    createSha256Hasher(),
  );
  [tokens, local, browser] = await Promise.all([
    startUiServer({
      security: { auth: { mode: "tokens", verifier }, auditTrail: createMemoryAuditTrail() },
    }),
    startUiServer({ security: { auth: { mode: "local" } } }),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([tokens?.close(), local?.close()]);
});

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: "da-DK", acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

describe("sign-in in token mode", () => {
  it("asks for a token, refuses a wrong one, signs in, calls the API with it, and signs out", async () => {
    const { page, errors } = await newPage();
    const authorized: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/api/") && request.headers().authorization === `Bearer ${TOKEN}`)
        authorized.push(url.pathname);
    });
    await page.goto(`${tokens.url}/`);
    await page.waitForSelector("html[data-session='signed-out']");
    expect(await page.isVisible("#sign-in-token")).toBe(true);
    expect(await page.evaluate(() => document.querySelector("main")?.hidden)).toBe(true);

    await page.fill("#sign-in-token", "forkert-token");
    await page.press("#sign-in-token", "Enter");
    await page.waitForFunction(() =>
      (
        document.querySelector("#sign-in-error") as unknown as { textContent: string }
      )?.textContent.includes("kendes ikke"),
    );

    await page.fill("#sign-in-token", TOKEN);
    await page.click("#sign-in-form button[type=submit]");
    await page.waitForSelector("html[data-ready='true']");
    expect(await page.textContent("#session-user")).toBe("Logget ind som anna (sagsbehandler)");
    expect(await page.evaluate(() => sessionStorage.getItem("bilagsassistent.token"))).toBe(TOKEN);

    // Search goes through the token: results come back.
    await page.click("#tab-search");
    await page.fill("#search-query", "forebyggelse af ekstremisme");
    await page.press("#search-query", "Enter");
    await page.locator("#search-results > li").first().waitFor();
    expect(authorized).toContain("/api/search");

    // A reload keeps the session (sessionStorage), without asking again.
    await page.reload();
    await page.waitForSelector("html[data-ready='true']");
    expect(await page.textContent("#session-user")).toContain("anna");

    await page.click("#sign-out");
    await page.waitForSelector("html[data-session='signed-out']");
    expect(await page.evaluate(() => sessionStorage.getItem("bilagsassistent.token"))).toBe(null);
    expect(await page.isVisible("#sign-in-token")).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);

  it("asks again when the stored token stops working", async () => {
    const { page } = await newPage();
    await page.goto(`${tokens.url}/`);
    await page.waitForSelector("html[data-session='signed-out']");
    await page.evaluate(() =>
      (
        globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
      ).sessionStorage.setItem("bilagsassistent.token", "tilbagekaldt-token"),
    );
    await page.reload();
    await page.waitForSelector("html[data-session='signed-out']");
    expect(await page.textContent("#sign-in-error")).toContain("gælder ikke længere");
  }, 60_000);
});

describe("local mode", () => {
  it("asks for no token and shows no sign-out", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${local.url}/`);
    await page.waitForSelector("html[data-ready='true']");
    expect(await page.$("#sign-in")).toBe(null);
    expect(await page.$("#sign-out")).toBe(null);
    await page.click("#tab-search");
    await page.fill("#search-query", "forebyggelse af ekstremisme");
    await page.press("#search-query", "Enter");
    await page.locator("#search-results > li").first().waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
