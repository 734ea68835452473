/**
 * The API document with every route served (drafting, uploads and allocation import, the audit
 * log, token mode), built in memory with no data, and the typed client generated from it
 * (src/client/api-types.ts, by openapi-typescript). A test checks that the committed client is
 * current and that Redocly's recommended rules pass on the document.
 *
 *   npm run api:client                write src/client/api-types.ts
 *   npm run api:document -- FILE      write the document (JSON) to FILE
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { createOfflineBudgetNoteWriter } from "../src/drafting/budget-note-writer.ts";
import { createOfflineWriter } from "../src/drafting/offline-writer.ts";
import { createApp } from "../src/http/create-app.ts";
import { createMemoryAllocationStore } from "../src/import/allocation-store.ts";
import { createHashingEmbedder } from "../src/retrieval/hashing-embedder.ts";
import { createMemoryStore } from "../src/retrieval/memory-store.ts";
import { createSha256Hasher } from "../src/runtime/node/tokens-file.ts";
import { createMemoryDraftStore } from "../src/runtime/workers/memory-draft-store.ts";
import { createMemoryAuditTrail } from "../src/security/audit-trail.ts";
import { createTokenVerifier } from "../src/security/tokens.ts";

export const CLIENT_TYPES_FILE = path.resolve(import.meta.dirname, "../src/client/api-types.ts");

const HEADER = `/**
 * Types of the Bilagsassistent API, generated from its OpenAPI document by openapi-typescript.
 * Do not edit: regenerate with \`npm run api:client\` (a test fails when this file is stale).
 */
`;

/** The document every route contributes to (the version is fixed so the client is stable). */
export async function referenceDocument(): Promise<OpenAPI3> {
  const embedder = createHashingEmbedder();
  const app = createApp({
    store: createMemoryStore({ embedder }),
    embedder,
    version: "0.1.0",
    drafting: {
      drafts: createMemoryDraftStore(),
      assessmentWriter: createOfflineWriter(),
      budgetNoteWriter: createOfflineBudgetNoteWriter(),
    },
    importing: { allocations: createMemoryAllocationStore([]) },
    security: {
      auth: { mode: "tokens", verifier: createTokenVerifier([], createSha256Hasher()) },
      auditTrail: createMemoryAuditTrail(),
    },
    log: () => undefined,
  });
  const response = await app.request("/api/openapi.json");
  return (await response.json()) as OpenAPI3;
}

/** The client types for a document, as the committed file holds them. */
export async function generateClientTypes(document: OpenAPI3): Promise<string> {
  const ast = await openapiTS(structuredClone(document), { alphabetize: true });
  return HEADER + astToString(ast);
}

async function main(argv: string[]): Promise<void> {
  const [command, file] = argv;
  const document = await referenceDocument();
  if (command === "document") {
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (file === undefined) process.stdout.write(text);
    else await writeFile(file, text);
    return;
  }
  if (command === "client") {
    const text = await generateClientTypes(document);
    const before = await readFile(CLIENT_TYPES_FILE, "utf8").catch(() => "");
    await writeFile(CLIENT_TYPES_FILE, text);
    console.log(
      `${path.relative(process.cwd(), CLIENT_TYPES_FILE)}: ${before === text ? "unchanged" : "written"}`,
    );
    return;
  }
  throw new Error("usage: api-document.ts client | document [FILE]");
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
