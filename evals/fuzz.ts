/**
 * Fuzzing with fast-check: random JSON bodies, strings, unicode and huge numbers to the public
 * endpoints (POST /api/search, /api/validate, /api/ask, /api/drafts/assessment, through the
 * security middleware), and random strings to the money grammar (extractFigures,
 * parseDanishAmount, readPeriod, validateText); and raw requests: multipart bodies with broken
 * boundaries and file names, damaged archives and decompression bombs, deeply nested JSON, and
 * out-of-range query parameters. Wanted: 0 responses 500, 0 hangs (each call bounded by a
 * timeout), 0 exceptions thrown by the grammar.
 *
 *   node --import tsx evals/fuzz.ts --runs 10000 [--seed N]
 *
 * tests/security/fuzz.test.ts runs the same with fewer cases.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { loadDanishLexicon } from "../src/corpus/danish-lexicon.ts";
import { AllocationSchema, type Allocation, type Draft } from "../src/domain/index.ts";
import { createOfflineBudgetNoteWriter } from "../src/drafting/budget-note-writer.ts";
import { learnDecisionPhrasing } from "../src/drafting/decision-phrasing.ts";
import { createOfflineWriter } from "../src/drafting/offline-writer.ts";
import type { DraftStore } from "../src/ports/draft-store.ts";
import { createApp } from "../src/http/create-app.ts";
import { createMemoryAllocationStore } from "../src/import/allocation-store.ts";
import { extractFigures, parseDanishAmount, readPeriod } from "../src/money/index.ts";
import { createMemoryAuditTrail } from "../src/security/audit-trail.ts";
import { validateText } from "../src/validation/validate-text.ts";
import { createAllocationFileSource } from "../src/runtime/node/allocation-files.ts";
import { createCorpusStore } from "./support/corpus-store.ts";
import { buildZip, docxBomb, xlsxBomb } from "./support/zip.ts";

const CORPUS_DIR = path.resolve(import.meta.dirname, "../corpus");

/** Longest a single HTTP call may take before it counts as a hang, ms. */
export const CALL_TIMEOUT_MS = 10_000;
/** Longest a single grammar call may take before it counts as a hang, ms (a synchronous call cannot be interrupted, so it is measured). */
export const GRAMMAR_LIMIT_MS = 2_000;

/**
 * 500s already reported to their owners, by the logged error, counted apart so the CI test stays a
 * guard against new ones. None now: the hybrid-search failure on queries the built-in embedder
 * cannot represent ("a", "7": `expected column _distance not found in rank`) is fixed in the store.
 */
export const KNOWN_SERVER_ERRORS: readonly RegExp[] = [];

export type FuzzReport = {
  runs: number;
  seed: number;
  http: {
    calls: number;
    byRoute: Record<string, Record<string, number>>;
    serverErrors: string[];
    knownServerErrors: string[];
    hangs: string[];
    badEnvelopes: string[];
    slowestMs: number;
  };
  grammar: { calls: number; thrown: string[]; slow: string[]; slowestMs: number };
  /** Raw requests: multipart, archives, deep JSON, query parameters. */
  raw: {
    calls: number;
    byKind: Record<string, Record<string, number>>;
    serverErrors: string[];
    hangs: string[];
    badEnvelopes: string[];
    slowestMs: number;
  };
  elapsedMs: number;
};

// ---------------------------------------------------------------------------------------------
// Generators

const MONEY_WORDS = [
  "mio. kr.",
  "mio.kr.",
  "mia. kr.",
  "kr.",
  "t.kr.",
  "1.000 kr.",
  "mio",
  "årligt",
  "om året",
  "pr. år",
  "samlet",
  "i alt",
  "heraf",
  "fordelt på",
  "til BIF",
  "på service",
  "anlæg",
  "overførsler",
  "(2027 p/l)",
  "løbende p/l",
  "i 2027-2030",
  "fra 2023 til 2026",
  "2024-26",
  "i 2027 og 2028",
  "Nr. 3",
  "%",
  "[",
  "]",
  "-",
  "–",
  "til",
  "÷",
  "−",
  "\n",
  "\t",
  " ",
];

