/**
 * Initiative links over HTTP: the link report, an admin's confirm and split (kept in a JSON file in
 * the data folder, so they survive a re-ingest and a restart), and clear 4xx for bad requests.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/create-app.ts";
import { createFileLinkStore } from "../../src/runtime/node/initiative-links-file.ts";
import { createCorpusStore } from "../../evals/support/corpus-store.ts";

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let folder: string;
beforeAll(async () => {
  fixture = await createCorpusStore();
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-links-"));
});
afterAll(async () => {
  await fixture.dispose();
  await rm(folder, { recursive: true, force: true });
});

type Listing = {
  initiatives: Array<{ id: string; cards: string[]; years: number[] }>;
  links: {
    linkedInitiatives: number;
    linked: number;
    toConfirm: Array<{ cards: [string, string]; status: string; evidence: string[] }>;
  };
};

const appWith = (file: string) =>
  createApp({
    store: fixture.store,
    embedder: fixture.embedder,
    initiativeLinks: createFileLinkStore(file),
    log: () => undefined,
  });
const post = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const groupOf = (listing: Listing, card: string) =>
  listing.initiatives.find((initiative) => initiative.cards.includes(card))?.id;

describe("initiative links", () => {
  it("reports how many were linked and lists the renamed grant for a reviewer to confirm", async () => {
    const app = appWith(path.join(folder, "report.json"));
    const listing = (await (await app.request("/api/initiatives")).json()) as Listing;
    expect(listing.links.linkedInitiatives).toBe(6);
    expect(listing.links.linked).toBe(6);
    expect(listing.links.toConfirm).toContainEqual(
      expect.objectContaining({
        cards: ["bilag-2024-03", "bilag-2026-13"],
        status: "review",
        evidence: expect.arrayContaining(["distinctive_word", "cross_reference"]),
      }),
    );
    expect(groupOf(listing, "bilag-2024-03")).toBe(groupOf(listing, "bilag-2026-13"));
  });

  it("splits and confirms links, keeps the verdicts in the data folder and applies them after a restart", async () => {
    const file = path.join(folder, "verdicts.json");
    const app = appWith(file);
    const split = await app.request(
      "/api/initiatives/links",
      post({ cards: ["bilag-2026-13", "bilag-2024-03"], verdict: "split" }),
    );
    expect(split.status).toBe(200);
    const afterSplit = (await split.json()) as Listing;
    expect(groupOf(afterSplit, "bilag-2024-03")).not.toBe(groupOf(afterSplit, "bilag-2026-13"));
    const confirm = await app.request(
      "/api/initiatives/links",
      post({ cards: ["bilag-2023-04", "bilag-2024-03"], verdict: "confirm" }),
    );
    const afterConfirm = (await confirm.json()) as Listing;
    expect(groupOf(afterConfirm, "bilag-2023-04")).toBe(groupOf(afterConfirm, "bilag-2024-03"));
    const stored = JSON.parse(await readFile(file, "utf8")) as { verdicts: unknown[] };
    expect(stored.verdicts).toHaveLength(2);

    /* A new app over the same file (a restart, or a re-ingest: verdicts name cards by id). */
    const restarted = (await (await appWith(file).request("/api/initiatives")).json()) as Listing;
    expect(groupOf(restarted, "bilag-2024-03")).not.toBe(groupOf(restarted, "bilag-2026-13"));
    expect(groupOf(restarted, "bilag-2023-04")).toBe(groupOf(restarted, "bilag-2024-03"));
  });

  it("answers 404 for an unknown card and 400 for two cards of one document or a bad body", async () => {
    const app = appWith(path.join(folder, "bad.json"));
    const unknown = await app.request(
      "/api/initiatives/links",
      post({ cards: ["bilag-2024-03", "bilag-1999-01"], verdict: "confirm" }),
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { message: expect.stringContaining("bilag-1999-01") },
    });
    const same = await app.request(
      "/api/initiatives/links",
      post({ cards: ["bilag-2024-03", "bilag-2024-04"], verdict: "confirm" }),
    );
    expect(same.status).toBe(400);
    const bad = await app.request(
      "/api/initiatives/links",
      post({ cards: ["a"], verdict: "maybe" }),
    );
    expect(bad.status).toBe(400);
  });
});
