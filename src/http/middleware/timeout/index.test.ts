import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { timeoutMiddleware } from "./index.ts";

describe("timeout middleware", () => {
  it("answers 503 with Retry-After after the timeout and aborts the handler's signal", async () => {
    let aborted = false;
    const app = new Hono();
    app.use(timeoutMiddleware(40));
    app.get("/slow", async (c) => {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2_000);
        c.req.raw.signal.addEventListener("abort", () => {
          aborted = true;
          clearTimeout(timer);
          resolve();
        });
      });
      return c.text("late");
    });
    app.get("/fast", (c) => c.text("ok"));
    const started = Date.now();
    const slow = await app.request("/slow");
    expect(slow.status).toBe(503);
    expect(slow.headers.get("retry-after")).toBe("5");
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(aborted).toBe(true);
    const fast = await app.request("/fast");
    expect(await fast.text()).toBe("ok");
  });
});