const number = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000_000 }).map(String),
  fc.stringMatching(/^\d{1,3}(\.\d{3}){0,6}(,\d{1,4})?$/),
  fc.integer({ min: 1, max: 400 }).map((length) => "9".repeat(length)),
  fc.constantFrom(
    "0",
    "00",
    "1e309",
    "NaN",
    "Infinity",
    "-0",
    "1,",
    ",5",
    "1.00",
    "1..000",
    "9.999.999.999.999.999.999,99",
  ),
);

/** Text that looks like the grammar's input: numbers, units, periods and noise. */
export const moneyText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: number },
      { weight: 4, arbitrary: fc.constantFrom(...MONEY_WORDS) },
      { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: "grapheme" }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: "binary" }) },
    ),
    { maxLength: 40 },
  )
  .chain((parts) =>
    fc
      .array(fc.constantFrom(" ", "", "\n", " i ", ". "), {
        minLength: parts.length,
        maxLength: parts.length,
      })
      .map((separators) => parts.map((part, index) => part + (separators[index] ?? "")).join("")),
  );

/** Any string: unicode, lone surrogates, control characters, long runs. */
export const anyText = fc.oneof(
  moneyText,
  fc.string({ maxLength: 200, unit: "binary" }),
  fc.string({ maxLength: 200, unit: "grapheme" }),
  // Long runs, kept to a few hundred figures: validateText grows faster than linearly in the
  // number of figures (about 1,4 s for 2,000 and 7,5 s for 4,000 "1 kr." figures), a known limit
  // reported apart, and a fuzz case per second would hide everything else.
  fc.integer({ min: 1, max: 20_000 }).map((length) => "1.".repeat(length)),
  fc.integer({ min: 1, max: 300 }).map((length) => "5,7 mio. kr. ".repeat(length)),
);

const hugeNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 2 ** 53, -0, 0.1),
  fc.bigInt().map((value) => Number(value)),
);
const weirdValue = fc.oneof(
  anyText,
  hugeNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

const amounts = fc.dictionary(
  fc.oneof(fc.integer({ min: 1990, max: 2100 }).map(String), fc.string({ maxLength: 6 })),
  fc.oneof(fc.integer({ min: 0, max: 2_000_000_000 }), hugeNumber),
  { maxKeys: 8 },
);
const allocation = fc.record(
  {
    initiative: fc.oneof(anyText, fc.constant("Forebyggelse")),
    priceLevel: fc.oneof(fc.integer({ min: 1990, max: 2100 }), hugeNumber),
    lines: fc.array(
      fc.record(
        {
          area: fc.oneof(fc.constantFrom("service", "indsats", "overførsler", "anlæg"), anyText),
          recipient: anyText,
          amounts,
        },
        { requiredKeys: ["area", "amounts"] },
      ),
      { maxLength: 5 },
    ),
  },
  { requiredKeys: ["initiative", "lines"] },
);

/** A request body: raw text, any JSON, or an object shaped like the route's with wild values. */
function body(shaped: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: anyText },
    { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
    { weight: 6, arbitrary: shaped.map((value) => JSON.stringify(value)) },
  );
}

const INITIATIVES = ["bilag-2026-04", "bilag-2026-07", "bilag-2026-02", "bilag-2099-01"];
const year = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 2022, max: 2028 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1990, max: 2100 }) },
  { weight: 1, arbitrary: hugeNumber },
  { weight: 1, arbitrary: anyText },
);

/** Bodies the schema accepts, with wild text inside: these reach the handlers. */
const shortText = fc
  .oneof(moneyText, fc.string({ minLength: 1, maxLength: 80, unit: "grapheme" }))
  .filter((text) => text.trim().length > 0 && text.length <= 1_900);
