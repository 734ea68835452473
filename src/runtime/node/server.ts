/** `npm start`: ingest the bundled corpus if the store is empty, then serve the app on HOST:PORT. */
import { serve } from "@hono/node-server";
import { parseSettings } from "../../config.ts";
import { createApp } from "../../http/create-app.ts";
import { createDrafting, createNodeServices, ingestBundledCorpus } from "./services.ts";

async function main(): Promise<void> {
  const settings = parseSettings(process.env);
  const services = await createNodeServices(settings);
  console.log(`Bilagsassistent: store ${settings.lanceUri}, embedder ${services.embedder.provider}:${services.embedder.modelId}`);
  const summary = await ingestBundledCorpus(services);
  if (summary !== undefined) {
    console.log(`Indexed the bundled corpus: ${summary.documents} documents, ${summary.cards} cards, ${summary.figures} figures in ${summary.elapsedMs} ms`);
    for (const file of summary.files) if (file.status === "failed") console.error(`  ${file.file}: ${file.error}`);
  }
  const drafting = await createDrafting(services);
  console.log(`Drafting: ${drafting.assessmentWriter.id === "offline" ? "offline writer (set CHAT_MODEL to use a model)" : drafting.assessmentWriter.id}`);
  const app = createApp({ store: services.store, embedder: services.embedder, allocations: services.allocations, drafting, ...(services.model === undefined ? {} : { model: services.model }) });
  const server = serve({ fetch: app.fetch, hostname: settings.HOST, port: settings.PORT }, (info) => {
    console.log(`Serving on http://${settings.HOST}:${info.port}  (API docs: /api/docs)`);
  });
  const stop = (): void => {
    server.close();
    services.store.close();
    services.drafts.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
