/** The UI routes without a browser: content types, the Content-Security-Policy, and assets that obey it. */
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { UI_SCRIPT } from "../../src/http/ui/app-script.ts";
import { UI_PAGE } from "../../src/http/ui/page.ts";
import { UI_CONTENT_SECURITY_POLICY, createUiRoutes } from "../../src/http/ui-routes.ts";

const app = createUiRoutes();

describe("UI routes", () => {
  it.each([
    ["/", "text/html; charset=utf-8"],
    ["/ui/app.js", "text/javascript; charset=utf-8"],
    ["/ui/styles.css", "text/css; charset=utf-8"],
  ])("serves %s as %s with the security headers", async (url, contentType) => {
    const response = await app.request(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(contentType);
    expect(response.headers.get("content-security-policy")).toBe(UI_CONTENT_SECURITY_POLICY);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect((await response.text()).length).toBeGreaterThan(500);
  });

  it("allows only the same origin: no inline script or style, no framing", () => {
    expect(UI_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(UI_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(UI_CONTENT_SECURITY_POLICY).toContain("style-src 'self'");
    expect(UI_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(UI_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  it("has markup the policy lets run: no inline script, style attribute, event handler or other origin", () => {
    expect(UI_PAGE).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(UI_PAGE).not.toMatch(/\sstyle=/);
    expect(UI_PAGE).not.toMatch(/\son[a-z]+=/);
    expect(UI_PAGE).not.toMatch(/https?:\/\//);
    expect(UI_PAGE).toContain('<html lang="da">');
  });

  it("has every form control labelled", () => {
    const ids = [...UI_PAGE.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(UI_PAGE).toContain(`for="${id}"`);
  });

  it("ships a script that parses and never writes server text as HTML", () => {
    expect(() => new Script(UI_SCRIPT)).not.toThrow();
    expect(UI_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });

  it("is not the API: other paths fall through", async () => {
    expect((await app.request("/api/health")).status).toBe(404);
  });
});