const accepted = {
  "/api/search": fc.record(
    {
      query: shortText,
      limit: fc.integer({ min: 1, max: 50 }),
      mode: fc.constantFrom("hybrid", "fulltext", "vector"),
    },
    { requiredKeys: ["query"] },
  ),
  "/api/validate": fc.record({
    text: anyText.filter((text) => text.length <= 100_000),
    initiativeId: fc.constantFrom(...INITIATIVES.slice(0, 3)),
    options: fc.record({ budgetYear: fc.integer({ min: 2024, max: 2030 }) }, { requiredKeys: [] }),
  }),
  "/api/ask": fc.record({ question: shortText }),
  "/api/drafts/assessment": fc.record({
    initiativeId: fc.constantFrom(...INITIATIVES.slice(0, 3)),
    decision: fc.constantFrom("uændret", "med_justeringer", "ophører", "betinget", "afventer"),
    notes: fc.array(shortText, { maxLength: 4 }),
  }),
};

const routes = {
  "/api/search": body(
    fc.record(
      {
        query: anyText,
        year,
        kind: fc.oneof(fc.constantFrom("annex", "budget_note"), anyText),
        limit: fc.oneof(fc.integer({ min: -5, max: 100 }), hugeNumber),
        mode: fc.oneof(fc.constantFrom("hybrid", "fulltext", "vector"), anyText),
      },
      { requiredKeys: ["query"] },
    ),
  ),
  "/api/validate": body(
    fc.record(
      {
        text: anyText,
        allocation,
        initiativeId: fc.oneof(fc.constantFrom(...INITIATIVES), anyText),
        options: fc.record(
          { budgetYear: year, decision: fc.oneof(fc.constantFrom("uændret", "ophører"), anyText) },
          { requiredKeys: [] },
        ),
        extra: weirdValue,
      },
      { requiredKeys: ["text"] },
    ),
  ),
  "/api/ask": body(fc.record({ question: anyText, year }, { requiredKeys: ["question"] })),
  "/api/drafts/assessment": body(
    fc.record(
      {
        initiativeId: fc.oneof(fc.constantFrom(...INITIATIVES), anyText),
        card: fc.record({ year, number: fc.oneof(fc.integer({ min: -1, max: 40 }), hugeNumber) }),
        decision: fc.oneof(
          fc.constantFrom("uændret", "med_justeringer", "ophører", "betinget", "afventer"),
          anyText,
        ),
        notes: fc.array(anyText, { maxLength: 5 }),
        allocation,
        author: anyText,
      },
      { requiredKeys: ["decision"] },
    ),
  ),
} as const;
type FuzzRoute = keyof typeof routes;

// ---------------------------------------------------------------------------------------------
// Raw requests: multipart, archives, deep JSON, query parameters

export type RawRequest = {
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
};

const UPLOAD_ROUTES = ["/api/documents", "/api/allocations/import"] as const;
const encoder = new TextEncoder();

const fileNameHeader = fc.oneof(
  fc.constant('filename="bilag.docx"'),
  fc.constant("filename*=UTF-8''%E0%A4%A"),
  fc.constant("filename*=UTF-8''bilag%20%C3%B8.pdf"),
  fc.constant("filename*=''"),
  fc.constant('filename="'),
  fc.string({ maxLength: 40 }).map((name) => `filename="${name}"`),
  fc.string({ maxLength: 40 }).map((name) => `filename*=UTF-8''${name}`),
  fc.constant(""),
);

const multipartRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    route: fc.constantFrom(...UPLOAD_ROUTES),
    boundary: fc.oneof(
      fc.constant(""),
      fc.constant("; boundary="),
      fc.constant("; boundary=xyz"),
      fc.constant('; boundary="a b"'),
      fc.string({ minLength: 1, maxLength: 90 }).map((text) => `; boundary=${text}`),
    ),
    used: fc.oneof(fc.constant("xyz"), fc.string({ maxLength: 20 })),
    parts: fc.array(
      fc.record({
        name: fc.oneof(fc.constant('name="file"'), fc.constant(""), fc.string({ maxLength: 10 })),
        file: fileNameHeader,
        content: fc.oneof(anyText, fc.constant("%PDF-1.4\n"), fc.constant("PK\u0003\u0004")),
      }),
      { maxLength: 3 },
    ),
    closed: fc.boolean(),
    crlf: fc.boolean(),
  })
  .map(({ route, boundary, used, parts, closed, crlf }) => {
    const eol = crlf ? "\r\n" : "\n";
    const body =
      parts
        .map(
          (part) =>
            `--${used}${eol}Content-Disposition: form-data; ${part.name}; ${part.file}${eol}${eol}${part.content}${eol}`,
        )
        .join("") + (closed ? `--${used}--${eol}` : "");
    return {
      kind: "multipart",
      method: "POST",
      url: route,
      headers: { "content-type": `multipart/form-data${boundary}` },
      body,
    };
  });

const rawUploadRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    route: fc.constantFrom(...UPLOAD_ROUTES),
    disposition: fileNameHeader.map((file) => `attachment; ${file}`),
    name: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
    type: fc.constantFrom("application/octet-stream", "text/plain", "", "application/pdf"),
  })
  .map(({ route, disposition, name, type }) => ({
    kind: "upload-headers",
    method: "POST",
    url: name === undefined ? route : `${route}?name=${encodeURIComponent(name)}`,
    headers: {
      "content-disposition": disposition,
      ...(type === "" ? {} : { "content-type": type }),
    },
    body: "Københavns Kommune\n\nEn tekst, der ikke er et bilag.\n",
  }));

/** Archives made once: a small real-looking .docx, a lying bomb, an .xlsx bomb, many entries. */
let archives: Uint8Array[] | undefined;
function baseArchives(): Uint8Array[] {
  archives ??= [
    docxBomb(0.05),
    docxBomb(24),
    docxBomb(24, { uncompressed: 2_000 }),
    xlsxBomb(20),
    buildZip(
      Array.from({ length: 2_100 }, (_, index) => ({
        name: index === 0 ? "word/document.xml" : `word/${index}.xml`,
        data: encoder.encode("<x/>"),
      })),
    ),
  ];
  return archives;
}

const archiveRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    route: fc.constantFrom(...UPLOAD_ROUTES),
    which: fc.nat(),
    cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined, freq: 1 }),
    flips: fc.oneof(
      fc.constant([] as Array<[number, number]>),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(255)), {
        minLength: 1,
        maxLength: 6,
      }),
    ),
  })
  .map(({ route, which, cut, flips }) => {
    const all = baseArchives();
    const base = all[which % all.length] ?? new Uint8Array();
    let bytes = base.slice(
      0,
      cut === undefined ? base.byteLength : Math.floor(base.byteLength * cut),
    );
    bytes = bytes.slice();
    for (const [where, value] of flips)
      if (bytes.byteLength > 0) bytes[Math.floor(where * (bytes.byteLength - 1))] = value;
    return {
      kind: "archive",
      method: "POST",
      url: `${route}?name=fuzz.${route.includes("allocations") ? "xlsx" : "docx"}`,
      headers: { "content-type": "application/octet-stream" },
      body: bytes,
    };
  });

const deepJsonRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    route: fc.constantFrom("/api/validate", "/api/search", "/api/ask", "/api/chat"),
    depth: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 64, max: 2_000_000 })),
    opener: fc.constantFrom("[", '{"a":', '{"text":'),
    balanced: fc.boolean(),
  })
  .map(({ route, depth, opener, balanced }) => {
    const closer = opener === "[" ? "]" : "}";
    const body = opener.repeat(depth) + "1" + (balanced ? closer.repeat(depth) : "");
    return {
      kind: "deep-json",
      method: "POST",
      url: route,
      headers: { "content-type": "application/json" },
      body,
    };
  });

const queryValue = fc.oneof(
  fc.constantFrom("2147483648", "-1", "0", "1e400", "NaN", "1.5", "0x10", "", "%", "%E0%A4%A"),
  fc.integer().map(String),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);
const queryRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    template: fc.constantFrom(
      "/api/drafts/x?version=",
      "/api/drafts/x/export?format=md&version=",
      "/api/cards?year=",
      "/api/audit-log?limit=",
      "/api/audit-log?after=",
      "/api/allocations/export?format=",
      "/api/documents?year=",
      "/api/conversations/",
      "/api/cards/",
    ),
    value: queryValue,
  })
  .map(({ template, value }) => ({
    kind: "query",
    method: "GET",
    url: template + value,
    headers: {},
  }));

