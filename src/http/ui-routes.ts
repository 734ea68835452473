/**
 * The web UI: one page at `/`, its script at /ui/app.js and its stylesheet at /ui/styles.css.
 * Everything is a string module (no front-end build, no CDN; works offline). The page talks only to
 * the JSON API of the same origin, so the Content-Security-Policy allows nothing else: no inline
 * script or style, no other origins, no framing.
 */
import { Hono, type Context } from "hono";
import { UI_SCRIPT } from "./ui/app-script.ts";
import { UI_PAGE } from "./ui/page.ts";
import { UI_STYLES } from "./ui/styles.ts";

export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const COMMON_HEADERS: Record<string, string> = {
  "content-security-policy": UI_CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  // The assets change with the server version; revalidate rather than serve a stale page.
  "cache-control": "no-cache",
};

function asset(body: string, contentType: string) {
  return (c: Context) => c.body(body, 200, { ...COMMON_HEADERS, "content-type": contentType });
}

export function createUiRoutes() {
  const app = new Hono();
  app.get("/", asset(UI_PAGE, "text/html; charset=utf-8"));
  app.get("/ui/app.js", asset(UI_SCRIPT, "text/javascript; charset=utf-8"));
  app.get("/ui/styles.css", asset(UI_STYLES, "text/css; charset=utf-8"));
  return app;
}
