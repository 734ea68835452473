/** `npm start`: ingest the bundled corpus if the store is empty, then serve the app on HOST:PORT. */
import { serve } from "@hono/node-server";
import { parseSettings } from "../../config.ts";
import { createApp } from "../../http/create-app.ts";
import { lockDataFolder } from "./data-folder-lock.ts";
import { loadPromptLibrary } from "./prompt-files.ts";
import { createWorkerExtractor } from "./extract-worker.ts";
import { createTesseractOcr } from "./tesseract.ts";
import {
  createDrafting,
  createNodeServices,
  createSecurity,
  ingestBundledCorpus,
} from "./services.ts";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

async function main(): Promise<void> {
  const settings = parseSettings(process.env);
  // One server per data folder: the audit log, drafts and conversations have one writer.
  const lock = await lockDataFolder(settings.DATA_DIR, "server");
  const security = await createSecurity(settings);
  if (security.auditKeySource !== "environment")
    console.warn(
      `AUDIT_HMAC_KEY is not set: the audit log is keyed with ${security.auditKeySource}. That detects damage and rewrites by anyone without access to the data folder, but someone who can read the folder can also forge the log. Set AUDIT_HMAC_KEY (at least 32 characters, from a secret store) in production.`,
    );
  if (settings.AUTH_MODE === "local") {
    console.warn(
      "Lokal enkeltbrugertilstand: ingen adgangskontrol (ingen tokens er sat op); alle kald har administratorrettigheder. Sæt TOKENS_FILE eller API_TOKENS for at kræve tokens.",
    );
    if (!LOOPBACK.has(settings.HOST))
      console.warn(
        `ADVARSEL: HOST=${settings.HOST} er sat, så tjenesten kan nås fra andre maskiner uden adgangskontrol. Sæt AUTH_MODE=tokens med TOKENS_FILE eller API_TOKENS.`,
      );
  } else {
    console.log(
      `Access control: bearer tokens, rate limit ${settings.RATE_LIMIT_PER_MINUTE} units/min per token (route costs: docs/security.md)`,
    );
  }
  for (const problem of security.auditTrail.opened.problems)
    console.warn(`Audit log ${security.auditTrail.file}: ${problem.message}`);
  console.log(`Audit log head: ${security.auditTrail.head()}`);
  const services = await createNodeServices(settings, { holdsDataFolder: true });
  console.log(
    `Bilagsassistent: store ${settings.lanceUri}, embedder ${services.embedder.provider}:${services.embedder.modelId}`,
  );
  const summary = await ingestBundledCorpus(services);
  if (summary !== undefined) {
    console.log(
      `Indexed the bundled corpus: ${summary.documents} documents, ${summary.cards} cards, ${summary.figures} figures in ${summary.elapsedMs} ms`,
    );
    for (const file of summary.files)
      if (file.status === "failed") console.error(`  ${file.file}: ${file.error}`);
  }
  const drafting = await createDrafting(services);
  console.log(
    `Drafting: ${drafting.assessmentWriter.id === "offline" ? "offline writer (set CHAT_MODEL to use a model)" : drafting.assessmentWriter.id}`,
  );
  const app = createApp({
    store: services.store,
    embedder: services.embedder,
    allocations: services.allocations,
    drafting,
    conversations: services.conversations,
    initiativeLinks: services.initiativeLinks,
    prompts: await loadPromptLibrary(settings.PROMPTS_DIR),
    importing: {
      allocations: services.allocations,
      ocr: createTesseractOcr(),
      maxDocumentBytes: settings.MAX_DOCUMENT_BYTES,
      // Uploads are parsed off the event loop, with a time budget and a heap limit.
      extract: createWorkerExtractor(),
    },
    ...(services.model === undefined ? {} : { model: services.model }),
    security: security.options,
  });
  const server = serve(
    { fetch: app.fetch, hostname: settings.HOST, port: settings.PORT },
    (info) => {
      console.log(`Serving on http://${settings.HOST}:${info.port}  (API docs: /api/docs)`);
    },
  );
  const stop = (): void => {
    server.close();
    services.store.close();
    services.drafts.close();
    services.conversations.close();
    void security.auditTrail
      .close()
      .then(() => console.log(`Audit log head: ${security.auditTrail.head()}`))
      .finally(() => lock.release().finally(() => process.exit(0)));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