export const rawRequest: fc.Arbitrary<RawRequest> = fc.oneof(
  multipartRequest,
  rawUploadRequest,
  archiveRequest,
  deepJsonRequest,
  queryRequest,
);

// ---------------------------------------------------------------------------------------------
// Targets

function createMemoryDraftStore(): DraftStore {
  const drafts = new Map<string, Draft[]>();
  return {
    async save(draft) {
      const versions = drafts.get(draft.id) ?? [];
      versions.push(draft);
      drafts.set(draft.id, versions.slice(-3));
    },
    async saveRevision(draft) {
      const versions = drafts.get(draft.id) ?? [];
      const stored = { ...draft, version: (versions.at(-1)?.version ?? 0) + 1 };
      drafts.set(draft.id, [...versions, stored].slice(-3));
      return stored;
    },
    async get(id, version) {
      const versions = drafts.get(id) ?? [];
      return version === undefined
        ? versions.at(-1)
        : versions.find((draft) => draft.version === version);
    },
    async versions(id) {
      return drafts.get(id) ?? [];
    },
    async list() {
      return [...drafts.values()].flatMap((versions) => versions.slice(-1));
    },
  };
}

/** The app as the server builds it (local mode, offline writers, uploads), over a store with the bundled corpus. */
export async function createFuzzApp() {
  const logged: string[] = [];
  const fixture = await createCorpusStore();
  const phrasing = learnDecisionPhrasing(await fixture.store.allDocuments());
  const allocations = await createAllocationFileSource(path.join(CORPUS_DIR, "allocations"));
  const app = createApp({
    store: fixture.store,
    embedder: fixture.embedder,
    allocations,
    // Uploads (documents, allocation imports) into a writable copy of the allocation files.
    importing: { allocations: createMemoryAllocationStore(await allocations.list()) },
    drafting: {
      drafts: createMemoryDraftStore(),
      assessmentWriter: createOfflineWriter(phrasing, { lexicon: await loadDanishLexicon() }),
      budgetNoteWriter: createOfflineBudgetNoteWriter(),
    },
    security: {
      auth: { mode: "local" },
      auditTrail: createMemoryAuditTrail(),
      requestTimeoutMs: CALL_TIMEOUT_MS,
    },
    log: (message, error) =>
      logged.push(`${message}: ${error instanceof Error ? error.message : String(error ?? "")}`),
  });
  return { app, logged, dispose: () => fixture.dispose() };
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const sample = (text: string) =>
  JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);

