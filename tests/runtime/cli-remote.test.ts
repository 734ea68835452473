/**
 * The CLI's remote mode against a real HTTP server started here (@hono/node-server on port 0),
 * run as the finance unit's scripts would: a child process with --server and --token.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTestApp } from "../support/api-app.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
let server: ServerType;
let url: string;
let token: string;
let folder: string;

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "src/runtime/node/cli.ts", ...args],
      // DATA_DIR points nowhere useful: remote mode must not open a local store.
      { cwd: ROOT, env: { ...process.env, DATA_DIR: path.join(folder, "no-local-data") } },
    );
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

beforeAll(async () => {
  const created = await createApiTestApp();
  token = created.token;
  folder = await mkdtemp(path.join(tmpdir(), "bilag-cli-remote-"));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: created.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(folder, { recursive: true, force: true });
});

describe("npm run cli -- --server URL --token T", () => {
  it("searches, asks and validates against the running service", async () => {
    const remote = ["--server", url, "--token", token];
    const search = await cli(
      ...remote,
      "search",
      "forebyggelse af ekstremisme",
      "--year",
      "2026",
      "--json",
    );
    expect(search.code, search.stderr).toBe(0);
    expect((JSON.parse(search.stdout) as Array<{ cardId: string }>)[0]?.cardId).toBe(
      "bilag-2026-04",
    );
    const text = await cli(...remote, "search", "forebyggelse af ekstremisme", "--limit", "2");
    expect(text.stdout).toMatch(/^1\. \[bilag-2026-04\]/u);

    const ask = await cli(...remote, "ask", "Hvad besluttede vi om TechBBQ i 2023?", "--json");
    expect(ask.code, ask.stderr).toBe(0);
    const answer = JSON.parse(ask.stdout) as { notFound: boolean; citations: unknown[] };
    expect(answer.notFound).toBe(false);
    expect(answer.citations.length).toBeGreaterThan(0);

    const file = path.join(folder, "udkast.txt");
    await writeFile(
      file,
      "Der foreslås 6,0 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
    );
    const wrong = await cli(...remote, "validate", "--text", file, "--initiative", "bilag-2026-04");
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/✗ 6,0 mio\. kr\./u);
    await writeFile(
      file,
      "Der foreslås 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
    );
    const right = await cli(...remote, "validate", "--text", file, "--initiative", "bilag-2026-04");
    expect(right.stdout).toContain("Alle beløb passer med bevillingen.");
    expect(right.code).toBe(0);
  }, 120_000);

  it("drafts an assessment and writes the Word export", async () => {
    const out = path.join(folder, "udkast.docx");
    const draft = await cli(
      "--server",
      url,
      "--token",
      token,
      "draft",
      "assessment",
      "--initiative",
      "bilag-2026-04",
      "--decision",
      "uændret",
      "--out",
      out,
      "--json",
    );
    expect([0, 1]).toContain(draft.code);
    const parsed = JSON.parse(draft.stdout) as { id: string; kind: string; text: string };
    expect(parsed.kind).toBe("assessment");
    expect(parsed.text.length).toBeGreaterThan(50);
    const bytes = await readFile(out);
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    const shown = await cli(
      "--server",
      url,
      "--token",
      token,
      "draft",
      "show",
      parsed.id,
      "--json",
    );
    expect((JSON.parse(shown.stdout) as { id: string }).id).toBe(parsed.id);
  }, 120_000);

  it("says what is wrong with a bad token, an unknown card and an unreachable server", async () => {
    const bad = await cli("--server", url, "--token", "wrong", "search", "ekstremisme");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bearer token is not known/u);
    const none = await cli("--server", url, "search", "ekstremisme");
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/needs a bearer token/u);
    const file = path.join(folder, "kort.txt");
    await writeFile(file, "Der foreslås 1,0 mio. kr. i 2027.");
    const unknown = await cli(
      "--server",
      url,
      "--token",
      token,
      "validate",
      "--text",
      file,
      "--initiative",
      "no-such-card",
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no-such-card/u);
    const down = await cli("--server", "http://127.0.0.1:9", "search", "x");
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:9/u);
    const local = await cli("--server", "localhost:1", "search", "x");
    expect(local.code).toBe(2);
    expect(local.stderr).toMatch(/--server must be the service's URL/u);
  }, 120_000);
});
