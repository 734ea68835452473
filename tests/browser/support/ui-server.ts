/**
 * The real app on a loopback port for browser tests: the bundled corpus in a temporary LanceDB
 * store, the allocation files, offline drafting, the chat (conversations in memory) and the UI, all
 * as createApp serves them, with the upload routes (allocation imports go to memory). Plus the
 * Chromium that playwright-core drives.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser } from "playwright-core";
import { loadDanishLexicon } from "../../../src/corpus/danish-lexicon.ts";
import { createOfflineBudgetNoteWriter } from "../../../src/drafting/budget-note-writer.ts";
import { learnDecisionPhrasing } from "../../../src/drafting/decision-phrasing.ts";
import { createOfflineWriter } from "../../../src/drafting/offline-writer.ts";
import type { SecurityOptions } from "../../../src/http/auth.ts";
import { createApp } from "../../../src/http/create-app.ts";
import { createMemoryAllocationStore } from "../../../src/import/allocation-store.ts";
import { createAllocationFileSource } from "../../../src/runtime/node/allocation-files.ts";
import { createLanceDraftStore } from "../../../src/runtime/node/lance-draft-store.ts";
import { CORPUS_DIR, createCorpusStore } from "../../../evals/support/corpus-store.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, "../../artifacts");

export type UiServer = { url: string; close(): Promise<void> };

/** `security`: serve with access control (token mode) as the server does; open by default. */
export async function startUiServer(
  options: { security?: SecurityOptions } = {},
): Promise<UiServer> {
  const fixture = await createCorpusStore();
  const draftsFolder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-ui-drafts-"));
  const drafts = await createLanceDraftStore({ uri: draftsFolder });
  const phrasing = learnDecisionPhrasing(await fixture.store.allDocuments());
  const allocations = await createAllocationFileSource(path.join(CORPUS_DIR, "allocations"));
  const assessmentWriter = createOfflineWriter(phrasing, { lexicon: await loadDanishLexicon() });
  const app = createApp({
    store: fixture.store,
    embedder: fixture.embedder,
    allocations,
    // Uploads (POST /api/documents, POST /api/allocations/import) into a writable copy of the allocation files.
    importing: { allocations: createMemoryAllocationStore(await allocations.list()) },
    drafting: { drafts, assessmentWriter, budgetNoteWriter: createOfflineBudgetNoteWriter() },
    log: () => undefined,
    ...(options.security === undefined ? {} : { security: options.security }),
  });

  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      drafts.close();
      await fixture.dispose();
      await rm(draftsFolder, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: the browser tests need it. Install it with \`apt-get install chromium\` (or set CHROMIUM_PATH).`,
    );
  }
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