export async function runFuzz(options: {
  runs: number;
  seed?: number;
  target?: Awaited<ReturnType<typeof createFuzzApp>>;
}): Promise<FuzzReport> {
  const started = performance.now();
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const report: FuzzReport = {
    runs: options.runs,
    seed,
    http: {
      calls: 0,
      byRoute: {},
      serverErrors: [],
      knownServerErrors: [],
      hangs: [],
      badEnvelopes: [],
      slowestMs: 0,
    },
    grammar: { calls: 0, thrown: [], slow: [], slowestMs: 0 },
    raw: { calls: 0, byKind: {}, serverErrors: [], hangs: [], badEnvelopes: [], slowestMs: 0 },
    elapsedMs: 0,
  };
  const [allocationFile] = await (
    await createAllocationFileSource(path.join(CORPUS_DIR, "allocations"))
  ).list();
  if (allocationFile === undefined) throw new Error("no allocation data in corpus/allocations");
  const knownAllocation: Allocation = allocationFile.allocation;

  const grammarCall = (name: string, text: string, call: () => unknown) => {
    const callStarted = performance.now();
    try {
      call();
    } catch (error) {
      report.grammar.thrown.push(
        `${name}(${sample(text)}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const elapsed = performance.now() - callStarted;
    report.grammar.calls += 1;
    report.grammar.slowestMs = Math.max(report.grammar.slowestMs, elapsed);
    if (elapsed > GRAMMAR_LIMIT_MS)
      report.grammar.slow.push(`${name}(${sample(text)}): ${Math.round(elapsed)} ms`);
  };
  fc.assert(
    fc.property(anyText, fc.option(allocation, { nil: undefined }), (text, randomAllocation) => {
      grammarCall("extractFigures", text, () => extractFigures(text));
      grammarCall("parseDanishAmount", text, () => parseDanishAmount(text));
      grammarCall("readPeriod", text, () => readPeriod(text));
      grammarCall("readPeriod leadingOnly", text, () => readPeriod(text, { leadingOnly: true }));
      grammarCall("validateText", text, () =>
        validateText(text, knownAllocation, { budgetYear: 2027 }),
      );
      // A random allocation only when it passes the schema the routes check it with (validateText refuses others by contract).
      const parsed = AllocationSchema.safeParse(randomAllocation);
      if (parsed.success)
        grammarCall("validateText (random allocation)", text, () =>
          validateText(text, parsed.data),
        );
    }),
    { numRuns: options.runs, seed },
  );

  const owned = options.target === undefined ? await createFuzzApp() : undefined;
  const target = options.target ?? owned;
  if (target === undefined) throw new Error("no app");
  const { app, logged } = target;
  try {
    const names = Object.keys(routes) as FuzzRoute[];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.nat(),
        fc.constantFrom(
          "application/json",
          "application/json",
          "application/json",
          "application/json",
          "application/json",
          "application/json; charset=utf-8",
          "text/plain",
          "",
        ),
        async (route, index, contentType) => {
          const generator =
            index % 2 === 0
              ? routes[route]
              : (accepted[route] as fc.Arbitrary<unknown>).map((value) => JSON.stringify(value));
          const text = fc.sample(generator, { numRuns: 1, seed: seed + index })[0] ?? "";
          const callStarted = performance.now();
          logged.length = 0;
          const outcome = await withTimeout(
            (async () => {
              const response = await app.request(route, {
                method: "POST",
                headers: contentType === "" ? {} : { "content-type": contentType },
                body: text,
              });
              const raw = await response.text();
              return {
                status: response.status,
                raw,
                type: response.headers.get("content-type") ?? "",
              };
            })(),
            CALL_TIMEOUT_MS + 2_000,
          );
          const elapsed = performance.now() - callStarted;
          report.http.calls += 1;
          report.http.slowestMs = Math.max(report.http.slowestMs, elapsed);
          if (outcome === "timeout") {
            report.http.hangs.push(`${route} ${sample(text)}`);
            return;
          }
          report.http.byRoute[route] ??= {};
          const counts = report.http.byRoute[route];
          counts[String(outcome.status)] = (counts[String(outcome.status)] ?? 0) + 1;
          if (outcome.status >= 500) {
            const cause = logged.join("; ").slice(0, 300);
            const line = `${route} ${outcome.status} ${sample(text)} → ${outcome.raw.slice(0, 200)} (logged: ${cause})`;
            (KNOWN_SERVER_ERRORS.some((known) => known.test(cause))
              ? report.http.knownServerErrors
              : report.http.serverErrors
            ).push(line);
          }
          if (outcome.status >= 400) {
            try {
              const parsed = JSON.parse(outcome.raw) as {
                error?: { code?: unknown; message?: unknown };
              };
              if (
                typeof parsed.error?.code !== "string" ||
                typeof parsed.error.message !== "string"
              )
                report.http.badEnvelopes.push(
                  `${route} ${outcome.status} ${outcome.raw.slice(0, 200)}`,
                );
            } catch {
              report.http.badEnvelopes.push(
                `${route} ${outcome.status} not JSON: ${outcome.raw.slice(0, 200)}`,
              );
            }
          }
        },
      ),
      { numRuns: options.runs, seed },
    );
    await fc.assert(
      fc.asyncProperty(rawRequest, async (request) => {
        const callStarted = performance.now();
        logged.length = 0;
        const label = `${request.kind} ${request.method} ${request.url.slice(0, 120)}`;
        const outcome = await withTimeout(
          (async () => {
            const response = await app.request(request.url, {
              method: request.method,
              headers: request.headers,
              ...(request.body === undefined ? {} : { body: request.body }),
            });
            return { status: response.status, raw: await response.text() };
          })(),
          CALL_TIMEOUT_MS + 2_000,
        );
        const elapsed = performance.now() - callStarted;
        report.raw.calls += 1;
        report.raw.slowestMs = Math.max(report.raw.slowestMs, elapsed);
        if (outcome === "timeout") {
          report.raw.hangs.push(label);
          return;
        }
        report.raw.byKind[request.kind] ??= {};
        const counts = report.raw.byKind[request.kind] ?? {};
        counts[String(outcome.status)] = (counts[String(outcome.status)] ?? 0) + 1;
        if (outcome.status >= 500)
          report.raw.serverErrors.push(
            `${label} ${outcome.status} → ${outcome.raw.slice(0, 200)} (logged: ${logged.join("; ").slice(0, 300)})`,
          );
        if (outcome.status >= 400 && !/"error":\{"code":"[^"]+","message":"/u.test(outcome.raw))
          report.raw.badEnvelopes.push(`${label} ${outcome.status} ${outcome.raw.slice(0, 200)}`);
      }),
      { numRuns: options.runs, seed },
    );
  } finally {
    await owned?.dispose();
  }
  report.elapsedMs = Math.round(performance.now() - started);
  return report;
}

export function formatFuzzReport(report: FuzzReport): string {
  const lines = [
    `Fuzz: ${report.runs} cases per target, seed ${report.seed}, ${(report.elapsedMs / 1000).toFixed(1)} s`,
    `Grammar: ${report.grammar.calls} calls, ${report.grammar.thrown.length} thrown, ${report.grammar.slow.length} over ${GRAMMAR_LIMIT_MS} ms, slowest ${report.grammar.slowestMs.toFixed(1)} ms`,
    `HTTP: ${report.http.calls} calls, ${report.http.serverErrors.length} new responses ≥ 500 (+ ${report.http.knownServerErrors.length} known), ${report.http.hangs.length} hangs, ${report.http.badEnvelopes.length} error bodies outside the envelope, slowest ${Math.round(report.http.slowestMs)} ms`,
    ...Object.entries(report.http.byRoute).map(
      ([route, counts]) =>
        `  ${route}: ${Object.entries(counts)
          .sort()
          .map(([status, count]) => `${status}×${count}`)
          .join(", ")}`,
    ),
    `Raw: ${report.raw.calls} calls, ${report.raw.serverErrors.length} responses ≥ 500, ${report.raw.hangs.length} hangs, ${report.raw.badEnvelopes.length} error bodies outside the envelope, slowest ${Math.round(report.raw.slowestMs)} ms`,
    ...Object.entries(report.raw.byKind).map(
      ([kind, counts]) =>
        `  ${kind}: ${Object.entries(counts)
          .sort()
          .map(([status, count]) => `${status}×${count}`)
          .join(", ")}`,
    ),
    ...[
      ...report.raw.serverErrors,
      ...report.raw.hangs,
      ...report.raw.badEnvelopes,
      ...report.grammar.thrown,
      ...report.grammar.slow,
      ...report.http.serverErrors,
      ...report.http.hangs,
      ...report.http.badEnvelopes,
    ]
      .slice(0, 20)
      .map((line) => `  ! ${line}`),
    ...report.http.knownServerErrors.slice(0, 5).map((line) => `  known: ${line}`),
  ];
  return lines.join("\n");
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(argument("--runs") ?? 1_000);
  const seedText = argument("--seed");
  const report = await runFuzz({
    runs,
    ...(seedText === undefined ? {} : { seed: Number(seedText) }),
  });
  console.log(formatFuzzReport(report));
  const failed =
    report.grammar.thrown.length +
    report.grammar.slow.length +
    report.http.serverErrors.length +
    report.http.hangs.length +
    report.http.badEnvelopes.length +
    report.raw.serverErrors.length +
    report.raw.hangs.length +
    report.raw.badEnvelopes.length;
  process.exit(failed === 0 ? 0 : 1);
}
